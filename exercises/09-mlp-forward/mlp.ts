import * as tf from '@tensorflow/tfjs';
import { relu, sigmoid, tanh } from 'd2l-ts/reference/08-activations';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/** The parameters of a one-hidden-layer MLP with d inputs, h hidden units and q outputs. */
export interface MlpParams {
  /** [d, h] */ W1: tf.Tensor2D;
  /** [h] */ b1: tf.Tensor1D;
  /** [h, q] */ W2: tf.Tensor2D;
  /** [q] */ b2: tf.Tensor1D;
}

/** The hidden layer's activation σ; 'identity' (no activation) makes the MLP a linear model. */
export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'identity';

/**
 * d2l's parameters of an MLP (5.2.1): weights drawn from N(0, sigma²), d2l's
 * `torch.randn(...) * 0.01` for the default sigma, and biases 0. Draw W1 with
 * tf.randomNormal([numInputs, numHiddens], 0, sigma, 'float32', seed + 1) and W2 with
 * tf.randomNormal([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2) (tfjs ignores a seed of 0,
 * and the two layers must not share one).
 * Every layer size must be a positive integer (1 is fine), sigma >= 0 (0 gives weights of 0) and
 * seed a non-negative integer (a seed of -1 would draw W1 with the seed 0 that tfjs ignores):
 * otherwise throw a HyperparameterError (from 'd2l-ts/reference/errors') that names the bad value.
 */
export function initParams(
  numInputs: number,
  numHiddens: number,
  numOutputs: number,
  seed: number,
  sigma = 0.01,
): MlpParams {
  throw new Error('Not implemented: initParams (09-mlp-forward). The task is in exercises/09-mlp-forward/README.md');
}

/**
 * The notes' one-hidden-layer MLP (多层感知机):
 *   H = σ(X W1 + b1),   O = H W2 + b2,
 * with σ applied to the hidden layer only; the output layer stays linear (softmax comes later,
 * in the loss). An unknown activation name is a HyperparameterError naming it.
 * @param X [n, d]   @returns O, [n, q]
 */
export function mlpForward(params: MlpParams, X: tf.Tensor2D, activation: Activation = 'relu'): tf.Tensor2D {
  throw new Error('Not implemented: mlpForward (09-mlp-forward). The task is in exercises/09-mlp-forward/README.md');
}

/**
 * Without an activation the MLP collapses into one linear layer (the notes):
 *   O = (X W1 + b1) W2 + b2 = X W + b   with   W = W1 W2,   b = b1 W2 + b2.
 * The parameters stay the caller's: return new tensors, dispose none of params.
 * @returns W [d, q] and b [q]
 */
export function collapseLinear(params: MlpParams): { W: tf.Tensor2D; b: tf.Tensor1D } {
  throw new Error('Not implemented: collapseLinear (09-mlp-forward). The task is in exercises/09-mlp-forward/README.md');
}
