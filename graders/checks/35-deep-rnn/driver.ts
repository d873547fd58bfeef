/**
 * Runs beside the student's deepRnn (graders/registry.ts): the states and parameters of an L-layer
 * stack as separate tensor arguments, so a gradient check can differentiate with respect to each.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/35-deep-rnn';
import { LAYER_KEYS, STATE_SIZE } from './layout';

const { deepRnn } = student as unknown as {
  deepRnn: (
    cell: Reference.CellName,
    inputs: tf.Tensor3D,
    state: tf.Tensor2D[][],
    params: Reference.DeepRnnParams<Reference.Layer>,
  ) => { Y: tf.Tensor2D; state: tf.Tensor2D[][] };
};

/**
 * deepRnn of `numLayers` layers of `cell`: after inputs, each layer's state tensors (STATE_SIZE),
 * then each layer's parameters (LAYER_KEYS), then W_hq and b_q. Returns Y and every final state,
 * flattened and concatenated.
 */
export function driveDeepRnn(
  cell: Reference.CellName,
  numLayers: number,
  inputs: tf.Tensor3D,
  ...tensors: tf.Tensor[]
): tf.Tensor1D {
  return tf.tidy(() => {
    const k = STATE_SIZE[cell];
    const state = Array.from({ length: numLayers }, (_, l) => tensors.slice(l * k, (l + 1) * k) as tf.Tensor2D[]);
    const keys = LAYER_KEYS[cell];
    const at = numLayers * k;
    const layers = Array.from({ length: numLayers }, (_, l) =>
      Object.fromEntries(keys.map((key, i) => [key, tensors[at + l * keys.length + i]!])),
    ) as unknown as Reference.Layer[];
    const [W_hq, b_q] = tensors.slice(at + numLayers * keys.length) as [tf.Tensor2D, tf.Tensor1D];
    const out = deepRnn(cell, inputs, state, { layers, W_hq, b_q });
    return tf.concat([out.Y.reshape([-1]), ...out.state.flat().map((t) => t.reshape([-1]))]) as tf.Tensor1D;
  });
}
