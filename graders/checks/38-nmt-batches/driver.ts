/**
 * Runs beside the student's buildArrayNmt (graders/registry.ts): a Vocab is a class, so it is
 * built here, in the subject process, from the token lines the check sends (d2l's vocabulary:
 * min_freq 2 and <pad> <bos> <eos>, the reference's), and handed to the student's function.
 */
import type * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import { nmtVocab } from '../../../reference/38-nmt-batches';
import type * as Reference from '../../../reference/38-nmt-batches';

const { buildArrayNmt } = student as Pick<typeof Reference, 'buildArrayNmt'>;

/** buildArrayNmt(lines, the vocabulary of vocabLines, numSteps). */
export function driveBuildArrayNmt(
  lines: string[][],
  vocabLines: string[][],
  numSteps: number,
): { array: tf.Tensor2D; validLen: tf.Tensor1D } {
  return buildArrayNmt(lines, nmtVocab(vocabLines), numSteps);
}
