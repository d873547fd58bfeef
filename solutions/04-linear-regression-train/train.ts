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
  // BEGIN SOLUTION
  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1)
    throw new HyperparameterError(`batchSize must be a positive integer, got ${config.batchSize}`);
  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)
    throw new HyperparameterError(`numEpochs must be a non-negative integer, got ${config.numEpochs}`);
  if (!Number.isInteger(config.seed) || config.seed < 0)
    throw new HyperparameterError(`seed must be a non-negative integer, got ${config.seed}`);
  let w = tf.randomNormal<tf.Rank.R2>([X.shape[1], 1], 0, 0.01, 'float32', config.seed + 1);
  let b = tf.zeros<tf.Rank.R1>([1]);
  const epochLosses: number[] = [];
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    for (const [Xb, yb] of dataIter(config.batchSize, X, y, config.seed + epoch)) {
      const [w1, b1] = tf.tidy(() => {
        const grads = tf.grads((w_: tf.Tensor, b_: tf.Tensor) => squaredLoss(Xb.matMul(w_).add(b_), yb).sum())([w, b]);
        return sgd([w, b], grads, config.lr, Xb.shape[0]);
      });
      tf.dispose([w, b, Xb, yb]);
      w = w1 as tf.Tensor2D;
      b = b1 as tf.Tensor1D;
    }
    epochLosses.push(tf.tidy(() => squaredLoss(X.matMul(w).add(b), y).mean().dataSync()[0]!));
  }
  return { w, b, epochLosses };
  // END SOLUTION
}
