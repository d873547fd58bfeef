import * as tf from '@tensorflow/tfjs';
import { leastSquares } from './02-linear-closed-form';
import { HyperparameterError, SequenceTooShortError, ShapeMismatchError } from './errors';

/** A whole number >= 1, or a HyperparameterError naming it. */
function positive(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) throw new HyperparameterError(`${name} must be a whole number >= 1, got ${v}`);
}

/** d2l's series: x_t = sin(0.01 t) + N(0, 0.2²) for t = 1 … T (noise seeded with seed + 1). */
export function sineSeries(T: number, seed: number): { time: tf.Tensor1D; x: tf.Tensor1D } {
  positive('T', T);
  return tf.tidy(() => {
    const time = tf.range(1, T + 1);
    return { time, x: tf.sin(time.mul(0.01)).add(tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)) };
  });
}

/** Row i holds x_i … x_{i+τ−1}, its label x_{i+τ}: d2l's features[:, i] = x[i : T − τ + i] as a gather of index windows. */
export function lagFeatures(x: tf.Tensor1D, tau: number): { features: tf.Tensor2D; labels: tf.Tensor2D } {
  positive('τ', tau);
  const T = x.shape[0];
  if (T <= tau)
    throw new SequenceTooShortError(`a series of ${T} values has no window of τ = ${tau} values with a label after it`);
  return tf.tidy(() => {
    const rows = tf.range(0, T - tau, 1, 'int32').expandDims(1);
    const windows = rows.add(tf.range(0, tau, 1, 'int32').expandDims(0));
    return { features: tf.gather(x, windows).as2D(T - tau, tau), labels: x.slice(tau).as2D(T - tau, 1) };
  });
}

/**
 * The autoregressive model x̂_t = [x_{t−τ} … x_{t−1}, 1] w, least squares (by QR) on the first nTrain
 * rows, τ + 1 ≤ nTrain ≤ rows. Dependent columns: leastSquares's SingularMatrixError, passed on.
 */
export function fitAutoregressive(features: tf.Tensor2D, labels: tf.Tensor2D, nTrain: number): tf.Tensor2D {
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
}

/**
 * d2l's k-step-ahead predictions, [T − τ − maxSteps + 1, τ + maxSteps]: the first τ columns are
 * observations, column τ + k − 1 the model applied to the τ columns before it, so it is the
 * (k)-step-ahead prediction built on the model's own earlier predictions. Written column by column
 * in plain JavaScript (float64).
 */
export function kStepPredictions(x: tf.Tensor1D, w: tf.Tensor2D, tau: number, maxSteps: number): tf.Tensor2D {
  positive('τ', tau);
  positive('maxSteps', maxSteps);
  if (w.shape[0] !== tau + 1 || w.shape[1] !== 1)
    throw new ShapeMismatchError(`w is [${w.shape.join(', ')}]: τ = ${tau} needs [${tau + 1}, 1]`);
  const xs = x.dataSync();
  const ws = w.dataSync();
  const rows = xs.length - tau - maxSteps + 1;
  if (rows < 1)
    throw new SequenceTooShortError(
      `a series of ${xs.length} values is too short for τ = ${tau} and ${maxSteps} steps ahead`,
    );
  const cols: Float64Array[] = Array.from({ length: tau }, (_, i) => Float64Array.from(xs.subarray(i, i + rows)));
  for (let j = tau; j < tau + maxSteps; j++) {
    cols.push(
      Float64Array.from({ length: rows }, (_, r) =>
        cols.slice(j - tau, j).reduce((s, c, i) => s + c[r]! * ws[i]!, ws[tau]!),
      ),
    );
  }
  return tf.tensor2d(
    Array.from({ length: rows }, (_, r) => cols.map((c) => c[r]!)),
    [rows, tau + maxSteps],
  );
}
