import * as tf from '@tensorflow/tfjs';
import * as ref35 from '../../../reference/35-deep-rnn';
import * as ref from '../../../reference/36-bidirectional';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, property, reference } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure } from '../../lib/failure';
import { birnn64 } from '../../lib/float64/rnn';
import {
  bpttAtSaturation,
  bpttGradient,
  callRef,
  drawParams,
  type ParamData,
  reversedInTime,
  saturatingBias,
} from '../../lib/rnn';
import type { Subject } from '../../lib/subject';
import { TensorData } from '../../lib/tensor-data';

interface BiParams {
  fwd: ParamData;
  bwd: ParamData;
  W_hq: TensorData;
  b_q: TensorData;
}
interface Output {
  outputs: TensorData;
  Y: TensorData;
}
type State = [TensorData, TensorData];

const layerShapes = (d: number, h: number) => ({ W_xh: [d, h], W_hh: [h, h], b_h: [h] });

/**
 * Inputs [T, n, d], the parameters of both directions and the output layer, of scale 0.5, and
 * initial states [→H₀, ←H_{T+1}] of scale 0.8 (never zeros: a layer that ignores them shows).
 */
const biCase = seeded((rng) => {
  const [T, n, d, h, q] = [1 + rng.int(5), 1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(4), 1 + rng.int(3)];
  const params: BiParams = {
    fwd: drawParams(rng, layerShapes(d, h), 0.5),
    bwd: drawParams(rng, layerShapes(d, h), 0.5),
    ...drawParams(rng, { W_hq: [2 * h, q], b_q: [q] }, 0.5),
  };
  const state: State = [normalTensor(rng, [n, h], 0.8), normalTensor(rng, [n, h], 0.8)];
  return { inputs: normalTensor(rng, [T, n, d]), params, state };
});

async function run(s: Subject, inputs: TensorData, params: BiParams, state?: State): Promise<Output> {
  const out = (await s.call('birnn', inputs, params, ...(state ? [state] : []))) as Partial<Output> | null;
  if (out === null || typeof out !== 'object') throw new CheckFailure('birnn should return { outputs, Y }');
  const [T, n] = inputs.shape as [number, number];
  const h = params.fwd.W_hh!.shape[0]!;
  return {
    outputs: expectTensor(out.outputs, 'the hidden states (outputs)', [T, n, 2 * h]),
    Y: expectTensor(out.Y, 'the outputs Y', [T * n, params.b_q.size]),
  };
}

/** The hidden states [T, n, h] of one RNN layer run forward over inputs from H0 (reference 35's layer). */
function forwardStates(inputs: TensorData, layer: ParamData, H0: TensorData): TensorData {
  return callRef<TensorData>(
    (x: tf.Tensor3D, p: ref35.RnnLayer, H: tf.Tensor2D) =>
      tf.stack(ref35.rnnLayer(tf.unstack(x) as tf.Tensor2D[], H, p)),
    inputs,
    layer,
    H0,
  );
}

/** Element [t, i, j] of a [T, n, k] tensor. */
const at = (x: TensorData, t: number, i: number, j: number) => x.values[(t * x.shape[1]! + i) * x.shape[2]! + j]!;

/** A [T, n, k] tensor built element by element. */
function build(shape: [number, number, number], f: (t: number, i: number, j: number) => number): TensorData {
  const [T, n, k] = shape;
  return TensorData.float(
    shape,
    Array.from({ length: T * n * k }, (_, e) => f(Math.floor(e / (n * k)), Math.floor(e / k) % n, e % k)),
  );
}

/** driveBirnn's arguments: inputs, both initial states, both layers and the output layer. */
function driveArgs(rng: Rng, saturate: boolean): TensorData[] {
  const [T, n, d, h, q] = [2 + rng.int(2), 1 + rng.int(2), 2, (saturate ? 3 : 2) + rng.int(2), 2];
  const [f, b] = [drawParams(rng, layerShapes(d, h), 0.5), drawParams(rng, layerShapes(d, h), 0.5)];
  const bias = (t: TensorData) => (saturate ? saturatingBias(t) : t);
  return [
    normalTensor(rng, [T, n, d]),
    normalTensor(rng, [n, h], 0.8),
    normalTensor(rng, [n, h], 0.8),
    f.W_xh!,
    f.W_hh!,
    bias(f.b_h!),
    b.W_xh!,
    b.W_hh!,
    bias(b.b_h!),
    normalTensor(rng, [2 * h, q], 0.5),
    normalTensor(rng, [q], 0.5),
  ];
}

