import * as tf from '@tensorflow/tfjs';
import { EmptyCorpusError, IndexOutOfRangeError } from './errors';

function nonEmpty(size: number): void {
  if (size === 0) throw new EmptyCorpusError('perplexity of no tokens: there is nothing to average');
}

/** exp(−mean ln P(x_t | …)) over the tokens, by tf.mean of the negated log-probabilities. */
export function perplexity(logProbs: tf.Tensor): number {
  nonEmpty(logProbs.size);
  return tf.tidy(() => Math.exp(tf.mean(tf.neg(logProbs)).dataSync()[0]!));
}

/** exp of the mean cross-entropy of logits [n, V] against labels [n], by tf.losses.softmaxCrossEntropy. */
export function lmPerplexity(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  nonEmpty(labels.size);
  const V = logits.shape[1];
  const outside = Array.from(labels.dataSync()).find((y) => !(y >= 0 && y < V));
  if (outside !== undefined) throw new IndexOutOfRangeError(`label ${outside} is not a token index in [0, ${V})`);
  return tf.tidy(() =>
    Math.exp(
      tf.losses.softmaxCrossEntropy(tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]), logits).dataSync()[0]!,
    ),
  );
}
