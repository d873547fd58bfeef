import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { root } from '../../bin/project.mjs';
import type { CheckKind, Exercise } from '../lib/checks';
import type { CheckResult } from '../lib/results';

/** The kinds of check that can carry points (leak-kind checks never do: see FEEDBACK_ONLY). */
const KINDS = [
  'example',
  'property',
  'gradient',
  'reference',
  'training',
  'error',
] as const satisfies readonly CheckKind[];

/**
 * Checks judged on figures the student's own process reports about itself (tensors leaked,
 * arguments damaged): its code can forge them, so they are feedback for the student and worth 0.
 */
const FEEDBACK_ONLY: CheckKind = 'leak';

/** Checks that pin the answer itself: a comparison with the reference, its gradient, a training outcome. */
const ANCHORS: readonly CheckKind[] = ['reference', 'gradient', 'training'];

/**
 * A rubric: points per exercise, shared among its checks by weight. A check's weight is its
 * entry in `checks` if given, else the weight of its kind. Validated with zod; a rubric naming an
 * exercise or a check that does not exist, or giving points to a leak check, is refused with the
 * file and the field.
 */
const rubricSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  defaultPoints: z.number().nonnegative(),
  kindWeights: z.strictObject({
    ...(Object.fromEntries(KINDS.map((k) => [k, z.number().nonnegative()])) as Record<
      (typeof KINDS)[number],
      z.ZodNumber
    >),
    leak: z
      .literal(0, {
        error: "leak checks carry no points: the figures they judge are reported by the student's own process",
      })
      .optional(),
  }),
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
      problems.push(
        `rubric ${shown}: exercises.${id}: no such exercise${closest(
          id,
          exercises.map((e) => e.id),
        )}`,
      );
      continue;
    }
    for (const [name, weight] of Object.entries(entry.checks ?? {})) {
      const check = ex.checks.find((c) => c.name === name);
      if (!check) {
        // Keys are whole check names: say which is meant, and list them all (rubrics/example.json shows the form).
        const names = ex.checks.map((c) => `"${c.name}"`).join(', ');
        problems.push(
          `rubric ${shown}: exercises.${id}.checks: "${name}" is not a check of ${id}${closest(
            name,
            ex.checks.map((c) => c.name),
          )}; its checks: ${names}`,
        );
      } else if (check.kind === FEEDBACK_ONLY && weight !== 0) {
        problems.push(`rubric ${shown}: exercises.${id}.checks: "${name}" is a leak check, which carries no points`);
      }
    }
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return { ...parsed.data, file: shown };
}

/** "; did you mean ...?" for the nearest of `names` (by edit distance, case aside), or nothing when none is near. */
function closest(word: string, names: readonly string[]): string {
  const w = word.toLowerCase();
  const best = names.map((n) => ({ n, d: distance(w, n.toLowerCase()) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(3, Math.floor(best.n.length / 3)) ? `; did you mean "${best.n}"?` : '';
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
  const weightOf = (c: { name: string; kind: CheckKind }) =>
    c.kind === FEEDBACK_ONLY ? 0 : (entry?.checks?.[c.name] ?? rubric.kindWeights[c.kind as (typeof KINDS)[number]]);
  const totalWeight = exercise.checks.reduce((s, c) => s + weightOf(c), 0);
  const checks = results.map((r) => {
    const weight = weightOf(r);
    const maxScore = totalWeight === 0 ? 0 : (points * weight) / totalWeight;
    return { weight, maxScore, score: r.passed ? maxScore : 0 };
  });
  // A property (rows sum to 1), an error check (bad input is rejected) or a public example holds for
  // answers that compute nothing right: a uniform distribution, a function that always throws. They
  // earn their points in proportion to the points the anchors (reference, gradient, training) earned,
  // so a constant, zero, identity or uniform answer scores 0. Without anchors, nothing is scaled.
  const anchors = results.map((r, i) => ({ r, c: checks[i]! })).filter(({ r }) => ANCHORS.includes(r.kind));
  const anchorsMax = anchors.reduce((s, { c }) => s + c.maxScore, 0);
  const share = anchorsMax === 0 ? 1 : anchors.reduce((s, { c }) => s + c.score, 0) / anchorsMax;
  results.forEach((r, i) => {
    if (!ANCHORS.includes(r.kind)) checks[i]!.score *= share;
  });
  return { checks, score: checks.reduce((s, c) => s + c.score, 0), maxScore: points };
}

/** The points an exercise is worth. */
export function pointsOf(rubric: Rubric, id: string): number {
  return rubric.exercises[id]?.points ?? rubric.defaultPoints;
}
