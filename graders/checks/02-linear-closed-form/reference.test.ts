/**
 * The oracle of 02 and of 25 (fitAutoregressive solves by it): a rank-deficient X must give a
 * SingularMatrixError, never NaN, an arbitrary solution or one of the wrong length.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { leastSquares } from '../../../reference/02-linear-closed-form';
import { fitAutoregressive } from '../../../reference/25-autoregressive';
import { SingularMatrixError } from '../../../reference/errors';

const solve = (X: number[][], y: number[]) =>
  tf.tidy(() => leastSquares(tf.tensor2d(X), tf.tensor2d(y, [y.length, 1])).arraySync());

describe('reference/02 leastSquares', () => {
  const dependent: [string, number[][]][] = [
    [
      'a repeated column',
      [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ],
    ],
    [
      'a zero column last',
      [
        [1, 0],
        [2, 0],
        [3, 0],
      ],
    ],
    [
      'a zero column first',
      [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
    ],
    [
      'a column twice another',
      [
        [1, 0.5, 2],
        [-2, 1, -4],
        [3, 0, 6],
        [0.5, 2, 1],
      ],
    ],
    [
      'fewer examples than features',
      [
        [1, 2, 3],
        [4, 5, 7],
      ],
    ],
  ];
  for (const scale of [1e-4, 1, 1e3])
    for (const [what, X] of dependent)
      test(`${what} (scale ${scale}) gives a SingularMatrixError`, () => {
        const before = tf.memory().numTensors;
        expect(() =>
          solve(
            X.map((row) => row.map((v) => v * scale)),
            X.map((_, i) => i + 1),
          ),
        ).toThrow(SingularMatrixError);
        expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
      });

  test('a square and a tall well-posed system are solved', () => {
    expect(
      solve(
        [
          [2, 1],
          [1, 3],
        ],
        [4, 7],
      ).flat(),
    ).toEqual([expect.closeTo(1, 5), expect.closeTo(2, 5)]);
    expect(
      solve(
        [
          [1, 0],
          [1, 1],
          [1, 2],
        ],
        [1, 3, 5],
      ).flat(),
    ).toEqual([expect.closeTo(1, 5), expect.closeTo(2, 5)]);
  });
});

test('reference/25 fitAutoregressive passes the SingularMatrixError on (a constant series), never NaN', () => {
  // Every lag of a constant series equals the others and the column of ones.
  const features = tf.fill([8, 2], 0.5) as tf.Tensor2D;
  const labels = tf.fill([8, 1], 0.5) as tf.Tensor2D;
  expect(() => fitAutoregressive(features, labels, 6)).toThrow(SingularMatrixError);
  tf.dispose([features, labels]);
});
