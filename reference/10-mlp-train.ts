import * as tf from '@tensorflow/tfjs';
import { dataIter } from './01-synthetic-data';
import { mlpForward, type MlpParams } from './09-mlp-forward';

/**
 * One epoch of minibatch SGD by tfjs's own optimizer: the parameters as variables, and for each
 * minibatch of dataIter(batchSize, X, y, seed) tf.train.sgd(lr).minimize of the mean softmax
 * cross-entropy (tf.losses.softmaxCrossEntropy). Returns new tensors; `params` are left alone.
 */
export function trainEpoch(
  params: MlpParams,
  X: tf.Tensor2D,
  y: tf.Tensor1D,
  config: { lr: number; batchSize: number; seed: number },
): MlpParams {
  const vars = {
    W1: tf.variable(params.W1),
    b1: tf.variable(params.b1),
    W2: tf.variable(params.W2),
    b2: tf.variable(params.b2),
  };
  const optimizer = tf.train.sgd(config.lr);
  const q = params.W2.shape[1];
  for (const [Xb, yb] of dataIter(config.batchSize, X, y, config.seed)) {
    optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(tf.oneHot(yb, q), mlpForward(vars as MlpParams, Xb)) as tf.Scalar,
      false,
      Object.values(vars),
    );
    tf.dispose([Xb, yb]);
  }
  const out: MlpParams = { W1: vars.W1.clone(), b1: vars.b1.clone(), W2: vars.W2.clone(), b2: vars.b2.clone() };
  tf.dispose(Object.values(vars));
  optimizer.dispose();
  return out;
}
