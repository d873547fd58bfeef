import * as tf from '@tensorflow/tfjs';
import { dataIter } from 'd2l-ts/reference/01-synthetic-data';
import { sgd } from 'd2l-ts/reference/03-squared-loss-sgd';
import { softmaxCrossEntropy } from 'd2l-ts/reference/06-cross-entropy';
import { initParams, mlpForward, type MlpParams } from 'd2l-ts/reference/09-mlp-forward';
import { HyperparameterError } from 'd2l-ts/reference/errors';

export interface EpochConfig {
  lr: number;
  batchSize: number;
  seed: number;
}

export interface MlpTrainConfig extends EpochConfig {
  numHiddens: number;
  numClasses: number;
  numEpochs: number;
  /** Standard deviation of the initial weights (initParams' sigma). */
  sigma: number;
}

export interface MlpTrainResult {
  params: MlpParams;
  /** After each epoch: the mean softmax cross-entropy over the whole training set. */
  epochLosses: number[];
  /** After each epoch: the accuracy on the whole training set. */
  trainAccuracy: number[];
}

/**
 * The mean softmax cross-entropy and the accuracy (share of rows whose largest output is the
 * label) of the ReLU MLP `params` on X, y.
 * @param X [n, d]   @param y int32 classes, shape [n]
 */
export function evaluate(params: MlpParams, X: tf.Tensor2D, y: tf.Tensor1D): { loss: number; accuracy: number } {
  throw new Error('Not implemented: evaluate (10-mlp-train). The task is in exercises/10-mlp-train/README.md');
}

/**
 * One epoch of minibatch SGD (d2l's train_epoch_ch3): for each minibatch of
 * dataIter(batchSize, X, y, seed), the summed softmax cross-entropy of mlpForward(params, Xb),
 * its gradients with tf.grads, and an sgd step with the batch's size (the last batch may be
 * smaller). Returns the new parameters; the ones passed in are left as they are (the caller owns
 * them: never dispose them).
 * A learning rate that is not > 0, or a batch size that is not a positive integer, is a
 * HyperparameterError naming it.
 */
export function trainEpoch(params: MlpParams, X: tf.Tensor2D, y: tf.Tensor1D, config: EpochConfig): MlpParams {
  throw new Error('Not implemented: trainEpoch (10-mlp-train). The task is in exercises/10-mlp-train/README.md');
}

/**
 * An MLP with one ReLU hidden layer trained from scratch (d2l 5.2.4): parameters from
 * initParams(d, numHiddens, numClasses, seed, sigma), then numEpochs epochs of trainEpoch, epoch e
 * with seed + e (a new order of minibatches every epoch). After each epoch, record the loss and
 * accuracy of evaluate on the whole training set.
 * numEpochs must be a non-negative integer (0 returns the initial parameters and no metrics):
 * otherwise throw a HyperparameterError naming it. (initParams and trainEpoch check the rest.)
 * @param X [n, d]   @param y int32 classes, shape [n]
 */
export function trainMlp(X: tf.Tensor2D, y: tf.Tensor1D, config: MlpTrainConfig): MlpTrainResult {
  throw new Error('Not implemented: trainMlp (10-mlp-train). The task is in exercises/10-mlp-train/README.md');
}
