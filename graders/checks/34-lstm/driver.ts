/**
 * Runs beside the student's lstm (graders/registry.ts): the parameters as separate tensor
 * arguments, so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/34-lstm';

const { lstm } = student as Pick<typeof Reference, 'lstm'>;
type T2 = tf.Tensor2D;
type T1 = tf.Tensor1D;

/** lstm's outputs Y and final state H_T, C_T, flattened and concatenated. */
export function driveLstm(
  inputs: tf.Tensor3D,
  H: T2,
  C: T2,
  W_xi: T2,
  W_hi: T2,
  b_i: T1,
  W_xf: T2,
  W_hf: T2,
  b_f: T1,
  W_xo: T2,
  W_ho: T2,
  b_o: T1,
  W_xc: T2,
  W_hc: T2,
  b_c: T1,
  W_hq: T2,
  b_q: T1,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { Y, state } = lstm(inputs, [H, C], {
      W_xi,
      W_hi,
      b_i,
      W_xf,
      W_hf,
      b_f,
      W_xo,
      W_ho,
      b_o,
      W_xc,
      W_hc,
      b_c,
      W_hq,
      b_q,
    });
    return tf.concat([Y.reshape([-1]), state[0].reshape([-1]), state[1].reshape([-1])]);
  });
}
