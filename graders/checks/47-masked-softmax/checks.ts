import * as ref from '../../../reference/47-masked-softmax';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { float64Gradient } from '../../lib/attention';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectRowsAreDistributions, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { exactM3, fromM3, m3, maskedSoftmax64, rowLengths } from '../../lib/float64/attention';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { callRef } from '../../lib/rnn';

const show = (t: TensorData | null) => (t === null ? 'null' : JSON.stringify(t.toArray()));

async function masked(s: Subject, X: TensorData, validLens: TensorData | null): Promise<TensorData> {
  return expectTensor(
    await s.call('maskedSoftmax', X, validLens),
    `maskedSoftmax(X of shape [${X.shape.join(', ')}], validLens ${show(validLens)})`,
    X.shape,
  );
}

/** The float64 masked softmax of X with these valid lengths. */
function expected(X: TensorData, validLens: TensorData | null): TensorData {
  const [B, Q, K] = X.shape as [number, number, number];
  return fromM3(maskedSoftmax64(m3(X), rowLengths(validLens, B, Q, K)));
}

/** Lengths for B examples (1-D) or B × Q rows (2-D), each from `min` to K. */
function lengths(rng: Rng, B: number, Q: number, K: number, twoD: boolean, min: number): TensorData {
  const draw = () => min + rng.int(K - min + 1);
  return twoD
    ? TensorData.int([B, Q], Array.from({ length: B * Q }, draw))
    : TensorData.int([B], Array.from({ length: B }, draw));
}

/** Scores [B, Q, K] of spread 2 with B, Q >= 2 (so a length given per example must be repeated per query row), and lengths. */
const scoresAndLens = (min: number) =>
  seeded((rng) => {
    const [B, Q, K] = [2 + rng.int(2), 2 + rng.int(3), 2 + rng.int(5)];
    return { X: normalTensor(rng, [B, Q, K], 2), validLens: lengths(rng, B, Q, K, rng.int(2) === 1, min) };
  });

/** Any of the three forms of validLens: null, 1-D or 2-D, lengths 0 included. */
const anyCase = seeded((rng) => {
  const [B, Q, K] = [1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(6)];
  const kind = rng.int(3);
  return {
    X: normalTensor(rng, [B, Q, K], 2),
    validLens: kind === 0 ? null : lengths(rng, B, Q, K, kind === 2, 0),
  };
});

// d2l's example draws X with torch.rand; here it is fixed (quarters, exact in float32).
const X224 = TensorData.float(
  [2, 2, 4],
  [0.25, 0.75, 0.5, 1, 0.5, 0.25, 1, 0.75, 0.75, 0.5, 0.25, 0.5, 1, 0.25, 0.75, 0.5],
);

