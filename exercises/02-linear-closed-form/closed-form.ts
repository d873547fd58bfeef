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
  throw new Error('Not implemented: normalEquations (02-linear-closed-form). The task is in exercises/02-linear-closed-form/README.md');
}
