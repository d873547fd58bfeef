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
  // BEGIN SOLUTION
  const [loss, acc] = tf.tidy(() => {
    const O = mlpForward(params, X);
    return [softmaxCrossEntropy(O, y).mean(), O.argMax(1).equal(y).cast('float32').mean()];
  });
  const out = { loss: loss!.dataSync()[0]!, accuracy: acc!.dataSync()[0]! };
  tf.dispose([loss!, acc!]);
  return out;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!(config.lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${config.lr}`);
  if (!Number.isInteger(config.batchSize) || config.batchSize < 1)
    throw new HyperparameterError(`batchSize must be a positive integer, got ${config.batchSize}`);
  let p = params;
  for (const [Xb, yb] of dataIter(config.batchSize, X, y, config.seed)) {
    const next = tf.tidy(() => {
      const loss = (W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) =>
        softmaxCrossEntropy(mlpForward({ W1, b1, W2, b2 } as MlpParams, Xb), yb).sum();
      const current = [p.W1, p.b1, p.W2, p.b2];
      const [W1, b1, W2, b2] = sgd(current, tf.grads(loss)(current), config.lr, Xb.shape[0]);
      return { W1, b1, W2, b2 } as MlpParams;
    });
    if (p !== params) tf.dispose([p.W1, p.b1, p.W2, p.b2]);
    tf.dispose([Xb, yb]);
    p = next;
  }
  return p;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Number.isInteger(config.numEpochs) || config.numEpochs < 0)
    throw new HyperparameterError(`numEpochs must be a non-negative integer, got ${config.numEpochs}`);
  let params = initParams(X.shape[1], config.numHiddens, config.numClasses, config.seed, config.sigma);
  const epochLosses: number[] = [];
  const trainAccuracy: number[] = [];
  for (let epoch = 0; epoch < config.numEpochs; epoch++) {
    const next = trainEpoch(params, X, y, { lr: config.lr, batchSize: config.batchSize, seed: config.seed + epoch });
    tf.dispose([params.W1, params.b1, params.W2, params.b2]);
    params = next;
    const { loss, accuracy } = evaluate(params, X, y);
    epochLosses.push(loss);
    trainAccuracy.push(accuracy);
  }
  return { params, epochLosses, trainAccuracy };
  // END SOLUTION
}
