/**
 * Runs beside the student's bertEmbed (graders/registry.ts): the three tables as separate tensor
 * arguments, so that a gradient check can differentiate with respect to each of them.
 */
import type * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import type * as Reference from '../../../reference/62-bert-input';

const { bertEmbed } = student as Pick<typeof Reference, 'bertEmbed'>;

export function driveBertEmbed(
  tokenEmbedding: tf.Tensor2D,
  segmentEmbedding: tf.Tensor2D,
  posEmbedding: tf.Tensor2D,
  tokens: tf.Tensor2D,
  segments: tf.Tensor2D,
): tf.Tensor3D {
  return bertEmbed({ tokenEmbedding, segmentEmbedding, posEmbedding }, tokens, segments);
}
