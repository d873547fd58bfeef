import * as tf from '@tensorflow/tfjs';
import { leastSquares } from 'd2l-ts/reference/02-linear-closed-form';
import { HyperparameterError, SequenceTooShortError, ShapeMismatchError } from 'd2l-ts/reference/errors';

/**
 * d2l's series: time t = 1, 2, …, T and x_t = sin(0.01 t) + ε_t with ε_t ~ N(0, 0.2²), the noise
 * exactly one tf.randomNormal draw of shape [T], mean 0, standard deviation 0.2, dtype 'float32' and
 * seed seed + 1 (tfjs ignores a seed of 0). T must be a whole number ≥ 1: otherwise throw a
 * HyperparameterError.
 */
export function sineSeries(T: number, seed: number): { time: tf.Tensor1D; x: tf.Tensor1D } {
  throw new Error('Not implemented: sineSeries (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * The τ-lag features of an autoregressive model: row i holds x_i, …, x_{i+τ−1} and its label is
 * the value after them, x_{i+τ}; features [T − τ, τ], labels [T − τ, 1] (d2l:
 * features[:, i] = x[i : T − τ + i], labels = x[τ:]). τ must be a whole number ≥ 1, else a
 * HyperparameterError. A series of T ≤ τ values has no such row: throw a SequenceTooShortError
 * saying how long it is (T = τ + 1 gives one row). Errors come from d2l-ts/reference/errors.
 */
export function lagFeatures(x: tf.Tensor1D, tau: number): { features: tf.Tensor2D; labels: tf.Tensor2D } {
  throw new Error('Not implemented: lagFeatures (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * Fits the linear autoregressive model x̂_t = w_1 x_{t−τ} + … + w_τ x_{t−1} + w_{τ+1} by least
 * squares on the first nTrain rows only (the rest is for testing): append a column of ones to the
 * features and use leastSquares from exercise 02 (d2l-ts/reference/02-linear-closed-form).
 * Returns w [τ + 1, 1], the bias last.
 *
 * nTrain must be a whole number from τ + 1 (as many rows as unknowns) to the number of rows: else a
 * HyperparameterError. Features whose columns are linearly dependent (a constant series) have no
 * unique fit: leastSquares's SingularMatrixError goes to the caller as it is.
 */
export function fitAutoregressive(features: tf.Tensor2D, labels: tf.Tensor2D, nTrain: number): tf.Tensor2D {
  throw new Error('Not implemented: fitAutoregressive (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * d2l's k-step-ahead predictions with the fitted model w. A matrix of T − τ − maxSteps + 1 rows and
 * τ + maxSteps columns: columns 0 … τ−1 are the observations x[i : i + rows]; every later column j
 * is the model applied to the τ columns before it, [col_{j−τ} … col_{j−1}, 1] w. So column
 * τ + k − 1 predicts x k steps past the last observation of its row, from its own predictions.
 * τ and maxSteps must be whole numbers ≥ 1 (HyperparameterError) and w of shape [τ + 1, 1]
 * (ShapeMismatchError). A series shorter than τ + maxSteps (no row): a SequenceTooShortError.
 */
export function kStepPredictions(x: tf.Tensor1D, w: tf.Tensor2D, tau: number, maxSteps: number): tf.Tensor2D {
  throw new Error('Not implemented: kStepPredictions (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}
