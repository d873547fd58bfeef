import { seedFor, type CheckKind, type Exercise } from '../lib/checks';
import { CheckFailure, NotImplemented } from '../lib/failure';
import { join } from 'node:path';
import { root } from '../../bin/build.mjs';
import { makeRng } from '../../reference/random';
import { bundleExercise, type BundleResult } from './bundle';
import type { Usage } from '../lib/subject';
import { HostSubject } from './host-subject';
import { SubjectHost, type HostOptions } from './subject-host';

export interface CheckResult {
  name: string;
  kind: CheckKind;
  passed: boolean;
  /** The function under test still throws the stub's error. */
  notImplemented?: boolean;
  /** The check itself failed (a fault of the course, not of the student's code). */
  crashed?: boolean;
  message?: string;
  details?: readonly string[];
  /** What the student's code printed during this check. */
  output?: string;
  ms: number;
}

export interface ExerciseResult {
  id: string;
  /** The student's file as shown in messages. */
  file: string;
  passed: boolean;
  /** Set when the file could not be bundled (syntax error, refused import, missing): no check ran. */
  compileError?: string;
  /** Set when the module's top level threw while loading. */
  loadError?: string;
  /** Compiler errors, when type-checking was asked for. */
  typeErrors?: string[];
  checks: CheckResult[];
  ms: number;
}

export interface SessionOptions {
  host: HostOptions;
  /** Where student bundles are written. */
  bundleDir: string;
  /** The run's seed; each check's seed is derived from it. */
  seed: number;
  runsScale?: number;
  /** How a path is shown to the user. */
  show: (absPath: string) => string;
  /** A subject process started early (it takes ~0.3 s to load tfjs), to use first. */
  prestarted?: Promise<SubjectHost>;
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
  private host: SubjectHost | undefined;
  private starting: Promise<SubjectHost> | undefined;

  constructor(private readonly opts: SessionOptions) {
    this.starting = opts.prestarted;
  }

  /** Starts the subject process now, so its start-up overlaps other work. */
  warmUp(): void {
    void this.getHost().catch(() => undefined);
  }

  /** The running subject process, or a new one when there is none or it was stopped. */
  private async getHost(): Promise<SubjectHost> {
    if (this.host && !this.host.dead) return this.host;
    const starting = (this.starting ??= SubjectHost.start(this.opts.host));
    try {
      this.host = await starting;
    } finally {
      if (this.starting === starting) this.starting = undefined;
    }
    return this.host;
  }

  /** Bundles a student's file; start it early, it overlaps the subject process's start-up. */
  bundle(exercise: Exercise, file: string): Promise<BundleResult> {
    const driver = exercise.driver && join(root, exercise.driver);
    return bundleExercise({ exerciseId: exercise.id, file, uses: exercise.uses, driver, outDir: this.opts.bundleDir, show: this.opts.show });
  }

  get backend(): string | undefined {
    return this.host?.backend;
  }

  async run(
    exercise: Exercise,
    file: string,
    hooks: {
      only?: (checkName: string) => boolean;
      onCheck?: (r: CheckResult) => void;
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
    const open = async (): Promise<{ host: SubjectHost; subject: HostSubject } | { error: string }> => {
      const host = await this.getHost();
      const loaded = await host.load(bundle.path);
      host.takeOutput();
      if (!loaded.ok) return { error: loaded.message };
      return { host, subject: new HostSubject(host, bundle.path, file, shown, this.opts.callTimeoutMs ?? exercise.callTimeoutMs, usage) };
    };
    let current = await open();
    if ('error' in current) return result({ loadError: current.error });

    const checks: CheckResult[] = [];
    let restarts = 0;
    for (const check of exercise.checks) {
      if (hooks.only && check.kind !== 'leak' && !hooks.only(check.name)) continue;
      const t0 = performance.now();
      // A check that stopped the student's process (a time-out, an exit) costs only that check:
      // the next one gets a fresh process, up to MAX_RESTARTS times per exercise.
      if (current.host.dead && restarts < MAX_RESTARTS) {
        restarts++;
        const reopened = await open();
        if ('error' in reopened) return result({ loadError: reopened.error, checks });
        current = reopened;
      }
      const { host, subject } = current;
      if (host.dead) {
        const r: CheckResult = { name: check.name, kind: check.kind, passed: false, message: `not run: the process running your code was stopped ${MAX_RESTARTS + 1} times in this exercise`, ms: 0 };
        checks.push(r);
        hooks.onCheck?.(r);
        continue;
      }
      const seed = seedFor(this.opts.seed, exercise.id, check.name);
      let r: CheckResult;
      const notes: string[] = [];
      try {
        await check.run({ subject, seed, rng: makeRng(seed), runsScale: this.opts.runsScale ?? 1, note: (line) => notes.push(line) });
        r = { name: check.name, kind: check.kind, passed: true, details: notes.length ? notes : undefined, ms: 0 };
      } catch (e) {
        r =
          e instanceof CheckFailure
            ? { name: check.name, kind: check.kind, passed: false, notImplemented: e instanceof NotImplemented, message: e.message, details: notes.length ? [...notes, ...(e.details ?? [])] : e.details, ms: 0 }
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
      const out = host.takeOutput();
      if (out.text) r.output = out.text.slice(0, MAX_OUTPUT_SHOWN) + (out.text.length > MAX_OUTPUT_SHOWN || out.dropped ? '\n…(output cut)' : '');
      checks.push(r);
      hooks.onCheck?.(r);
    }
    return result({ passed: checks.length > 0 && checks.every((c) => c.passed), checks });
  }

  /** Stops the subject process, including one still starting. */
  close(): void {
    this.host?.close();
    this.host = undefined;
    void this.starting?.then((h) => h.close(), () => undefined);
  }
}
