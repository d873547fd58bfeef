import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { bundleOptions } from '../../bin/build.mjs';
import { root } from '../../bin/project.mjs';
import { handedOutStub, pristineStub } from '../authoring/stubs';
import { allExerciseIds } from '../curriculum';
import { availableIds, loadExercises } from '../registry';
import { misconceptionsFile, parseMisconceptions, sourcesHash } from './misconceptions';
import { out } from './report';
import { show } from './run-exercises';
import { resolveTargets } from './targets';

/**
 * What a class hand-out leaves out, and why: anything that holds an answer.
 * - solutions/: the model solutions.
 * - graders/checks/<id>/mutants.ts: wrong answers written as edits of the solution, quoting it.
 * - fixtures/submissions/, fixtures/sample-class.ts, fixtures/hostile-archives.ts: the sample
 *   class, whose good submissions are answers; fixtures/student-errors/: variants of a solution.
 * - fixtures/golden/: numpy implementations of the references.
 * - scripts/bench/: benchmarks, with PyTorch implementations of the course's models.
 * - selftest/, graders/**\/*.test.ts, .ci/: the course's own tests, which run the solutions.
 * - rubrics/: the instructor's.
 */
const LEFT_OUT: RegExp[] = [
  /^solutions\//,
  /^graders\/checks\/[^/]+\/mutants\.ts$/,
  /^fixtures\/(submissions|student-errors|golden)\//,
  /^fixtures\/(sample-class|hostile-archives)\.ts$/,
  /^scripts\/bench(\/|\.ts$)/,
  /^selftest\//,
  /^graders\/.*\.test\.ts$/,
  /^\.ci\//,
  /^rubrics\//,
];

/** The scripts a student runs; the authors' and instructors' need what the hand-out leaves out. */
const STUDENT_SCRIPTS = ['postinstall', 'test', 'progress', 'watch', 'hint', 'reset', 'solution', 'lint', 'format'];

/** Files under an exercise's own paths, for the exercises after the hand-out's last one. */
const exercisePaths = (id: string) => [`exercises/${id}/`, `graders/checks/${id}/`, `reference/${id}.ts`];

/**
 * `npm run handout -- <folder> [--exercises 05 06]`: the students' repository. It ends with the
 * last assigned exercise (default: every exercise); later ones are not in it. The references are
 * the oracle: the checks compare with them on the student's machine, so a hand-out cannot hold the
 * checks without them. It holds the assigned exercises' references only inside the prebuilt,
 * minified command line (bin/cli.frozen.cjs), not as source, except where an exercise in the
 * hand-out imports one as a building block (its `uses`, or a course module): those stay, and are
 * named. Hidden, not secret: a student determined to read minified code can; the grader's
 * similarity report compares every submission with the references and the model solutions.
 */
