import { describe, expect, test } from 'vitest';
import { accuracy, affine, matMul, mean, rowsOf, softmaxCrossEntropy, toTensorData } from './dense';
import { TensorData } from '../tensor-data';

describe('dense64', () => {
  test('matMul multiplies rows by columns and refuses mismatched shapes', () => {
    expect(
      matMul(
        [
          [1, 2],
          [3, 4],
        ],
        [[5], [6]],
      ),
    ).toEqual([[17], [39]]);
    expect(() => matMul([[1, 2]], [[1, 2]])).toThrow('matMul: [1, 2] times [1, 2]');
  });

  test('affine adds the bias to every row', () => {
    expect(
      affine(
        [
          [1, 0],
          [0, 1],
        ],
        [
          [2, 3],
          [4, 5],
        ],
        [10, 20],
      ),
    ).toEqual([
      [12, 23],
      [14, 25],
    ]);
  });

  test('softmaxCrossEntropy is log 2 for two equal logits and stays finite for logits of 1e4', () => {
    const [a, b] = softmaxCrossEntropy(
      [
        [0, 0],
        [1e4, -1e4],
      ],
      [1, 1],
    );
    expect(a).toBeCloseTo(Math.LN2, 12);
    expect(b).toBe(2e4);
  });

  test('accuracy is the share of argmax hits', () => {
    expect(
      accuracy(
        [
          [0, 1],
          [1, 0],
          [0.2, 0.1],
          [3, 4],
        ],
        [1, 1, 0, 0],
      ),
    ).toBe(0.5);
  });

  test('rowsOf and toTensorData are inverses on matrices; rowsOf refuses other ranks', () => {
    const m = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    expect(rowsOf(toTensorData(m))).toEqual(m);
    expect(() => rowsOf(TensorData.of([1, 2]))).toThrow('expected a matrix');
    expect(mean([1, 2, 3, 6])).toBe(3);
  });
});
