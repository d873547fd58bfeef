import * as tf from '@tensorflow/tfjs';
import { ValidLengthError } from 'd2l-ts/reference/errors';

/**
 * d2l's masked_softmax (掩蔽softmax操作): a softmax over the last axis of the attention scores
 * X [batch, queries, keys] that gives weight 0 to the keys beyond each row's valid length.
 *
 * validLens is
 *   - null: no mask, a plain softmax over the keys;
 *   - [batch] (1-D): one length per example, the same for each of its query rows (d2l repeats it
 *     queries times, torch.repeat_interleave);
 *   - [batch, queries] (2-D): one length per query row.
 * Key j of a row is valid when j < its length. As d2l does (sequence_mask with value=-1e6), the
 * scores of the other keys are REPLACED by −1e6 before the softmax, so:
 *   - in a row with at least one valid key, the masked keys get exactly 0 (exp(−1e6 − max) is 0
 *     in float32) and the valid ones a softmax of their own scores;
 *   - a row of valid length 0 has every score equal to −1e6 and comes out uniform, 1/keys each
 *     (with −∞ it would be NaN).
 * Errors (ValidLengthError, naming validLens): a length that is negative, not a whole number, or
 * larger than the number of keys; a validLens whose shape is neither [batch] nor [batch, queries].
 */
export function maskedSoftmax(X: tf.Tensor3D, validLens: tf.Tensor1D | tf.Tensor2D | null): tf.Tensor3D {
  throw new Error('Not implemented: maskedSoftmax (47-masked-softmax). The task is in exercises/47-masked-softmax/README.md');
}
