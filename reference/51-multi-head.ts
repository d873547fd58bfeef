import * as tf from '@tensorflow/tfjs';
import { MASKED_VALUE, validKeys } from './47-masked-softmax';
import { linearWeight } from './48-additive-attention';
import { type AttentionOptions, checkQkv } from './49-dot-product-attention';
import { HyperparameterError } from './errors';
import { matMul } from './ops/mat-mul';

/**
 * d2l's MultiHeadAttention with scaled dot-product attention in every head: the building block of
 * the Transformer (54) and of BERT's encoder (chapter 9).
 *
 *   params: { W_q [querySize, h], W_k [keySize, h], W_v [valueSize, h], W_o [h, h] } and, with
 *           bias (d2l's bias=True, as BERT uses), b_q, b_k, b_v, b_o [h]
 *   initMultiHead(querySize, keySize, valueSize, numHiddens, seed, bias = false): PyTorch's nn.Linear
 *           default, U(±1/√fan_in) for weights and biases, each from its own seed
 *   multiHeadAttention(params, queries [b, n, dq], keys [b, m, dk], values [b, m, dv], validLens,
 *           numHeads, opts) -> { output [b, n, h], attentionWeights [b · numHeads, n, m] }
 *   transposeQkv(X [b, n, h], numHeads) -> [b · numHeads, n, h / numHeads]
 *   transposeOutput(X [b · numHeads, n, h / numHeads], numHeads) -> [b, n, h]
 *
 * Head i works on columns i·h/H .. (i + 1)·h/H of the projections (d2l's transpose_qkv);
 * attentionWeights row b·H + i holds example b's head i, as d2l's (valid lengths repeated per
 * head, repeat_interleave). opts: dropout on the weights of every head, training only, its mask
 * tf.dropout(weights [b · H, n, m], p, seed + 1), as 49. h not divisible by numHeads throws
 * HyperparameterError.
 *
 * Computed with rank-4 tensors [b, H, steps, h/H] (one batched product for all heads, the mask
 * broadcast over the heads) instead of d2l's folding of the heads into the batch.
 */
export interface MultiHeadParams {
  W_q: tf.Tensor2D;
  W_k: tf.Tensor2D;
  W_v: tf.Tensor2D;
  W_o: tf.Tensor2D;
  b_q?: tf.Tensor1D;
  b_k?: tf.Tensor1D;
  b_v?: tf.Tensor1D;
  b_o?: tf.Tensor1D;
}

/** PyTorch's nn.Linear bias initialisation: U(−1/√fanIn, 1/√fanIn). */
export function linearBias(fanIn: number, fanOut: number, seed: number): tf.Tensor1D {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.randomUniform([fanOut], -bound, bound, 'float32', seed);
}

export function initMultiHead(
  querySize: number,
  keySize: number,
  valueSize: number,
  numHiddens: number,
  seed: number,
  bias = false,
): MultiHeadParams {
  const p: MultiHeadParams = {
    W_q: linearWeight(querySize, numHiddens, seed + 1),
    W_k: linearWeight(keySize, numHiddens, seed + 2),
    W_v: linearWeight(valueSize, numHiddens, seed + 3),
    W_o: linearWeight(numHiddens, numHiddens, seed + 4),
  };
  if (!bias) return p;
  return {
    ...p,
    b_q: linearBias(querySize, numHiddens, seed + 5),
    b_k: linearBias(keySize, numHiddens, seed + 6),
    b_v: linearBias(valueSize, numHiddens, seed + 7),
    b_o: linearBias(numHiddens, numHiddens, seed + 8),
  };
}

export function checkHeads(numHiddens: number, numHeads: number): number {
  if (!Number.isInteger(numHeads) || numHeads < 1 || numHiddens % numHeads !== 0)
    throw new HyperparameterError(
      `numHeads must be a whole number >= 1 dividing the hidden size ${numHiddens}, got numHeads = ${numHeads}`,
    );
  return numHiddens / numHeads;
}

export function transposeQkv(X: tf.Tensor3D, numHeads: number): tf.Tensor3D {
  const [b, n, h] = X.shape;
  const dh = checkHeads(h, numHeads);
  return tf.tidy(() =>
    X.reshape([b, n, numHeads, dh])
      .transpose([0, 2, 1, 3])
      .reshape([b * numHeads, n, dh]),
  );
}

export function transposeOutput(X: tf.Tensor3D, numHeads: number): tf.Tensor3D {
  const [bh, n, dh] = X.shape;
  if (!Number.isInteger(numHeads) || numHeads < 1 || bh % numHeads !== 0)
    throw new HyperparameterError(
      `numHeads must divide the first axis ${bh} (batch · heads), got numHeads = ${numHeads}`,
    );
  return tf.tidy(() =>
    X.reshape([bh / numHeads, numHeads, n, dh])
      .transpose([0, 2, 1, 3])
      .reshape([bh / numHeads, n, numHeads * dh]),
  );
}

/** X [b, s, d] W + bias, split into heads: [b, H, s, h/H]. */
function project(X: tf.Tensor3D, W: tf.Tensor2D, bias: tf.Tensor1D | undefined, H: number): tf.Tensor4D {
  const [b, s, d] = X.shape;
  const h = W.shape[1];
  let Y = matMul(X.reshape([b * s, d]), W);
  if (bias) Y = Y.add(bias);
  return Y.reshape([b, s, H, h / H]).transpose([0, 2, 1, 3]);
}

export function multiHeadAttention(
  params: MultiHeadParams,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor | null,
  numHeads: number,
  opts: AttentionOptions = {},
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  checkQkv(queries, keys, values, false);
  const h = params.W_q.shape[1];
  const dh = checkHeads(h, numHeads);
  return tf.tidy(() => {
    const [b, n] = queries.shape;
    const m = keys.shape[1];
    const Q = project(queries, params.W_q, params.b_q, numHeads).mul(1 / Math.sqrt(dh));
    const K = project(keys, params.W_k, params.b_k, numHeads);
    const V = project(values, params.W_v, params.b_v, numHeads);
    let scores = tf.matMul(Q, K, false, true) as tf.Tensor4D; // [b, H, n, m]
    if (validLens !== null && validLens !== undefined) {
      const valid = validKeys(validLens, [b, n, m]).expandDims(1); // [b, 1, 1 or n, m]
      scores = tf.where(valid.broadcastTo(scores.shape), scores, tf.fill(scores.shape, MASKED_VALUE));
    }
    const weights = tf.softmax(scores);
    const p = opts.dropout ?? 0;
    const dropped = opts.training && p > 0 ? tf.dropout(weights, p, undefined, (opts.seed ?? 0) + 1) : weights;
    const heads = tf.matMul(dropped as tf.Tensor4D, V); // [b, H, n, h/H]
    const concat = heads.transpose([0, 2, 1, 3]).reshape([b * n, h]) as tf.Tensor2D;
    let output = matMul(concat, params.W_o);
    if (params.b_o) output = output.add(params.b_o);
    return {
      output: output.reshape([b, n, h]) as tf.Tensor3D,
      attentionWeights: weights.reshape([b * numHeads, n, m]) as tf.Tensor3D,
    };
  });
}
