import * as tf from '@tensorflow/tfjs';
import { linearWeight } from './48-additive-attention';
import { linearBias } from './51-multi-head';
import { ShapeMismatchError } from './errors';
import { matMul } from './ops/mat-mul';

/**
 * d2l's PositionWiseFFN and AddNorm, the two sublayer helpers of every Transformer block (54) and
 * BERT's encoder (chapter 9).
 *
 *   FfnParams { W1 [d, hf], b1 [hf], W2 [hf, o], b2 [o] };  initFfn(d, hf, o, seed): nn.Linear's init
 *   positionWiseFfn(params, X [b, T, d]) -> relu(X W1 + b1) W2 + b2, [b, T, o]
 *   LayerNormParams { gamma [d], beta [d] };  initLayerNorm(d): gamma 1, beta 0
 *   layerNorm(X [..., d], gamma, beta, eps = 1e-5) -> (X − mean) / √(var + eps) · gamma + beta over the
 *     last axis, var the biased variance (nn.LayerNorm)
 *   addNorm(params, X, Y, opts) -> layerNorm(dropout(Y) + X), opts { dropout, training, seed } with
 *     13-dropout's mask (tf.dropout with seed + 1, training only)
 *
 * The FFN is two 2-D products on [b·T, ·] (reference/ops/mat-mul.ts); layerNorm uses tf.moments.
 */
export interface FfnParams {
  W1: tf.Tensor2D;
  b1: tf.Tensor1D;
  W2: tf.Tensor2D;
  b2: tf.Tensor1D;
}

export interface LayerNormParams {
  gamma: tf.Tensor1D;
  beta: tf.Tensor1D;
}

export interface DropoutOptions {
  dropout?: number;
  training?: boolean;
  seed?: number;
}

export const LAYER_NORM_EPS = 1e-5;

export function initFfn(numInputs: number, numHiddens: number, numOutputs: number, seed: number): FfnParams {
  return {
    W1: linearWeight(numInputs, numHiddens, seed + 1),
    b1: linearBias(numInputs, numHiddens, seed + 2),
    W2: linearWeight(numHiddens, numOutputs, seed + 3),
    b2: linearBias(numHiddens, numOutputs, seed + 4),
  };
}

export function initLayerNorm(numHiddens: number): LayerNormParams {
  return { gamma: tf.ones([numHiddens]), beta: tf.zeros([numHiddens]) };
}

export function positionWiseFfn(params: FfnParams, X: tf.Tensor3D): tf.Tensor3D {
  const [b, T, d] = X.shape;
  if (params.W1.shape[0] !== d)
    throw new ShapeMismatchError(`W1 has ${params.W1.shape[0]} rows but X has ${d} features per position`);
  return tf.tidy(() => {
    const H = tf.relu(matMul(X.reshape([b * T, d]), params.W1).add(params.b1)) as tf.Tensor2D;
    return matMul(H, params.W2).add(params.b2).reshape([b, T, params.W2.shape[1]]) as tf.Tensor3D;
  });
}

export function layerNorm<T extends tf.Tensor>(X: T, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = LAYER_NORM_EPS): T {
  const d = X.shape[X.rank - 1]!;
  if (gamma.shape[0] !== d || beta.shape[0] !== d)
    throw new ShapeMismatchError(
      `gamma [${gamma.shape}] and beta [${beta.shape}] must have the ${d} features of X's last axis`,
    );
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(X, -1, true);
    return X.sub(mean).div(variance.add(eps).sqrt()).mul(gamma).add(beta) as T;
  });
}

export function addNorm(
  params: LayerNormParams,
  X: tf.Tensor3D,
  Y: tf.Tensor3D,
  opts: DropoutOptions = {},
): tf.Tensor3D {
  if (X.shape.join() !== Y.shape.join())
    throw new ShapeMismatchError(`X [${X.shape.join(', ')}] and Y [${Y.shape.join(', ')}] must have the same shape`);
  return tf.tidy(() => {
    const p = opts.dropout ?? 0;
    const dropped = opts.training && p > 0 ? tf.dropout(Y, p, undefined, (opts.seed ?? 0) + 1) : Y;
    return layerNorm(dropped.add(X) as tf.Tensor3D, params.gamma, params.beta);
  });
}
