import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { makeRng } from '../../reference/random';
import { seedFor, type Check, type Exercise } from '../lib/checks';
import { CheckFailure, NotImplemented } from '../lib/failure';
import type { CheckResult, ExerciseResult } from '../lib/results';
import type { Usage } from '../lib/subject';
import { bundleExercise, type BundleResult } from './bundle';
import { RemoteSubject } from './remote-subject';
import { SubjectProcess, type ProcessOptions } from './subject-process';

export interface SessionOptions {
  /** How the subject process is started and confined. */
  subjectProcess: ProcessOptions;
  /** Where student bundles are written. */
  bundleDir: string;
  /** The run's seed; each check's seed is derived from it. */
  seed: number;
  runsScale?: number;
  /** How a path is shown to the user. */
  show: (absPath: string) => string;
  /** A subject process started early (it takes ~0.3 s to load tfjs), to use first. */
  prestarted?: Promise<SubjectProcess>;
  /** Overrides every exercise's limit on a single call. */
  callTimeoutMs?: number;
}

const MAX_OUTPUT_SHOWN = 2000;
const MAX_RESTARTS = 2;

/**
 * Runs exercises' checks against students' files. One subject process serves many exercises;
 * when one dies (a time-out, a crash), the next exercise gets a fresh one.
 */
export class Session {
  private proc: SubjectProcess | undefined;
  private starting: Promise<SubjectProcess> | undefined;

  constructor(private readonly opts: SessionOptions) {
    this.starting = opts.prestarted;
  }

  /** Starts the subject process now, so its start-up overlaps other work. */
  warmUp(): void {
    void this.getProcess().catch(() => undefined);
  }

  /** The running subject process, or a new one when there is none or it was stopped. */
  private async getProcess(): Promise<SubjectProcess> {
    if (this.proc && !this.proc.dead) return this.proc;
    this.starting ??= SubjectProcess.start(this.opts.subjectProcess);
    const starting = this.starting;
    try {
      this.proc = await starting;
    } finally {
      if (this.starting === starting) this.starting = undefined;
    }
    return this.proc;
  }

  /** Bundles a student's file; start it early, it overlaps the subject process's start-up. */
  bundle(exercise: Exercise, file: string): Promise<BundleResult> {
    const driver = exercise.driver && join(root, exercise.driver);
    return bundleExercise({
      exerciseId: exercise.id,
      file,
      uses: exercise.uses,
      driver,
      outDir: this.opts.bundleDir,
      show: this.opts.show,
    });
  }

  get backend(): string | undefined {
    return this.proc?.backend;
  }

