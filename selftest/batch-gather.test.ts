/**
 * reference/ops/batch-gather.ts on cpu and wasm: the picks and their gradient (a scatter that sums
 * repeated picks) equal the one-hot form, X · onehot, which has an ordinary matMul gradient.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, expect, test } from 'vitest';
import { type BackendName, switchBackend } from '../reference/backend';
import { batchGather } from '../reference/ops/batch-gather';

const original = tf.getBackend() as BackendName;
afterAll(() => switchBackend(original));

/** out[b, j, …] = Σ_i onehot(idx[b, j])[i] · X[b, i, …], as a batched product. */
function oneHotForm(X: tf.Tensor, idx: tf.Tensor2D): tf.Tensor {
  const [n, m, ...rest] = X.shape;
  const width = rest.reduce((a, b) => a * b, 1);
  const picks = tf.oneHot(idx, m!).cast('float32') as tf.Tensor3D; // [n, k, m]
  return tf.matMul(picks, X.reshape([n!, m!, width]) as tf.Tensor3D).reshape([n!, idx.shape[1], ...rest]);
}

for (const backend of ['cpu', 'wasm'] as const) {
  for (const shape of [
    [3, 5],
    [2, 6, 4],
  ]) {
    test(`${backend}: picks of X [${shape}] and their gradient equal the one-hot form, repeated indices included`, async () => {
      await switchBackend(backend);
      tf.tidy(() => {
        const X = tf.randomNormal(shape, 0, 1, 'float32', 7);
        // Row 0 picks index 1 twice: its gradient must add both upstream rows.
        const idx = tf.tensor2d(
          Array.from({ length: shape[0]! }, (_, b) => [1, 1, (b + 2) % shape[1]!, 0]),
          undefined,
          'int32',
        ) as tf.Tensor2D;
        const dy = tf.randomNormal([shape[0]!, 4, ...shape.slice(2)], 0, 1, 'float32', 8);
        const got = tf.valueAndGrad((x: tf.Tensor) => batchGather(x, idx).mul(dy).sum())(X);
        const want = tf.valueAndGrad((x: tf.Tensor) => oneHotForm(x, idx).mul(dy).sum())(X);
        expect(Math.abs(got.value.dataSync()[0]! - want.value.dataSync()[0]!)).toBeLessThan(1e-4);
        expect(tf.sub(got.grad, want.grad).abs().max().dataSync()[0]).toBeLessThan(1e-5);
        expect(batchGather(X, idx).shape).toEqual([shape[0], 4, ...shape.slice(2)]);
      });
    });
  }
}
