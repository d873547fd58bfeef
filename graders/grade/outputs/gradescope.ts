import type { ClassResult, StudentResult } from '../result';

/** Round to 2 decimals, as points are shown. */
export const points = (x: number) => Math.round(x * 100) / 100;

/** A check's feedback: its verdict, what failed and on what input, and what the code printed. */
export function checkText(c: StudentResult['exercises'][number]['checks'][number]): string {
  // Details of a passed check are what it measured (a training run's result): feedback too.
  const lines = [c.passed ? 'passed' : (c.message ?? 'failed'), ...(c.details ?? [])];
  if (c.output) lines.push(`your code printed:\n${c.output}`);
  return lines.join('\n');
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
          max_score: points(e.maxScore),
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
      score: points(c.score),
      max_score: points(c.maxScore),
      status: c.passed ? 'passed' : 'failed',
      output: checkText(c) + (i === 0 ? typeNote : ''),
      tags: [e.id, c.kind],
      visibility: 'visible',
    }));
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
