import * as fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { makeRng } from '../../reference/random';
import {
  argumentsCheck,
  type CheckContext,
  DEFAULT_RUNS,
  defineExercise,
  example,
  leakCheck,
  property,
  seedFor,
} from './checks';
import { CheckFailure } from './failure';
import type { Subject, Usage } from './subject';

/** A Subject with no student behind it: only `usage` is read by the checks under test. */
function fakeSubject(usage: [string, Usage][] = []): Subject {
  const unused = () => Promise.reject(new Error('not used by this test'));
  return { file: 'fake.ts', call: unused, tensor: unused, vjp: unused, rejects: unused, usage: new Map(usage) };
}

const context = ({ seed = 1, runsScale = 1, subject = fakeSubject() }: Partial<CheckContext> = {}): CheckContext => ({
  subject,
  seed,
  rng: makeRng(seed),
  runsScale,
  note: () => undefined,
});

/** The CheckFailure a check throws (fails the test when it passes or throws something else). */
async function failureOf(run: Promise<void>): Promise<CheckFailure> {
  const err: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CheckFailure);
  return err as CheckFailure;
}

describe('property', () => {
  const belowHundred = property('stays below 100', fc.integer({ min: 0, max: 1000 }), async (_, v) => {
    if (v >= 100) throw new CheckFailure(`${v} is too big`, ['a detail']);
  });

  test('passes when the body never throws', async () => {
    const check = property('anything goes', fc.integer(), async () => {});
    await expect(check.run(context())).resolves.toBeUndefined();
  });

  test('fails with the shrunk counterexample, its input, the details and the fast-check seed and path', async () => {
    const failure = await failureOf(belowHundred.run(context()));
    expect(failure.message).toBe('100 is too big');
    expect(failure.details[0]).toBe('input: 100');
    expect(failure.details).toContain('a detail');
    expect(failure.details.at(-1)).toMatch(
      /^fast-check seed 1, path \S+ \(failed after \d+ runs?, shrunk \d+ times\)$/,
    );
  });

  test('shows the failure on the unshrunk input too, when shrinking changed what it says', async () => {
    const failure = await failureOf(belowHundred.run(context()));
    const i = failure.details.findIndex((d) => d.startsWith('before shrinking: '));
    expect(i).toBeGreaterThan(0);
    const [, original] = /^before shrinking: (\d+) is too big$/.exec(failure.details[i]!)!;
    expect(Number(original)).toBeGreaterThan(100);
    expect(failure.details[i + 1]).toBe(`  on input: ${original}`);
  });

  test('lets a plain Error from the body through as it is: a fault of the check, not a verdict on the student', async () => {
    const check = property('never throws', fc.constant(0), async () => {
      throw new TypeError('x.shape is undefined');
    });
    const error = await check.run(context()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(CheckFailure);
    expect((error as Error).message).toBe('x.shape is undefined');
  });

  test('gives the same counterexample for the same seed, and another for another seed', async () => {
    const odd = property(
      'draws no odd number',
      fc.noBias(fc.noShrink(fc.integer({ min: 0, max: 2 ** 30 }))),
      async (_, v) => {
        if (v % 2 === 1) throw new CheckFailure('odd');
      },
    );
    const [a, b, c] = await Promise.all(
      [1, 1, 2].map(async (seed) => (await failureOf(odd.run(context({ seed })))).details),
    );
    expect(a).toEqual(b);
    expect(a![0]).not.toBe(c![0]);
  });

  test.each([
    ['DEFAULT_RUNS', {}, 1, DEFAULT_RUNS],
    ['DEFAULT_RUNS', {}, 2.5, Math.round(DEFAULT_RUNS * 2.5)],
    ['7', { numRuns: 7 }, 3, 21],
    ['7', { numRuns: 7 }, 0.01, 1],
  ])('makes %s runs times runsScale %s (at least 1): %s calls', async (_, options, runsScale, calls) => {
    let count = 0;
    const check = property('counts', fc.integer(), async () => void count++, options);
    await check.run(context({ runsScale }));
    expect(count).toBe(calls);
  });
});

describe('defineExercise', () => {
  const checks = [example('a', async () => {}), example('b', async () => {})];

  test('appends the arguments check and the leak check to a tensor exercise', () => {
    const ex = defineExercise({ id: '99-x', title: 'X', file: 'x.ts', checks });
    expect(ex.checks.map((c) => c.kind)).toEqual(['example', 'example', 'leak', 'leak']);
    expect(ex.checks.slice(2).map((c) => c.name)).toEqual([
      'leaves its arguments intact and returns new tensors',
      'leaks no tensors (wrap tensor code in tf.tidy)',
    ]);
    expect(ex.uses).toEqual([]);
  });

  test('adds only the arguments check when tensors is false', () => {
    const ex = defineExercise({ id: '99-x', title: 'X', file: 'x.ts', tensors: false, checks });
    expect(ex.checks.map((c) => c.name)).toEqual(['a', 'b', 'leaves its arguments intact and returns new tensors']);
  });

  test('leaves out the arguments check when the arguments never reach the student', () => {
    const ex = defineExercise({
      id: '99-x',
      title: 'X',
      file: 'x.ts',
      tensors: false,
      argumentsReachStudent: false,
      checks,
    });
    expect(ex.checks.map((c) => c.name)).toEqual(['a', 'b']);
  });

  test('rejects two checks with the same name', () => {
    const twice = [...checks, example('a', async () => {})];
    expect(() => defineExercise({ id: '99-x', title: 'X', file: 'x.ts', checks: twice })).toThrow(
      '99-x: two checks are named "a"',
    );
  });
});

describe('leakCheck', () => {
  const run = (usage: [string, Usage][]) => leakCheck().run(context({ subject: fakeSubject(usage) }));

  test.each([
    ['no call was made', []],
    ['every call threw', [['softmax', { calls: 3, ok: 0, leaked: 0, damage: new Map() }]]],
  ] as [string, [string, Usage][]][])('fails when %s, since no call returned normally', async (_, usage) => {
    expect((await failureOf(run(usage))).message).toMatch(/no call returned normally/);
  });

  test('fails naming each leaking function, how many tensors and over how many calls', async () => {
    const failure = await failureOf(
      run([
        ['softmax', { calls: 3, ok: 3, leaked: 2, damage: new Map() }],
        ['tidy', { calls: 5, ok: 5, leaked: 0, damage: new Map() }],
        ['sgd', { calls: 1, ok: 1, leaked: 1, damage: new Map() }],
      ]),
    );
    expect(failure.message).toBe(
      'softmax left 2 tensors undisposed over 3 calls; sgd left 1 tensor undisposed over 1 call',
    );
  });

  test('passes when calls returned and none leaked', async () => {
    await expect(run([['softmax', { calls: 4, ok: 3, leaked: 0, damage: new Map() }]])).resolves.toBeUndefined();
  });
});

describe('argumentsCheck', () => {
  const run = (usage: [string, Usage][]) => argumentsCheck().run(context({ subject: fakeSubject(usage) }));

  test('fails naming each function, what it did to which argument, and in how many calls', async () => {
    const failure = await failureOf(
      run([
        [
          'softmax',
          { calls: 3, ok: 3, leaked: 0, damage: new Map([['disposed argument 1, a tensor its caller still owns', 2]]) },
        ],
        ['sgd', { calls: 1, ok: 1, leaked: 0, damage: new Map([['changed argument 1[0] in place', 1]]) }],
        ['tidy', { calls: 1, ok: 1, leaked: 0, damage: new Map() }],
      ]),
    );
    expect(failure.message).toBe(
      'softmax disposed argument 1, a tensor its caller still owns (in 2 of 3 calls); sgd changed argument 1[0] in place (in 1 of 1 call)',
    );
  });

  test('passes when calls returned and damaged nothing, and fails when no call returned', async () => {
    await expect(run([['softmax', { calls: 4, ok: 3, leaked: 1, damage: new Map() }]])).resolves.toBeUndefined();
    expect((await failureOf(run([]))).message).toMatch(/no call returned normally/);
  });
});

describe('seedFor', () => {
  test('is a deterministic 32-bit integer', () => {
    const s = seedFor(42, '05-softmax', 'rows sum to 1');
    expect(seedFor(42, '05-softmax', 'rows sum to 1')).toBe(s);
    expect(s | 0).toBe(s);
  });

  test('differs across run seeds, exercises and check names', () => {
    const seeds = [
      seedFor(42, '05-softmax', 'rows sum to 1'),
      seedFor(43, '05-softmax', 'rows sum to 1'),
      seedFor(42, '06-cross-entropy', 'rows sum to 1'),
      seedFor(42, '05-softmax', 'rows sum to 1 '),
      seedFor(42, '05-softmax', 'is invariant to shifts'),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  test('keeps the exercise and the check name apart', () => {
    expect(seedFor(0, 'ab', 'c')).not.toBe(seedFor(0, 'a', 'bc'));
  });
});
