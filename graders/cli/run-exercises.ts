import { join, relative } from 'node:path';
import { subjectBundleDir } from '../../bin/project.mjs';
import { useBackend } from '../../reference/backend';
import type { Check, Exercise } from '../lib/checks';
import type { CheckResult, ExerciseResult } from '../lib/results';
import { loadExercises } from '../registry';
import { Session } from '../run/session';
import type { SubjectProcess } from '../run/subject-process';
import { typecheck } from '../run/typecheck';
import { firstNotPassing } from './passing';
import { fileHash, loadProgress, saveProgress, type ProgressRecord } from './progress-store';
import { selectChecks, type Selection } from './select-checks';

export const show = (p: string) => relative(process.cwd(), p) || p;

export const fileOf = (dir: string, e: Exercise) => join(dir, e.id, e.file);

/** The first of `exercises` (teaching order) that does not pass with the file as it is now (passing.ts). */
export function nextExercise(
  exercises: readonly Exercise[],
  records: Record<string, ProgressRecord>,
  dir: string,
): Exercise | undefined {
  return firstNotPassing(exercises, records, (e) => fileOf(dir, e));
}

/** One exercise's run, with what the CLI needs beyond the checks' verdicts. */
export interface ExerciseRun {
  result: ExerciseResult;
  exercise: Exercise;
  file: string;
  selection: Selection;
}

export interface RunOptions {
  seed: number;
  typecheck: boolean;
  /** Only checks whose name contains this (see select-checks.ts); results are then not recorded. */
  check?: string;
  onStart?: (e: Exercise, file: string, selection: Selection) => void;
  onCheckStart?: (c: Check) => void;
  onCheck?: (r: CheckResult) => void;
  onEnd?: (r: ExerciseResult, run: ExerciseRun) => void;
  /** Called once the backend is known, before the first exercise. */
  onReady?: (backendLabel: string) => void;
  /** A subject process already starting (see main.ts). */
  prestarted?: Promise<SubjectProcess>;
  /** Seconds a single call may run (default: each exercise's own limit). */
  timeout?: number;
  /** Stop an exercise's run at its first failing check (watch mode); such a run is not recorded. */
  stopAtFirstFailure?: boolean;
}

/**
 * Runs exercises' checks against the files in `dir`, type-checking them alongside, and records
 * each result of a full run for `npm run progress`. A call that times out ends its exercise's run:
 * the checks after it would call the same code and wait as long again.
 */
export async function runExercises(dir: string, ids: string[], opts: RunOptions): Promise<ExerciseRun[]> {
  const targets = (await loadExercises(ids)).map((e) => ({
    exercise: e,
    file: fileOf(dir, e),
    selection: selectChecks(e, opts.check),
  }));
  const session = new Session({
    subjectProcess: {},
    bundleDir: subjectBundleDir,
    seed: opts.seed,
    show,
    prestarted: opts.prestarted,
    callTimeoutMs: opts.timeout && opts.timeout * 1000,
  });
  session.warmUp();
  // The student's process leads its own group, which a terminal's Ctrl-C does not reach: stopped
  // here, or an endless loop would keep a core busy after the command is gone.
  // Whoever ends the process (this Ctrl-C handler, watch mode's), 'exit' listeners still run.
  const closeSession = () => session.close();
  const interrupted = () => process.exit(130);
  process.on('exit', closeSession);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const bundles = targets.map((t) => session.bundle(t.exercise, t.file));
  // A compiler that cannot run is reported on every file, never a crash of the run.
  const types = opts.typecheck
    ? typecheck(targets.map((t) => t.file)).catch(
        (e: Error) => new Map(targets.map((t) => [t.file, [`the type check could not run: ${e.message}`]])),
      )
    : undefined;
  // The reference runs in this process, on the same backend choice as the subject.
  opts.onReady?.((await useBackend()).label);

  const runs: ExerciseRun[] = [];
  try {
    for (const [i, { exercise, file, selection }] of targets.entries()) {
      opts.onStart?.(exercise, file, selection);
      if (selection.checks.length === 0) continue;
      const r = await session.run(exercise, file, {
        checks: selection.checks,
        onCheck: opts.onCheck,
        onCheckStart: opts.onCheckStart,
        bundle: bundles[i],
        stopAfterTimeout: true,
        stopAfterFailure: opts.stopAtFirstFailure ? () => true : undefined,
      });
      const typeErrors = (await types)?.get(file);
      if (typeErrors?.length) Object.assign(r, { typeErrors, passed: false });
      const run = { result: r, exercise, file, selection };
      opts.onEnd?.(r, run);
      runs.push(run);
    }
  } finally {
    process.off('exit', closeSession);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    session.close();
  }
  const at = new Date().toISOString();
  const recorded = runs.filter(
    (x) => x.selection.complete && !(opts.stopAtFirstFailure && x.result.checks.length < x.selection.checks.length),
  );
  if (recorded.length > 0) {
    saveProgress(
      dir,
      Object.fromEntries(
        recorded.map(({ result: r, file }) => {
          const rec: ProgressRecord = {
            hash: fileHash(file) ?? '',
            passed: r.passed,
            passedChecks: r.checks.filter((c) => c.passed).length,
            totalChecks: r.checks.length,
            typechecked: opts.typecheck,
            at,
          };
          return [r.id, rec];
        }),
      ),
    );
  }
  return runs;
}

export { loadProgress };
