import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from './errors';

/**
 * Nadaraya-Watson kernel regression, d2l 10.2 / 11.2 (attention pooling). Queries x, keys x_i and
 * values y_i are 1-D; the Gaussian kernel gives the weights softmax_i(−((x − x_i) w)² / 2), w = 1
 * without parameters. Computed here by broadcasting a column of queries against the keys and one
 * product with the values (the exercise's d2l way repeats the queries and calls bmm).
 *
 *   f(x) = 2 sin x + x^0.8
 *   nwData(nTrain, seed) -> { xTrain [n] sorted U[0, 5), yTrain = f + N(0, 0.5²) [n], xTest [50] = 0, 0.1, ..., 4.9, yTruth [50] }
 *   averagePooling(yTrain, numQueries) -> [numQueries], the mean of yTrain
 *   gaussianPooling(queries [n], keys [m], values [m]) -> { yHat [n], attentionWeights [n, m] }
 *   bmm(X [b, n, k], Y [b, k, m]) -> [b, n, m]
 *   nwKernelRegression(w [1], queries [n], keys [n, m], values [n, m]) -> { yHat [n], attentionWeights [n, m] }
 *   leaveOneOut(x [n]) -> [n, n − 1], row i = x without x_i
 *   trainNWKernel(xTrain, yTrain, { w0, lr, numEpochs }) -> { w, losses }: full-batch SGD on the
 *     summed squared error of leave-one-out predictions, losses[e] before the step of epoch e.
 */
export function f(x: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => tf.sin(x).mul(2).add(tf.pow(x, 0.8)));
}

/** The queries d2l predicts at: arange(0, 5, 0.1), 50 points (i / 10 in float32, as torch computes them). */
export const X_TEST = Float32Array.from({ length: 50 }, (_, i) => i / 10);

export function nwData(
  nTrain: number,
  seed: number,
): { xTrain: tf.Tensor1D; yTrain: tf.Tensor1D; xTest: tf.Tensor1D; yTruth: tf.Tensor1D } {
  return tf.tidy(() => {
    const u = tf.randomUniform([nTrain], 0, 5, 'float32', seed);
    const xTrain = tf.topk(u.neg(), nTrain).values.neg() as tf.Tensor1D;
    const yTrain = f(xTrain).add(tf.randomNormal([nTrain], 0, 0.5, 'float32', seed + 1)) as tf.Tensor1D;
    const xTest = tf.tensor1d(X_TEST);
    return { xTrain, yTrain, xTest, yTruth: f(xTest) };
  });
}

export function averagePooling(yTrain: tf.Tensor1D, numQueries: number): tf.Tensor1D {
  return tf.tidy(() => tf.fill([numQueries], yTrain.mean().dataSync()[0]!));
}

/** softmax over the keys of −((q − k) w)² / 2 for queries [n] and keys [m] or [n, m]. */
function gaussianWeights(w: tf.Tensor | number, queries: tf.Tensor1D, keys: tf.Tensor): tf.Tensor2D {
  const d = queries.reshape([-1, 1]).sub(keys).mul(w);
  return tf.softmax(d.square().mul(-0.5)) as tf.Tensor2D;
}

export function gaussianPooling(
  queries: tf.Tensor1D,
  keys: tf.Tensor1D,
  values: tf.Tensor1D,
): { yHat: tf.Tensor1D; attentionWeights: tf.Tensor2D } {
  return tf.tidy(() => {
    const attentionWeights = gaussianWeights(1, queries, keys);
    return { yHat: attentionWeights.mul(values).sum(1) as tf.Tensor1D, attentionWeights };
  });
}

export function bmm(X: tf.Tensor3D, Y: tf.Tensor3D): tf.Tensor3D {
  if (X.rank !== 3 || Y.rank !== 3 || X.shape[0] !== Y.shape[0] || X.shape[2] !== Y.shape[1])
    throw new ShapeMismatchError(
      `bmm multiplies X [b, n, k] by Y [b, k, m], got X [${X.shape.join(', ')}] and Y [${Y.shape.join(', ')}]`,
    );
  return tf.matMul(X, Y);
}

export function nwKernelRegression(
  w: tf.Tensor1D,
  queries: tf.Tensor1D,
  keys: tf.Tensor2D,
  values: tf.Tensor2D,
): { yHat: tf.Tensor1D; attentionWeights: tf.Tensor2D } {
  return tf.tidy(() => {
    const attentionWeights = gaussianWeights(w, queries, keys);
    return { yHat: attentionWeights.mul(values).sum(1) as tf.Tensor1D, attentionWeights };
  });
}

export function leaveOneOut(x: tf.Tensor1D): tf.Tensor2D {
  const n = x.shape[0];
  return tf.tidy(() => {
    // Row i keeps the entries j != i: x without its i-th entry, by a gather of the kept indices.
    const idx = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i));
    return tf.gather(x, tf.tensor2d(idx.flat(), [n, n - 1], 'int32')) as unknown as tf.Tensor2D;
  });
}

export function trainNWKernel(
  xTrain: tf.Tensor1D,
  yTrain: tf.Tensor1D,
  opts: { w0: number; lr: number; numEpochs: number },
): { w: number; losses: number[] } {
  const keys = leaveOneOut(xTrain);
  const values = leaveOneOut(yTrain);
  const w = tf.variable(tf.tensor1d([opts.w0]));
  const optimizer = tf.train.sgd(opts.lr);
  const losses: number[] = [];
  for (let epoch = 0; epoch < opts.numEpochs; epoch++) {
    const loss = optimizer.minimize(
      () => nwKernelRegression(w, xTrain, keys, values).yHat.sub(yTrain).square().sum() as tf.Scalar,
      true,
    )!;
    losses.push(loss.dataSync()[0]!);
    loss.dispose();
  }
  const out = { w: w.dataSync()[0]!, losses };
  tf.dispose([keys, values, w]);
  optimizer.dispose();
  return out;
}
