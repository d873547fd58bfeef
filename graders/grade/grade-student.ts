import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseBackend, sandboxBackend, useBackend } from '../../reference/backend';
import type { Exercise } from '../lib/checks';
import type { ExerciseResult } from '../lib/results';
import { loadExercises } from '../registry';
import { Session } from '../run/session';
import type { ExerciseGrade, StudentResult } from './result';
import { loadRubric, scoreChecks, pointsOf, type Rubric } from './rubric';

/** One student's grading, as the orchestrator hands it to a worker. */
export interface GradeJob {
  student: string;
  /** The staged submission: a folder of NN-slug folders (see submissions.ts). */
  dir: string;
  /** Where the student's bundles are written: the only folder of theirs their process may read. */
  bundleDir: string;
  exercises: string[];
  rubricFile: string;
  seed: number;
  runsScale: number;
  callTimeoutMs: number;
  memoryMb: number;
  problems: string[];
}

const OUTPUT_LIMIT = 16 * 1024;

function toGrade(e: Exercise, rubric: Rubric, r: ExerciseResult): ExerciseGrade {
  const status = r.compileError !== undefined ? 'compile' : r.loadError !== undefined ? 'load' : 'graded';
  const scored = scoreChecks(rubric, e, r.checks);
  return {
    id: e.id,
    status,
    reason: r.compileError ?? (r.loadError && `loading the file failed: ${r.loadError}`),
    score: status === 'graded' ? scored.score : 0,
    maxScore: scored.maxScore,
    checks: r.checks.map((c, i) => ({
      name: c.name,
      kind: c.kind,
      passed: c.passed,
      message: c.message,
      details: c.details ? [...c.details] : undefined,
      output: c.output,
      ...scored.checks[i]!,
    })),
    ms: r.ms,
  };
}

/** A line for the instructor for each check that crashed: a fault of the grader to look into. */
function crashes(id: string, r: ExerciseResult): string[] {
  return r.checks
    .filter((c) => c.crashed)
    .map(
      (c) =>
        `${id}: the check "${c.name}" crashed (a fault of the grader; it scored 0): ${c.details?.[0]?.split('\n')[0] ?? ''}`,
    );
}

/**
 * Grades one staged submission: each exercise's checks against the student's files, their code
 * running in a confined process (subject-process.ts, confinement.ts), verdicts and points computed
 * here. `onExercise` receives each exercise's grade as soon as it is known, so a grading stopped
 * by the time limit keeps what was finished.
 */
export async function gradeStudent(
  job: GradeJob,
  onExercise?: (g: ExerciseGrade) => void,
): Promise<Omit<StudentResult, 'fingerprints'>> {
  const start = performance.now();
  // The checks compute references here, on the same backend choice as the student's process.
  await useBackend();
  const exercises = await loadExercises(job.exercises);
  const rubric = loadRubric(job.rubricFile, await loadExercises());
  const fileOf = (e: Exercise) => join(job.dir, e.id, e.file);
  const present = exercises.filter((e) => existsSync(fileOf(e)));
  const session = new Session({
    subjectProcess: {
      backend: sandboxBackend(parseBackend(process.env.D2L_BACKEND)),
      sandbox: { allowRead: [job.bundleDir], memoryMb: job.memoryMb },
      ownGroup: false,
      outputLimitBytes: OUTPUT_LIMIT,
    },
    bundleDir: job.bundleDir,
    seed: job.seed,
    runsScale: job.runsScale,
    callTimeoutMs: job.callTimeoutMs,
    show: (p) => relative(job.dir, p) || p,
  });
  // The subject process loads tfjs while esbuild bundles every file: both start now.
  session.warmUp();
  const bundles = new Map(present.map((e) => [e, session.bundle(e, fileOf(e))]));
  const grades: ExerciseGrade[] = [];
  const problems = [...job.problems];
  try {
    for (const e of exercises) {
      let g: ExerciseGrade;
      if (!present.includes(e)) {
        g = {
          id: e.id,
          status: 'missing',
          reason: `no ${e.id}/${e.file} in the submission`,
          score: 0,
          maxScore: pointsOf(rubric, e.id),
          checks: [],
          ms: 0,
        };
      } else {
        const r = await session.run(e, fileOf(e), { bundle: bundles.get(e) });
        problems.push(...crashes(e.id, r));
        g = toGrade(e, rubric, r);
      }
      grades.push(g);
      onExercise?.(g);
    }
  } finally {
    session.close();
  }
  return {
    student: job.student,
    problems,
    exercises: grades,
    score: grades.reduce((s, g) => s + g.score, 0),
    maxScore: grades.reduce((s, g) => s + g.maxScore, 0),
    ms: performance.now() - start,
  };
}
