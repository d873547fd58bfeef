import * as ref from '../../../reference/34-lstm';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, type TensorData } from '../../lib/tensor-data';
import { lstm64 } from '../../lib/float64/rnn';
import {
  bpttAtSaturation,
  bpttGradient,
  callRef,
  drawParams,
  flatOutput,
  type ParamData,
  gateBias,
  paramShapes,
  saturatingBias,
  sizeAndSeedBounds,
  statedDraws,
  weightDraws,
} from '../../lib/rnn';

const NAMES = [
  'W_xi',
  'W_hi',
  'b_i',
  'W_xf',
  'W_hf',
  'b_f',
  'W_xo',
  'W_ho',
  'b_o',
  'W_xc',
  'W_hc',
  'b_c',
  'W_hq',
  'b_q',
] as const;
function shapes(d: number, h: number, q: number): Record<string, number[]> {
  const gate = (g: string) => ({ [`W_x${g}`]: [d, h], [`W_h${g}`]: [h, h], [`b_${g}`]: [h] });
  return { ...gate('i'), ...gate('f'), ...gate('o'), ...gate('c'), W_hq: [h, q], b_q: [q] };
}

/** Inputs, a hidden state, a memory cell of scale `cellScale` and parameters of scale 0.5. */
const lstmCase = (cellScale = 1) =>
  seeded((rng) => {
    const [T, n, d, h, q] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(5), 1 + rng.int(4), 2 + rng.int(3)];
    return {
      inputs: normalTensor(rng, [T, n, d]),
      X: normalTensor(rng, [n, d]),
      H: normalTensor(rng, [n, h], 0.8),
      C: normalTensor(rng, [n, h], cellScale),
      params: drawParams(rng, shapes(d, h, q), 0.5),
    };
  });

async function cell(
  s: Subject,
  X: TensorData,
  H: TensorData,
  C: TensorData,
  params: ParamData,
): Promise<{ H: TensorData; C: TensorData }> {
  const out = (await s.call('lstmCell', X, H, C, params)) as { H?: unknown; C?: unknown } | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('lstmCell should return { H, C }');
  return {
    H: expectTensor(out.H, "the new hidden state H'", H.shape),
    C: expectTensor(out.C, "the new memory cell C'", C.shape),
  };
}

