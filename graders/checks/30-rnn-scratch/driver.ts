/**
 * Runs beside the student's rnn (graders/registry.ts): the parameters as separate tensor
 * arguments, so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/30-rnn-scratch';

const { rnn } = student as Pick<typeof Reference, 'rnn'>;

/** rnn's outputs Y and final state H_T, flattened and concatenated. */
export function driveRnn(
  inputs: tf.Tensor3D,
  H: tf.Tensor2D,
  W_xh: tf.Tensor2D,
  W_hh: tf.Tensor2D,
  b_h: tf.Tensor1D,
  W_hq: tf.Tensor2D,
  b_q: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { Y, state } = rnn(inputs, [H], { W_xh, W_hh, b_h, W_hq, b_q });
    return tf.concat([Y.reshape([-1]), state[0].reshape([-1])]);
  });
}
