import * as fc from 'fast-check';
import { anySeed, normalTensor, seeded } from '../../lib/arbitraries';
import { dropped, filled, float64Gradient } from '../../lib/attention';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { exact } from '../../lib/float64/attention';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

/** d2l's table in float64: P[i, 2j] = sin(i ω_j), P[i, 2j + 1] = cos(i ω_j), ω_j = 1/10000^(2j/d). */
function table64(rows: number, d: number): number[] {
  return Array.from({ length: rows * d }, (_, k) => {
    const [i, c] = [Math.floor(k / d), k % d];
    const a = i / 10000 ** ((c - (c % 2)) / d);
    return c % 2 === 0 ? Math.sin(a) : Math.cos(a);
  });
}

/** X [b, T, d] + P[offset : offset + T], in float64. */
const plusTable = (X: TensorData, offset = 0) => {
  const [, T, d] = X.shape as [number, number, number];
  const P = table64(offset + T, d).slice(offset * d);
  return Array.from(X.values, (x, k) => x + P[k % (T * d)]!);
};

/**
 * Tables of at most 60 rows: there tfjs's float32 angles i / 10000^(2j/d) are within 3.2e-6 of
 * float64's, up to d = 128 (scripts/measure/ch8-pe-margin.ts, wasm and cpu), inside FLOAT32. Near
 * position 1000 they are off by up to 6e-5 (the float32 spacing of numbers near 1000), which is
 * why no check compares rows that far.
 */
const tableSize = fc.record({
  rows: fc.integer({ min: 1, max: 60 }),
  d: fc.integer({ min: 1, max: 32 }).map((k) => 2 * k),
});

/** X [b, T, d] with d even, T <= 40. */
const inputs = seeded((rng) => normalTensor(rng, [1 + rng.int(3), 1 + rng.int(40), 2 * (1 + rng.int(8))]));

async function encoded(s: Subject, X: TensorData, opts: object): Promise<TensorData> {
  return expectTensor(
    await s.call('positionalEncoding', X, opts),
    `positionalEncoding(X [${X.shape.join(', ')}])`,
    X.shape,
  );
}