export default defineExercise({
  id: '34-lstm',
  title: 'Long short-term memory (LSTM)',
  file: 'lstm.ts',
  checks: [
    paramShapes(
      'getLstmParams: weights and biases of the input, forget and output gates, the candidate cell and the output layer, biases zero',
      'getLstmParams',
      shapes,
    ),
    weightDraws(
      'getLstmParams draws each weight matrix from N(0, 0.01²), the same for the same seed (0 included), each from its own seed',
      'getLstmParams',
      NAMES.filter((n) => n.startsWith('W_')),
    ),
    statedDraws(
      "getLstmParams draws the weights as the task states: tf.randomNormal(shape, 0, 0.01, 'float32', seed + k), k = 1 … 9 in the order W_xi, W_hi, W_xf, W_hf, W_xo, W_ho, W_xc, W_hc, W_hq",
      'getLstmParams',
      (V, h) => ({
        W_xi: [[V, h], 1],
        W_hi: [[h, h], 2],
        W_xf: [[V, h], 3],
        W_hf: [[h, h], 4],
        W_xo: [[V, h], 5],
        W_ho: [[h, h], 6],
        W_xc: [[V, h], 7],
        W_hc: [[h, h], 8],
        W_hq: [[h, V], 9],
      }),
    ),
    sizeAndSeedBounds(
      'getLstmParams and initLstmState take sizes that are whole numbers >= 1 and a seed >= 0 (seed −1 would draw with seed + 1 = 0), else a HyperparameterError',
      'getLstmParams',
      'initLstmState',
    ),
    example('initLstmState(2, 3) is [H₀, C₀], two tensors of zeros [2, 3]', async (s) => {
      const st = await s.call('initLstmState', 2, 3);
      ensure(Array.isArray(st) && st.length === 2, 'initLstmState should return a list of two tensors, [H₀, C₀]');
      st.forEach((t, i) =>
        ensure(
          expectTensor(t, i ? 'C₀' : 'H₀', [2, 3]).values.every((x) => x === 0),
          `${i ? 'C₀' : 'H₀'} should be zeros`,
        ),
      );
    }),
    reference(
      'lstmCell matches the reference on random inputs, states and parameters',
      lstmCase(),
      async (s, { X, H, C, params }) => {
        const got = await cell(s, X, H, C, params);
        const expected = callRef<{ H: TensorData; C: TensorData }>(ref.lstmCell, X, H, C, params);
        expectClose(got.C, expected.C, "the memory cell C'");
        expectClose(got.H, expected.H, "the hidden state H'");
      },
    ),
    property(
      "a forget gate of 1 and an input gate of 0 keep the memory cell: C' = C",
      lstmCase(3),
      async (s, { X, H, C, params }) => {
        const h = H.shape[1]!;
        const p: ParamData = { ...params, b_f: gateBias(h, 30), b_i: gateBias(h, -30) };
        expectClose((await cell(s, X, H, C, p)).C, C, "C' with F = 1 and I = 0 (b_f = 30, b_i = −30), compared with C");
      },
    ),
    property(
      "the hidden state stays inside (−1, 1), however large the memory cell: |H'| < 1",
      lstmCase(20),
      async (s, { X, H, C, params }) => {
        const out = await cell(s, X, H, C, params);
        const i = out.H.values.findIndex((v) => !(Math.abs(v) < 1));
        ensure(
          i < 0,
          `H' has ${formatNumber(out.H.values[i]!)} at [${out.H.index(i)}] with C' = ${formatNumber(out.C.values[i]!)}: H' = O ⊙ tanh(C') lies in (−1, 1)`,
          [`H' = ${out.H}`],
        );
      },
    ),
    reference(
      'lstm matches the reference over time: outputs in time order, final H and C',
      lstmCase(),
      async (s, { inputs, H, C, params }) => {
        const got = (await s.call('lstm', inputs, [H, C], params)) as { Y?: unknown; state?: unknown[] } | null;
        if (got === null || typeof got !== 'object' || !Array.isArray(got.state) || got.state.length !== 2)
          throw new CheckFailure('lstm should return { Y, state: [H, C] }');
        const expected = callRef<{ Y: TensorData; state: TensorData[] }>(ref.lstm, inputs, [H, C], params);
        expectClose(got.Y, expected.Y, 'the outputs Y');
        expectClose(got.state[0], expected.state[0]!, 'the final hidden state H_T');
        expectClose(got.state[1], expected.state[1]!, 'the final memory cell C_T');
      },
    ),
    bpttGradient(
      'backpropagation through time: the gradients with respect to the inputs, H₀, C₀ and all fourteen parameters match finite differences',
      {
        fn: 'driveLstm',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2, 2 + rng.int(2), 2];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          return [
            normalTensor(rng, [T, n, d]),
            normalTensor(rng, [n, h], 0.8),
            normalTensor(rng, [n, h]),
            ...NAMES.map((k) => p[k]!),
          ];
        }),
        wrt: [0, 1, 2, ...NAMES.map((_, i) => i + 3)],
        forward: ([inputs, H, C, ...ps]) =>
          flatOutput(lstm64(inputs!, H!, C!, Object.fromEntries(NAMES.map((k, i) => [k, ps[i]!])))),
        numRuns: 10,
      },
    ),
    bpttAtSaturation(
      'where the gates saturate (biases of +100 and −100 beside ordinary ones) lstm is right, not NaN, and every gradient stays finite and right',
      {
        fn: 'driveLstm',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2, 3 + rng.int(2), 2];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          // Unit 0: I = 1, F = 0, O = 1, C̃ = 1; unit 1 the opposite: every gate at both ends.
          const saturated: ParamData = {
            ...p,
            b_i: saturatingBias(p.b_i!, 1),
            b_f: saturatingBias(p.b_f!, -1),
            b_o: saturatingBias(p.b_o!, 1),
            b_c: saturatingBias(p.b_c!, 1),
          };
          return [
            normalTensor(rng, [T, n, d]),
            normalTensor(rng, [n, h], 0.8),
            normalTensor(rng, [n, h]),
            ...NAMES.map((k) => saturated[k]!),
          ];
        }),
        wrt: [0, 1, 2, ...NAMES.map((_, i) => i + 3)],
        forward: ([inputs, H, C, ...ps]) =>
          flatOutput(lstm64(inputs!, H!, C!, Object.fromEntries(NAMES.map((k, i) => [k, ps[i]!])))),
        numRuns: 4,
      },
    ),
  ],
});
