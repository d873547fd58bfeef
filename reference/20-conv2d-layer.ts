import * as tf from '@tensorflow/tfjs';
import { corr2d } from './19-corr2d';
import { HyperparameterError } from './errors';
import { assertKernelFits } from './ops/conv2d';

/** The notes' Conv2D: a kernel and a scalar bias, the two trained parameters of a convolutional layer. */
export interface Conv2DParams {
  weight: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Conv2D.forward: corr2d(X, weight) + bias. */
export function conv2dForward(params: Conv2DParams, X: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => corr2d(X, params.weight).add(params.bias));
}

/** Conv2D.__init__: weight tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1) (torch.rand), bias [0]. */
export function initConv2D(kernelSize: [number, number], seed: number): Conv2DParams {
  for (const k of kernelSize)
    if (!Number.isInteger(k) || k < 1)
      throw new HyperparameterError(`kernelSize must be two positive integers, got [${kernelSize.join(', ')}]`);
  return { weight: tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1), bias: tf.zeros([1]) };
}

export interface TrainConfig {
  kernelSize: [number, number];
  lr: number;
  numEpochs: number;
  seed: number;
}

/**
 * d2l 6.2.4 with the bias learned too: full-batch gradient descent on L = Σ (corr2d(X, W) + b − Y)²
 * from initConv2D. The gradients are written out rather than taken by autodiff: with the residual
 * R = Ŷ − Y, ∂L/∂W = 2 corr2d(X, R) and ∂L/∂b = 2 Σ R. losses[e] is L before epoch e's step.
 */
export function trainConv2D(
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  config: TrainConfig,
): { params: Conv2DParams; losses: number[] } {
  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate must be positive, got ${config.lr}`);
  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)
    throw new HyperparameterError(`numEpochs must be a whole number >= 0, got ${config.numEpochs}`);
  assertKernelFits(X.shape[0], X.shape[1], config.kernelSize[0], config.kernelSize[1]);
  let { weight, bias } = initConv2D(config.kernelSize, config.seed);
  const losses: number[] = [];
  for (let e = 0; e < config.numEpochs; e++) {
    const [w, b, loss] = tf.tidy(() => {
      const R = conv2dForward({ weight, bias }, X).sub(Y) as tf.Tensor2D;
      return [
        weight.sub(corr2d(X, R).mul(2 * config.lr)),
        bias.sub(
          R.sum()
            .mul(2 * config.lr)
            .reshape([1]),
        ),
        R.square().sum(),
      ];
    });
    losses.push(loss!.dataSync()[0]!);
    tf.dispose([weight, bias, loss!]);
    weight = w as tf.Tensor2D;
    bias = b as tf.Tensor1D;
  }
  return { params: { weight, bias }, losses };
}
