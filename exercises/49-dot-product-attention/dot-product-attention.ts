import * as tf from '@tensorflow/tfjs';
import { dropoutLayer } from 'd2l-ts/reference/13-dropout';
import { maskedSoftmax } from 'd2l-ts/reference/47-masked-softmax';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/** Dropout on the attention weights: probability `dropout`, only when `training`, its mask from `seed`. */
export interface AttentionOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
}

/**
 * The scaled dot-product scoring function (缩放点积注意力) for a minibatch: queries Q [b, n, d]
 * and keys K [b, m, d] give the scores
 *   a(q, k) = qᵀk / √d,   i.e.   Q Kᵀ / √d   [b, n, m]
 * (a batched matrix product, torch.bmm(queries, keys.transpose(1, 2)) in d2l).
 * Why √d: if the entries of q and k are independent with mean 0 and variance 1, qᵀk has mean 0
 * and variance d; dividing by √d brings the variance back to 1, whatever d.
 * Queries and keys of different depth d: ShapeMismatchError naming both.
 */
export function scaledDotProductScores(queries: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
  throw new Error('Not implemented: scaledDotProductScores (49-dot-product-attention). The task is in exercises/49-dot-product-attention/README.md');
}

/**
 * d2l's DotProductAttention: the attention weights are the masked softmax of the scaled scores
 * (maskedSoftmax from 47, with validLens null, [b] or [b, n]), and the output is their weighted
 * average of the values V [b, m, v]:
 *   attentionWeights = maskedSoftmax(Q Kᵀ / √d, validLens)        [b, n, m]
 *   output           = dropout(attentionWeights) · V               [b, n, v]
 * Dropout (d2l's nn.Dropout on the weights) is dropoutLayer(attentionWeights, p, seed, training)
 * from 13-dropout: it acts only in training. Return the weights BEFORE dropout (d2l keeps them in
 * self.attention_weights to draw heatmaps).
 * Errors (ShapeMismatchError): queries and keys of different depth; keys and values with a
 * different number of steps.
 */
export function dotProductAttention(
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
  opts: AttentionOptions = {},
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  throw new Error('Not implemented: dotProductAttention (49-dot-product-attention). The task is in exercises/49-dot-product-attention/README.md');
}
