import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { root } from '../../bin/build.mjs';
import { exercises as allExercises } from '../checks/index';
import { confinement } from '../run/confinement';
import { typecheck } from '../run/typecheck';
import type { GradeJob } from './grade-student';
import { classResultSchema, exerciseGradeSchema, studentResultSchema, type ClassResult, type ExerciseGrade, type StudentResult } from './result';
import { loadRubric, pointsOf } from './rubric';
import { fingerprints } from './similarity';
import { listSubmissions, stage } from './submissions';

export interface ClassOptions {
  submissions: string;
  /** Exercise ids to grade; default: every exercise found in some submission. */
  exercises?: string[];
  rubricFile: string;
  seed: number;
  runsScale: number;
  workers: number;
  /** Wall-clock limit on grading one submission, all its exercises together. */
  timeLimitS: number;
  /** Limit on one call of a student's function. */
  callTimeoutS: number;
  memoryMb: number;
  shard?: { index: number; count: number };
  onStart?: (total: number) => void;
  onStudent?: (done: number, result: StudentResult) => void;
}

const workerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('exercise'), grade: exerciseGradeSchema }),
  z.object({ type: z.literal('result'), result: studentResultSchema.omit({ fingerprints: true }) }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);

type Graded = Omit<StudentResult, 'fingerprints'>;

/** A trusted grading process (worker.ts), leading its own process group. */
class Worker {
  private constructor(private readonly child: ChildProcess) {}

