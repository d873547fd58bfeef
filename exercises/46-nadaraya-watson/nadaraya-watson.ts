import * as tf from '@tensorflow/tfjs';
import { ShapeMismatchError } from 'd2l-ts/reference/errors';

/** d2l's target function f(x) = 2 sin(x) + x^0.8, element-wise. */
export function f(x: tf.Tensor1D): tf.Tensor1D {
  throw new Error('Not implemented: f (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * d2l's data set for attention pooling:
 *   xTrain: nTrain points drawn uniformly from [0, 5) (tf.randomUniform with `seed`), sorted ascending;
 *   yTrain = f(xTrain) + ε, ε ~ N(0, 0.5²) (torch.normal(0.0, 0.5, ...): standard deviation 0.5;
 *            tf.randomNormal with seed + 1);
 *   xTest  = 0, 0.1, 0.2, ..., 4.9 (torch.arange(0, 5, 0.1): 50 points);   yTruth = f(xTest).
 */
export function nwData(
  nTrain: number,
  seed: number,
): { xTrain: tf.Tensor1D; yTrain: tf.Tensor1D; xTest: tf.Tensor1D; yTruth: tf.Tensor1D } {
  throw new Error('Not implemented: nwData (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/** Average pooling (平均汇聚): every one of numQueries predictions is the mean of yTrain, f(x) = (1/n) Σ y_i. */
export function averagePooling(yTrain: tf.Tensor1D, numQueries: number): tf.Tensor1D {
  throw new Error('Not implemented: averagePooling (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * Non-parametric attention pooling with a Gaussian kernel (非参数注意力汇聚): for each query x,
 *   f(x) = Σ_i α(x, x_i) y_i,   α(x, x_i) = softmax_i(−(x − x_i)² / 2)
 * (the Gaussian kernel K(u) = exp(−u²/2)/√(2π), normalised: its constant cancels). queries [n],
 * keys x_i [m], values y_i [m]; returns yHat [n] and attentionWeights [n, m] (row q: the weights
 * of query q, a distribution over the keys). d2l: repeat each query m times into [n, m], subtract
 * the keys, softmax over axis 1, then a matrix-vector product with the values.
 */
export function gaussianPooling(
  queries: tf.Tensor1D,
  keys: tf.Tensor1D,
  values: tf.Tensor1D,
): { yHat: tf.Tensor1D; attentionWeights: tf.Tensor2D } {
  throw new Error('Not implemented: gaussianPooling (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * Batched matrix multiplication (批量矩阵乘法, torch.bmm): X [b, n, k] times Y [b, k, m] is
 * [b, n, m], the i-th matrix being X_i Y_i. Shapes that do not fit: ShapeMismatchError naming X and Y.
 */
export function bmm(X: tf.Tensor3D, Y: tf.Tensor3D): tf.Tensor3D {
  throw new Error('Not implemented: bmm (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * d2l's NWKernelRegression, parametric attention pooling (带参数注意力汇聚) with a learnable w [1]:
 *   f(x) = Σ_i softmax_i(−((x − x_i) w)² / 2) y_i.
 * Each query q (queries [n]) has its own keys and values, rows of keys [n, m] and values [n, m]
 * (in training, every other training point: leaveOneOut). d2l repeats each query m times, takes
 * the softmax over the keys (attentionWeights [n, m]), and averages the values with bmm:
 * [n, 1, m] times [n, m, 1], reshaped to yHat [n].
 */
export function nwKernelRegression(
  w: tf.Tensor1D,
  queries: tf.Tensor1D,
  keys: tf.Tensor2D,
  values: tf.Tensor2D,
): { yHat: tf.Tensor1D; attentionWeights: tf.Tensor2D } {
  throw new Error('Not implemented: nwKernelRegression (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * The keys (or values) of leave-one-out training, d2l's X_tile[(1 − torch.eye(n)).bool()]: row i
 * holds every entry of x but x_i, in order, [n, n − 1]. A point must not be its own key: with it,
 * training would drive w up until each point only sees itself.
 */
export function leaveOneOut(x: tf.Tensor1D): tf.Tensor2D {
  throw new Error('Not implemented: leaveOneOut (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}

/**
 * d2l's training of NWKernelRegression: w starts at opts.w0 (d2l: torch.rand(1)); every epoch is
 * one step of gradient descent on the whole training set,
 *   L(w) = Σ_i (f(x_i) − y_i)²   (nn.MSELoss(reduction='none'), then l.sum()),
 *   w ← w − lr · dL/dw           (d2l: lr 0.5, 5 epochs),
 * where f(x_i) pools the OTHER points (keys leaveOneOut(xTrain), values leaveOneOut(yTrain)).
 * Returns the final w and losses[e], the loss at the start of epoch e (before its step, as d2l
 * prints l.sum() computed before trainer.step()).
 */
export function trainNWKernel(
  xTrain: tf.Tensor1D,
  yTrain: tf.Tensor1D,
  opts: { w0: number; lr: number; numEpochs: number },
): { w: number; losses: number[] } {
  throw new Error('Not implemented: trainNWKernel (46-nadaraya-watson). The task is in exercises/46-nadaraya-watson/README.md');
}
