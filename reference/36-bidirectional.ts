import * as tf from '@tensorflow/tfjs';
import { outputLayer } from './30-rnn-scratch';
import { rnnLayer, type RnnLayer } from './35-deep-rnn';

/** A bidirectional layer: a forward and a backward RNN layer, and the output layer on both halves (W_hq [2h, q]). */
export interface BiRnnParams {
  fwd: RnnLayer;
  bwd: RnnLayer;
  W_hq: tf.Tensor2D;
  b_q: tf.Tensor1D;
}

/**
 * d2l's bidirectional RNN from the initial states [→H_0, ←H_{T+1}] (zeros when not given): the
 * forward layer over X_1 … X_T, the backward one over X_T … X_1 (its states reversed back into time
 * order), concatenated at each step into outputs [T, n, 2h]; Y [T n, q] is the output layer on
 * them, in time order.
 */
export function birnn(
  inputs: tf.Tensor3D,
  params: BiRnnParams,
  state?: readonly [tf.Tensor2D, tf.Tensor2D],
): { outputs: tf.Tensor3D; Y: tf.Tensor2D } {
  return tf.tidy(() => {
    const steps = tf.unstack(inputs) as tf.Tensor2D[];
    const zeros = (layer: RnnLayer) => tf.zeros<tf.Rank.R2>([inputs.shape[1], layer.W_hh.shape[0]]);
    const forward = rnnLayer(steps, state?.[0] ?? zeros(params.fwd), params.fwd);
    const backward = rnnLayer([...steps].reverse(), state?.[1] ?? zeros(params.bwd), params.bwd).reverse();
    const both = forward.map((H, t) => tf.concat([H, backward[t]!], 1));
    return { outputs: tf.stack(both) as tf.Tensor3D, Y: outputLayer(both, params.W_hq, params.b_q) };
  });
}