/** driveBirnn's output, Y flattened, in float64. */
function forward64([inputs, fH, bH, fW_xh, fW_hh, fb_h, bW_xh, bW_hh, bb_h, W_hq, b_q]: TensorData[]): TensorData {
  const { Y } = birnn64(
    inputs!,
    {
      fwd: { W_xh: fW_xh!, W_hh: fW_hh!, b_h: fb_h! },
      bwd: { W_xh: bW_xh!, W_hh: bW_hh!, b_h: bb_h! },
      W_hq: W_hq!,
      b_q: b_q!,
    },
    [fH!, bH!],
  );
  return TensorData.float([Y.size], Y.values);
}

export default defineExercise({
  id: '36-bidirectional',
  title: 'Bidirectional recurrent neural networks',
  file: 'birnn.ts',
  checks: [
    property(
      'the first half of H_t is the forward RNN from →H₀ at t; the second half is the RNN run from the end, from ←H_{T+1}, at t',
      biCase,
      async (s, { inputs, params, state }) => {
        const { outputs } = await run(s, inputs, params, state);
        const [T, n] = inputs.shape as [number, number];
        const h = params.fwd.W_hh!.shape[0]!;
        const fwd = forwardStates(inputs, params.fwd, state[0]);
        const bwdReversed = forwardStates(reversedInTime(inputs), params.bwd, state[1]);
        expectClose(
          build([T, n, h], (t, i, j) => at(outputs, t, i, j)),
          fwd,
          'the forward half →H of the outputs, compared with an RNN run forward from →H₀',
        );
        expectClose(
          build([T, n, h], (t, i, j) => at(outputs, t, i, h + j)),
          reversedInTime(bwdReversed),
          'the backward half ←H of the outputs, compared with an RNN run over the reversed input from ←H_{T+1} and reversed back',
        );
      },
    ),
    property(
      'reversing the input (and exchanging the two layers and their initial states) swaps the halves of every H_t and reverses time',
      biCase,
      async (s, { inputs, params, state }) => {
        const [T, n] = inputs.shape as [number, number];
        const h = params.fwd.W_hh!.shape[0]!;
        const { outputs } = await run(s, inputs, params, state);
        const mirrored = await run(s, reversedInTime(inputs), { ...params, fwd: params.bwd, bwd: params.fwd }, [
          state[1],
          state[0],
        ]);
        const expected = build([T, n, 2 * h], (t, i, j) => at(outputs, T - 1 - t, i, j < h ? h + j : j - h));
        expectClose(
          mirrored.outputs,
          expected,
          'the hidden states for the reversed input, compared with the halves swapped and time reversed',
        );
      },
    ),
    reference(
      'birnn matches the reference: hidden states and outputs, from given initial states and from zeros',
      biCase,
      async (s, { inputs, params, state }) => {
        const got = await run(s, inputs, params, state);
        const expected = callRef<Output>(ref.birnn, inputs, params, state);
        expectClose(got.outputs, expected.outputs, 'the hidden states (outputs) from the given initial states');
        expectClose(got.Y, expected.Y, 'the outputs Y from the given initial states');
        const fromZeros = await run(s, inputs, params);
        const expectedFromZeros = callRef<Output>(ref.birnn, inputs, params);
        expectClose(
          fromZeros.outputs,
          expectedFromZeros.outputs,
          'the hidden states (outputs) with no state given (zeros)',
        );
        expectClose(fromZeros.Y, expectedFromZeros.Y, 'the outputs Y with no state given (zeros)');
      },
    ),
    bpttGradient(
      'the gradients of Y with respect to both initial states, both layers and the output layer match finite differences',
      {
        fn: 'driveBirnn',
        args: seeded((rng) => driveArgs(rng, false)),
        wrt: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        forward: forward64,
        numRuns: 10,
      },
    ),
    bpttAtSaturation(
      'where units saturate (b_h of +100 and −100 beside ordinary ones in both layers) Y is right, not NaN, and every gradient stays finite and right',
      {
        fn: 'driveBirnn',
        args: seeded((rng) => driveArgs(rng, true)),
        wrt: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        forward: forward64,
        numRuns: 3,
      },
    ),
  ],
});
