import * as tf from '@tensorflow/tfjs';
import { maskedSoftmax } from './47-masked-softmax';
import { type Attention, type AttentionOptions, attend, checkQkv } from './49-dot-product-attention';
import { ShapeMismatchError } from './errors';
import { matMul } from './ops/mat-mul';

/**
 * d2l's AdditiveAttention, the scoring function of Bahdanau attention (exercise 50).
 *
 *   params: { W_q [querySize, h], W_k [keySize, h], w_v [h, 1] }  (d2l's three Linear layers, no bias)
 *   additiveScores(params, queries [b, n, q], keys [b, m, k]) -> [b, n, m],  a(q, k) = w_vᵀ tanh(W_q q + W_k k)
 *   additiveAttention(params, queries, keys, values [b, m, v], validLens, opts)
 *     -> { output [b, n, v], attentionWeights [b, n, m] }
 *   initAdditiveAttention(querySize, keySize, numHiddens, seed): PyTorch's nn.Linear default,
 *     U(−1/√fan_in, 1/√fan_in) for each weight, each from its own seed.
 *
 * attentionWeights = maskedSoftmax(scores, validLens) (before dropout); output =
 * dropout(attentionWeights) · values, dropout as in 49 (training only, tf.dropout with seed + 1).
 * Projections are 2-D products on [b·n, q] and [b·m, k], the w_v product one 2-D product on
 * [b·n·m, h] (reference/ops/mat-mul.ts: a backward pass without transposed products).
 */
export interface AdditiveAttentionParams {
  W_q: tf.Tensor2D;
  W_k: tf.Tensor2D;
  w_v: tf.Tensor2D;
}

/** PyTorch's nn.Linear initialisation of a [fanIn, fanOut] weight: U(−1/√fanIn, 1/√fanIn). */
export function linearWeight(fanIn: number, fanOut: number, seed: number): tf.Tensor2D {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', seed);
}

export function initAdditiveAttention(
  querySize: number,
  keySize: number,
  numHiddens: number,
  seed: number,
): AdditiveAttentionParams {
  return {
    W_q: linearWeight(querySize, numHiddens, seed + 1),
    W_k: linearWeight(keySize, numHiddens, seed + 2),
    w_v: linearWeight(numHiddens, 1, seed + 3),
  };
}

function checkParams(p: AdditiveAttentionParams, queries: tf.Tensor, keys: tf.Tensor): void {
  const s = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  if (p.W_q.shape[0] !== queries.shape[2])
    throw new ShapeMismatchError(`W_q ${s(p.W_q)} does not fit queries ${s(queries)}: its rows must be the query size`);
  if (p.W_k.shape[0] !== keys.shape[2])
    throw new ShapeMismatchError(`W_k ${s(p.W_k)} does not fit keys ${s(keys)}: its rows must be the key size`);
  if (p.W_k.shape[1] !== p.W_q.shape[1] || p.w_v.shape[0] !== p.W_q.shape[1] || p.w_v.shape[1] !== 1)
    throw new ShapeMismatchError(
      `W_q ${s(p.W_q)}, W_k ${s(p.W_k)} and w_v ${s(p.w_v)} must share the hidden size h, w_v being [h, 1]`,
    );
}

export function additiveScores(params: AdditiveAttentionParams, queries: tf.Tensor3D, keys: tf.Tensor3D): tf.Tensor3D {
  checkParams(params, queries, keys);
  return tf.tidy(() => {
    const [b, n, q] = queries.shape;
    const [, m, k] = keys.shape;
    const h = params.W_q.shape[1];
    const Qp = matMul(queries.reshape([b * n, q]), params.W_q).reshape([b, n, 1, h]);
    const Kp = matMul(keys.reshape([b * m, k]), params.W_k).reshape([b, 1, m, h]);
    const features = tf.tanh(Qp.add(Kp)).reshape([b * n * m, h]) as tf.Tensor2D;
    return matMul(features, params.w_v).reshape([b, n, m]) as tf.Tensor3D;
  });
}

export function additiveAttention(
  params: AdditiveAttentionParams,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor | null,
  opts: AttentionOptions = {},
): Attention {
  checkQkv(queries, keys, values, false);
  return tf.tidy(() => {
    const attentionWeights = maskedSoftmax(additiveScores(params, queries, keys), validLens);
    return { output: attend(attentionWeights, values, opts), attentionWeights };
  });
}
