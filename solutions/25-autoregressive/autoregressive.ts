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
  // BEGIN SOLUTION
  if (!Number.isInteger(T) || T < 1) throw new HyperparameterError(`T must be a whole number >= 1, got ${T}`);
  return tf.tidy(() => {
    const time = tf.range(1, T + 1) as tf.Tensor1D;
    const x = tf.sin(time.mul(0.01)).add(tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)) as tf.Tensor1D;
    return { time, x };
  });
  // END SOLUTION
}

/**
 * The τ-lag features of an autoregressive model: row i holds x_i, …, x_{i+τ−1} and its label is
 * the value after them, x_{i+τ}; features [T − τ, τ], labels [T − τ, 1] (d2l:
 * features[:, i] = x[i : T − τ + i], labels = x[τ:]). τ must be a whole number ≥ 1, else a
 * HyperparameterError. A series of T ≤ τ values has no such row: throw a SequenceTooShortError
 * saying how long it is (T = τ + 1 gives one row). Errors come from d2l-ts/reference/errors.
 */
export function lagFeatures(x: tf.Tensor1D, tau: number): { features: tf.Tensor2D; labels: tf.Tensor2D } {
  // BEGIN SOLUTION
  if (!Number.isInteger(tau) || tau < 1) throw new HyperparameterError(`τ must be a whole number >= 1, got ${tau}`);
  const T = x.shape[0];
  if (T <= tau) throw new SequenceTooShortError(`the series has ${T} values: τ = ${tau} needs at least ${tau + 1}`);
  return tf.tidy(() => {
    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, T - tau));
    return { features: tf.stack(columns, 1) as tf.Tensor2D, labels: x.slice(tau).reshape([-1, 1]) as tf.Tensor2D };
  });
  // END SOLUTION
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
  // BEGIN SOLUTION
  const [rows, tau] = features.shape;
  if (!Number.isInteger(nTrain) || nTrain < tau + 1 || nTrain > rows)
    throw new HyperparameterError(`nTrain must be a whole number from ${tau + 1} to ${rows}, got ${nTrain}`);
  const [A, y] = tf.tidy(() => [
    tf.concat([features.slice(0, nTrain), tf.ones([nTrain, 1])], 1) as tf.Tensor2D,
    labels.slice(0, nTrain) as tf.Tensor2D,
  ]);
  // A and y go on the error path too (leastSquares throws SingularMatrixError for dependent columns).
  try {
    const w = leastSquares(A, y);
    return w;
  } finally {
    tf.dispose([A, y]);
  }
  // END SOLUTION
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
  // BEGIN SOLUTION
  for (const [name, v] of [
    ['τ', tau],
    ['maxSteps', maxSteps],
  ] as const)
    if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
  if (w.shape[0] !== tau + 1 || w.shape[1] !== 1)
    throw new ShapeMismatchError(`w is [${w.shape.join(', ')}]: τ = ${tau} needs [${tau + 1}, 1]`);
  const rows = x.shape[0] - tau - maxSteps + 1;
  if (rows < 1)
    throw new SequenceTooShortError(
      `the series has ${x.shape[0]} values: τ = ${tau} and ${maxSteps} steps ahead need at least ${tau + maxSteps}`,
    );
  return tf.tidy(() => {
    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, rows));
    const weights = w.slice(0, tau);
    const bias = w.slice(tau, 1).reshape([]);
    for (let j = tau; j < tau + maxSteps; j++) {
      columns.push(
        tf
          .stack(columns.slice(j - tau, j), 1)
          .matMul(weights)
          .add(bias)
          .reshape([-1]) as tf.Tensor1D,
      );
    }
    return tf.stack(columns, 1) as tf.Tensor2D;
  });
  // END SOLUTION
}
