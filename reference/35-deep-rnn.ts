import * as tf from '@tensorflow/tfjs';
import { outputLayer } from './30-rnn-scratch';
import { matMul } from './ops/mat-mul';

/** One hidden layer of an RNN: W_xh [inputs, h], W_hh [h, h], b_h [h]. */
export interface RnnLayer {
  W_xh: tf.Tensor2D;
  W_hh: tf.Tensor2D;
  b_h: tf.Tensor1D;
}

/** L stacked hidden layers and the output layer on top of the last. */
export interface DeepRnnParams {
  layers: RnnLayer[];
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/** The hidden states of one layer over a sequence of inputs (its input and state concatenated, as the notes draw it). */
export function rnnLayer(inputs: tf.Tensor2D[], H0: tf.Tensor2D, layer: RnnLayer): tf.Tensor2D[] {
  const W = tf.concat([layer.W_xh, layer.W_hh], 0);
  let H = H0;
  return inputs.map((X) => (H = tf.tanh(matMul(tf.concat([X, H], 1), W).add(layer.b_h))));
}

/**
 * d2l's deep RNN, layer by layer: layer l runs over the whole sequence of layer l − 1's hidden
 * states (layer 1 over the inputs [T, n, d]); the output layer reads the last layer's.
 * Returns Y [T n, q] in time order and the final hidden state of every layer.
 */
export function deepRnn(
  inputs: tf.Tensor3D,
  state: readonly tf.Tensor2D[],
  params: DeepRnnParams,
): { Y: tf.Tensor2D; state: tf.Tensor2D[] } {
  return tf.tidy(() => {
    let sequence = tf.unstack(inputs) as tf.Tensor2D[];
    const final = params.layers.map((layer, l) => {
      sequence = rnnLayer(sequence, state[l]!, layer);
      return sequence.at(-1)!;
    });
    return { Y: outputLayer(sequence, params.W_hq, params.b_q), state: final };
  });
}
