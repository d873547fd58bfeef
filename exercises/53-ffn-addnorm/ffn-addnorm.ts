import * as tf from '@tensorflow/tfjs';
import { dropoutLayer } from 'd2l-ts/reference/13-dropout';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/** The two dense layers of d2l's PositionWiseFFN: W1 [d, hf], b1 [hf], W2 [hf, o], b2 [o]. */
export interface FfnParams {
  W1: tf.Tensor2D;
  b1: tf.Tensor1D;
  W2: tf.Tensor2D;
  b2: tf.Tensor1D;
}

/** Layer normalisation's affine part: gamma [d] (scale, starts at 1) and beta [d] (shift, starts at 0). */
export interface LayerNormParams {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

/** Dropout on the sublayer's output: probability `dropout`, only when `training`, its mask from `seed`. */
export interface DropoutOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
}

/**
 * d2l's PositionWiseFFN (基于位置的前馈网络): the same two-layer MLP applied to the features of
 * every position of X [b, T, d] on its own,
 *   FFN(x) = relu(x W1 + b1) W2 + b2,      [b, T, d] -> [b, T, o].
 * (PyTorch's nn.Linear acts on the last axis; here flatten to [b·T, d], multiply, reshape back.)
 * W1 whose rows are not d: ShapeMismatchError naming W1.
 */
export function positionWiseFfn(params: FfnParams, X: tf.Tensor3D): tf.Tensor3D {
  throw new Error('Not implemented: positionWiseFfn (53-ffn-addnorm). The task is in exercises/53-ffn-addnorm/README.md');
}

/**
 * Layer normalisation (层规范化, nn.LayerNorm over the last axis): each position's d features are
 * normalised by their own mean and (biased, 1/d) variance, then scaled and shifted:
 *   LN(x) = (x − μ) / √(σ² + eps) ⊙ gamma + beta,   μ = mean(x),  σ² = mean((x − μ)²),  eps = 1e-5.
 * Unlike batch normalisation (over the examples of the batch), it does not depend on the other
 * examples, nor on the batch size. With gamma = 1 and beta = 0 every position has mean 0 and
 * variance σ²/(σ² + eps) ≈ 1; a constant position comes out as beta (0/√eps), not NaN.
 */
export function layerNorm(X: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor {
  throw new Error('Not implemented: layerNorm (53-ffn-addnorm). The task is in exercises/53-ffn-addnorm/README.md');
}

/**
 * d2l's AddNorm (残差连接和层规范化): the residual connection around a sublayer, then layer
 * normalisation,
 *   AddNorm(X, Y) = LN(dropout(Y) + X),
 * where Y is the sublayer's output for input X (they must have the same shape: ShapeMismatchError
 * naming X and Y otherwise); dropout is dropoutLayer(Y, p, seed, training) from 13-dropout.
 */
export function addNorm(
  params: LayerNormParams,
  X: tf.Tensor3D,
  Y: tf.Tensor3D,
  opts: DropoutOptions = {},
): tf.Tensor3D {
  throw new Error('Not implemented: addNorm (53-ffn-addnorm). The task is in exercises/53-ffn-addnorm/README.md');
}
