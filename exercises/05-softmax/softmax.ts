import * as tf from '@tensorflow/tfjs';

/**
 * Softmax over the last axis: softmax(o)_j = exp(o_j) / sum_k exp(o_k).
 *
 * Subtracting each row's maximum first leaves the result unchanged (the factor exp(-max)
 * cancels) and keeps every exponent <= 0, so logits of 1e4 cannot overflow.
 *
 * @param X logits of any shape [..., q]
 * @returns probabilities of the same shape; every row (last axis) sums to 1
 */
export function softmax(X: tf.Tensor): tf.Tensor {
  throw new Error('Not implemented: softmax (05-softmax). The task is in exercises/05-softmax/README.md');
}