export async function handoutCommand(folder: string, o: { exercises?: string[] }): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  const target = resolve(folder);
  if (existsSync(target) && readdirSync(target).length > 0) return fail(`${folder}: exists and is not empty`);
  let assigned = [...availableIds];
  if (o.exercises) {
    const t = resolveTargets(o.exercises, new Set(availableIds));
    if (!t.ok) return fail(t.error);
    assigned = t.ids;
  }
  const last = Math.max(...assigned.map((id) => allExerciseIds.indexOf(id)));
  const later = allExerciseIds.slice(last + 1);
  let tracked: string[];
  try {
    tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return fail('the hand-out is made from a git clone of the course (git ls-files lists what it holds)');
  }
  const laterPaths = later.flatMap(exercisePaths);
  const laterScript = (f: string) => later.some((id) => f.startsWith(`scripts/train/${id}`));
  let files = tracked.filter(
    (f) =>
      existsSync(join(root, f)) &&
      !LEFT_OUT.some((p) => p.test(f)) &&
      !laterPaths.some((p) => f.startsWith(p)) &&
      !laterScript(f),
  );
  // A misconceptions file is kept only while it matches the checks and mutants it was made from.
  const exercises = await loadExercises(availableIds.filter((id) => !later.includes(id)));
  files = files.filter((f) => {
    const e = exercises.find((x) => f === `graders/checks/${x.id}/misconceptions.json`);
    if (!e) return true;
    const known = parseMisconceptions(readFileSync(misconceptionsFile(e.id), 'utf8'), f);
    return known.sources === sourcesHash(e);
  });

  mkdirSync(target, { recursive: true });
  for (const f of files) {
    mkdirSync(dirname(join(target, f)), { recursive: true });
    copyFileSync(join(root, f), join(target, f));
  }
  // The stubs as handed out: reset and "not started" compare with them (there is no solutions/).
  for (const e of exercises) {
    const stub = pristineStub(root, e.id, e.file);
    if (stub === undefined) continue;
    const file = handedOutStub(target, e.id, e.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, stub);
  }
  // The command line, with every check and reference it needs, built from the hand-out's files.
  const { build } = await import('esbuild');
  const built = await build({ ...bundleOptions('graders/cli/main.ts', target), minify: true });
  writeFileSync(join(target, 'bin', 'cli.frozen.cjs'), built.outputFiles[0]!.contents);

  const kept: string[] = [];
  const removed: string[] = [];
  for (const id of assigned) {
    const ref = `reference/${id}.ts`;
    if (!existsSync(join(target, ref))) continue;
    const users = buildingBlockUsers(target, files, id, exercises);
    if (users.length > 0) kept.push(`${ref} stays: ${users.join(', ')} import${users.length === 1 ? 's' : ''} it`);
    else {
      rmSync(join(target, ref));
      removed.push(ref);
    }
  }
  writePackageJson(target);
  writeFileSync(join(target, 'HANDOUT.md'), handoutNote(assigned, later, removed, kept));
  out(`wrote ${show(target)}: ${files.length} files, exercises up to ${allExerciseIds[last]}`);
  out(`left out: solutions/, mutants, the sample class, golden generators, benchmarks, the self-test, rubrics`);
  if (removed.length) out(`references compiled into bin/cli.frozen.cjs only: ${removed.join(', ')}`);
  for (const k of kept) out(k);
  return 0;
}

/** Who imports reference/<id> in the hand-out, besides the checks (frozen) and itself. */
function buildingBlockUsers(
  target: string,
  files: string[],
  id: string,
  exercises: readonly { id: string; uses: string[] }[],
): string[] {
  const users = exercises.filter((e) => e.uses.includes(id)).map((e) => e.id);
  const imports = new RegExp(`from ['"][^'"]*reference/${id}['"]`);
  for (const f of files) {
    if (!f.endsWith('.ts') || f.startsWith('graders/checks/') || f === `reference/${id}.ts`) continue;
    if (existsSync(join(target, f)) && imports.test(readFileSync(join(target, f), 'utf8'))) users.push(f);
  }
  return [...new Set(users)];
}

function writePackageJson(target: string): void {
  const file = join(target, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { scripts: Record<string, string> };
  pkg.scripts = Object.fromEntries(Object.entries(pkg.scripts).filter(([k]) => STUDENT_SCRIPTS.includes(k)));
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
}

function handoutNote(assigned: string[], later: string[], removed: string[], kept: string[]): string {
  return `# This is a class hand-out

Made by \`npm run handout\` for the exercises ${assigned.join(', ')}. It holds no model solutions, no
mutants, no sample submissions and no golden-value generators${later.length ? `, and no exercise after ${assigned.at(-1)}` : ''}.
The checks run as in the full course: \`npm test -- <exercise>\`, \`npm run watch\`, \`npm run hint\`,
\`npm run reset\`, \`npm run progress\`.

${removed.length ? `The references of ${removed.map((r) => r.replace(/^reference\/|\.ts$/g, '')).join(', ')} (the oracle the checks compare with) are only inside the prebuilt command line, \`bin/cli.frozen.cjs\`.\n` : ''}${kept.length ? `${kept.map((k) => `- ${k} as a building block`).join('\n')}\n` : ''}
Submissions are compared with the references and the model solutions when they are graded.
`;
}
