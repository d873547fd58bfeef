import * as tf from '@tensorflow/tfjs';
import { EmptyCorpusError, IndexOutOfRangeError } from 'd2l-ts/reference/errors';
import { softmaxCrossEntropy } from 'd2l-ts/reference/06-cross-entropy';

/**
 * Perplexity (困惑度) from the log-probabilities ln P(x_t | x_{t−1}, …, x₁) a model gave the n
 * tokens of a text (natural logarithms, a tensor of any shape):
 *   exp(−(1/n) Σ_t ln P(x_t | x_{t−1}, …, x₁)),
 * the exponential of the mean cross-entropy: the geometric mean of 1/P. No tokens (a tensor of
 * size 0, whatever its shape): throw an EmptyCorpusError (from d2l-ts/reference/errors). The
 * result is a JavaScript number: a perplexity beyond float32's range (3.4e38) is still finite, and
 * a token of probability 0 (log-probability −∞) makes it ∞.
 */
export function perplexity(logProbs: tf.Tensor): number {
  // BEGIN SOLUTION
  if (logProbs.size === 0) throw new EmptyCorpusError('no tokens: the perplexity of an empty text is undefined');
  return tf.tidy(() => Math.exp(-logProbs.mean().dataSync()[0]!));
  // END SOLUTION
}

/**
 * The perplexity of a language model's outputs: logits [n, V] (scores of the next token, one row
 * per position) against the tokens that came, labels [n] (int32). Use softmaxCrossEntropy from
 * exercise 06 (d2l-ts/reference/06-cross-entropy): the loss of a row is −ln softmax(o)_y.
 * No tokens: an EmptyCorpusError; a label outside [0, V) (no such token) is an
 * IndexOutOfRangeError naming it (tf.oneHot would silently give it a loss of 0).
 */
export function lmPerplexity(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  // BEGIN SOLUTION
  if (labels.size === 0) throw new EmptyCorpusError('no tokens: the perplexity of an empty text is undefined');
  const V = logits.shape[1];
  const outside = Array.from(labels.dataSync()).find((y) => y < 0 || y >= V);
  if (outside !== undefined) throw new IndexOutOfRangeError(`label ${outside} is not a token index in [0, ${V})`);
  return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));
  // END SOLUTION
}
