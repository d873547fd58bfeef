import { join, relative } from 'node:path';
import { subjectBundleDir } from '../../bin/project.mjs';
import { useBackend } from '../../reference/backend';
import type { Exercise } from '../lib/checks';
import type { CheckResult, ExerciseResult } from '../lib/results';
import { loadExercises } from '../registry';
import { Session } from '../run/session';
import type { SubjectProcess } from '../run/subject-process';
import { typecheck } from '../run/typecheck';
import { fileHash, loadProgress, saveProgress, type ProgressRecord } from './progress-store';

export const show = (p: string) => relative(process.cwd(), p) || p;

export const fileOf = (dir: string, e: Exercise) => join(dir, e.id, e.file);

/** The first of `exercises` (teaching order) that is not passing with the file as it is now. */
export function nextExercise(
  exercises: readonly Exercise[],
  records: Record<string, ProgressRecord>,
  dir: string,
): Exercise | undefined {
  return exercises.find((e) => {
    const r = records[e.id];
    return !(r?.passed && r.hash === fileHash(fileOf(dir, e)));
  });
}

export interface RunOptions {
  seed: number;
  typecheck: boolean;
  /** Only checks whose name contains this (the leak check always runs); results are then not recorded. */
  check?: string;
  onStart?: (e: Exercise, file: string) => void;
  onCheck?: (r: CheckResult) => void;
  onEnd?: (r: ExerciseResult) => void;
  /** Called once the backend is known, before the first exercise. */
  onReady?: (backendLabel: string) => void;
  /** A subject process already starting (see main.ts). */
  prestarted?: Promise<SubjectProcess>;
  /** Seconds a single call may run (default: each exercise's own limit). */
  timeout?: number;
}

/**
 * Runs exercises' checks against the files in `dir`, type-checking them alongside, and records
 * each result (unless only some checks ran) for `npm run progress`.
 */
export async function runExercises(dir: string, ids: string[], opts: RunOptions): Promise<ExerciseResult[]> {
  const targets = (await loadExercises(ids)).map((e) => ({ exercise: e, file: fileOf(dir, e) }));
  const session = new Session({
    subjectProcess: {},
    bundleDir: subjectBundleDir,
    seed: opts.seed,
    show,
    prestarted: opts.prestarted,
    callTimeoutMs: opts.timeout && opts.timeout * 1000,
  });
  session.warmUp();
  const bundles = targets.map((t) => session.bundle(t.exercise, t.file));
  // A compiler that cannot run is reported on every file, never a crash of the run.
  const types = opts.typecheck
    ? typecheck(targets.map((t) => t.file)).catch(
        (e: Error) => new Map(targets.map((t) => [t.file, [`the type check could not run: ${e.message}`]])),
      )
    : undefined;
  // The reference runs in this process, on the same backend choice as the subject.
  opts.onReady?.((await useBackend()).label);

  const only = opts.check ? (name: string) => name.toLowerCase().includes(opts.check!.toLowerCase()) : undefined;
  const results: ExerciseResult[] = [];
  try {
    for (const [i, { exercise, file }] of targets.entries()) {
      opts.onStart?.(exercise, file);
      const r = await session.run(exercise, file, { only, onCheck: opts.onCheck, bundle: bundles[i] });
      const typeErrors = (await types)?.get(file);
      if (typeErrors?.length) Object.assign(r, { typeErrors, passed: false });
      opts.onEnd?.(r);
      results.push(r);
    }
  } finally {
    session.close();
  }
  if (!only) {
    const at = new Date().toISOString();
    saveProgress(
      dir,
      Object.fromEntries(
        results.map((r) => {
          const rec: ProgressRecord = {
            hash: fileHash(targets.find((t) => t.exercise.id === r.id)!.file) ?? '',
            passed: r.passed,
            passedChecks: r.checks.filter((c) => c.passed).length,
            totalChecks: r.checks.length,
            at,
          };
          return [r.id, rec];
        }),
      ),
    );
  }
  return results;
}

export { loadProgress };
