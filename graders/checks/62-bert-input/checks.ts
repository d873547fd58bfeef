import * as fc from 'fast-check';
import * as ref from '../../../reference/62-bert-input';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import { callRef, type ParamData } from '../../lib/rnn';
import { meanBound, moments, stdRelBound } from '../../lib/stats';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

const show = (v: unknown) => JSON.stringify(v);
const NAMES = ['tokenEmbedding', 'segmentEmbedding', 'posEmbedding'] as const;
const WORDS = ['this', 'movie', 'is', 'great', 'i', 'like', 'it', 'the', 'cow'];

async function tokensAndSegments(
  s: Subject,
  a: string[],
  b?: string[],
): Promise<{ tokens: string[]; segments: number[] }> {
  const out = (await (b === undefined ? s.call('getTokensAndSegments', a) : s.call('getTokensAndSegments', a, b))) as {
    tokens?: unknown;
    segments?: unknown;
  } | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.tokens) || !Array.isArray(out.segments))
    throw new CheckFailure('getTokensAndSegments should return { tokens: string[], segments: number[] }');
  return out as { tokens: string[]; segments: number[] };
}

const ids = (rng: Rng, n: number, hi: number) => Array.from({ length: n }, () => rng.int(hi));

/** Tables, token ids and 0/1 segment ids for n sequences of T ≤ maxLen positions. */
const embedCase = seeded((rng) => {
  const [V, h, n, T] = [3 + rng.int(5), 2 + rng.int(3), 1 + rng.int(3), 1 + rng.int(5)];
  const maxLen = T + rng.int(3);
  return {
    params: {
      tokenEmbedding: normalTensor(rng, [V, h]),
      segmentEmbedding: normalTensor(rng, [2, h]),
      posEmbedding: normalTensor(rng, [maxLen, h]),
    },
    tokens: TensorData.int([n, T], ids(rng, n * T, V)),
    segments: TensorData.int([n, T], ids(rng, n * T, 2)),
  };
});

async function embed(s: Subject, params: ParamData, tokens: TensorData, segments: TensorData): Promise<TensorData> {
  return expectTensor(await s.call('bertEmbed', params, tokens, segments), 'bertEmbed(params, tokens, segments)', [
    ...tokens.shape,
    params.tokenEmbedding!.shape[1]!,
  ]);
}

/** X[b, t] = tok[tokens[b, t]] + seg[segments[b, t]] + pos[t], in float64. */
function embed64(p: ParamData, tokens: TensorData, segments: TensorData): TensorData {
  const [n, T] = tokens.shape as [number, number];
  const h = p.tokenEmbedding!.shape[1]!;
  return TensorData.float(
    [n, T, h],
    Array.from({ length: n * T * h }, (_, k) => {
      const [b, t, j] = [Math.floor(k / (T * h)), Math.floor(k / h) % T, k % h];
      return (
        p.tokenEmbedding!.get(tokens.get(b, t), j) +
        p.segmentEmbedding!.get(segments.get(b, t), j) +
        p.posEmbedding!.get(t, j)
      );
    }),
  );
}

const zeros = (t: TensorData) => t.map(() => 0);

