import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from './errors';

/** A type rather than an interface, so that tf.tidy accepts it as a TensorContainer. */
export type MlpParams = {
  W1: tf.Tensor2D;
  b1: tf.Tensor1D;
  W2: tf.Tensor2D;
  b2: tf.Tensor1D;
};

export type Activation = 'relu' | 'sigmoid' | 'tanh' | 'identity';

/** d2l's MLP parameters: N(0, sigma²) weights (W1 seeded with seed + 1, W2 with seed + 2), zero biases. */
export function initParams(
  numInputs: number,
  numHiddens: number,
  numOutputs: number,
  seed: number,
  sigma = 0.01,
): MlpParams {
  if (![numInputs, numHiddens, numOutputs].every((n) => Number.isInteger(n) && n >= 1)) {
    throw new HyperparameterError(
      `layer sizes must be positive integers, got ${numInputs}, ${numHiddens}, ${numOutputs}`,
    );
  }
  if (!(sigma >= 0)) throw new HyperparameterError(`sigma must be >= 0, got ${sigma}`);
  // A seed of -1 would draw W1 with seed 0, which tfjs takes for no seed.
  if (!Number.isInteger(seed) || seed < 0)
    throw new HyperparameterError(`seed must be a non-negative integer, got ${seed}`);
  return tf.tidy(() => ({
    W1: tf.randomNormal<tf.Rank.R2>([numInputs, numHiddens], 0, sigma, 'float32', seed + 1),
    b1: tf.zeros<tf.Rank.R1>([numHiddens]),
    W2: tf.randomNormal<tf.Rank.R2>([numHiddens, numOutputs], 0, sigma, 'float32', seed + 2),
    b2: tf.zeros<tf.Rank.R1>([numOutputs]),
  }));
}

/** tfjs's fused kernel for the hidden layer (matMul, bias and activation in one op); tanh it lacks. */
const FUSED = { relu: 'relu', sigmoid: 'sigmoid', identity: 'linear' } as const;

/** σ(X W1 + b1) W2 + b2, by tfjs's fused matMul. */
export function mlpForward(params: MlpParams, X: tf.Tensor2D, activation: Activation = 'relu'): tf.Tensor2D {
  if (!(activation in FUSED) && activation !== 'tanh')
    throw new HyperparameterError(`unknown activation "${activation}"`);
  return tf.tidy(() => {
    const H =
      activation === 'tanh'
        ? tf.tanh(tf.fused.matMul({ a: X, b: params.W1, bias: params.b1 }))
        : tf.fused.matMul({ a: X, b: params.W1, bias: params.b1, activation: FUSED[activation] });
    return tf.fused.matMul({ a: H as tf.Tensor2D, b: params.W2, bias: params.b2 }) as tf.Tensor2D;
  });
}
