import { describe, expect, test } from 'vitest';
import { regradeDiff, renderRegrade } from './regrade';
import { classResultSchema, type ClassResult, type StudentResult } from './result';

/** A student graded on 05-softmax's two checks (5 points each), passed as given. */
function student(name: string, passed: [boolean, boolean]): StudentResult {
  const checks = ['matches tf.softmax', 'its gradient matches finite differences'].map((check, i) => ({
    name: check,
    kind: i === 0 ? 'reference' : 'gradient',
    passed: passed[i]!,
    weight: 1,
    score: passed[i] ? 5 : 0,
    maxScore: 5,
  }));
  const score = checks.reduce((s, c) => s + c.score, 0);
  return {
    student: name,
    problems: [],
    exercises: [{ id: '05-softmax', status: 'graded', score, maxScore: 10, checks, ms: 1 }],
    score,
    maxScore: 10,
    ms: 1,
    fingerprints: {},
  };
}

const run = (students: StudentResult[]): ClassResult =>
  classResultSchema.parse({
    tool: 'd2l-ts grade',
    seed: 7,
    runsScale: 1,
    exercises: ['05-softmax'],
    rubric: 'rubrics/default.json',
    sandbox: { active: [], missing: [] },
    startedAt: '2026-01-01T10:00:00.000Z',
    ms: 1,
    problems: [],
    students,
  });

describe('regradeDiff', () => {
  test('the same grades twice: nothing moved', () => {
    const a = run([student('ann', [true, true]), student('bob', [true, false])]);
    expect(regradeDiff(a, structuredClone(a))).toEqual({ seed: 7, moved: [], added: [], removed: [], unchanged: 2 });
  });

  test('a check made stricter (a tighter tolerance) moves exactly the students it now fails, naming the check', () => {
    const before = run([student('ann', [true, true]), student('bob', [true, false]), student('cat', [true, true])]);
    // The reference check's tolerance was tightened: cat's borderline answer now fails it, ann's does not.
    const after = run([student('ann', [true, true]), student('bob', [true, false]), student('cat', [false, true])]);
    const d = regradeDiff(before, after);
    expect(d.moved).toEqual([
      {
        student: 'cat',
        before: 10,
        after: 5,
        checks: [{ exercise: '05-softmax', check: 'matches tf.softmax', before: 'passed', after: 'failed' }],
      },
    ]);
    expect(d.unchanged).toBe(2);
    expect(renderRegrade(d, 'old/grading.json')).toBe(
      [
        '# Re-grade (seed 7) against old/grading.json',
        '',
        '1 student moved; 2 graded the same.',
        '',
        '## cat: 10 → 5 (-5)',
        '- 05-softmax: "matches tf.softmax" passed → failed',
        '',
      ].join('\n'),
    );
  });

  test('students graded on one side only are named, and a score change without verdict change still counts', () => {
    const before = run([student('ann', [true, true]), student('old', [true, true])]);
    const reweighted = run([student('ann', [true, true]), student('new', [false, false])]);
    reweighted.students[0]!.score = 12;
    const d = regradeDiff(before, reweighted);
    expect(d.added).toEqual(['new']);
    expect(d.removed).toEqual(['old']);
    expect(d.moved.map((m) => [m.student, m.before, m.after, m.checks.length])).toEqual([['ann', 10, 12, 0]]);
  });
});
