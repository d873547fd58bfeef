import * as tf from '@tensorflow/tfjs';
import { dataIter } from 'd2l-ts/reference/01-synthetic-data';
import { squaredLoss } from 'd2l-ts/reference/03-squared-loss-sgd';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/** The L2 penalty ||w||² / 2 = Σ w² / 2 (the 1/2 cancels the 2 of the derivative: its gradient is w). */
export function l2Penalty(w: tf.Tensor): tf.Scalar {
  // BEGIN SOLUTION
  return tf.tidy(() => w.square().sum().div(2));
  // END SOLUTION
}

/**
 * One minibatch SGD step of linear regression ŷ = Xw + b with weight decay (权重衰减), the notes'
 *   w ← (1 − ηλ) w − (η/|B|) Σ_i x_i (wᵀx_i + b − y_i),    b ← b − (η/|B|) Σ_i (wᵀx_i + b − y_i):
 * SGD on the penalised loss L(w, b) + λ/2 ||w||², which shrinks w toward 0 at every step. The
 * bias is not decayed. Take the gradients of the summed squaredLoss with tf.grads.
 * lr must be > 0 and lambda >= 0 (0: plain SGD), or it is a HyperparameterError naming the value.
 * Returns new tensors: w and b passed in are left for the caller to dispose.
 * @param w [d, 1]   @param b [1]   @param X [batch, d]   @param y [batch, 1]   @returns [w, b]
 */
export function weightDecayStep(
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  X: tf.Tensor2D,
  y: tf.Tensor2D,
  lr: number,
  lambda: number,
): [tf.Tensor2D, tf.Tensor1D] {
  // BEGIN SOLUTION
  if (!(lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${lr}`);
  if (!(lambda >= 0)) throw new HyperparameterError(`the weight decay lambda must be >= 0, got ${lambda}`);
  return tf.tidy(() => {
    const [gw, gb] = tf.grads((w_: tf.Tensor, b_: tf.Tensor) => squaredLoss(X.matMul(w_).add(b_), y).sum())([w, b]);
    const step = lr / X.shape[0];
    return [w.mul(1 - lr * lambda).sub(gw!.mul(step)) as tf.Tensor2D, b.sub(gb!.mul(step)) as tf.Tensor1D];
  });
  // END SOLUTION
}

export interface WeightDecayConfig {
  lambda: number;
  lr: number;
  numEpochs: number;
  batchSize: number;
  seed: number;
}

export interface WeightDecayResult {
  w: tf.Tensor2D;
  b: tf.Tensor1D;
  /** After each epoch: the mean squared loss (ŷ − y)²/2 on the training set. */
  trainLosses: number[];
  /** After each epoch: the mean squared loss on the test set. */
  testLosses: number[];
}

/**
 * d2l's weight-decay experiment (5.5.2–5.5.3): linear regression from w ~ N(0, 1) of shape [d, 1]
 * (seeded with seed + 1) and b = 0, numEpochs epochs of weightDecayStep over the minibatches of
 * dataIter(batchSize, X, y, seed + epoch); after each epoch, the mean squared loss on the
 * training and on the test set.
 */
export function trainWeightDecay(
  train: { X: tf.Tensor2D; y: tf.Tensor2D },
  test: { X: tf.Tensor2D; y: tf.Tensor2D },
  config: WeightDecayConfig,
): WeightDecayResult {
  // BEGIN SOLUTION
  let w = tf.randomNormal<tf.Rank.R2>([train.X.shape[1], 1], 0, 1, 'float32', config.seed + 1);
  let b = tf.zeros<tf.Rank.R1>([1]);
  const meanLoss = (X: tf.Tensor2D, y: tf.Tensor2D) =>
    tf.tidy(() => squaredLoss(X.matMul(w).add(b), y).mean().dataSync()[0]!);
  const trainLosses: number[] = [];
  const testLosses: number[] = [];
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    for (const [Xb, yb] of dataIter(config.batchSize, train.X, train.y, config.seed + epoch)) {
      const [w1, b1] = weightDecayStep(w, b, Xb, yb, config.lr, config.lambda);
      tf.dispose([w, b, Xb, yb]);
      [w, b] = [w1, b1];
    }
    trainLosses.push(meanLoss(train.X, train.y));
    testLosses.push(meanLoss(test.X, test.y));
  }
  return { w, b, trainLosses, testLosses };
  // END SOLUTION
}
