/**
 * Runs beside the student's dotProductAttention (graders/registry.ts): its output alone, a tensor
 * that a gradient check can differentiate with respect to the queries, keys and values.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/49-dot-product-attention';

const { dotProductAttention } = student as Pick<typeof Reference, 'dotProductAttention'>;

/** The output of dotProductAttention in evaluation. */
export function driveDotProductAttention(
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
): tf.Tensor3D {
  return tf.tidy(() => dotProductAttention(queries, keys, values, validLens).output.clone());
}
