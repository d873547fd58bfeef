import * as ref from '../../../reference/30-rnn-scratch';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { expectClose, expectShape, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';
import { rnn64 } from '../../lib/float64/rnn';
import {
  bpttAtSaturation,
  bpttGradient,
  callRef,
  drawParams,
  flatOutput,
  rowsOf,
  saturatingBias,
  sizeAndSeedBounds,
  stepsOf,
  type ParamData,
  paramShapes,
  statedDraws,
  weightDraws,
} from '../../lib/rnn';

interface Output {
  Y: TensorData;
  state: TensorData[];
}

/** Shapes of the RNN's parameters for d inputs, h hidden units and q outputs. */
const shapes = (d: number, h: number, q: number) => ({ W_xh: [d, h], W_hh: [h, h], b_h: [h], W_hq: [h, q], b_q: [q] });

/**
 * Random inputs [T, n, d], a state [n, h] and parameters, with weights of scale 0.5 so that
 * tanh is neither saturated nor linear.
 */
const rnnCase = (maxT = 5) =>
  seeded((rng) => {
    const [T, n, d, h, q] = [1 + rng.int(maxT), 1 + rng.int(3), 2 + rng.int(4), 1 + rng.int(4), 2 + rng.int(4)];
    return {
      inputs: normalTensor(rng, [T, n, d]),
      H: normalTensor(rng, [n, h], 0.5),
      params: drawParams(rng, shapes(d, h, q), 0.5),
    };
  });

async function run(s: Subject, inputs: TensorData, H: TensorData, params: ParamData): Promise<Output> {
  const out = (await s.call('rnn', inputs, [H], params)) as Partial<Output> | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.state))
    throw new CheckFailure('rnn should return { Y, state: [H] }');
  const [T, n] = inputs.shape as [number, number];
  const Y = expectTensor(out.Y, 'the outputs Y', [T * n, params.b_q!.size]);
  ensure(out.state.length === 1, `the state should be a list of one hidden state, got ${out.state.length} tensors`);
  return { Y, state: [expectTensor(out.state[0], 'the final state H_T', H.shape)] };
}

const refRnn = (inputs: TensorData, H: TensorData, params: ParamData) => callRef<Output>(ref.rnn, inputs, [H], params);

