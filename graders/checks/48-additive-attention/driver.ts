/**
 * Runs beside the student's additiveAttention (graders/registry.ts): its output with the
 * parameters as separate tensor arguments, so a gradient check can differentiate with respect to
 * the queries, keys, values and each weight.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/48-additive-attention';

const { additiveAttention } = student as Pick<typeof Reference, 'additiveAttention'>;

/** The output of additiveAttention in evaluation. */
export function driveAdditiveAttention(
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  W_q: tf.Tensor2D,
  W_k: tf.Tensor2D,
  w_v: tf.Tensor2D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
): tf.Tensor3D {
  return tf.tidy(() => additiveAttention({ W_q, W_k, w_v }, queries, keys, values, validLens).output.clone());
}