export default defineExercise({
  id: '62-bert-input',
  title: "BERT's input representation",
  file: 'bert-input.ts',
  checks: [
    example(
      "'this movie is great' and 'i like it' give <cls> this movie is great <sep> i like it <sep>, segments 0 × 6 then 1 × 4; one text alone ends after its <sep>",
      async (s) => {
        const pair = await tokensAndSegments(s, ['this', 'movie', 'is', 'great'], ['i', 'like', 'it']);
        const tokens = ['<cls>', 'this', 'movie', 'is', 'great', '<sep>', 'i', 'like', 'it', '<sep>'];
        ensure(show(pair.tokens) === show(tokens), `the tokens are ${show(pair.tokens)}, expected ${show(tokens)}`);
        ensure(
          show(pair.segments) === show([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]),
          `the segments are ${show(pair.segments)}, expected [0,0,0,0,0,0,1,1,1,1]`,
        );
        const one = await tokensAndSegments(s, ['this', 'movie', 'is', 'great']);
        ensure(
          show(one.tokens) === show(tokens.slice(0, 6)) && show(one.segments) === show([0, 0, 0, 0, 0, 0]),
          `one text gives ${show(one)}, expected <cls> this movie is great <sep> with segments 0 × 6`,
        );
      },
    ),
    reference(
      'getTokensAndSegments matches the reference for any texts A and B (either may be empty), or A alone',
      fc.tuple(
        fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }),
        fc.option(fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }), { nil: undefined }),
      ),
      async (s, [a, b]) => {
        const got = await tokensAndSegments(s, a, b);
        const expected = ref.getTokensAndSegments(a, b);
        ensure(
          show(got) === show(expected),
          `getTokensAndSegments(${show(a)}${b === undefined ? '' : `, ${show(b)}`}) is ${show(got)}, expected ${show(expected)}`,
        );
      },
    ),
    reference(
      "initBertEmbedding makes d2l's N(0, 1) tables with tf.randomNormal seeds seed + 1, + 2, + 3",
      fc.record({
        V: fc.integer({ min: 2, max: 20 }),
        h: fc.integer({ min: 1, max: 8 }),
        maxLen: fc.integer({ min: 1, max: 12 }),
        seed: fc.nat(1000),
      }),
      async (s, { V, h, maxLen, seed }) => {
        const got = (await s.call('initBertEmbedding', V, h, maxLen, seed)) as Record<string, unknown> | null;
        const expected = callRef<ParamData>(ref.initBertEmbedding, V, h, maxLen, seed);
        if (got === null || typeof got !== 'object')
          throw new CheckFailure(`initBertEmbedding should return { ${NAMES.join(', ')} }`);
        for (const name of NAMES)
          expectClose(got[name], expected[name]!, `${name} of initBertEmbedding(${V}, ${h}, ${maxLen}, ${seed})`, {
            atol: 0,
            rtol: 0,
          });
      },
      { numRuns: 5 },
    ),
    property(
      'every table is N(0, 1) (mean and spread within five standard errors), each drawn from its own seed',
      fc.nat(1000),
      async (s, seed) => {
        const p = (await s.call('initBertEmbedding', 50, 64, 40, seed)) as Record<string, unknown>;
        for (const name of NAMES) {
          const t = expectTensor(p[name], name);
          const { mean, std } = moments(t.values);
          ensure(
            Math.abs(mean) <= meanBound(1, t.size),
            `${name} has mean ${formatNumber(mean)}, expected 0 (±${formatNumber(meanBound(1, t.size))})`,
          );
          ensure(
            Math.abs(std - 1) <= stdRelBound(t.size),
            `${name} has standard deviation ${formatNumber(std)}, expected 1 (±${formatNumber(stdRelBound(t.size))})`,
          );
        }
        const first = NAMES.map((n) => (p[n] as TensorData).values.slice(0, 64).join());
        ensure(new Set(first).size === 3, 'two tables start with the same values: draw each with its own seed');
      },
      { numRuns: 3 },
    ),
    example(
      "d2l's demo: two sequences of 8 tokens with segments [0,0,0,0,1,1,1,1] and [0,0,0,1,1,1,1,1] embed to [2, 8, h]",
      async (s) => {
        const rngFree = Array.from({ length: 16 }, (_, i) => (i * 7) % 10);
        const tokens = TensorData.int([2, 8], rngFree);
        const segments = TensorData.int([2, 8], [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1]);
        const p = callRef<ParamData>(ref.initBertEmbedding, 10, 4, 16, 3);
        expectClose(await embed(s, p, tokens, segments), embed64(p, tokens, segments), "bertEmbed on d2l's demo input");
      },
    ),
    reference(
      'bertEmbed matches the reference: token + segment + position embeddings',
      embedCase,
      async (s, { params, tokens, segments }) => {
        expectClose(
          await embed(s, params, tokens, segments),
          callRef<TensorData>(ref.bertEmbed, params, tokens, segments),
          'bertEmbed(params, tokens, segments)',
        );
      },
    ),
    property(
      "the embedding is a sum of three lookups: with two tables zeroed, X[b, t] is the third table's row (the token's, the segment's, or position t's)",
      embedCase,
      async (s, { params, tokens, segments }) => {
        const p = params as ParamData;
        for (const keep of NAMES) {
          const only = Object.fromEntries(NAMES.map((n) => [n, n === keep ? p[n]! : zeros(p[n]!)])) as ParamData;
          expectClose(
            await embed(s, only, tokens, segments),
            embed64(only, tokens, segments),
            `bertEmbed with only ${keep} left (the other two tables zero)`,
          );
        }
      },
    ),
    gradient(
      'the gradients with respect to all three tables, the learnable positions included, match finite differences',
      {
        fn: 'driveBertEmbed',
        args: embedCase.map(({ params, tokens, segments }) => [
          params.tokenEmbedding,
          params.segmentEmbedding,
          params.posEmbedding,
          tokens,
          segments,
        ]),
        wrt: [0, 1, 2],
        forward: (tok, seg, pos, tokens, segments) =>
          embed64(
            { tokenEmbedding: tok as TensorData, segmentEmbedding: seg as TensorData, posEmbedding: pos as TensorData },
            tokens as TensorData,
            segments as TensorData,
          ),
      },
    ),
    rejects('sequences longer than the position embeddings are a HyperparameterError naming maxLen', async (s) => {
      const p = callRef<ParamData>(ref.initBertEmbedding, 5, 2, 3, 0);
      await s.rejects(
        'bertEmbed',
        [p, TensorData.int([1, 4], [1, 2, 3, 4]), TensorData.int([1, 4], [0, 0, 1, 1])],
        /maxLen/,
        'when T = 4 but maxLen = 3',
        'HyperparameterError',
      );
    }),
  ],
});
