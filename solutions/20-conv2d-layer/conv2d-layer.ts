import * as tf from '@tensorflow/tfjs';
import { corr2d } from 'd2l-ts/reference/19-corr2d';
import { HyperparameterError, KernelTooLargeError } from 'd2l-ts/reference/errors';

/** The notes' Conv2D: its two trained parameters, the kernel and a scalar bias. */
export interface Conv2DParams {
  /** The kernel, shape kernelSize = [k_h, k_w]. */
  weight: tf.Tensor2D;
  /** The scalar bias, shape [1]. */
  bias: tf.Tensor1D;
}

/**
 * A new layer, as the notes' Conv2D.__init__: weight drawn uniformly from [0, 1) in the shape
 * kernelSize (torch.rand(kernel_size)), exactly tf.randomUniform(kernelSize, 0, 1, 'float32',
 * seed + 1), and a bias of zero, shape [1]. Each side of kernelSize must be a positive integer:
 * otherwise throw a HyperparameterError (from d2l-ts/reference/errors) naming it.
 */
export function initConv2D(kernelSize: [number, number], seed: number): Conv2DParams {
  // BEGIN SOLUTION
  for (const k of kernelSize)
    if (!Number.isInteger(k) || k < 1)
      throw new HyperparameterError(`kernelSize must be two positive integers, got [${kernelSize.join(', ')}]`);
  return { weight: tf.randomUniform(kernelSize, 0, 1, 'float32', seed + 1), bias: tf.zeros([1]) };
  // END SOLUTION
}

/**
 * Conv2D.forward: corr2d(X, weight) + bias. Use the course's corr2d (exercise 19): tfjs can
 * differentiate it, on every backend.
 * @param X input, shape [n_h, n_w]   @returns shape [n_h − k_h + 1, n_w − k_w + 1]
 */
export function conv2dForward(params: Conv2DParams, X: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  return tf.tidy(() => corr2d(X, params.weight).add(params.bias));
  // END SOLUTION
}

export interface TrainConfig {
  kernelSize: [number, number];
  lr: number;
  numEpochs: number;
  seed: number;
}

export interface TrainResult {
  params: Conv2DParams;
  /** losses[e]: the summed squared error at the start of epoch e (the one its step followed). */
  losses: number[];
}

/**
 * Learns a kernel from an input X and its output Y (d2l 6.2.4): start from
 * initConv2D(kernelSize, seed); in each epoch take the loss Σ (conv2dForward(params, X) − Y)²,
 * its gradients with respect to weight and bias (tf.valueAndGrads, both from the same
 * parameters), and one step param ← param − lr · gradient for both.
 *
 * Bad settings throw before anything is drawn: lr must be > 0 and numEpochs a whole number ≥ 0
 * (0 returns the initial parameters and no losses), else a HyperparameterError; a kernel larger
 * than X along either axis is a KernelTooLargeError (from d2l-ts/reference/errors).
 */
export function trainConv2D(X: tf.Tensor2D, Y: tf.Tensor2D, config: TrainConfig): TrainResult {
  // BEGIN SOLUTION
  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate must be positive, got ${config.lr}`);
  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)
    throw new HyperparameterError(`numEpochs must be a whole number >= 0, got ${config.numEpochs}`);
  const [kh, kw] = config.kernelSize;
  if (kh > X.shape[0] || kw > X.shape[1])
    throw new KernelTooLargeError(`the ${kh}x${kw} kernel is larger than the ${X.shape.join('x')} input`);
  let { weight, bias } = initConv2D(config.kernelSize, config.seed);
  const loss = (w: tf.Tensor, b: tf.Tensor) =>
    conv2dForward({ weight: w as tf.Tensor2D, bias: b as tf.Tensor1D }, X)
      .sub(Y)
      .square()
      .sum() as tf.Scalar;
  const losses: number[] = [];
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    const [w1, b1, l] = tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads(loss)([weight, bias]);
      return [weight.sub(grads[0]!.mul(config.lr)), bias.sub(grads[1]!.mul(config.lr)), value];
    });
    losses.push(l.dataSync()[0]!);
    tf.dispose([weight, bias, l]);
    weight = w1 as tf.Tensor2D;
    bias = b1 as tf.Tensor1D;
  }
  return { params: { weight, bias }, losses };
  // END SOLUTION
}
