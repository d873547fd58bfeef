import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';

test('the course runtime has gradients and chained ops', () => {
  const x = tf.tensor([1, 2, 3]);
  const g = tf.grad((v: tf.Tensor) => v.square().sum())(x);
  expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
});
