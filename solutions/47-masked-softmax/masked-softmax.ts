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
  // BEGIN SOLUTION
  if (validLens === null || validLens === undefined) return tf.tidy(() => tf.softmax(X));
  const [batch, queries, keys] = X.shape;
  const oneD = validLens.rank === 1 && validLens.shape[0] === batch;
  const twoD = validLens.rank === 2 && validLens.shape[0] === batch && validLens.shape[1] === queries;
  if (!oneD && !twoD)
    throw new ValidLengthError(
      `validLens must have shape [${batch}] or [${batch}, ${queries}], got [${validLens.shape.join(', ')}]`,
    );
  const lens = Array.from(validLens.dataSync());
  for (const v of lens) {
    if (!Number.isInteger(v) || v < 0 || v > keys)
      throw new ValidLengthError(`validLens must hold whole numbers from 0 to ${keys} (the number of keys), got ${v}`);
  }
  return tf.tidy(() => {
    // One length per row of the flattened scores [batch · queries, keys].
    const rowLens = oneD ? lens.flatMap((v) => new Array<number>(queries).fill(v)) : lens;
    const flat = X.reshape([batch * queries, keys]);
    const positions = tf.range(0, keys).reshape([1, keys]);
    const mask = positions.less(tf.tensor2d(rowLens, [batch * queries, 1]));
    const masked = tf.where(mask, flat, tf.fill(flat.shape, -1e6));
    return tf.softmax(masked).reshape([batch, queries, keys]) as tf.Tensor3D;
  });
  // END SOLUTION
}
