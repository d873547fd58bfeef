import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadExercises } from '../registry';
import type { CheckKind, Exercise } from '../lib/checks';
import type { CheckResult } from '../lib/results';
import { DEFAULT_RUBRIC, loadRubric, pointsOf, scoreChecks, type Rubric } from './rubric';

const exercises = await loadExercises();
const dir = mkdtempSync(join(tmpdir(), 'd2l-rubric-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KIND_WEIGHTS = { example: 0, property: 1, reference: 1, gradient: 1, training: 1, error: 1 };
const VALID = { defaultPoints: 10, kindWeights: KIND_WEIGHTS, exercises: {} };

let counter = 0;
/** Writes a rubric (an object, or raw text) to a file and returns the file and how messages show it. */
function rubricFile(content: unknown): { file: string; shown: string } {
  const file = join(dir, `rubric-${++counter}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return { file, shown: relative(process.cwd(), file) };
}

/** The message loadRubric throws for a rubric, or undefined when it accepts it. */
function refusal(content: unknown): { message: string | undefined; shown: string } {
  const { file, shown } = rubricFile(content);
  try {
    loadRubric(file, exercises);
    return { message: undefined, shown };
  } catch (e) {
    return { message: (e as Error).message, shown };
  }
}

const load = (content: unknown): Rubric => loadRubric(rubricFile(content).file, exercises);

const softmax: Exercise = exercises.find((e) => e.id === '05-softmax')!;
const nameOf = (kind: CheckKind, ex: Exercise = softmax) => ex.checks.find((c) => c.kind === kind)!.name;

/** A CheckResult for each of the exercise's checks, passed unless named in `failed` or of a kind in `failedKinds`. */
function results(ex: Exercise, failed: (c: { name: string; kind: CheckKind }) => boolean = () => false): CheckResult[] {
  return ex.checks.map((c) => ({
    name: c.name,
    kind: c.kind,
    passed: !failed(c),
    message: failed(c) ? 'wrong' : undefined,
    ms: 1,
  }));
}

describe('loadRubric', () => {
  test('the default rubric is accepted as it is', () => {
    const rubric = loadRubric(DEFAULT_RUBRIC, exercises);
    expect(rubric.defaultPoints).toBe(10);
    expect(rubric.kindWeights).toEqual(KIND_WEIGHTS);
    expect(rubric.file).toBe(relative(process.cwd(), DEFAULT_RUBRIC));
    for (const e of exercises) expect(pointsOf(rubric, e.id)).toBe(10);
  });

  test('a rubric naming real exercises and checks is accepted, with its overrides', () => {
    const rubric = load({
      ...VALID,
      exercises: { '05-softmax': { points: 20, checks: { [nameOf('reference')]: 3 } }, '01-synthetic-data': {} },
    });
    expect(pointsOf(rubric, '05-softmax')).toBe(20);
    expect(pointsOf(rubric, '01-synthetic-data')).toBe(10);
    expect(rubric.exercises['05-softmax']!.checks).toEqual({ [nameOf('reference')]: 3 });
  });

  test('malformed JSON is refused with the file named', () => {
    const { message, shown } = refusal('{ "defaultPoints": 10,');
    expect(message).toMatch(new RegExp(`^rubric ${literal(shown)}: .*JSON.*$`));
    expect(message).not.toContain('\n');
  });

  test('a negative number is refused with the file and the field', () => {
    for (const [rubric, field] of [
      [{ ...VALID, defaultPoints: -1 }, 'defaultPoints'],
      [{ ...VALID, kindWeights: { ...KIND_WEIGHTS, error: -0.5 } }, 'kindWeights.error'],
      [{ ...VALID, exercises: { '05-softmax': { points: -1 } } }, 'exercises.05-softmax.points'],
      [
        { ...VALID, exercises: { '05-softmax': { checks: { [nameOf('property')]: -2 } } } },
        `exercises.05-softmax.checks.${nameOf('property')}`,
      ],
    ] as const) {
      const { message, shown } = refusal(rubric);
      expect(message).toBe(`rubric ${shown}: ${field}: Too small: expected number to be >=0`);
    }
  });

  test('an unknown field is refused with the file and the field, at the top or in an exercise', () => {
    const top = refusal({ ...VALID, pointz: 3 });
    expect(top.message).toBe(`rubric ${top.shown}: (top level): Unrecognized key: "pointz"`);
    const nested = refusal({ ...VALID, exercises: { '05-softmax': { weight: 2 } } });
    expect(nested.message).toBe(`rubric ${nested.shown}: exercises.05-softmax: Unrecognized key: "weight"`);
    const kind = refusal({ ...VALID, kindWeights: { ...KIND_WEIGHTS, style: 1 } });
    expect(kind.message).toBe(`rubric ${kind.shown}: kindWeights: Unrecognized key: "style"`);
  });

  test('a kind weight left out is refused with the field', () => {
    const { error: _, ...noError } = KIND_WEIGHTS;
    const { message, shown } = refusal({ ...VALID, kindWeights: noError });
    expect(message).toBe(`rubric ${shown}: kindWeights.error: Invalid input: expected number, received undefined`);
  });

  test('points for leak checks are refused, by kind or by check, with the reason', () => {
    const byKind = refusal({ ...VALID, kindWeights: { ...KIND_WEIGHTS, leak: 0.5 } });
    expect(byKind.message).toBe(
      `rubric ${byKind.shown}: kindWeights.leak: leak checks carry no points: the figures they judge are reported by the student's own process`,
    );
    expect(refusal({ ...VALID, kindWeights: { ...KIND_WEIGHTS, leak: 0 } }).message).toBeUndefined();
    const byCheck = refusal({ ...VALID, exercises: { '05-softmax': { checks: { [nameOf('leak')]: 1 } } } });
    expect(byCheck.message).toBe(
      `rubric ${byCheck.shown}: exercises.05-softmax.checks: "${nameOf('leak')}" is a leak check, which carries no points`,
    );
  });

  test('an unknown exercise is refused with the file and the field', () => {
    const { message, shown } = refusal({ ...VALID, exercises: { '99-nothing': { points: 1 } } });
    expect(message).toBe(`rubric ${shown}: exercises.99-nothing: no such exercise`);
  });

  test('an unknown check is refused with the file, the field and the exercise', () => {
    const { message, shown } = refusal({
      ...VALID,
      exercises: { '05-softmax': { checks: { 'no such check': 2, [nameOf('leak')]: 0 } } },
    });
    const names = exercises
      .find((e) => e.id === '05-softmax')!
      .checks.map((c) => `"${c.name}"`)
      .join(', ');
    expect(message).toBe(
      `rubric ${shown}: exercises.05-softmax.checks: "no such check" is not a check of 05-softmax; its checks: ${names}`,
    );
  });

  test('a mistyped check name is refused with the closest name', () => {
    const { message } = refusal({
      ...VALID,
      exercises: { '05-softmax': { checks: { 'matches tf.softmax on random logits of rank 1 to 4': 2 } } },
    });
    expect(message).toContain(
      '"matches tf.softmax on random logits of rank 1 to 4" is not a check of 05-softmax; did you mean "matches tf.softmax on random logits of rank 1 to 3"?; its checks: ',
    );
  });

  test('a check of another exercise is not a check of this one', () => {
    const other = exercises.find((e) => e.id === '01-synthetic-data')!.checks[0]!.name;
    const { message, shown } = refusal({ ...VALID, exercises: { '05-softmax': { checks: { [other]: 1 } } } });
    expect(message).toMatch(
      new RegExp(
        `^rubric .*: exercises\\.05-softmax\\.checks: "${other.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not a check of 05-softmax; its checks: "`,
      ),
    );
    expect(shown).toBeTruthy();
  });

  test('several problems give one line each', () => {
    const { message, shown } = refusal({
      ...VALID,
      exercises: { '05-softmax': { checks: { nope: 1 } }, '98-none': {}, '99-none': {} },
    });
    expect(message!.split('\n').map((l) => l.replace(/; its checks: .*$/, ''))).toEqual([
      `rubric ${shown}: exercises.05-softmax.checks: "nope" is not a check of 05-softmax`,
      `rubric ${shown}: exercises.98-none: no such exercise`,
      `rubric ${shown}: exercises.99-none: no such exercise`,
    ]);
  });
});

