import * as tf from '@tensorflow/tfjs';
import { dataIter } from 'd2l-ts/reference/01-synthetic-data';
import { sgd } from 'd2l-ts/reference/03-squared-loss-sgd';
import { softmax } from 'd2l-ts/reference/05-softmax';
import { crossEntropy } from 'd2l-ts/reference/06-cross-entropy';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's accuracy, as a fraction: the share of rows whose largest entry (the predicted class,
 * argmax) is the true class. yHat stays the caller's: read it, do not dispose it.
 * @param yHat scores or probabilities, shape [n, q]   @param y int32 classes, shape [n]
 */
export function accuracy(yHat: tf.Tensor2D, y: tf.Tensor1D): number {
  throw new Error('Not implemented: accuracy (07-softmax-regression-train). The task is in exercises/07-softmax-regression-train/README.md');
}

export interface SoftmaxTrainConfig {
  numClasses: number;
  lr: number;
  numEpochs: number;
  batchSize: number;
  seed: number;
}

export interface SoftmaxTrainResult {
  W: tf.Tensor2D;
  b: tf.Tensor1D;
  /** After each epoch: the mean cross-entropy of the model over the whole training set. */
  epochLosses: number[];
  /** After each epoch: the accuracy of the model on the whole training set. */
  trainAccuracy: number[];
}

/**
 * Softmax regression trained from scratch (d2l 3.6): ŷ = softmax(X W + b), with
 * W ~ N(0, 0.01²) of shape [d, numClasses] (seeded with config.seed + 1: tfjs ignores a seed of 0)
 * and b = 0 of shape
 * [numClasses]. In epoch e go through dataIter(batchSize, X, y, seed + e); for each minibatch
 * take the summed crossEntropy, its gradients with tf.grads, and an sgd step. After each epoch
 * record the mean loss and the accuracy over all of X, y.
 *
 * dataIter, sgd, softmax and crossEntropy come from the course (exercises 01, 03, 05, 06).
 * X and y stay the caller's.
 *
 * Before training, check the config: lr must be > 0, batchSize a positive integer, numEpochs and
 * seed non-negative integers (0 epochs returns the initial W and b, and no losses). Otherwise throw
 * a HyperparameterError (from 'd2l-ts/reference/errors') that names the bad value.
 * @param X [n, d] features   @param y int32 classes, shape [n]
 */
export function trainSoftmaxRegression(X: tf.Tensor2D, y: tf.Tensor1D, config: SoftmaxTrainConfig): SoftmaxTrainResult {
  throw new Error('Not implemented: trainSoftmaxRegression (07-softmax-regression-train). The task is in exercises/07-softmax-regression-train/README.md');
}
