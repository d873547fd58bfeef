/**
 * Runs beside the student's positionWiseFfn (graders/registry.ts): the parameters as separate
 * tensor arguments, so a gradient check can differentiate with respect to each of them.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/53-ffn-addnorm';

const { positionWiseFfn } = student as Pick<typeof Reference, 'positionWiseFfn'>;

export function drivePositionWiseFfn(
  X: tf.Tensor3D,
  W1: tf.Tensor2D,
  b1: tf.Tensor1D,
  W2: tf.Tensor2D,
  b2: tf.Tensor1D,
): tf.Tensor3D {
  return tf.tidy(() => positionWiseFfn({ W1, b1, W2, b2 }, X).clone());
}