  async run(
    exercise: Exercise,
    file: string,
    hooks: {
      only?: (checkName: string) => boolean;
      /** The checks to run, in this order (default: the exercise's, in its order). */
      checks?: readonly Check[];
      /** After a failing check at this position of the run: true stops the run there. */
      stopAfterFailure?: (position: number) => boolean;
      onCheck?: (r: CheckResult) => void;
      /** Before each check runs (a student's run says what is taking long while it happens). */
      onCheckStart?: (check: Check) => void;
      /**
       * After a call timed out, the checks left are not run (a student's run: the same function would
       * loop again, a minute of silence); grading keeps going, as other functions may still earn points.
       */
      stopAfterTimeout?: boolean;
      /** The file's bundle, if it was started earlier (see bundle()). */
      bundle?: Promise<BundleResult>;
    } = {},
  ): Promise<ExerciseResult> {
    const start = performance.now();
    const shown = this.opts.show(file);
    const result = (part: Partial<ExerciseResult>): ExerciseResult => ({
      id: exercise.id,
      file: shown,
      passed: false,
      checks: [],
      ms: performance.now() - start,
      ...part,
    });
    const bundle = await (hooks.bundle ?? this.bundle(exercise, file));
    if (!bundle.ok) return result({ compileError: bundle.message });
    const usage = new Map<string, Usage>();
    const open = async (): Promise<{ proc: SubjectProcess; subject: RemoteSubject } | { error: string }> => {
      const proc = await this.getProcess();
      const loaded = await proc.load(bundle.path);
      proc.takeOutput();
      if (!loaded.ok) return { error: loaded.message };
      return {
        proc,
        subject: new RemoteSubject(
          proc,
          bundle.path,
          file,
          shown,
          this.opts.callTimeoutMs ?? exercise.callTimeoutMs,
          usage,
        ),
      };
    };
    let current = await open();
    if ('error' in current) return result({ loadError: current.error });

    const checks: CheckResult[] = [];
    let restarts = 0;
    let timedOut = false;
    for (const [position, check] of (hooks.checks ?? exercise.checks).entries()) {
      if (hooks.only && check.kind !== 'leak' && !hooks.only(check.name)) continue;
      if (timedOut) {
        const r: CheckResult = {
          name: check.name,
          kind: check.kind,
          passed: false,
          message: 'not run: a call of your code did not return in an earlier check',
          notRunAfterTimeout: true,
          ms: 0,
        };
        checks.push(r);
        hooks.onCheck?.(r);
        continue;
      }
      const t0 = performance.now();
      // A check that stopped the student's process (a time-out, an exit) costs only that check:
      // the next one gets a fresh process, up to MAX_RESTARTS times per exercise.
      if (current.proc.dead && restarts < MAX_RESTARTS) {
        restarts++;
        const reopened = await open();
        if ('error' in reopened) return result({ loadError: reopened.error, checks });
        current = reopened;
      }
      const { proc, subject } = current;
      if (proc.dead) {
        const r: CheckResult = {
          name: check.name,
          kind: check.kind,
          passed: false,
          message: `not run: the process running your code was stopped ${MAX_RESTARTS + 1} times in this exercise`,
          ms: 0,
        };
        checks.push(r);
        hooks.onCheck?.(r);
        continue;
      }
      const seed = seedFor(this.opts.seed, exercise.id, check.name);
      hooks.onCheckStart?.(check);
      let r: CheckResult;
      const notes: string[] = [];
      try {
        await check.run({
          subject,
          seed,
          rng: makeRng(seed),
          runsScale: this.opts.runsScale ?? 1,
          note: (line) => notes.push(line),
        });
        r = { name: check.name, kind: check.kind, passed: true, details: notes.length ? notes : undefined, ms: 0 };
      } catch (e) {
        r =
          e instanceof CheckFailure
            ? {
                name: check.name,
                kind: check.kind,
                passed: false,
                notImplemented: e instanceof NotImplemented,
                message: e.message,
                details: notes.length ? [...notes, ...(e.details ?? [])] : e.details,
                ms: 0,
              }
            : {
                name: check.name,
                kind: check.kind,
                passed: false,
                crashed: true,
                message: 'the check itself failed: a fault of the course, not of your code (please report it)',
                details: [e instanceof Error ? (e.stack ?? e.message) : String(e)],
                ms: 0,
              };
      }
      r.ms = performance.now() - t0;
      const out = proc.takeOutput();
      if (out.text)
        r.output =
          out.text.slice(0, MAX_OUTPUT_SHOWN) +
          (out.text.length > MAX_OUTPUT_SHOWN || out.dropped ? '\n…(output cut)' : '');
      checks.push(r);
      hooks.onCheck?.(r);
      if (hooks.stopAfterTimeout && proc.timedOut) timedOut = true;
      if (!r.passed && hooks.stopAfterFailure?.(position)) break;
    }
    return result({ passed: checks.length > 0 && checks.every((c) => c.passed), checks });
  }

  /** Stops the subject process, including one still starting. */
  close(): void {
    this.proc?.close();
    this.proc = undefined;
    void this.starting?.then(
      (h) => h.close(),
      () => undefined,
    );
  }
}
