import { z } from 'zod';

/**
 * What grading records, for one student and for the class. The same shapes travel from a grading
 * worker to the orchestrator and into grading.json (which `grade merge` reads back): zod checks
 * them at each crossing.
 */
export const checkGradeSchema = z.object({
  name: z.string(),
  kind: z.string(),
  passed: z.boolean(),
  message: z.string().optional(),
  details: z.array(z.string()).optional(),
  /** The student's printed output during this check, capped. */
  output: z.string().optional(),
  weight: z.number(),
  score: z.number(),
  maxScore: z.number(),
});

export const exerciseGradeSchema = z.object({
  id: z.string(),
  /**
   * graded: the checks ran; missing: no file; compile/load: the file could not be bundled or
   * loaded; timeout: the submission's time ran out first; typecheck: type-checking the student's
   * files went past its limits, which costs the points.
   */
  status: z.enum(['graded', 'missing', 'compile', 'load', 'timeout', 'typecheck']),
  /** Why it was not graded, in one line, when status is not graded. */
  reason: z.string().optional(),
  score: z.number(),
  maxScore: z.number(),
  checks: z.array(checkGradeSchema),
  typeErrors: z.array(z.string()).optional(),
  ms: z.number(),
});

export const studentResultSchema = z.object({
  student: z.string(),
  /** Lines about the submission itself: archive problems, skipped files, a killed grading process. */
  problems: z.array(z.string()),
  exercises: z.array(exerciseGradeSchema),
  score: z.number(),
  maxScore: z.number(),
  ms: z.number(),
  /** Winnowing fingerprints of each exercise's code, with the stub's removed (for similarity). */
  fingerprints: z.record(z.string(), z.array(z.number())),
});

export const classResultSchema = z.object({
  tool: z.literal('d2l-ts grade'),
  /** The seed every check's inputs came from: the same seed gives the same grades. */
  seed: z.number().int(),
  runsScale: z.number(),
  exercises: z.array(z.string()),
  rubric: z.string(),
  shard: z.object({ index: z.number().int(), count: z.number().int() }).optional(),
  sandbox: z.object({ active: z.array(z.string()), missing: z.array(z.string()) }),
  startedAt: z.string(),
  ms: z.number(),
  /** Lines about the submissions folder itself (files that are neither a folder nor an archive). */
  problems: z.array(z.string()),
  students: z.array(studentResultSchema),
});

export type CheckGrade = z.infer<typeof checkGradeSchema>;
export type ExerciseGrade = z.infer<typeof exerciseGradeSchema>;
export type StudentResult = z.infer<typeof studentResultSchema>;
export type ClassResult = z.infer<typeof classResultSchema>;
