import * as tf from '@tensorflow/tfjs';
import { EmptyCorpusError } from 'd2l-ts/reference/errors';
import { softmaxCrossEntropy } from 'd2l-ts/reference/06-cross-entropy';

/**
 * Perplexity (困惑度) from the log-probabilities ln P(x_t | x_{t−1}, …, x₁) a model gave the n
 * tokens of a text (natural logarithms, a tensor of any shape):
 *   exp(−(1/n) Σ_t ln P(x_t | x_{t−1}, …, x₁)),
 * the exponential of the mean cross-entropy: the geometric mean of 1/P. No tokens (an empty
 * tensor): throw an EmptyCorpusError (from d2l-ts/reference/errors).
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
 */
export function lmPerplexity(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  // BEGIN SOLUTION
  if (labels.size === 0) throw new EmptyCorpusError('no tokens: the perplexity of an empty text is undefined');
  return tf.tidy(() => Math.exp(softmaxCrossEntropy(logits, labels).mean().dataSync()[0]!));
  // END SOLUTION
}
