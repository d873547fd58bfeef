/**
 * Runs beside the student's multiHeadAttention (graders/registry.ts): its output with the
 * parameters as separate tensor arguments, so a gradient check can differentiate with respect to
 * the queries, keys, values and each weight.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/51-multi-head';

const { multiHeadAttention } = student as Pick<typeof Reference, 'multiHeadAttention'>;

/** The output of multiHeadAttention in evaluation. */
export function driveMultiHeadAttention(
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  W_q: tf.Tensor2D,
  W_k: tf.Tensor2D,
  W_v: tf.Tensor2D,
  W_o: tf.Tensor2D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
  numHeads: number,
): tf.Tensor3D {
  return tf.tidy(() =>
    multiHeadAttention({ W_q, W_k, W_v, W_o }, queries, keys, values, validLens, numHeads).output.clone(),
  );
}
