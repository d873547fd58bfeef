/**
 * Runs beside the student's gru (graders/registry.ts): the parameters as separate tensor
 * arguments, so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/33-gru';

const { gru } = student as Pick<typeof Reference, 'gru'>;
type T2 = tf.Tensor2D;
type T1 = tf.Tensor1D;

/** gru's outputs Y and final state H_T, flattened and concatenated. */
export function driveGru(
  inputs: tf.Tensor3D,
  H: T2,
  W_xz: T2,
  W_hz: T2,
  b_z: T1,
  W_xr: T2,
  W_hr: T2,
  b_r: T1,
  W_xh: T2,
  W_hh: T2,
  b_h: T1,
  W_hq: T2,
  b_q: T1,
): tf.Tensor1D {
  return tf.tidy(() => {
    const { Y, state } = gru(inputs, [H], { W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h, W_hq, b_q });
    return tf.concat([Y.reshape([-1]), state[0].reshape([-1])]);
  });
}
