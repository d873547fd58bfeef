import * as tf from '@tensorflow/tfjs';
import { SingularMatrixError } from './errors';

/**
 * R's diagonal below this fraction of its largest entry means X's columns are linearly dependent as
 * far as float32 can tell: QR of an exactly dependent X in float32 leaves |R_kk| near 1e-7 of the
 * largest, while the well-posed fits of the course (condition numbers below 1e3) stay above 1e-3.
 */
const RANK_TOLERANCE = 1e-5;

/**
 * Least squares by QR, not by the normal equations: X = QR, then R w = Qᵀy by back substitution.
 * (The normal equations square X's condition number; QR does not.) A rank-deficient X has no
 * unique solution: SingularMatrixError, never NaN or an arbitrary one.
 */
export function leastSquares(X: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  const [n, d] = X.shape;
  // QR of a wide X gives an R of n rows, and back substitution would return n weights, not d.
  if (n < d) throw new SingularMatrixError(`X has ${n} examples for ${d} features: its columns are linearly dependent`);
  const [Q, Rt] = tf.linalg.qr(X);
  const qtyT = tf.tidy(() => Q.transpose().matMul(y));
  const R = Rt.arraySync() as number[][];
  const qty = (qtyT.arraySync() as number[][]).map((row) => row[0]!);
  tf.dispose([Q, Rt, qtyT]);
  // tfjs's Householder QR gives NaN from the first exactly dependent column on: not finite counts as 0.
  const diagonal = R.map((row, i) => Math.abs(row[i]!));
  const largest = Math.max(0, ...diagonal.filter(Number.isFinite));
  for (let k = 0; k < d; k++) {
    if (!(diagonal[k]! > RANK_TOLERANCE * largest)) {
      throw new SingularMatrixError(
        `X is rank-deficient: its columns are linearly dependent (R[${k}][${k}] = ${R[k]![k]})`,
      );
    }
  }
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = qty[i]!;
    for (let j = i + 1; j < d; j++) s -= R[i]![j]! * w[j]!;
    w[i] = s / R[i]![i]!;
  }
  return tf.tensor2d(w, [d, 1]);
}