export default defineExercise({
  id: '52-positional-encoding',
  title: 'Positional encoding',
  file: 'positional-encoding.ts',
  uses: ['13-dropout'],
  checks: [
    example(
      "d2l's figure: positionalEncoding(zeros [1, 60, 32]) in evaluation is the first 60 rows of the table for encoding_dim 32",
      async (s) => {
        expectClose(
          await encoded(s, filled([1, 60, 32], 0), { dropout: 0.5, training: false }),
          TensorData.float([1, 60, 32], table64(60, 32)),
          'the encoding of 60 steps of zeros, d = 32',
        );
      },
    ),
    reference(
      'positionalEncodingTable(maxLen, d): sin(i / 10000^(2j/d)) in column 2j and cos in column 2j + 1, as float64',
      tableSize,
      async (s, { rows, d }) => {
        expectClose(
          await s.call('positionalEncodingTable', rows, d),
          TensorData.float([rows, d], table64(rows, d)),
          `positionalEncodingTable(${rows}, ${d})`,
        );
      },
    ),
    property('every entry of the table lies in [−1, 1]', tableSize, async (s, { rows, d }) => {
      const P = expectTensor(
        await s.call('positionalEncodingTable', rows, d),
        `positionalEncodingTable(${rows}, ${d})`,
        [rows, d],
      );
      const bad = P.values.findIndex((v) => !(v >= -1 && v <= 1));
      ensure(bad < 0, `entry [${P.index(bad).join(', ')}] is ${formatNumber(P.values[bad]!)}, outside [−1, 1]`);
    }),
    // [sin ω(i+δ), cos ω(i+δ)] = [[cos ωδ, sin ωδ], [−sin ωδ, cos ωδ]] [sin ωi, cos ωi]: the map
    // depends on δ and the column pair only. It is computed here in float64 from ω and δ and
    // applied to the student's row i, for every i.
    property(
      'the encoding of position i + δ is a fixed linear map of that of i (a rotation of each column pair by ω_j δ), the same for every i',
      fc.record({ delta: fc.integer({ min: 1, max: 20 }), d: fc.integer({ min: 1, max: 16 }).map((k) => 2 * k) }),
      async (s, { delta, d }) => {
        const rows = 40;
        const P = expectTensor(
          await s.call('positionalEncodingTable', rows, d),
          `positionalEncodingTable(${rows}, ${d})`,
          [rows, d],
        );
        const mapped = Array.from({ length: (rows - delta) * d }, (_, k) => {
          const [i, c] = [Math.floor(k / d), k % d];
          const j = c - (c % 2);
          const w = delta / 10000 ** (j / d);
          const [sin, cos] = [P.get(i, j), P.get(i, j + 1)];
          return c % 2 === 0 ? Math.cos(w) * sin + Math.sin(w) * cos : -Math.sin(w) * sin + Math.cos(w) * cos;
        });
        const shifted = TensorData.float([rows - delta, d], P.values.slice(delta * d));
        expectClose(
          shifted,
          TensorData.float([rows - delta, d], mapped),
          `rows ${delta} .. ${rows - 1} of the table against the rotation by ω_j·${delta} of rows 0 .. ${rows - 1 - delta}`,
        );
      },
    ),
    property(
      'positionalEncoding adds the first T rows of the table to every example; in evaluation dropout does nothing',
      fc.tuple(inputs, fc.constantFrom(0, 0.3, 0.7)),
      async (s, [X, p]) => {
        expectClose(
          await encoded(s, X, { dropout: p, training: false, seed: 1 }),
          TensorData.float(X.shape, plusTable(X)),
          `X + P[:T] in evaluation with dropout ${p}`,
        );
      },
    ),
    property(
      'with offset k the steps of X are encoded as positions k .. k + T − 1 (a decoder predicting after k tokens)',
      fc.tuple(inputs, fc.integer({ min: 1, max: 20 })),
      async (s, [X, offset]) => {
        expectClose(
          await encoded(s, X, { offset }),
          TensorData.float(X.shape, plusTable(X, offset)),
          `X + P[${offset} : ${offset} + T] (offset ${offset})`,
        );
      },
    ),
    property(
      'in training the sum X + P[:T] goes through dropout: the mask of 13-dropout from the seed',
      fc.tuple(inputs, fc.constantFrom(0.3, 0.7), anySeed),
      async (s, [X, p, seed]) => {
        const sum = TensorData.float(X.shape, plusTable(X));
        expectClose(
          await encoded(s, X, { dropout: p, training: true, seed }),
          dropped(sum, p, seed),
          `dropoutLayer(X + P[:T], ${p}, ${seed}, true)`,
        );
      },
    ),
    float64Gradient('the gradient with respect to X is the dropout mask over 1 − p in training (1 in evaluation)', {
      fn: 'positionalEncoding',
      args: fc
        .tuple(
          seeded((rng) => normalTensor(rng, [1 + rng.int(2), 1 + rng.int(4), 2 * (1 + rng.int(3))])),
          fc.constantFrom(0.3, 0.6),
          anySeed,
        )
        .map(([X, p, seed]) => [X, { dropout: p, training: true, seed }]),
      wrt: [0],
      forward: (X, opts) => {
        const { dropout: p, seed } = opts as { dropout: number; seed: number };
        const shape = (X as TensorData).shape as number[];
        const factor = dropped(filled(shape, 1), p, seed).values;
        return exact(
          shape,
          plusTable(X as TensorData).map((v, k) => v * factor[k]!),
        );
      },
    }),
    rejects(
      'an odd numHiddens gets a HyperparameterError naming numHiddens; steps beyond maxLen one naming maxLen',
      async (s) => {
        await s.rejects(
          'positionalEncodingTable',
          [10, 7],
          /numHiddens/,
          'when numHiddens is 7',
          'HyperparameterError',
        );
        await s.rejects(
          'positionalEncoding',
          [filled([1, 4, 5], 0), {}],
          /numHiddens/,
          'when X has 5 features',
          'HyperparameterError',
        );
        await s.rejects(
          'positionalEncoding',
          [filled([1, 6, 4], 0), { maxLen: 5 }],
          /maxLen/,
          'when X has 6 steps and maxLen is 5',
          'HyperparameterError',
        );
        await s.rejects(
          'positionalEncoding',
          [filled([1, 1001, 2], 0), {}],
          /maxLen/,
          "when X has 1001 steps and maxLen is d2l's default 1000",
          'HyperparameterError',
        );
        await s.rejects(
          'positionalEncoding',
          [filled([1, 3, 2], 0), { offset: 998 }],
          /maxLen/,
          'when 3 steps from offset 998 go past the 1000 rows',
          'HyperparameterError',
        );
      },
    ),
  ],
});
