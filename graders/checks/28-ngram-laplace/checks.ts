import * as fc from 'fast-check';
import * as ref from '../../../reference/28-ngram-laplace';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber } from '../../lib/tensor-data';

/** Float64 sums of a dozen terms are off by ~1e-15; 1e-12 leaves room and still sees any real slip. */
const TOL = 1e-12;

const show = (v: unknown) => JSON.stringify(v);
/** Words, with '1' and '10' among them: integer-like keys, which a plain object would list first. */
const corpus = fc.array(fc.constantFrom('deep', 'learning', 'is', 'fun', 'and', 'hard', '10', '1'), {
  minLength: 1,
  maxLength: 30,
});
/** Positive smoothing constants, from small to large. */
const eps = fc.double({ min: 0.01, max: 100, noNaN: true });

/** A corpus and a context that occurs in it, the corpus's last token (or last pair) as often as any. */
const withContext = corpus.chain((tokens) =>
  fc
    .record({
      tokens: fc.constant(tokens),
      at: fc.oneof(fc.constant(tokens.length - 1), fc.integer({ min: 0, max: tokens.length - 1 })),
      eps1: eps,
      eps: eps,
    })
    .map(({ at, ...r }) => ({
      ...r,
      prev: tokens[at]!,
      pair: [tokens[Math.max(0, at - 1)]!, tokens[at]!] as [string, string],
    })),
);

/** A corpus of 3 tokens or more and contexts that start a bigram and a trigram in it (so ε = 0 is defined). */
const seenContext = corpus
  .filter((tokens) => tokens.length >= 3)
  .chain((tokens) =>
    fc
      .integer({ min: 1, max: tokens.length - 2 })
      .map((at) => ({ tokens, prev: tokens[at]!, pair: [tokens[at - 1]!, tokens[at]!] as [string, string] })),
  );

async function distribution(s: Subject, fn: string, args: unknown[]): Promise<Map<string, number>> {
  const got = await s.call(fn, ...args);
  if (!(got instanceof Map))
    throw new CheckFailure(`${fn} should return a Map from token to probability, got ${show(got)}`);
  return got as Map<string, number>;
}

function expectDistribution(got: Map<string, number>, expected: Map<string, number>, what: string, tol = TOL): void {
  ensure(
    show([...got.keys()]) === show([...expected.keys()]),
    `${what} has the tokens ${show([...got.keys()])}, expected ${show([...expected.keys()])} (every distinct token, first-seen order)`,
  );
  for (const [t, p] of expected) {
    const q = got.get(t)!;
    ensure(
      Math.abs(q - p) <= tol * Math.max(1, Math.abs(p)),
      `${what} gives '${t}' probability ${formatNumber(q)}, expected ${formatNumber(p)}`,
    );
  }
}

function expectSumsToOne(p: Map<string, number>, what: string): void {
  const sum = [...p.values()].reduce((a, b) => a + b, 0);
  ensure(Math.abs(sum - 1) <= TOL, `${what} sums to ${sum}, expected 1`);
}

