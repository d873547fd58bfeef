import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { confinement } from '../run/confinement';
import { typecheck } from '../run/typecheck';
import { loadExercises } from '../registry';
import type { Exercise } from '../lib/checks';
import type { GradeJob } from './grade-student';
import { gradeAll } from './pool';
import { classResultSchema, type ClassResult, type StudentResult } from './result';
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

/** Grades every submission of a folder (or a shard of it) with a pool of workers. */
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
    const types = await typecheck(files).catch(
      (e: Error) => new Map(files.map((f) => [f, [`the type check could not run: ${e.message}`]])),
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
      typeErrors: Object.fromEntries(exercises.map((id) => [id, types.get(fileOf(s.dir, id)) ?? []])),
    }));
    for (const j of jobs) mkdirSync(j.bundleDir, { mode: 0o755 });

    const results: StudentResult[] = new Array(jobs.length);
    let done = 0;
    await gradeAll(jobs, {
      workers: o.workers,
      timeLimitMs: o.timeLimitS * 1000,
      maxOf: (id) => pointsOf(rubric, id),
      onGraded: (i, graded) => {
        results[i] = { ...graded, fingerprints: fingerprintsOf(jobs[i]!, allExercises) };
        o.onStudent?.(++done, results[i]!);
      },
    });

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
