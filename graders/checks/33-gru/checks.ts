import * as ref from '../../../reference/33-gru';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import type { TensorData } from '../../lib/tensor-data';
import { gru64 } from '../../lib/float64/rnn';
import {
  bpttAtSaturation,
  bpttGradient,
  callRef,
  drawParams,
  flatOutput,
  type ParamData,
  GRU_LAYER,
  gateBias,
  gruLayerShapes,
  paramShapes,
  saturatingBias,
  sizeAndSeedBounds,
  statedDraws,
  weightDraws,
} from '../../lib/rnn';

const NAMES = [...GRU_LAYER, 'W_hq', 'b_q'] as const;
const shapes = (d: number, h: number, q: number) => ({ ...gruLayerShapes(d, h), W_hq: [h, q], b_q: [q] });

/** Inputs, a state and parameters of scale 0.5 (gates neither saturated nor linear). */
const gruCase = seeded((rng) => {
  const [T, n, d, h, q] = [1 + rng.int(4), 1 + rng.int(3), 1 + rng.int(5), 1 + rng.int(4), 2 + rng.int(3)];
  return {
    inputs: normalTensor(rng, [T, n, d]),
    X: normalTensor(rng, [n, d]),
    H: normalTensor(rng, [n, h], 0.8),
    params: drawParams(rng, shapes(d, h, q), 0.5),
  };
});

async function cell(s: Subject, X: TensorData, H: TensorData, params: ParamData): Promise<TensorData> {
  return expectTensor(await s.call('gruCell', X, H, params), 'gruCell(X, H)', H.shape);
}

export default defineExercise({
  id: '33-gru',
  title: 'Gated recurrent units (GRU)',
  file: 'gru.ts',
  checks: [
    paramShapes(
      'getGruParams: weights and biases of the update gate, reset gate, candidate and output layer, biases zero',
      'getGruParams',
      shapes,
    ),
    weightDraws(
      'getGruParams draws each weight matrix from N(0, 0.01²), the same for the same seed (0 included), each from its own seed',
      'getGruParams',
      NAMES.filter((n) => n.startsWith('W_')),
    ),
    statedDraws(
      "getGruParams draws the weights as the task states: tf.randomNormal(shape, 0, 0.01, 'float32', seed + k), k = 1 … 7 in the order W_xz, W_hz, W_xr, W_hr, W_xh, W_hh, W_hq",
      'getGruParams',
      (V, h) => ({
        W_xz: [[V, h], 1],
        W_hz: [[h, h], 2],
        W_xr: [[V, h], 3],
        W_hr: [[h, h], 4],
        W_xh: [[V, h], 5],
        W_hh: [[h, h], 6],
        W_hq: [[h, V], 7],
      }),
    ),
    sizeAndSeedBounds(
      'getGruParams and initGruState take sizes that are whole numbers >= 1 and a seed >= 0 (seed −1 would draw with seed + 1 = 0), else a HyperparameterError',
      'getGruParams',
      'initGruState',
    ),
    example('initGruState(2, 3) is a list of one hidden state of zeros, [2, 3]', async (s) => {
      const st = await s.call('initGruState', 2, 3);
      ensure(Array.isArray(st) && st.length === 1, 'initGruState should return a list holding one tensor');
      const H = expectTensor(st[0], 'H₀', [2, 3]);
      ensure(
        H.values.every((x) => x === 0),
        `H₀ should be zeros, got ${H}`,
      );
    }),
    reference(
      'gruCell matches the reference on random inputs, states and parameters',
      gruCase,
      async (s, { X, H, params }) => {
        expectClose(await cell(s, X, H, params), callRef<TensorData>(ref.gruCell, X, H, params), 'gruCell(X, H)');
      },
    ),
    property("an update gate of 1 keeps the state: H' = H", gruCase, async (s, { X, H, params }) => {
      const p = { ...params, b_z: gateBias(H.shape[1]!, 30) };
      expectClose(await cell(s, X, H, p), H, 'gruCell(X, H) with Z = 1 (b_z = 30), compared with H');
    }),
    // Z = 0 and R = 0: H' = H̃ = tanh(X W_xh + b_h), in float64 here.
    property(
      "update and reset gates of 0 forget the state: H' = tanh(X W_xh + b_h), whatever H",
      gruCase,
      async (s, { X, H, params }) => {
        const h = H.shape[1]!;
        const p: ParamData = { ...params, b_z: gateBias(h, -30), b_r: gateBias(h, -30) };
        const d = X.shape[1]!;
        const expected = H.map((_, k) => {
          const [i, j] = [Math.floor(k / h), k % h];
          let a = p.b_h!.values[j]!;
          for (let l = 0; l < d; l++) a += X.get(i, l) * p.W_xh!.get(l, j);
          return Math.tanh(a);
        });
        expectClose(
          await cell(s, X, H, p),
          expected,
          'gruCell(X, H) with Z = 0 and R = 0 (b_z = b_r = −30), compared with tanh(X W_xh + b_h)',
        );
      },
    ),
    reference(
      'gru matches the reference over time: outputs in time order and the final state',
      gruCase,
      async (s, { inputs, H, params }) => {
        const got = (await s.call('gru', inputs, [H], params)) as { Y?: unknown; state?: unknown[] } | null;
        if (got === null || typeof got !== 'object' || !Array.isArray(got.state))
          throw new CheckFailure('gru should return { Y, state: [H] }');
        const expected = callRef<{ Y: TensorData; state: TensorData[] }>(ref.gru, inputs, [H], params);
        expectClose(got.Y, expected.Y, 'the outputs Y');
        expectClose(got.state[0], expected.state[0]!, 'the final state H_T');
      },
    ),
    bpttGradient(
      'backpropagation through time: the gradients with respect to the inputs, H₀ and all eleven parameters match finite differences',
      {
        fn: 'driveGru',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2 + rng.int(2), 2 + rng.int(2), 2 + rng.int(2)];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          return [normalTensor(rng, [T, n, d]), normalTensor(rng, [n, h], 0.8), ...NAMES.map((k) => p[k]!)];
        }),
        wrt: [0, 1, ...NAMES.map((_, i) => i + 2)],
        forward: ([inputs, H, ...ps]) =>
          flatOutput(gru64(inputs!, H!, Object.fromEntries(NAMES.map((k, i) => [k, ps[i]!])))),
        numRuns: 10,
      },
    ),
    bpttAtSaturation(
      'where the gates saturate (biases of +100 and −100 beside ordinary ones) gru is right, not NaN, and every gradient stays finite and right',
      {
        fn: 'driveGru',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2 + rng.int(2), 3 + rng.int(2), 2 + rng.int(2)];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          // Unit 0 keeps its state (Z = 1) with R = 0; unit 1 takes the candidate (Z = 0) with R = 1.
          const saturated: ParamData = {
            ...p,
            b_z: saturatingBias(p.b_z!, 1),
            b_r: saturatingBias(p.b_r!, -1),
            b_h: saturatingBias(p.b_h!, 1),
          };
          return [normalTensor(rng, [T, n, d]), normalTensor(rng, [n, h], 0.8), ...NAMES.map((k) => saturated[k]!)];
        }),
        wrt: [0, 1, ...NAMES.map((_, i) => i + 2)],
        forward: ([inputs, H, ...ps]) =>
          flatOutput(gru64(inputs!, H!, Object.fromEntries(NAMES.map((k, i) => [k, ps[i]!])))),
        numRuns: 4,
      },
    ),
  ],
});
