// The project's paths and defaults: the one place they are spelled. Plain JavaScript, because the
// launcher (d2l.mjs, build.mjs) needs them before any TypeScript is built; everything else imports
// them from here too (types in project.d.mts).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file (or the bundle it was built into) with our package.json. */
function findRoot(dir) {
  for (;;) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'd2l-ts') return dir;
    } catch {}
    const up = dirname(dir);
    if (up === dir) throw new Error('d2l-ts: cannot find the project root (package.json named d2l-ts)');
    dir = up;
  }
}

export const root = findRoot(dirname(fileURLToPath(import.meta.url)));

/** Everything the course writes for itself (not committed): builds, caches, progress, downloads. */
export const d2lDir = join(root, '.d2l');
export const buildDir = join(d2lDir, 'build');
/** Students' files bundled for their subject process. */
export const subjectBundleDir = join(buildDir, 'subjects');
/** reference/tf.ts bundled with tfjs-core and its backends: what '@tensorflow/tfjs' means in the course. */
export const tfRuntime = join(buildDir, 'tf.cjs');
export const progressFile = join(d2lDir, 'progress.json');
export const typecheckCacheFile = join(d2lDir, 'typecheck-cache.json');
/** Downloaded data sets (d2l keeps them in ../data). */
export const dataCacheDir = join(d2lDir, 'data');

/** Each exercise's checks, mutants and driver: graders/checks/<id>/. */
export const checksDir = join(root, 'graders', 'checks');
export const referenceDir = join(root, 'reference');

/** Seed of students' runs and of the self-test: fixed, so a failure replays. Grading draws fresh ones. */
export const DEFAULT_SEED = 42;

/** The implementations that have a name: the student's files (the default) and the model solutions. */
export const IMPLEMENTATIONS = ['exercises', 'solutions'];

/** The folder of NN-slug folders that `--impl <name or folder>` means. */
export function implRoot(impl) {
  return IMPLEMENTATIONS.includes(impl) ? join(root, impl) : resolve(impl);
}
