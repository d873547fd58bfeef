/**
 * Runs beside the student's nwKernelRegression (graders/registry.ts): its predictions alone, a
 * tensor a gradient check can differentiate with respect to w, the queries, keys and values.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/46-nadaraya-watson';

const { nwKernelRegression } = student as Pick<typeof Reference, 'nwKernelRegression'>;

export function driveNwKernelRegression(
  w: tf.Tensor1D,
  queries: tf.Tensor1D,
  keys: tf.Tensor2D,
  values: tf.Tensor2D,
): tf.Tensor1D {
  return tf.tidy(() => nwKernelRegression(w, queries, keys, values).yHat.clone());
}
