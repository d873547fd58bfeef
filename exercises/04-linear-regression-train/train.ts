import * as tf from '@tensorflow/tfjs';
import { dataIter } from 'd2l-ts/reference/01-synthetic-data';
import { sgd, squaredLoss } from 'd2l-ts/reference/03-squared-loss-sgd';
import { HyperparameterError } from 'd2l-ts/reference/errors';

export interface TrainConfig {
  lr: number;
  numEpochs: number;
  batchSize: number;
  seed: number;
}

export interface TrainResult {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
  /** After each epoch: the mean squared loss over the whole data set. */
  epochLosses: number[];
}

/**
 * Linear regression trained from scratch (d2l 3.2.7).
 *
 * Start from w ~ N(0, 0.01²) of shape [d, 1] (seeded with config.seed + 1: tfjs ignores a seed of 0)
 * and b = 0 of shape [1].
 * In each epoch, take the minibatches of dataIter(batchSize, X, y, seed + epoch) (a new order
 * every epoch), and for each: the summed squared loss, its gradients by tf.grads, an sgd step.
 * After each epoch, record the mean squared loss of the current w, b over all of X, y.
 *
 * dataIter, squaredLoss and sgd come from the course (exercises 01 and 03). The data belong to
 * the caller: dispose the minibatches and the old w and b, never X or y.
 *
 * Before training, check the config: lr must be > 0, batchSize a positive integer, numEpochs and
 * seed non-negative integers (0 epochs returns the initial w and b, and no losses). Otherwise throw
 * a HyperparameterError (from 'd2l-ts/reference/errors') that names the bad value.
 */
export function trainLinearRegression(X: tf.Tensor2D, y: tf.Tensor2D, config: TrainConfig): TrainResult {
  throw new Error('Not implemented: trainLinearRegression (04-linear-regression-train). The task is in exercises/04-linear-regression-train/README.md');
}
