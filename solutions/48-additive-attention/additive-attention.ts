import * as tf from '@tensorflow/tfjs';
import { dropoutLayer } from 'd2l-ts/reference/13-dropout';
import { maskedSoftmax } from 'd2l-ts/reference/47-masked-softmax';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/**
 * The parameters of d2l's AdditiveAttention: three linear layers without bias,
 *   W_q [querySize, h],   W_k [keySize, h],   w_v [h, 1].
 */
export interface AdditiveAttentionParams {
  W_q: tf.Tensor2D;
  W_k: tf.Tensor2D;
  w_v: tf.Tensor2D;
}

/** Dropout on the attention weights: probability `dropout`, only when `training`, its mask from `seed`. */
export interface AttentionOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
}

/**
 * The additive scoring function (加性注意力) of every query against every key:
 *   a(q, k) = w_vᵀ tanh(W_q q + W_k k)
 * for queries [b, n, querySize] and keys [b, m, keySize] (they may differ in size: that is what
 * additive attention is for), as d2l computes it: project both to h features, add every query to
 * every key by broadcasting ([b, n, 1, h] + [b, 1, m, h] = [b, n, m, h]), tanh, then w_v turns
 * each h-vector into one score: [b, n, m].
 * A W_q whose rows are not the query size, or a W_k whose rows are not the key size:
 * ShapeMismatchError naming it.
 */
export function additiveScores(params: AdditiveAttentionParams, queries: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
  // BEGIN SOLUTION
  const { W_q, W_k, w_v } = params;
  if (W_q.shape[0] !== queries.shape[2])
    throw new ShapeMismatchError(`W_q has ${W_q.shape[0]} rows but the queries have ${queries.shape[2]} features`);
  if (W_k.shape[0] !== keys.shape[2])
    throw new ShapeMismatchError(`W_k has ${W_k.shape[0]} rows but the keys have ${keys.shape[2]} features`);
  const [b, n] = queries.shape;
  const m = keys.shape[1];
  const h = W_q.shape[1];
  return tf.tidy(() => {
    const q = queries.reshape([b * n, -1]).matMul(W_q);
    const k = keys.reshape([b * m, -1]).matMul(W_k);
    const sum = q.reshape([b, n, 1, h]).add(k.reshape([b, 1, m, h])); // [b, n, m, h]: each query plus each key
    const features = tf.tanh(sum);
    const scores = features.reshape([b * n * m, h]).matMul(w_v);
    return scores.reshape([b, n, m]) as tf.Tensor3D;
  });
  // END SOLUTION
}

/**
 * d2l's AdditiveAttention: attentionWeights = maskedSoftmax(additiveScores(...), validLens)
 * (47's masked softmax, validLens null, [b] or [b, n]) and output = dropout(attentionWeights) ·
 * values [b, m, v], with dropoutLayer(attentionWeights, p, seed, training) from 13-dropout, so
 * dropout acts only in training. Return the weights before dropout.
 * Keys and values with different numbers of steps: ShapeMismatchError.
 */
export function additiveAttention(
  params: AdditiveAttentionParams,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
  opts: AttentionOptions = {},
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  // BEGIN SOLUTION
  if (keys.shape[1] !== values.shape[1])
    throw new ShapeMismatchError(
      `keys and values must have the same number of steps, got keys [${keys.shape.join(', ')}] and values [${values.shape.join(', ')}]`,
    );
  return tf.tidy(() => {
    const attentionWeights = maskedSoftmax(additiveScores(params, queries, keys), validLens);
    const dropped = dropoutLayer(attentionWeights, opts.dropout ?? 0, opts.seed ?? 0, opts.training ?? false);
    return { output: tf.matMul(dropped, values) as tf.Tensor3D, attentionWeights };
  });
  // END SOLUTION
}
