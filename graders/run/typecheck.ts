import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { buildDir, root, typecheckCacheFile } from '../../bin/project.mjs';
import { addressSpaceLimit } from './confinement';

/**
 * The native compiler's executable, as typescript's own getExePath finds it. node_modules/.bin/tsc
 * is a Node wrapper that starts it: calling it directly saves the wrapper's ~0.25 s.
 */
function compilerPath(): string {
  try {
    const pkg = createRequire(join(root, 'package.json')).resolve(
      `@typescript/typescript-${process.platform}-${process.arch}/package.json`,
    );
    const exe = join(dirname(pkg), 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
    if (existsSync(exe)) return exe;
  } catch {
    // not installed for this platform: use the wrapper
  }
  return join(root, 'node_modules', '.bin', 'tsc');
}

const CACHE = typecheckCacheFile;

/**
 * Everything a student's file is type-checked against besides itself: the compiler settings, the
 * packages, and the course modules (reference/) it may import. A change to any of them makes
 * every cached result stale.
 */
function courseStamp(): string {
  const h = createHash('sha256');
  const files = [
    'tsconfig.json',
    'tsconfig.students.json',
    'package-lock.json',
    ...readdirSync(join(root, 'reference'), { recursive: true })
      .map((f) => join('reference', String(f)))
      .filter((f) => f.endsWith('.ts'))
      .sort(),
  ];
  for (const f of files) {
    h.update(f);
    try {
      h.update(readFileSync(join(root, f)));
    } catch {
      // a missing file stamps as its name alone
    }
  }
  return h.digest('hex');
}

let prlimitFound: boolean | undefined;
function hasPrlimit(): boolean {
  prlimitFound ??= spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).status === 0;
  return prlimitFound;
}

function readCache(): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(CACHE, 'utf8')) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/**
 * The compiler went past its time or memory limit, or its runtime died on the files (a file with
 * heavy type-level computation).
 */
export class TypecheckLimitError extends Error {
  override name = 'TypecheckLimitError';
}

export interface TypecheckLimits {
  /** Kills the compiler after this long. */
  timeoutMs?: number;
  /** Address-space limit of the compiler (prlimit --as, where present). */
  memoryMb?: number;
}

/**
 * Type-checks the given files with the project's TypeScript (tsgo, the native compiler, ~0.4 s)
 * and returns the errors of each file, in the compiler's words. Results are cached by file
 * content, so an unchanged file is not checked again. Past its limits the compiler is killed and
 * the promise rejects with a TypecheckLimitError, as it does when the compiler dies: a few
 * type-level statements can keep it busy for minutes and gigabytes
 * (fixtures/submissions/typecheck-stall).
 */
export async function typecheck(files: string[], limits: TypecheckLimits = {}): Promise<Map<string, string[]>> {
  const stamp = courseStamp();
  const key = (f: string) => createHash('sha256').update(stamp).update(f).update(readFileSync(f)).digest('hex');
  const cache = readCache();
  const result = new Map<string, string[]>();
  const todo: string[] = [];
  for (const f of files) {
    let k: string;
    try {
      k = key(f);
    } catch {
      continue; // a missing file is reported by the bundler
    }
    const hit = cache[k];
    if (hit) result.set(f, hit);
    else todo.push(f);
  }
  if (todo.length === 0) return result;

  mkdirSync(buildDir, { recursive: true });
  const config = join(buildDir, `tsconfig.${process.pid}.${Date.now()}.json`);
  // Absolute paths, so a submission outside the project resolves tfjs and the course modules too.
  const paths = {
    '@tensorflow/tfjs': [join(root, 'node_modules', '@tensorflow', 'tfjs')],
    'd2l-ts/reference/*': [join(root, 'reference', '*')],
  };
  // Students' files get console but not the rest of Node's types (see types/student-globals.d.ts).
  const globals = join(root, 'graders', 'run', 'types', 'student-globals.d.ts');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(root, 'tsconfig.students.json'),
      compilerOptions: { paths, types: [] },
      include: [],
      files: [globals, ...todo],
    }),
  );
  const tsc = compilerPath();
  // Single-threaded: it runs beside the student's process and the checks on a small machine.
  const args = ['-p', config, '--pretty', 'false', '--singleThreaded'];
  // The address-space limit the student's process gets (confinement.ts).
  const argv = limits.memoryMb && hasPrlimit() ? [...addressSpaceLimit(limits.memoryMb), tsc, ...args] : [tsc, ...args];
  const output = await new Promise<string>((done, fail) => {
    execFile(
      argv[0]!,
      argv.slice(1),
      { cwd: root, maxBuffer: 16 << 20, timeout: limits.timeoutMs ?? 0, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        rmSync(config, { force: true });
        const beyond = limits.timeoutMs !== undefined ? `${limits.timeoutMs / 1000} s` : 'its limits';
        const died = /^(fatal error|panic): .*$/m.exec(stderr);
        if (err?.killed || err?.signal) fail(new TypecheckLimitError(`type-checking took longer than ${beyond}`));
        // A Go runtime out of address space dies with "out of memory" on stderr.
        else if (err && /out of memory|cannot allocate memory/i.test(stderr)) {
          fail(new TypecheckLimitError(`type-checking needed more than ${limits.memoryMb} MiB`));
        }
        // Any other death of the Go runtime (a stack overflow, say) exits 2 like a run that found
        // errors, with none listed: without this it would read as a clean result.
        else if (err && died) fail(new TypecheckLimitError(`the TypeScript compiler died (${died[0]})`));
        // tsc exits non-zero when it finds errors; only a failure to start is a failure here.
        else if (err && typeof err.code !== 'number')
          fail(new Error(`could not run the TypeScript compiler (${tsc}): ${err.message}`));
        else done(`${stdout}${stderr}`);
      },
    );
  });
  const errors = new Map<string, string[]>(todo.map((f) => [f, []]));
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    if (m) {
      const file = resolve(root, m[1]!);
      current = errors.get(file);
      current?.push(`${relative(process.cwd(), file)}:${m[2]}:${m[3]}: ${m[4]}`);
    } else if (line.startsWith(' ') && current && current.length > 0) {
      current[current.length - 1] += `\n  ${line.trim()}`;
    } else {
      current = undefined;
    }
  }
  const fresh = readCache();
  for (const [f, errs] of errors) {
    result.set(f, errs);
    fresh[key(f)] = errs;
  }
  const tmp = `${CACHE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(fresh));
  renameSync(tmp, CACHE);
  return result;
}
