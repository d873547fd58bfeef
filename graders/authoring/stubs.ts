import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * exercises/ is generated from solutions/ (nbgrader's model): in a solution file, the lines
 * between `// BEGIN SOLUTION` and `// END SOLUTION` become one throwing line that names the
 * function and the task text. Everything else (imports, signatures, doc comments) is kept.
 */
const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION\s*$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;

/**
 * The name of the function a region sits in: the nearest declaration above it. Declarations are
 * recognised by their start (`function f`, `const f = (`, a method `f(` at the start of a line),
 * so a parameter typed as a callback (`loss: (y: T) => T,`) is not taken for one.
 */
function enclosingName(lines: string[], at: number): string {
  const patterns = [
    /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)/,
    /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s*)?(?:<[^>]*>\s*)?(?:\(|[A-Za-z_$][\w$]*\s*=>)/,
    /^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*\*?([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\(/,
  ];
  for (let i = at - 1; i >= 0; i--) {
    for (const p of patterns) {
      const m = p.exec(lines[i]!);
      if (m && !['if', 'for', 'while', 'switch', 'catch', 'return'].includes(m[1]!)) return m[1]!;
    }
  }
  return 'this function';
}

/** The stub text of one solution file; throws with file and line on unbalanced markers. */
export function makeStub(source: string, exerciseId: string, fileLabel: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let open: number | undefined;
  lines.forEach((line, i) => {
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open !== undefined)
        throw new Error(`${fileLabel}:${i + 1}: BEGIN SOLUTION inside the region opened at line ${open + 1}`);
      open = i;
      const name = enclosingName(lines, i);
      out.push(
        `${begin[1]}throw new Error('Not implemented: ${name} (${exerciseId}). The task is in exercises/${exerciseId}/README.md');`,
      );
    } else if (END.test(line)) {
      if (open === undefined) throw new Error(`${fileLabel}:${i + 1}: END SOLUTION without BEGIN SOLUTION`);
      open = undefined;
    } else if (open === undefined) {
      out.push(line);
    }
  });
  if (open !== undefined) throw new Error(`${fileLabel}:${open + 1}: BEGIN SOLUTION is never closed`);
  return out.join('\n');
}

export interface StubDiff {
  file: string;
  problem: 'missing' | 'differs' | 'extra';
}

/**
 * Compares (or, with write, regenerates) exercises/ against solutions/. Only folders of the
 * listed exercises are touched; a student's extra files are reported, never deleted.
 */
export function syncStubs(root: string, exerciseIds: string[], write: boolean): StubDiff[] {
  const diffs: StubDiff[] = [];
  for (const id of exerciseIds) {
    const from = join(root, 'solutions', id);
    const to = join(root, 'exercises', id);
    if (write) mkdirSync(to, { recursive: true });
    const names = readdirSync(from);
    for (const name of names) {
      const src = readFileSync(join(from, name), 'utf8');
      const expected = name.endsWith('.ts') ? makeStub(src, id, `solutions/${id}/${name}`) : src;
      const target = join(to, name);
      const actual = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
      if (actual === expected) continue;
      diffs.push({ file: `exercises/${id}/${name}`, problem: actual === undefined ? 'missing' : 'differs' });
      if (write) writeFileSync(target, expected);
    }
    if (existsSync(to)) {
      for (const name of readdirSync(to)) {
        if (!names.includes(name)) diffs.push({ file: `exercises/${id}/${name}`, problem: 'extra' });
      }
    }
  }
  return diffs;
}

/** True when a student's file is still exactly the generated stub (the exercise is not started). */
/**
 * Where a hand-out keeps each stub as it was handed out (it has no solutions/ to generate them
 * from): graders/stubs/<id>/<file>.
 */
export const handedOutStub = (root: string, id: string, file: string) => join(root, 'graders', 'stubs', id, file);

/** The stub of an exercise's file: generated from the solution, or as handed out; undefined when neither exists. */
export function pristineStub(root: string, id: string, file: string): string | undefined {
  const solution = join(root, 'solutions', id, file);
  if (existsSync(solution)) return makeStub(readFileSync(solution, 'utf8'), id, file);
  const handedOut = handedOutStub(root, id, file);
  return existsSync(handedOut) ? readFileSync(handedOut, 'utf8') : undefined;
}

export function isUntouchedStub(root: string, id: string, file: string): boolean {
  const exercise = join(root, 'exercises', id, file);
  const stub = pristineStub(root, id, file);
  if (stub === undefined || !existsSync(exercise)) return false;
  return readFileSync(exercise, 'utf8') === stub;
}
