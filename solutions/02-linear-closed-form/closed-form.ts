import * as tf from '@tensorflow/tfjs';
import { SingularMatrixError } from 'd2l-ts/reference/errors';

/**
 * The analytical solution of linear regression (解析解): the w that minimises ||y - X w||²,
 * from the normal equations  XᵀX w = Xᵀy.
 *
 * tfjs has no linear solver: form A = XᵀX and c = Xᵀy with tfjs, read them out with
 * arraySync(), and solve A w = c by Gaussian elimination with partial pivoting in plain
 * JavaScript (which computes in float64).
 *
 * When a pivot is smaller than 1e-3 times the largest diagonal entry of A, throw a
 * SingularMatrixError (d2l-ts/reference/errors) whose message says "singular": the columns of X
 * are then linearly dependent as far as float32 can tell (A formed in float32 turns an exact
 * dependence into pivots up to ~5e-5 of the diagonal), and no unique w exists.
 *
 * @param X features, shape [n, d] (append a column of ones yourself to fit a bias)
 * @param y labels, shape [n, 1]
 * @returns w, shape [d, 1]
 */
export function normalEquations(X: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D {
  // BEGIN SOLUTION
  const [At, ct] = tf.tidy(() => [X.transpose().matMul(X), X.transpose().matMul(y)]);
  const A = At.arraySync() as number[][];
  const c = (ct.arraySync() as number[][]).map((row) => row[0]!);
  tf.dispose([At, ct]);
  const d = A.length;
  const tol = 1e-3 * Math.max(0, ...A.map((row, i) => Math.abs(row[i]!)));
  for (let k = 0; k < d; k++) {
    let p = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(A[i]![k]!) > Math.abs(A[p]![k]!)) p = i;
    if (!(Math.abs(A[p]![k]!) > tol)) {
      throw new SingularMatrixError(
        `XᵀX is singular: the columns of X are linearly dependent (no pivot in column ${k})`,
      );
    }
    [A[k], A[p]] = [A[p]!, A[k]!];
    [c[k], c[p]] = [c[p]!, c[k]!];
    for (let i = k + 1; i < d; i++) {
      const f = A[i]![k]! / A[k]![k]!;
      for (let j = k; j < d; j++) A[i]![j]! -= f * A[k]![j]!;
      c[i]! -= f * c[k]!;
    }
  }
  const w = new Array<number>(d).fill(0);
  for (let i = d - 1; i >= 0; i--) {
    let s = c[i]!;
    for (let j = i + 1; j < d; j++) s -= A[i]![j]! * w[j]!;
    w[i] = s / A[i]![i]!;
  }
  return tf.tensor2d(w, [d, 1]);
  // END SOLUTION
}
