import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { root } from '../../bin/project.mjs';
import type { CheckKind, Exercise } from '../lib/checks';
import type { CheckResult } from '../lib/results';

const KINDS = [
  'example',
  'property',
  'gradient',
  'reference',
  'training',
  'error',
  'leak',
] as const satisfies readonly CheckKind[];

/**
 * A rubric: points per exercise, shared among its checks by weight. A check's weight is its
 * entry in `checks` if given, else the weight of its kind. Validated with zod; a rubric naming an
 * exercise or a check that does not exist is refused with the file and the field.
 */
const rubricSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  defaultPoints: z.number().nonnegative(),
  kindWeights: z.strictObject(
    Object.fromEntries(KINDS.map((k) => [k, z.number().nonnegative()])) as Record<CheckKind, z.ZodNumber>,
  ),
  exercises: z.record(
    z.string(),
    z.strictObject({
      points: z.number().nonnegative().optional(),
      checks: z.record(z.string(), z.number().nonnegative()).optional(),
    }),
  ),
});

export type Rubric = z.infer<typeof rubricSchema> & { file: string };

export const DEFAULT_RUBRIC = join(root, 'rubrics', 'default.json');

/** Reads and validates a rubric against the exercises that exist; throws an Error of one line per problem. */
export function loadRubric(file: string, exercises: readonly Exercise[]): Rubric {
  const shown = relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`rubric ${shown}: ${(e as Error).message}`);
  }
  const parsed = rubricSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `rubric ${shown}: ${i.path.join('.') || '(top level)'}: ${i.message}`).join('\n'),
    );
  }
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(parsed.data.exercises)) {
    const ex = exercises.find((e) => e.id === id);
    if (!ex) {
      problems.push(`rubric ${shown}: exercises.${id}: no such exercise`);
      continue;
    }
    for (const name of Object.keys(entry.checks ?? {})) {
      if (!ex.checks.some((c) => c.name === name))
        problems.push(`rubric ${shown}: exercises.${id}.checks: "${name}" is not a check of ${id}`);
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return { ...parsed.data, file: shown };
}

export interface ScoredCheck {
  weight: number;
  score: number;
  maxScore: number;
}

/** The points of each check of an exercise, and the exercise's total, for the checks that ran. */
export function scoreChecks(
  rubric: Rubric,
  exercise: Exercise,
  results: readonly CheckResult[],
): { checks: ScoredCheck[]; score: number; maxScore: number } {
  const entry = rubric.exercises[exercise.id];
  const points = entry?.points ?? rubric.defaultPoints;
  const weightOf = (c: { name: string; kind: CheckKind }) => entry?.checks?.[c.name] ?? rubric.kindWeights[c.kind];
  const totalWeight = exercise.checks.reduce((s, c) => s + weightOf(c), 0);
  const checks = results.map((r) => {
    const weight = weightOf(r);
    const maxScore = totalWeight === 0 ? 0 : (points * weight) / totalWeight;
    return { weight, maxScore, score: r.passed ? maxScore : 0 };
  });
  // Not leaking is worth little in a function that computes nothing right: the leak check earns
  // its points in proportion to the points the exercise's other checks earned.
  const others = results.map((r, i) => ({ r, c: checks[i]! })).filter(({ r }) => r.kind !== 'leak');
  const othersMax = others.reduce((s, { c }) => s + c.maxScore, 0);
  const share = othersMax === 0 ? 1 : others.reduce((s, { c }) => s + c.score, 0) / othersMax;
  results.forEach((r, i) => {
    if (r.kind === 'leak') checks[i]!.score *= share;
  });
  return { checks, score: checks.reduce((s, c) => s + c.score, 0), maxScore: points };
}

/** The points an exercise is worth. */
export function pointsOf(rubric: Rubric, id: string): number {
  return rubric.exercises[id]?.points ?? rubric.defaultPoints;
}
