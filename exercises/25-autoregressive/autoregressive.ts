import * as tf from '@tensorflow/tfjs';
import { leastSquares } from 'd2l-ts/reference/02-linear-closed-form';
import { SequenceTooShortError } from 'd2l-ts/reference/errors';

/**
 * d2l's series: time t = 1, 2, …, T and x_t = sin(0.01 t) + ε_t with ε_t ~ N(0, 0.2²), drawn
 * with tf.randomNormal seeded with seed + 1 (tfjs ignores a seed of 0).
 */
export function sineSeries(T: number, seed: number): { time: tf.Tensor1D; x: tf.Tensor1D } {
  throw new Error('Not implemented: sineSeries (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * The τ-lag features of an autoregressive model: row i holds x_i, …, x_{i+τ−1} and its label is
 * the value after them, x_{i+τ}; features [T − τ, τ], labels [T − τ, 1] (d2l:
 * features[:, i] = x[i : T − τ + i], labels = x[τ:]). A series of T ≤ τ values has no such row:
 * throw a SequenceTooShortError (d2l-ts/reference/errors) saying so.
 */
export function lagFeatures(x: tf.Tensor1D, tau: number): { features: tf.Tensor2D; labels: tf.Tensor2D } {
  throw new Error('Not implemented: lagFeatures (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * Fits the linear autoregressive model x̂_t = w_1 x_{t−τ} + … + w_τ x_{t−1} + w_{τ+1} by least
 * squares on the first nTrain rows only (the rest is for testing): append a column of ones to the
 * features and use leastSquares from exercise 02 (d2l-ts/reference/02-linear-closed-form).
 * Returns w [τ + 1, 1], the bias last.
 */
export function fitAutoregressive(features: tf.Tensor2D, labels: tf.Tensor2D, nTrain: number): tf.Tensor2D {
  throw new Error('Not implemented: fitAutoregressive (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}

/**
 * d2l's k-step-ahead predictions with the fitted model w. A matrix of T − τ − maxSteps + 1 rows and
 * τ + maxSteps columns: columns 0 … τ−1 are the observations x[i : i + rows]; every later column j
 * is the model applied to the τ columns before it, [col_{j−τ} … col_{j−1}, 1] w. So column
 * τ + k − 1 predicts x k steps past the last observation of its row, from its own predictions.
 * Too short a series for τ and maxSteps: a SequenceTooShortError.
 */
export function kStepPredictions(x: tf.Tensor1D, w: tf.Tensor2D, tau: number, maxSteps: number): tf.Tensor2D {
  throw new Error('Not implemented: kStepPredictions (25-autoregressive). The task is in exercises/25-autoregressive/README.md');
}
