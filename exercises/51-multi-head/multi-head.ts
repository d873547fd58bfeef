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
  throw new Error('Not implemented: transposeQkv (51-multi-head). The task is in exercises/51-multi-head/README.md');
}

/**
 * d2l's transpose_output, the inverse of transposeQkv: [b·H, n, h/H] -> [b, H, n, h/H] ->
 * [b, n, H, h/H] -> [b, n, h], the heads' outputs side by side (concatenated) at each position.
 */
export function transposeOutput(X: tf.Tensor3D, numHeads: number): tf.Tensor3D {
  throw new Error('Not implemented: transposeOutput (51-multi-head). The task is in exercises/51-multi-head/README.md');
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
  throw new Error('Not implemented: multiHeadAttention (51-multi-head). The task is in exercises/51-multi-head/README.md');
}
