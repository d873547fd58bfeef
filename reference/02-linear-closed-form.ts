import * as tf from '@tensorflow/tfjs';

/**
 * Least squares by QR, not by the normal equations: X = QR, then R w = Qᵀy by back substitution.
 * (The normal equations square X's condition number; QR does not.)
 */
export function leastSquares(X: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  const [Q, Rt] = tf.linalg.qr(X);
  const qtyT = tf.tidy(() => Q.transpose().matMul(y));
  const R = Rt.arraySync() as number[][];
  const qty = (qtyT.arraySync() as number[][]).map((row) => row[0]!);
  tf.dispose([Q, Rt, qtyT]);
  const d = R.length;
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = qty[i]!;
    for (let j = i + 1; j < d; j++) s -= R[i]![j]! * w[j]!;
    w[i] = s / R[i]![i]!;
  }
  return tf.tensor2d(w, [d, 1]);
}
