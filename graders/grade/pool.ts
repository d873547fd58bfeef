/**
 * The grading workers: trusted processes (worker.ts, started from their own bundle), each leading
 * its own process group with the student's process inside it. The pool hands one submission at a
 * time to each worker, enforces the wall-clock limit per submission, and replaces a worker after
 * any kill or death, so the next submission never meets a dying worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { z } from 'zod';
import { ensureBuilt } from '../../bin/build.mjs';
import type { GradeJob } from './grade-student';
import { killLeftoversAfter } from './leftovers';
import { exerciseGradeSchema, studentResultSchema, type ExerciseGrade, type StudentResult } from './result';

const workerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('exercise'), grade: exerciseGradeSchema }),
  z.object({ type: z.literal('result'), result: studentResultSchema.omit({ fingerprints: true }) }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);

/** A submission's grades before the orchestrator adds its fingerprints. */
export type Graded = Omit<StudentResult, 'fingerprints'>;

class Worker {
  private constructor(private readonly child: ChildProcess) {}

  /** The worker's process group, which the student processes under it stay in. */
  get group(): number {
    return this.child.pid!;
  }

  static async start(): Promise<Worker> {
    const entry = await ensureBuilt('grade-worker', 'graders/grade/worker.ts');
    const child = fork(entry, [], {
      detached: true,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    // A failed send or a dead channel must not crash the orchestrator: grade() reports it.
    child.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(new Worker(child)));
      child.once('exit', (code) => reject(new Error(`a grading worker did not start (exit code ${code})`)));
    });
  }

  /** False once the worker was killed or exited: it must not be given another submission. */
  private usable = true;

  get alive(): boolean {
    return this.usable && this.child.exitCode === null && this.child.signalCode === null;
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
      const cut = (reason: string, problem: string) => {
        // Whatever stopped this grading, the worker is not trusted with another one.
        this.kill();
        settle({
          student: job.student,
          problems: [...job.problems, problem],
          exercises: job.exercises.map(
            (id) =>
              finished.find((g) => g.id === id) ?? {
                id,
                status: 'timeout',
                reason,
                score: 0,
                maxScore: maxOf(id),
                checks: [],
                ms: 0,
              },
          ),
          score: finished.reduce((s, g) => s + g.score, 0),
          maxScore: job.exercises.reduce((s, id) => s + maxOf(id), 0),
          ms: performance.now() - start,
        });
      };
      const onMessage = (raw: unknown) => {
        const m = workerMessage.safeParse(raw);
        if (!m.success)
          return cut(
            'the grading process sent a malformed message',
            'grading stopped: the grading process sent a malformed message',
          );
        if (m.data.type === 'exercise') finished.push(m.data.grade);
        else if (m.data.type === 'result') settle(m.data.result);
        else if (m.data.type === 'failed')
          cut('the grader failed', `grading failed (a fault of the grader, not of the submission): ${m.data.message}`);
      };
      const onExit = (code: number | null, signal: string | null) =>
        cut(
          'its grading process was stopped',
          `its grading process stopped (${signal ?? `exit code ${code}`}) before the end: the exercises not finished get 0`,
        );
      const timer = setTimeout(
        () =>
          cut(
            `the time limit of ${timeLimitMs / 1000} s was reached first`,
            `grading took longer than the limit of ${timeLimitMs / 1000} s: the exercises not finished get 0`,
          ),
        timeLimitMs,
      );
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(
        job,
        (e) =>
          e &&
          cut(
            'its grading process could not be reached',
            `its grading process could not be reached (${e.message}): the exercises get 0`,
          ),
      );
    });
  }

  /** Kills the worker and, with its group, the student's process under it. */
  kill(): void {
    this.usable = false;
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }
}

export interface PoolOptions {
  workers: number;
  timeLimitMs: number;
  maxOf: (exerciseId: string) => number;
  onGraded?: (index: number, graded: Graded) => void;
}

export interface PoolResult {
  /** Each job's grades, in the jobs' order; undefined for a job that could not be graded. */
  graded: (Graded | undefined)[];
  /** What went wrong with the pool itself (a worker that would not start), in one line each. */
  problems: string[];
  /** Processes found alive in a worker's group after the grading, killed (there should be none). */
  leftovers: string[];
}

/**
 * Grades every job with a pool of workers. Never rejects: a worker that cannot start leaves its
 * jobs ungraded with the reason, and whatever was graded comes back. At the end every worker's
 * process group is checked for processes left alive, which are killed and named.
 */
export async function gradeAll(jobs: GradeJob[], o: PoolOptions): Promise<PoolResult> {
  const graded: (Graded | undefined)[] = new Array(jobs.length).fill(undefined);
  const problems: string[] = [];
  const groups = new Set<number>();
  let next = 0;
  const live = new Set<Worker>();
  const start = async () => {
    const w = await Worker.start();
    live.add(w);
    groups.add(w.group);
    return w;
  };
  // Interrupted (Ctrl-C): the workers lead their own process groups and would outlive us.
  const interrupt = () => {
    for (const w of live) w.kill();
    process.exit(130);
  };
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const lane = async () => {
    let worker: Worker | undefined;
    try {
      while (next < jobs.length) {
        if (!worker?.alive) {
          if (worker) live.delete(worker);
          worker = await start();
        }
        const i = next++;
        graded[i] = await worker.grade(jobs[i]!, o.timeLimitMs, o.maxOf);
        o.onGraded?.(i, graded[i]!);
      }
    } catch (e) {
      problems.push(`a grading worker failed: ${(e as Error).message}`);
    } finally {
      worker?.kill();
      if (worker) live.delete(worker);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.workers, jobs.length)) }, lane));
  } finally {
    process.removeListener('SIGINT', interrupt).removeListener('SIGTERM', interrupt);
    for (const w of live) w.kill();
  }
  return { graded, problems, leftovers: await killLeftoversAfter(groups) };
}