describe('scoreChecks', () => {
  const rubric = load(VALID);
  // 05-softmax: 1 example (weight 0), 3 properties, 1 reference, 1 gradient (1 each), 2 leak-kind checks (0).
  const unit = 10 / 5;

  test('05-softmax has the checks these tests assume', () => {
    expect(softmax.checks.map((c) => c.kind)).toEqual([
      'example',
      'property',
      'property',
      'property',
      'reference',
      'gradient',
      'leak',
      'leak',
    ]);
  });

  test('every check passing earns the exercise points, shared by weight; leak checks earn nothing', () => {
    const r = scoreChecks(rubric, softmax, results(softmax));
    expect(r.maxScore).toBe(10);
    expect(r.score).toBeCloseTo(10, 10);
    expect(r.checks.map((c) => c.weight)).toEqual([0, 1, 1, 1, 1, 1, 0, 0]);
    const expected = [0, unit, unit, unit, unit, unit, 0, 0];
    r.checks.forEach((c, i) => {
      expect(c.maxScore).toBeCloseTo(expected[i]!, 10);
      expect(c.score).toBeCloseTo(expected[i]!, 10);
    });
  });

  test("a failed leak check costs nothing: its figures come from the student's own process", () => {
    const r = scoreChecks(
      rubric,
      softmax,
      results(softmax, (c) => c.kind === 'leak'),
    );
    expect(r.score).toBeCloseTo(10, 10);
  });

  test('a failed anchor earns nothing of its share, and the properties earn in proportion to the anchors', () => {
    const r = scoreChecks(
      rubric,
      softmax,
      results(softmax, (c) => c.kind === 'gradient'),
    );
    const gradient = r.checks[softmax.checks.findIndex((c) => c.kind === 'gradient')]!;
    expect([gradient.score, gradient.maxScore]).toEqual([0, unit]);
    // The reference passed, the gradient failed: the three properties earn half their points.
    expect(r.score).toBeCloseTo(unit + 3 * unit * (1 / 2), 10);
  });

  test('properties that hold for a uniform answer earn nothing when every anchor fails', () => {
    // A uniform softmax: its rows are distributions, it is shift-invariant and finite, but it fails
    // the reference and the gradient check.
    const r = scoreChecks(
      rubric,
      softmax,
      results(softmax, (c) => c.kind === 'reference' || c.kind === 'gradient'),
    );
    expect(r.score).toBe(0);
  });

  test('an example check is worth 0 by default, passed or not', () => {
    const passed = scoreChecks(rubric, softmax, results(softmax));
    const failed = scoreChecks(
      rubric,
      softmax,
      results(softmax, (c) => c.kind === 'example'),
    );
    expect(passed.checks[0]).toEqual({ weight: 0, score: 0, maxScore: 0 });
    expect(failed.checks[0]).toEqual({ weight: 0, score: 0, maxScore: 0 });
    expect(failed.score).toBeCloseTo(10, 10);
  });

  test("a rubric's weight for one check overrides the weight of its kind, and its points the default", () => {
    const custom = load({
      ...VALID,
      exercises: { '05-softmax': { points: 16, checks: { [nameOf('reference')]: 3.5, [nameOf('example')]: 1 } } },
    });
    // weights: example 1, properties 1 + 1 + 1, reference 3.5, gradient 1, leak checks 0: 8.5 in all.
    const r = scoreChecks(custom, softmax, results(softmax));
    expect(r.checks.map((c) => c.weight)).toEqual([1, 1, 1, 1, 3.5, 1, 0, 0]);
    expect(r.checks.map((c) => c.maxScore)).toEqual([
      16 / 8.5,
      16 / 8.5,
      16 / 8.5,
      16 / 8.5,
      (16 * 3.5) / 8.5,
      16 / 8.5,
      0,
      0,
    ]);
    expect(r.maxScore).toBe(16);
    expect(r.score).toBeCloseTo(16, 10);
    // The other exercises keep the kind weights and the default points.
    expect(scoreChecks(custom, exercises[0]!, results(exercises[0]!)).maxScore).toBe(10);
  });

  test('an exercise without anchors shares its points among its properties, unscaled', () => {
    const noAnchor = exercises.find(
      (e) => !e.checks.some((c) => ['reference', 'gradient', 'training'].includes(c.kind)),
    );
    if (!noAnchor) return;
    const r = scoreChecks(rubric, noAnchor, results(noAnchor));
    expect(r.score).toBeCloseTo(10, 10);
  });

  test('an exercise whose checks all weigh 0 scores 0 of its points, with no NaN', () => {
    const zero = load({ ...VALID, kindWeights: Object.fromEntries(Object.keys(KIND_WEIGHTS).map((k) => [k, 0])) });
    const r = scoreChecks(zero, softmax, results(softmax));
    expect(r.checks.every((c) => c.weight === 0 && c.score === 0 && c.maxScore === 0)).toBe(true);
    expect([r.score, r.maxScore]).toEqual([0, 10]);
    const byOverride = load({
      ...VALID,
      exercises: { '05-softmax': { checks: Object.fromEntries(softmax.checks.map((c) => [c.name, 0])) } },
    });
    const o = scoreChecks(byOverride, softmax, results(softmax));
    expect([o.score, o.maxScore]).toEqual([0, 10]);
    expect(o.checks.some((c) => Number.isNaN(c.score) || Number.isNaN(c.maxScore))).toBe(false);
  });
});

/** A string as a literal part of a regular expression. */
function literal(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