export default defineExercise({
  id: '28-ngram-laplace',
  title: 'N-gram counts and Laplace smoothing',
  file: 'ngram.ts',
  tensors: false,
  checks: [
    example("countNgrams(['a', 'b', 'a', 'b'], 2) counts 'a b' twice and 'b a' once", async (s) => {
      const got = await s.call('countNgrams', ['a', 'b', 'a', 'b'], 2);
      ensure(
        got instanceof Map &&
          show([...got]) ===
            show([
              ['a b', 2],
              ['b a', 1],
            ]),
        `countNgrams(['a', 'b', 'a', 'b'], 2) is ${show(got instanceof Map ? [...got] : got)}, expected Map { 'a b' => 2, 'b a' => 1 }`,
      );
    }),
    reference(
      'countNgrams counts every run of n tokens, in first-seen order (n = 1, 2, 3)',
      fc.tuple(corpus, fc.integer({ min: 1, max: 3 })),
      async (s, [tokens, n]) => {
        const got = await s.call('countNgrams', tokens, n);
        const expected = [...ref.countNgrams(tokens, n)];
        ensure(
          got instanceof Map && show([...got]) === show(expected),
          `countNgrams(${show(tokens)}, ${n}) is ${show(got instanceof Map ? [...got] : got)}, expected ${show(expected)}`,
        );
      },
    ),
    property(
      'every smoothed distribution sums to 1, the context being any token, the last one included',
      withContext,
      async (s, { tokens, eps1, eps: e, prev, pair }) => {
        expectSumsToOne(await distribution(s, 'laplaceUnigram', [tokens, eps1]), `laplaceUnigram(tokens, ${eps1})`);
        expectSumsToOne(
          await distribution(s, 'laplaceBigram', [tokens, eps1, e, prev]),
          `laplaceBigram(tokens, ${eps1}, ${e}, '${prev}')`,
        );
        expectSumsToOne(
          await distribution(s, 'laplaceTrigram', [tokens, eps1, e, pair]),
          `laplaceTrigram(tokens, ${eps1}, ${e}, ${show(pair)})`,
        );
      },
    ),
    // The maximum-likelihood estimates, counted here: n(x)/n, n(x, x')/n(x, ·), n(x, x', x'')/n(x, x', ·).
    property(
      'ε = 0 gives the maximum-likelihood estimate, relative frequencies',
      seenContext,
      async (s, { tokens, prev, pair }) => {
        const n1 = ref.countNgrams(tokens, 1);
        const mle = (grams: Map<string, number>, context: string) => {
          const total = [...grams].filter(([k]) => k.startsWith(`${context} `)).reduce((a, [, c]) => a + c, 0);
          return new Map([...n1.keys()].map((x) => [x, (grams.get(`${context} ${x}`) ?? 0) / total]));
        };
        expectDistribution(
          await distribution(s, 'laplaceUnigram', [tokens, 0]),
          new Map([...n1].map(([x, c]) => [x, c / tokens.length])),
          'laplaceUnigram(tokens, 0)',
        );
        expectDistribution(
          await distribution(s, 'laplaceBigram', [tokens, 1, 0, prev]),
          mle(ref.countNgrams(tokens, 2), prev),
          `laplaceBigram(tokens, 1, 0, '${prev}')`,
        );
        expectDistribution(
          await distribution(s, 'laplaceTrigram', [tokens, 1, 0, pair]),
          mle(ref.countNgrams(tokens, 3), pair.join(' ')),
          `laplaceTrigram(tokens, 1, 0, ${show(pair)})`,
        );
      },
    ),
    // With ε = 1e12 the counts are 1e-11 of the total or less: the limit holds to ~1e-10.
    property(
      'ε₁ → ∞ gives the uniform 1/m; ε₂, ε₃ → ∞ give the smoothed unigram P̂(x)',
      withContext,
      async (s, { tokens, eps1, prev, pair }) => {
        const m = ref.countNgrams(tokens, 1).size;
        const huge = 1e12;
        const uniform = new Map([...ref.countNgrams(tokens, 1).keys()].map((x) => [x, 1 / m]));
        expectDistribution(
          await distribution(s, 'laplaceUnigram', [tokens, huge]),
          uniform,
          'laplaceUnigram(tokens, 1e12)',
          1e-9,
        );
        const unigram = ref.laplaceUnigram(tokens, eps1);
        expectDistribution(
          await distribution(s, 'laplaceBigram', [tokens, eps1, huge, prev]),
          unigram,
          `laplaceBigram(tokens, ${eps1}, 1e12, '${prev}')`,
          1e-9,
        );
        expectDistribution(
          await distribution(s, 'laplaceTrigram', [tokens, eps1, huge, pair]),
          unigram,
          `laplaceTrigram(tokens, ${eps1}, 1e12, ${show(pair)})`,
          1e-9,
        );
      },
    ),
    reference(
      'the smoothed unigram, bigram and trigram match the reference',
      withContext,
      async (s, { tokens, eps1, eps: e, prev, pair }) => {
        expectDistribution(
          await distribution(s, 'laplaceUnigram', [tokens, eps1]),
          ref.laplaceUnigram(tokens, eps1),
          `laplaceUnigram(tokens, ${eps1})`,
        );
        expectDistribution(
          await distribution(s, 'laplaceBigram', [tokens, eps1, e, prev]),
          ref.laplaceBigram(tokens, eps1, e, prev),
          `laplaceBigram(tokens, ${eps1}, ${e}, '${prev}')`,
        );
        expectDistribution(
          await distribution(s, 'laplaceTrigram', [tokens, eps1, e, pair]),
          ref.laplaceTrigram(tokens, eps1, e, pair),
          `laplaceTrigram(tokens, ${eps1}, ${e}, ${show(pair)})`,
        );
      },
    ),
    example(
      'a context that starts no n-gram (the last token or pair, or one absent from the corpus) gets the smoothed unigram P̂(x), for ε = 0 too (the limit, not 0 / 0); fewer tokens than n have no n-gram; integer-like tokens keep first-seen order',
      async (s) => {
        const tokens = ['deep', 'learning', 'is', 'fun', 'deep', 'hard'];
        const eps1 = 0.5;
        // P̂(x) = (n(x) + ε₁/m) / (n + ε₁), n = 6 tokens, m = 5 distinct.
        const unigram = new Map(
          (
            [
              ['deep', 2],
              ['learning', 1],
              ['is', 1],
              ['fun', 1],
              ['hard', 1],
            ] as const
          ).map(([x, c]) => [x, (c + eps1 / 5) / (6 + eps1)]),
        );
        for (const [prev, e] of [
          ['hard', 0],
          ['absent', 0],
          ['absent', 2],
        ] as const) {
          expectDistribution(
            await distribution(s, 'laplaceBigram', [tokens, eps1, e, prev]),
            unigram,
            `laplaceBigram(tokens, ${eps1}, ${e}, '${prev}')`,
          );
        }
        for (const [pair, e] of [
          [['deep', 'hard'], 0],
          [['fun', 'is'], 0],
          [['absent', 'deep'], 3],
        ] as const) {
          expectDistribution(
            await distribution(s, 'laplaceTrigram', [tokens, eps1, e, pair]),
            unigram,
            `laplaceTrigram(tokens, ${eps1}, ${e}, ${show(pair)})`,
          );
        }
        for (const [ts, n, expected] of [
          [['a', 'b'], 3, []],
          [['a', 'b', 'c'], 3, [['a b c', 1]]],
          [[], 1, []],
          [
            ['10', 'deep', '1', '10'],
            1,
            [
              ['10', 2],
              ['deep', 1],
              ['1', 1],
            ],
          ],
        ] as [string[], number, [string, number][]][]) {
          const got = await s.call('countNgrams', ts, n);
          ensure(
            got instanceof Map && show([...got]) === show(expected),
            `countNgrams(${show(ts)}, ${n}) is ${show(got instanceof Map ? [...got] : got)}, expected ${show(expected)}`,
          );
        }
      },
    ),
    rejects('an empty corpus gets an EmptyCorpusError saying it is empty, from all three estimates', async (s) => {
      await s.rejects('laplaceUnigram', [[], 1], /empty/i, 'when the corpus is empty', 'EmptyCorpusError');
      await s.rejects('laplaceBigram', [[], 1, 1, 'a'], /empty/i, 'when the corpus is empty', 'EmptyCorpusError');
      await s.rejects(
        'laplaceTrigram',
        [[], 1, 1, ['a', 'b']],
        /empty/i,
        'when the corpus is empty',
        'EmptyCorpusError',
      );
    }),
    rejects(
      'a smoothing constant below 0, NaN or infinite, or an n below 1 or fractional, gets a HyperparameterError naming it',
      async (s) => {
        const tokens = ['deep', 'learning', 'is', 'fun'];
        for (const n of [0, 1.5])
          await s.rejects('countNgrams', [tokens, n], /\bn\b/, `for n = ${n}`, 'HyperparameterError');
        for (const e of [-1e-9, Number.NaN, Infinity]) {
          await s.rejects('laplaceUnigram', [tokens, e], /eps1|ε₁/, `for ε₁ = ${e}`, 'HyperparameterError');
          await s.rejects('laplaceBigram', [tokens, 1, e, 'deep'], /eps2|ε₂/, `for ε₂ = ${e}`, 'HyperparameterError');
          await s.rejects(
            'laplaceTrigram',
            [tokens, 1, e, ['deep', 'learning']],
            /eps3|ε₃/,
            `for ε₃ = ${e}`,
            'HyperparameterError',
          );
        }
      },
    ),
  ],
});