export default defineExercise({
  id: '47-masked-softmax',
  title: 'Masked softmax',
  file: 'masked-softmax.ts',
  checks: [
    example(
      "d2l's example with 1-D valid lengths [2, 3]: both query rows of example 1 spread over 2 keys, both of example 2 over 3",
      async (s) => {
        const lens = TensorData.int([2], [2, 3]);
        expectClose(await masked(s, X224, lens), expected(X224, lens), 'maskedSoftmax(X, [2, 3])');
      },
    ),
    example("d2l's example with 2-D valid lengths [[1, 3], [2, 4]]: one length per query row", async (s) => {
      const lens = TensorData.int([2, 2], [1, 3, 2, 4]);
      expectClose(await masked(s, X224, lens), expected(X224, lens), 'maskedSoftmax(X, [[1, 3], [2, 4]])');
    }),
    property(
      'every row is a distribution over its valid keys, exactly 0 beyond them',
      scoresAndLens(1),
      async (s, { X, validLens }) => {
        const out = await masked(s, X, validLens);
        const [B, Q, K] = X.shape as [number, number, number];
        expectRowsAreDistributions(out, 'the attention weights');
        const lens = rowLengths(validLens, B, Q, K);
        for (let b = 0; b < B; b++)
          for (let q = 0; q < Q; q++) {
            const L = lens[b]![q]!;
            for (let k = L; k < K; k++)
              ensure(
                out.get(b, q, k) === 0,
                `the weight of key ${k} in row [${b}, ${q}] is ${formatNumber(out.get(b, q, k))}, but that row's valid length is ${L} (validLens ${show(validLens)}): keys from ${L} on must get exactly 0`,
              );
            for (let k = 0; k < L; k++)
              ensure(
                out.get(b, q, k) > 0,
                `the weight of key ${k} in row [${b}, ${q}] is 0, but it is within that row's valid length ${L} (validLens ${show(validLens)})`,
              );
          }
      },
    ),
    property(
      'a row of valid length 0 is uniform over all its keys (d2l fills −1e6, not −∞)',
      seeded((rng) => {
        const [B, Q, K] = [1 + rng.int(3), 1 + rng.int(3), 1 + rng.int(6)];
        const twoD = rng.int(2) === 1;
        return {
          X: normalTensor(rng, [B, Q, K], 2),
          validLens: twoD
            ? TensorData.int([B, Q], new Array(B * Q).fill(0))
            : TensorData.int([B], new Array(B).fill(0)),
        };
      }),
      async (s, { X, validLens }) => {
        const K = X.shape[2]!;
        expectClose(
          await masked(s, X, validLens),
          X.map(() => 1 / K),
          `maskedSoftmax with every valid length 0 (validLens ${show(validLens)}), compared with 1/${K} everywhere`,
        );
      },
    ),
    property(
      'the scores of masked keys do not matter: changing them changes no weight',
      scoresAndLens(1),
      async (s, { X, validLens }) => {
        const [B, Q, K] = X.shape as [number, number, number];
        const lens = rowLengths(validLens, B, Q, K);
        // Masked scores pushed far up: they would dominate any softmax that let them in.
        const changed = X.map((v, i) => {
          const [b, q, k] = X.index(i) as [number, number, number];
          return k < lens[b]![q]! ? v : v + 50;
        });
        expectClose(
          await masked(s, changed, validLens),
          await masked(s, X, validLens),
          `maskedSoftmax after adding 50 to the masked scores (validLens ${show(validLens)}), compared with before`,
          { atol: 0, rtol: 0 },
        );
      },
    ),
    reference(
      'matches the reference for validLens null, [batch] and [batch, queries], lengths 0 included',
      anyCase,
      async (s, { X, validLens }) => {
        expectClose(
          await masked(s, X, validLens),
          callRef<TensorData>(ref.maskedSoftmax, X, validLens),
          'maskedSoftmax(X, validLens)',
        );
      },
    ),
    float64Gradient('the gradient with respect to the scores matches finite differences (0 for masked keys)', {
      fn: 'maskedSoftmax',
      args: anyCase.map(({ X, validLens }) => [X.map((v) => v / 2), validLens]),
      wrt: [0],
      forward: (X, validLens) => {
        const [B, Q, K] = (X as TensorData).shape as [number, number, number];
        return exactM3(maskedSoftmax64(m3(X as TensorData), rowLengths(validLens as TensorData | null, B, Q, K)));
      },
    }),
    rejects(
      'valid lengths that are negative, too long, fractional or of the wrong shape get a ValidLengthError naming validLens',
      async (s) => {
        const X = TensorData.float([2, 3, 4], new Array(24).fill(0.5));
        const cases: [TensorData, string][] = [
          [TensorData.int([2], [2, -1]), 'a valid length is negative (-1)'],
          [TensorData.int([2], [5, 2]), 'a valid length (5) is longer than the 4 keys'],
          [TensorData.int([2, 3], [1, 2, 3, 4, 5, 1]), 'a 2-D valid length (5) is longer than the 4 keys'],
          [TensorData.float([2], [1.5, 2]), 'a valid length is not a whole number (1.5)'],
          [TensorData.int([3], [1, 2, 3]), 'validLens has 3 lengths for a batch of 2'],
          [TensorData.int([2, 2], [1, 2, 3, 4]), 'validLens is [2, 2] for 3 queries'],
        ];
        for (const [lens, why] of cases)
          await s.rejects('maskedSoftmax', [X, lens], /validLens/, `when ${why}`, 'ValidLengthError');
      },
    ),
  ],
});
