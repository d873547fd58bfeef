import * as tf from '@tensorflow/tfjs';
import { TokenIndexError } from '../errors';

/**
 * An embedding lookup (nn.Embedding): row tokens[...] of W [vocabSize, d], for integer tokens of
 * any shape, giving [...tokens.shape, d]. Forward by tf.gather; the gradient with respect to W
 * by tf.scatterND, which sums the rows of repeated tokens. tfjs's own gather gradient needs the
 * UnsortedSegmentSum kernel, which the wasm backend lacks (docs/facts.md), and a one-hot product
 * costs vocabSize times more. Token indices outside [0, vocabSize), or not whole, throw
 * TokenIndexError (tf.gather would silently read zeros or garbage).
 */
export function embedding(W: tf.Tensor2D, tokens: tf.Tensor): tf.Tensor {
  const [vocabSize, d] = W.shape;
  const values = tokens.dataSync();
  for (const v of values)
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize)
      throw new TokenIndexError(
        `token index ${v} is outside the vocabulary of ${vocabSize} (indices 0 .. ${vocabSize - 1})`,
      );
  return tf.tidy(() => {
    const idx = tf.tensor1d(Int32Array.from(values), 'int32');
    const lookup = tf.customGrad((w, save) => {
      (save as tf.GradSaveFunc)([idx]);
      return {
        value: tf.gather(w as tf.Tensor2D, idx),
        gradFunc: (dy, saved) =>
          tf.scatterND((saved[0] as tf.Tensor1D).expandDims(1), dy as tf.Tensor2D, [vocabSize, d]),
      };
    });
    return (lookup(W) as tf.Tensor).reshape([...tokens.shape, d]);
  });
}
