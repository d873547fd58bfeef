import * as tf from '@tensorflow/tfjs';
import { dotProductAttention } from 'd2l-ts/reference/49-dot-product-attention';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * The parameters of d2l's MultiHeadAttention (bias=False, its default): four linear layers,
 *   W_q [querySize, h],  W_k [keySize, h],  W_v [valueSize, h],  W_o [h, h]
 * where h = numHiddens, shared by the numHeads heads of h / numHeads columns each.
 */
export interface MultiHeadParams {
  W_q: tf.Tensor2D;
  W_k: tf.Tensor2D;
  W_v: tf.Tensor2D;
  W_o: tf.Tensor2D;
}

/** Dropout on the attention weights: probability `dropout`, only when `training`, its mask from `seed`. */
export interface AttentionOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
}

/**
 * d2l's transpose_qkv: splits the h features of X [b, n, h] into numHeads heads of h / numHeads
 * CONSECUTIVE features (head i has features i·h/H to (i + 1)·h/H − 1) and moves the heads into
 * the batch axis, so that one batched attention computes all heads at once:
 *   [b, n, h] -> [b, n, H, h/H] -> (swap axes 1 and 2) [b, H, n, h/H] -> [b·H, n, h/H].
 * Row b·H + i of the result is head i of example b.
 * h not divisible by numHeads: HyperparameterError naming numHeads.
 */
export function transposeQkv(X: tf.Tensor3D, numHeads: number): tf.Tensor3D {
  // BEGIN SOLUTION
  const [b, n, h] = X.shape;
  if (h % numHeads !== 0)
    throw new HyperparameterError(`numHeads (${numHeads}) must divide the number of features (${h})`);
  return tf.tidy(() => {
    const split = X.reshape([b, n, numHeads, h / numHeads]); // head i: features i·h/H ..
    return split.transpose([0, 2, 1, 3]).reshape([b * numHeads, n, h / numHeads]) as tf.Tensor3D;
  });
  // END SOLUTION
}

/**
 * d2l's transpose_output, the inverse of transposeQkv: [b·H, n, h/H] -> [b, H, n, h/H] ->
 * [b, n, H, h/H] -> [b, n, h], the heads' outputs side by side (concatenated) at each position.
 */
export function transposeOutput(X: tf.Tensor3D, numHeads: number): tf.Tensor3D {
  // BEGIN SOLUTION
  const [bh, n, dh] = X.shape;
  return tf.tidy(() => {
    const heads = X.reshape([bh / numHeads, numHeads, n, dh]);
    return heads.transpose([0, 2, 1, 3]).reshape([bh / numHeads, n, numHeads * dh]) as tf.Tensor3D;
  });
  // END SOLUTION
}

/**
 * d2l's MultiHeadAttention (多头注意力) with scaled dot-product attention in each head:
 *   head_i = attention(Q W_q^(i), K W_k^(i), V W_v^(i))   (W^(i): the i-th block of h/H columns)
 *   output = [head_1, ..., head_H] W_o                       [b, n, h]
 * As d2l: project queries, keys and values with W_q, W_k, W_v; transposeQkv each; repeat each
 * valid length once per head (torch.repeat_interleave(validLens, numHeads, dim=0): [b] -> [b·H],
 * [b, n] -> [b·H, n]); dotProductAttention from 49 (with opts: its dropout on the weights);
 * transposeOutput; W_o. Returns the output and the attention weights of every head,
 * [b·H, n, m] (row b·H + i: head i of example b).
 * numHiddens (the columns of W_q) not divisible by numHeads: HyperparameterError naming numHeads.
 */
export function multiHeadAttention(
  params: MultiHeadParams,
  queries: tf.Tensor3D,
  keys: tf.Tensor3D,
  values: tf.Tensor3D,
  validLens: tf.Tensor1D | tf.Tensor2D | null,
  numHeads: number,
  opts: AttentionOptions = {},
): { output: tf.Tensor3D; attentionWeights: tf.Tensor3D } {
  // BEGIN SOLUTION
  const h = params.W_q.shape[1];
  if (h % numHeads !== 0)
    throw new HyperparameterError(`numHeads (${numHeads}) must divide numHiddens (${h}), the columns of W_q`);
  return tf.tidy(() => {
    const dense = (X: tf.Tensor3D, W: tf.Tensor2D) =>
      X.reshape([-1, X.shape[2]]).matMul(W).reshape([X.shape[0], X.shape[1], W.shape[1]]) as tf.Tensor3D;
    const q = transposeQkv(dense(queries, params.W_q), numHeads);
    const k = transposeQkv(dense(keys, params.W_k), numHeads);
    const v = transposeQkv(dense(values, params.W_v), numHeads);
    let lens: tf.Tensor1D | tf.Tensor2D | null = null;
    if (validLens !== null) {
      // repeat_interleave along axis 0: [l_0, l_0, ..., l_1, l_1, ...], each numHeads times.
      const [b, ...rest] = validLens.shape;
      const repeated = validLens.expandDims(1).tile([1, numHeads, ...rest.map(() => 1)]);
      lens = repeated.reshape([b * numHeads, ...rest]) as tf.Tensor1D | tf.Tensor2D;
    }
    const { output, attentionWeights } = dotProductAttention(q, k, v, lens, opts);
    return { output: dense(transposeOutput(output, numHeads), params.W_o), attentionWeights };
  });
  // END SOLUTION
}
