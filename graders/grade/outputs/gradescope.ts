import type { ClassResult, StudentResult } from '../result';

/** Round to 2 decimals, as points are shown. */
export const points = (x: number) => Math.round(x * 100) / 100;

type Check = StudentResult['exercises'][number]['checks'][number];

/**
 * Why a passing check earned part of its points: properties, error checks and examples earn in
 * proportion to what the exercise's anchors (reference, gradient, training checks) earned.
 */
export function partialNote(c: Check): string | undefined {
  if (!c.passed || c.maxScore <= 0 || c.score >= c.maxScore - 1e-9) return undefined;
  const share = Math.round((100 * c.score) / c.maxScore);
  return `passed, for ${points(c.score)} of its ${points(c.maxScore)} points: a check of this kind earns the share its exercise's anchor checks (reference, gradient, training) earned, here ${share}%`;
}

/** A check's feedback: its verdict, what failed and on what input, and what the code printed. */
export function checkText(c: Check): string {
  // Details of a passed check are what it measured (a training run's result): feedback too.
  const lines = [c.passed ? (partialNote(c) ?? 'passed') : (c.message ?? 'failed'), ...(c.details ?? [])];
  if (c.output) lines.push(`your code printed:\n${c.output}`);
  return lines.join('\n');
}

/**
 * Splits `total` hundredths among parts in proportion to `exact` (largest remainder): each part is
 * its exact value rounded down or up to a hundredth, and the parts sum to the total exactly, as
 * Gradescope adds them up against the submission's score.
 */
export function apportion(exact: readonly number[], total: number): number[] {
  const target = Math.round(total * 100);
  const floors = exact.map((x) => Math.floor(x * 100 + 1e-9));
  let left = target - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x * 100 - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  // A target a hundredth below the floors' sum (totals rounded on their own): take it back.
  for (const { i } of [...order].reverse()) {
    if (left >= 0) break;
    if (out[i]! > 0) {
      out[i]!--;
      left++;
    }
  }
  return out.map((h) => h / 100);
}

/**
 * Gradescope's results.json for one student (Gradescope autograder specification): one test per
 * check, plus one per exercise that could not be graded, and the submission's problems as output.
 */
export function gradescopeResults(s: StudentResult, run: ClassResult) {
  const tests = s.exercises.flatMap((e) => {
    const typeNote = e.typeErrors?.length ? `\ntype errors (no points deducted):\n${e.typeErrors.join('\n')}` : '';
    if (e.status !== 'graded') {
      return [
        {
          name: `${e.id}: not graded`,
          score: 0,
          max_score: e.maxScore,
          status: 'failed',
          output: `${e.reason ?? e.status}${typeNote}`,
          tags: [e.id],
          visibility: 'visible',
        },
      ];
    }
    return e.checks.map((c, i) => ({
      name: `${e.id}: ${c.name}`,
      number: `${e.id.slice(0, 2)}.${i + 1}`,
      score: c.score,
      max_score: c.maxScore,
      status: c.passed ? 'passed' : 'failed',
      output: checkText(c) + (i === 0 ? typeNote : ''),
      tags: [e.id, c.kind],
      visibility: 'visible',
    }));
  });
  // Rounded per test, scores would add up to 20.04 of a total of 20: apportion the rounding instead.
  // Checks with full marks show their maximum as their score, so they are apportioned as a group.
  const full = tests.map((t) => t.max_score > 0 && t.score >= t.max_score - 1e-9);
  const group = (inFull: boolean) => tests.map((t, i) => (full[i] === inFull ? t : undefined));
  const fullTotal = points(tests.reduce((sum, t, i) => sum + (full[i] ? t.max_score : 0), 0));
  const fullMaxes = apportion(
    group(true).map((t) => t?.max_score ?? 0),
    fullTotal,
  );
  const otherMaxes = apportion(
    group(false).map((t) => t?.max_score ?? 0),
    points(s.maxScore) - fullTotal,
  );
  const otherScores = apportion(
    group(false).map((t) => t?.score ?? 0),
    points(s.score) - fullTotal,
  );
  tests.forEach((t, i) => {
    t.max_score = full[i] ? fullMaxes[i]! : otherMaxes[i]!;
    t.score = full[i] ? fullMaxes[i]! : Math.min(otherScores[i]!, otherMaxes[i]!);
  });
  return {
    score: points(s.score),
    execution_time: Math.round(s.ms / 1000),
    output: [`graded by d2l-ts with seed ${run.seed}`, ...s.problems].join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
  };
}
