import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { confinement } from '../run/confinement';
import { loadExercises } from '../registry';
import type { Exercise } from '../lib/checks';
import type { GradeJob } from './grade-student';
import { gradeAll } from './pool';
import { classResultSchema, type ClassResult, type ExerciseGrade, type StudentResult } from './result';
import { loadRubric, pointsOf } from './rubric';
import { fingerprints } from './similarity';
import { listSubmissions, stage } from './submissions';
import { typecheckClass } from './typecheck-class';

/** Address-space limit of the compiler: a whole class takes about 600 MiB. */
const TYPECHECK_MEMORY_MB = 3072;

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
  /** Limit on type-checking a class's files, and then one student's if the class goes past it. */
  typecheckTimeoutS: number;
  shard?: { index: number; count: number };
  onStart?: (total: number) => void;
  onStudent?: (done: number, result: StudentResult) => void;
}

/** Where the confined student process (another user) may go: traverse, not list. */
const TRAVERSE_ONLY = 0o711;

/**
 * Grades every submission of a folder (or a shard of it) with a pool of workers. Never loses the
 * report: whatever stops part of the grading, the students graded keep their grades and the
 * others are listed with the reason.
 */
export async function gradeClass(o: ClassOptions): Promise<ClassResult> {
  const started = new Date();
  const t0 = performance.now();
  const allExercises = await loadExercises();
  const rubric = loadRubric(o.rubricFile, allExercises);
  const known = allExercises.map((e) => e.id);
  const listed = listSubmissions(o.submissions);
  const subs = o.shard
    ? listed.submissions.filter((_, i) => i % o.shard!.count === o.shard!.index - 1)
    : listed.submissions;
  const problems = [...listed.problems];
  const results: StudentResult[] = [];
  let exercises = o.exercises ?? [];

  // Each student's files sit under a folder of random name inside one the student process can
  // traverse but not list: no student can find, or learn whether there is, another's file.
  const work = mkdtempSync(join(tmpdir(), 'd2l-grade-'));
  chmodSync(work, TRAVERSE_ONLY);
  try {
    const staged: { student: string; home: string; dir: string; problems: string[] }[] = [];
    for (const sub of subs) {
      const home = join(work, randomBytes(12).toString('hex'));
      mkdirSync(home, { mode: TRAVERSE_ONLY });
      staged.push({ student: sub.student, home, ...(await stage(sub, known, home)) });
    }
    exercises = o.exercises ?? known.filter((id) => staged.some((s) => existsSync(join(s.dir, id))));
    const fileOf = (dir: string, id: string) => join(dir, id, allExercises.find((e) => e.id === id)!.file);
    const filesOf = (dir: string) => exercises.map((id) => fileOf(dir, id)).filter((f) => existsSync(f));
    // Type-checked while the workers grade: a file that keeps the compiler busy delays nobody.
    const types = typecheckClass(
      new Map(staged.map((s) => [s.student, filesOf(s.dir)])),
      { timeoutMs: o.typecheckTimeoutS * 1000, memoryMb: TYPECHECK_MEMORY_MB },
      o.workers,
    );
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
    }));
    for (const j of jobs) mkdirSync(j.bundleDir, { mode: TRAVERSE_ONLY });

    let done = 0;
    const pool = await gradeAll(jobs, {
      workers: o.workers,
      timeLimitMs: o.timeLimitS * 1000,
      maxOf: (id) => pointsOf(rubric, id),
      onGraded: (_, graded) => o.onStudent?.(++done, { ...graded, fingerprints: {} }),
    });
    problems.push(...pool.problems);
    if (pool.leftovers.length > 0) {
      problems.push(
        `student processes were still running after their grading, and were killed: ${pool.leftovers.join('; ')}`,
      );
    }
    const { errors, overLimit } = await types;
    jobs.forEach((job, i) => {
      const graded = pool.graded[i];
      if (!graded) {
        problems.push(`${job.student}: not graded (the grading stopped before it)`);
        return;
      }
      const limit = overLimit.get(job.student);
      // Fingerprints are read here, after the grading, so that no file can slow a lane's clock.
      const student: StudentResult = { ...graded, fingerprints: fingerprintsOf(job, allExercises) };
      for (const e of student.exercises) {
        const types = errors.get(fileOf(job.dir, e.id));
        if (types?.length) e.typeErrors = types;
        if (limit && e.status !== 'missing') overTypecheckLimit(e, limit);
      }
      student.score = student.exercises.reduce((sum, e) => sum + e.score, 0);
      results.push(student);
    });
  } catch (e) {
    // A fault of the grader itself: keep what was graded, say what was not.
    const graded = new Set(results.map((r) => r.student));
    const missing = subs.map((s) => s.student).filter((name) => !graded.has(name));
    problems.push(
      `grading stopped (a fault of the grader: ${(e as Error).message})${missing.length ? `; not graded: ${missing.join(', ')}` : ''}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
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
    problems,
    students: results,
  });
}

/** Type-checking took the compiler past its limits: the exercise fails, with the reason. */
function overTypecheckLimit(e: ExerciseGrade, why: string): void {
  e.status = 'typecheck';
  e.reason = `${why} on your files, so they were not accepted (heavy type-level computation?): 0 points`;
  e.score = 0;
  for (const c of e.checks) c.score = 0;
}

/** Fingerprints of each graded exercise's files, read in this (trusted) process. */
function fingerprintsOf(job: GradeJob, allExercises: readonly Exercise[]): Record<string, number[]> {
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
