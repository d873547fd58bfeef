/**
 * The reference's fit on features whose columns are linearly dependent: reference/02's leastSquares
 * throws SingularMatrixError there, and fitAutoregressive must pass it on rather than return NaN or
 * an arbitrary w (the check "features whose columns are linearly dependent..." relies on it).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { leastSquares } from '../../../reference/02-linear-closed-form';
import { fitAutoregressive, lagFeatures } from '../../../reference/25-autoregressive';
import { SingularMatrixError } from '../../../reference/errors';

/** The reference's fit of τ = 3 on a series, every row for training; its error if it throws. */
function fitAll(values: number[]): unknown {
  const before = tf.memory().numTensors;
  const x = tf.tensor1d(values);
  const { features, labels } = lagFeatures(x, 3);
  try {
    const w = fitAutoregressive(features, labels, features.shape[0]);
    const out = w.arraySync();
    w.dispose();
    return out;
  } catch (e) {
    return e;
  } finally {
    tf.dispose([x, features, labels]);
    // Nothing is left behind on the error path either.
    expect(tf.memory().numTensors).toBe(before);
  }
}

describe('25-autoregressive reference on rank-deficient features', () => {
  test.each([
    ['a constant series', new Array(12).fill(1.5)],
    [
      'a linear series (each lag column is the one before plus a constant)',
      Array.from({ length: 12 }, (_, t) => 0.5 * t - 1),
    ],
    ['a series alternating between two values', Array.from({ length: 12 }, (_, t) => (t % 2 ? 2 : -1))],
  ])('%s: fitAutoregressive throws SingularMatrixError, as leastSquares does', (_, values) => {
    const e = fitAll(values);
    expect(e).toBeInstanceOf(SingularMatrixError);
    expect((e as Error).message).toMatch(/rank-deficient|dependent/);
  });

  test('leastSquares itself throws SingularMatrixError on a matrix with two equal columns', () => {
    const X = tf.tensor2d([1, 1, 2, 2, 3, 3, 4, 4], [4, 2]);
    const y = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    expect(() => leastSquares(X, y)).toThrow(SingularMatrixError);
    tf.dispose([X, y]);
  });

  test('a noisy series has a finite fit: the error is about the columns, not the method', () => {
    const values = Array.from({ length: 40 }, (_, t) => Math.sin(0.3 * t) + 0.1 * Math.cos(1.7 * t * t));
    const w = fitAll(values) as number[][];
    expect(Array.isArray(w)).toBe(true);
    expect(w.flat().every(Number.isFinite)).toBe(true);
  });
});