  static start(): Promise<Worker> {
    const child = fork(join(root, 'bin', 'd2l.mjs'), ['grade-worker'], { detached: true, serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(new Worker(child)));
      child.once('exit', (code) => reject(new Error(`a grading worker did not start (exit code ${code})`)));
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Grades one submission. Never rejects: a time-out or the worker's death ends the grading,
   * keeping the exercises finished so far and giving the rest 0 with the reason.
   */
  grade(job: GradeJob, timeLimitMs: number, maxOf: (id: string) => number): Promise<Graded> {
    const finished: ExerciseGrade[] = [];
    const start = performance.now();
    return new Promise((resolve) => {
      const settle = (result: Graded) => {
        clearTimeout(timer);
        this.child.removeListener('message', onMessage);
        this.child.removeListener('exit', onExit);
        resolve(result);
      };
      const cut = (reason: string, problem: string) =>
        settle({
          student: job.student,
          problems: [...job.problems, problem],
          exercises: job.exercises.map(
            (id) => finished.find((g) => g.id === id) ?? { id, status: 'timeout', reason, score: 0, maxScore: maxOf(id), checks: [], ms: 0 },
          ),
          score: finished.reduce((s, g) => s + g.score, 0),
          maxScore: job.exercises.reduce((s, id) => s + maxOf(id), 0),
          ms: performance.now() - start,
        });
      const onMessage = (raw: unknown) => {
        const m = workerMessage.safeParse(raw);
        if (!m.success) return cut('the grading process sent a malformed message', 'grading stopped: the grading process sent a malformed message');
        if (m.data.type === 'exercise') finished.push(m.data.grade);
        else if (m.data.type === 'result') settle(m.data.result);
        else if (m.data.type === 'failed') cut('the grader failed', `grading failed (a fault of the grader, not of the submission): ${m.data.message}`);
      };
      const onExit = (code: number | null, signal: string | null) =>
        cut('its grading process was stopped', `its grading process stopped (${signal ?? `exit code ${code}`}) before the end: the exercises not finished get 0`);
      const timer = setTimeout(() => {
        this.kill();
        cut(`the time limit of ${timeLimitMs / 1000} s was reached first`, `grading took longer than the limit of ${timeLimitMs / 1000} s: the exercises not finished get 0`);
      }, timeLimitMs);
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(job);
    });
  }

  /** Kills the worker and, with its group, the student's process under it. */
  kill(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}

/** Grades every submission of a folder (or a shard of it) with a pool of workers. */
export async function gradeClass(o: ClassOptions): Promise<ClassResult> {
  const started = new Date();
  const t0 = performance.now();
  const rubric = loadRubric(o.rubricFile, allExercises);
  const known = allExercises.map((e) => e.id);
  const listed = listSubmissions(o.submissions);
  const subs = o.shard ? listed.submissions.filter((_, i) => i % o.shard!.count === o.shard!.index - 1) : listed.submissions;

  // A folder the confined student process (user nobody) may read: bundles go below it.
  const work = mkdtempSync(join(tmpdir(), 'd2l-grade-'));
  chmodSync(work, 0o755);
  try {
    const staged: { student: string; home: string; dir: string; problems: string[] }[] = [];
    for (const [i, sub] of subs.entries()) {
      const home = join(work, String(i));
      mkdirSync(home, { mode: 0o755 });
      staged.push({ student: sub.student, home, ...(await stage(sub, known, home)) });
    }
    const exercises = o.exercises ?? known.filter((id) => staged.some((s) => existsSync(join(s.dir, id))));
    const fileOf = (dir: string, id: string) => join(dir, id, allExercises.find((e) => e.id === id)!.file);
    // One type check for the whole class: the compiler reads tfjs's types once, not once per student.
    const files = staged.flatMap((s) => exercises.map((id) => fileOf(s.dir, id))).filter((f) => existsSync(f));
    const types = await typecheck(files).catch((e: Error) => new Map(files.map((f) => [f, [`the type check could not run: ${e.message}`]])));
    o.onStart?.(staged.length);

    const jobs: GradeJob[] = staged.map((s) => ({
      student: s.student,
      dir: s.dir,
      bundleDir: join(s.home, 'bundles'),
      exercises,
      rubricFile: o.rubricFile,
      seed: o.seed,
      runsScale: o.runsScale,
      callTimeoutMs: o.callTimeoutS * 1000,
      memoryMb: o.memoryMb,
      problems: s.problems,
      typeErrors: Object.fromEntries(exercises.map((id) => [id, types.get(fileOf(s.dir, id)) ?? []])),
    }));
    for (const j of jobs) mkdirSync(j.bundleDir, { mode: 0o755 });

    const results: StudentResult[] = new Array(jobs.length);
    let next = 0;
    let done = 0;
    const live = new Set<Worker>();
    const start = async () => {
      const w = await Worker.start();
      live.add(w);
      return w;
    };
    // Interrupted (Ctrl-C): the workers lead their own process groups and would outlive us.
    const interrupt = () => {
      for (const w of live) w.kill();
      process.exit(130);
    };
    process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
    const lane = async () => {
      let worker = await start();
      while (next < jobs.length) {
        const i = next++;
        const graded = await worker.grade(jobs[i]!, o.timeLimitS * 1000, (id) => pointsOf(rubric, id));
        results[i] = { ...graded, fingerprints: fingerprintsOf(jobs[i]!) };
        o.onStudent?.(++done, results[i]!);
        if (!worker.alive) {
          live.delete(worker);
          worker = await start();
        }
      }
      worker.kill();
      live.delete(worker);
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(o.workers, jobs.length)) }, lane));
    } finally {
      process.removeListener('SIGINT', interrupt).removeListener('SIGTERM', interrupt);
    }

    const c = confinement(o.memoryMb);
    return classResultSchema.parse({
      tool: 'd2l-ts grade',
      seed: o.seed,
      runsScale: o.runsScale,
      exercises,
      rubric: rubric.file,
      shard: o.shard,
      sandbox: { active: c.active, missing: c.missing },
      startedAt: started.toISOString(),
      ms: performance.now() - t0,
      problems: listed.problems,
      students: results,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Fingerprints of each graded exercise's files, read in this (trusted) process. */
function fingerprintsOf(job: GradeJob): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const id of job.exercises) {
    const e = allExercises.find((x) => x.id === id)!;
    const file = join(job.dir, id, e.file);
    if (!existsSync(file)) continue;
    const stub = join(root, 'exercises', id, e.file);
    out[id] = fingerprints(readFileSync(file, 'utf8'), existsSync(stub) ? readFileSync(stub, 'utf8') : '');
  }
  return out;
}
