import { TensorData } from '../tensor-data';

/**
 * Dense layers in float64 plain JavaScript: the checks' own arithmetic for oracles (an MLP's
 * output, a loss, an accuracy), independent of tfjs and of the code under test.
 */
export type Matrix = number[][];

/** A rank-2 tensor as its rows. */
export function rowsOf(t: TensorData): Matrix {
  if (t.rank !== 2) throw new Error(`rowsOf: expected a matrix, got shape [${t.shape.join(', ')}]`);
  return t.rows();
}

/** The float32 tensor of a matrix. */
export function toTensorData(m: Matrix): TensorData {
  return TensorData.float([m.length, m[0]?.length ?? 0], m.flat());
}

export function matMul(a: Matrix, b: Matrix): Matrix {
  const inner = b.length;
  const cols = b[0]?.length ?? 0;
  if (a.some((row) => row.length !== inner))
    throw new Error(`matMul: [${a.length}, ${a[0]?.length}] times [${inner}, ${cols}]`);
  return a.map((row) => Array.from({ length: cols }, (_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
}

/** X W + b, with b added to every row. */
export function affine(X: Matrix, W: Matrix, b: ArrayLike<number>): Matrix {
  return matMul(X, W).map((row) => row.map((v, j) => v + b[j]!));
}

/** Softmax cross-entropy of each row of logits O against its class: log Σ_k exp(o_k) - o_y. */
export function softmaxCrossEntropy(O: Matrix, y: ArrayLike<number>): number[] {
  return O.map((o, i) => {
    const m = Math.max(...o);
    return m + Math.log(o.reduce((s, v) => s + Math.exp(v - m), 0)) - o[y[i]!]!;
  });
}

/** The share of rows whose largest entry is at the class. */
export function accuracy(O: Matrix, y: ArrayLike<number>): number {
  return O.filter((o, i) => o.indexOf(Math.max(...o)) === y[i]).length / O.length;
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
