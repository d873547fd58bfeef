import * as tf from '@tensorflow/tfjs';
import { ValidLengthError } from './errors';

/**
 * d2l's masked_softmax, the building block of every attention layer (chapters 8 and 9).
 *
 *   maskedSoftmax(X [batch, queries, keys], validLens) -> weights [batch, queries, keys]
 *
 * validLens: null (a plain softmax over the keys), [batch] (one length per example, for every
 * query row), or [batch, queries] (one length per query row: the Transformer decoder's causal
 * mask). Scores of keys at or beyond the valid length are replaced by −1e6 before the softmax, as
 * d2l does: they come out exactly 0 whenever a row has a valid key, and a row of valid length 0
 * is uniform over all its keys. Lengths that are negative, not whole, or above the number of keys,
 * and a validLens of another shape, throw ValidLengthError.
 *
 * Here the mask is one broadcast comparison of the key positions with the lengths (no flattening
 * or repeating, unlike d2l's code): few, large ops.
 */
export const MASKED_VALUE = -1e6;

/** Throws ValidLengthError unless validLens fits X [batch, queries, keys]; returns it as [batch, 1 or queries, 1]. */
export function checkedValidLens(validLens: tf.Tensor, shape: readonly number[], what = 'validLens'): tf.Tensor3D {
  const [batch, queries, keys] = shape as [number, number, number];
  const fits =
    (validLens.rank === 1 && validLens.shape[0] === batch) ||
    (validLens.rank === 2 && validLens.shape[0] === batch && validLens.shape[1] === queries);
  if (!fits)
    throw new ValidLengthError(
      `${what} must have shape [${batch}] or [${batch}, ${queries}] for scores of shape [${shape.join(', ')}], got [${validLens.shape.join(', ')}]`,
    );
  const lens = validLens.dataSync();
  for (const v of lens) {
    if (!Number.isInteger(v) || v < 0 || v > keys)
      throw new ValidLengthError(`${what} must be whole numbers in [0, ${keys}] (the number of keys), got ${v}`);
  }
  return tf.tidy(() => validLens.cast('float32').reshape([batch, validLens.rank === 1 ? 1 : queries, 1]));
}

/** true where key j is valid for its row: j < validLens, as [batch, 1 or queries, keys]. */
export function validKeys(validLens: tf.Tensor, shape: readonly number[]): tf.Tensor3D {
  return tf.tidy(() => {
    const lens = checkedValidLens(validLens, shape);
    return tf.range(0, shape[2]!, 1, 'float32').reshape([1, 1, -1]).less(lens) as tf.Tensor3D;
  });
}

export function maskedSoftmax(X: tf.Tensor3D, validLens: tf.Tensor | null): tf.Tensor3D {
  return tf.tidy(() => {
    if (validLens === null || validLens === undefined) return tf.softmax(X);
    const valid = validKeys(validLens, X.shape);
    return tf.softmax(tf.where(valid.broadcastTo(X.shape), X, tf.fill(X.shape, MASKED_VALUE)));
  });
}