export default defineExercise({
  id: '30-rnn-scratch',
  title: 'A recurrent neural network from scratch',
  file: 'rnn.ts',
  checks: [
    paramShapes(
      'getParams gives W_xh [V, h], W_hh [h, h], W_hq [h, V] and zero biases b_h [h], b_q [V]',
      'getParams',
      shapes,
    ),
    weightDraws(
      'getParams draws every weight matrix from N(0, 0.01²), the same for the same seed (0 included), each from its own seed',
      'getParams',
      ['W_xh', 'W_hh', 'W_hq'],
    ),
    statedDraws(
      "getParams draws W_xh, W_hh, W_hq as the task states: tf.randomNormal(shape, 0, 0.01, 'float32', seed + 1, + 2, + 3)",
      'getParams',
      (V, h) => ({ W_xh: [[V, h], 1], W_hh: [[h, h], 2], W_hq: [[h, V], 3] }),
    ),
    sizeAndSeedBounds(
      'getParams and initRnnState take sizes that are whole numbers >= 1 and a seed >= 0 (seed −1 would draw with seed + 1 = 0), else a HyperparameterError',
      'getParams',
      'initRnnState',
    ),
    example('initRnnState(2, 3) is a list of one hidden state of zeros, [2, 3]', async (s) => {
      const st = await s.call('initRnnState', 2, 3);
      ensure(
        Array.isArray(st) && st.length === 1,
        'initRnnState should return a list holding one tensor (d2l returns the tuple (H,))',
      );
      const H = expectTensor(st[0], 'H₀', [2, 3]);
      ensure(
        H.values.every((x) => x === 0),
        `H₀ should be zeros, got ${H}`,
      );
    }),
    example(
      'two steps by hand: W_xh = [[1], [0]], W_hh = [[0.5]], token 0 twice gives H = tanh(1), tanh(1 + 0.5 tanh(1))',
      async (s) => {
        const params = {
          W_xh: TensorData.of([[1], [0]]),
          W_hh: TensorData.of([[0.5]]),
          b_h: TensorData.of([0]),
          W_hq: TensorData.of([[1, -1]]),
          b_q: TensorData.of([0, 0.5]),
        };
        const h1 = Math.tanh(1);
        const h2 = Math.tanh(1 + 0.5 * h1);
        const out = await run(s, TensorData.of([[[1, 0]], [[1, 0]]]), TensorData.of([[0]]), params);
        expectClose(
          out.Y,
          TensorData.of([
            [h1, 0.5 - h1],
            [h2, 0.5 - h2],
          ]),
          'Y',
        );
        expectClose(out.state[0], TensorData.of([[h2]]), 'H_T');
      },
    ),
    reference(
      'rnn matches the reference on random inputs, states and parameters',
      rnnCase(),
      async (s, { inputs, H, params }) => {
        const got = await run(s, inputs, H, params);
        const expected = refRnn(inputs, H, params);
        expectClose(got.Y, expected.Y, 'the outputs Y');
        expectClose(got.state[0], expected.state[0]!, 'the final state H_T');
      },
    ),
    property(
      'the outputs are in time order: the first k steps of the input give the first k n rows of Y',
      rnnCase(),
      async (s, { inputs, H, params }) => {
        const [T, n] = inputs.shape as [number, number];
        const k = Math.max(1, T - 1);
        const whole = await run(s, inputs, H, params);
        const prefix = await run(s, stepsOf(inputs, 0, k), H, params);
        expectClose(
          rowsOf(whole.Y, 0, k * n),
          prefix.Y,
          `the first ${k * n} rows of Y (steps 1..${k}) compared with Y of the first ${k} steps alone`,
        );
      },
    ),
    property(
      'the returned state carries on: two halves, the state passed between them, give the outputs of the whole',
      rnnCase().filter(({ inputs }) => inputs.shape[0]! >= 2),
      async (s, { inputs, H, params }) => {
        const [T, n] = inputs.shape as [number, number];
        const k = Math.floor(T / 2);
        const whole = await run(s, inputs, H, params);
        const first = await run(s, stepsOf(inputs, 0, k), H, params);
        const second = await run(s, stepsOf(inputs, k, T), first.state[0]!, params);
        expectShape(second.Y, [(T - k) * n, params.b_q!.size], 'Y of the second half');
        expectClose(
          second.Y,
          rowsOf(whole.Y, k * n, T * n),
          `Y of steps ${k + 1}..${T} run from the state after step ${k}, compared with the same rows of the whole run`,
        );
        expectClose(second.state[0], whole.state[0]!, 'H_T of the second half, compared with the whole run');
      },
    ),
    bpttGradient(
      'backpropagation through time: the gradients of Y and H_T with respect to the inputs, H₀ and every parameter match finite differences',
      {
        fn: 'driveRnn',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2 + rng.int(2), 2 + rng.int(2), 2 + rng.int(2)];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          return [normalTensor(rng, [T, n, d]), normalTensor(rng, [n, h], 0.5), p.W_xh, p.W_hh, p.b_h, p.W_hq, p.b_q];
        }),
        wrt: [0, 1, 2, 3, 4, 5, 6],
        forward: ([inputs, H, W_xh, W_hh, b_h, W_hq, b_q]) =>
          flatOutput(rnn64(inputs!, H!, { W_xh: W_xh!, W_hh: W_hh!, b_h: b_h!, W_hq: W_hq!, b_q: b_q! })),
        numRuns: 10,
      },
    ),
    bpttAtSaturation(
      'where units saturate (b_h of +100 and −100 beside ordinary ones) H is ±1, not NaN, and every gradient stays finite and right',
      {
        fn: 'driveRnn',
        args: seeded((rng) => {
          const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2 + rng.int(2), 3 + rng.int(2), 2 + rng.int(2)];
          const p = drawParams(rng, shapes(d, h, q), 0.5);
          return [
            normalTensor(rng, [T, n, d]),
            normalTensor(rng, [n, h], 0.5),
            p.W_xh,
            p.W_hh,
            saturatingBias(p.b_h),
            p.W_hq,
            p.b_q,
          ];
        }),
        wrt: [0, 1, 2, 3, 4, 5, 6],
        forward: ([inputs, H, W_xh, W_hh, b_h, W_hq, b_q]) =>
          flatOutput(rnn64(inputs!, H!, { W_xh: W_xh!, W_hh: W_hh!, b_h: b_h!, W_hq: W_hq!, b_q: b_q! })),
        numRuns: 4,
      },
    ),
  ],
});
