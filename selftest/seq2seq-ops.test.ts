/**
 * The ops chapter 7 adds under reference/ops/, on cpu and wasm:
 *   embedding: its value and gradient are those of a one-hot matrix times the weight (tfjs's own
 *     differentiation), on both backends, repeated indices summed;
 *   wasm-copies: slices, splits and unstacks on wasm (the replaced kernels) equal cpu's, at every
 *     rank, axis and offset, float32 and int32; a clone (Identity) shares its source's data and
 *     each keeps it alive for as long as it lives, its memory freed with the last of them;
 *   gru-layer: the GRU layer with its backward pass written out has the value and the gradients of
 *     tfjs's differentiation of the plain loop (gruSequenceAutodiff).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BackendName, switchBackend } from '../reference/backend';
import { GRU_LAYER, gruLayerShapes } from '../graders/lib/rnn';
import { embedding } from '../reference/ops/embedding';
import { gruSequence, gruSequenceAutodiff } from '../reference/ops/gru-layer';
import { makeRng } from '../reference/random';

const BACKENDS: BackendName[] = ['cpu', 'wasm'];
let original: BackendName;
beforeAll(() => {
  original = tf.getBackend() as BackendName;
});
afterAll(() => switchBackend(original));

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]!);

test('embedding: value and gradient of a one-hot product, repeated indices summed, on cpu and wasm', async () => {
  for (const backend of BACKENDS) {
    await switchBackend(backend);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const W = tf.randomNormal([7, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
      // Index 2 three times, index 6 never: their rows of dW are 3 upstream rows and zeros.
      const X = tf.tensor2d(
        [
          [2, 0, 2],
          [5, 2, 1],
        ],
        [2, 3],
        'int32',
      );
      const dy = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 2);
      const f = (w: tf.Tensor) =>
        embedding(w as tf.Tensor2D, X)
          .mul(dy)
          .sum();
      const g = (w: tf.Tensor) =>
        tf.oneHot(X, 7).cast('float32').reshape([6, 7]).matMul(w).reshape([2, 3, 3]).mul(dy).sum();
      expect(maxAbsDiff(embedding(W, X), tf.gather(W, X)), `value on ${backend}`).toBe(0);
      expect(maxAbsDiff(tf.grad(f)(W), tf.grad(g)(W)), `gradient on ${backend}`).toBeLessThan(1e-6);
      expect(tf.grad(f)(W).slice([6, 0], [1, 3]).abs().sum().dataSync()[0], 'an unused row gets no gradient').toBe(0);
    });
    expect(tf.memory().numTensors, `embedding leaks on ${backend}`).toBe(before);
  }
});

test("wasm's slices, splits and unstacks equal cpu's at every rank, axis and offset", async () => {
  const rng = makeRng(7);
  const cases = Array.from({ length: 60 }, () => {
    const rank = 1 + rng.int(4);
    const shape = Array.from({ length: rank }, () => 1 + rng.int(5));
    const begin = shape.map((s) => rng.int(s));
    const size = shape.map((s, d) => (rng.uniform() < 0.2 ? -1 : rng.int(s - begin[d]! + 1)));
    const axis = rng.int(rank);
    const dtype = rng.uniform() < 0.3 ? ('int32' as const) : ('float32' as const);
    const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.int(1000) - 500);
    return { shape, begin, size, axis, dtype, values };
  });
  const run = async (backend: BackendName) => {
    await switchBackend(backend);
    return cases.map(({ shape, begin, size, axis, dtype, values }) =>
      tf.tidy(() => {
        const x = tf.tensor(values, shape, dtype);
        const parts = tf.split(
          x,
          [1, shape[axis]! - 1].filter((s) => s > 0),
          axis,
        );
        return {
          slice: Array.from(x.slice(begin, size).dataSync()),
          split: parts.map((p) => Array.from(p.dataSync())),
          unstack: tf.unstack(x, axis).map((p) => [p.shape, Array.from(p.dataSync())]),
        };
      }),
    );
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  cases.forEach((c, i) => expect(wasm[i], JSON.stringify(c)).toEqual(cpu[i]));
});

test("wasm's clones share their source's data, and the data lives until the last of them is disposed", async () => {
  await switchBackend('wasm');
  const buffers = () => tf.engine().backend.numDataIds();
  const [start, numTensors] = [buffers(), tf.memory().numTensors];
  const x = tf.tensor2d([1, -2, 3, 4.5], [2, 2]);
  const y = tf.clone(x);
  expect(buffers(), 'a clone allocates nothing').toBe(start + 1);
  x.dispose();
  expect(Array.from(y.dataSync()), 'the clone outlives its source').toEqual([1, -2, 3, 4.5]);
  const z = tf.clone(y);
  z.dispose();
  expect(Array.from(y.dataSync()), 'the source outlives its clone').toEqual([1, -2, 3, 4.5]);
  y.dispose();
  expect([buffers(), tf.memory().numTensors], 'freed with the last').toEqual([start, numTensors]);
  // What tfjs clones most: the tensors an op saves for its gradient.
  const w = tf.tensor1d([0.5, 2]);
  const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(v, v)))(w);
  expect(Array.from(g.dataSync())).toEqual([1, 4]);
  tf.dispose([w, g]);
  expect([buffers(), tf.memory().numTensors], 'nothing leaks through saved tensors').toEqual([start, numTensors]);
});

test('the GRU layer written out has the value and every gradient of its plain loop, on cpu and wasm', async () => {
  for (const backend of BACKENDS) {
    await switchBackend(backend);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const [T, n, d, h] = [4, 3, 5, 6];
      const shapes = gruLayerShapes(d, h);
      const names = GRU_LAYER;
      const ps = names.map((k, i) => tf.randomNormal(shapes[k], 0, 0.5, 'float32', 10 + i));
      const X = tf.randomNormal([T * n, d], 0, 1, 'float32', 1) as tf.Tensor2D;
      const H0 = tf.randomNormal([n, h], 0, 0.8, 'float32', 2) as tf.Tensor2D;
      const dy = tf.randomNormal([T * n, h], 0, 1, 'float32', 3);
      const record = (xs: tf.Tensor[]) =>
        Object.fromEntries(names.map((k, i) => [k, xs[i]!])) as unknown as Parameters<typeof gruSequence>[2];
      const loss =
        (layer: typeof gruSequence) =>
        (...a: tf.Tensor[]) =>
          layer(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, record(a.slice(2)))
            .mul(dy)
            .sum();
      expect(maxAbsDiff(gruSequence(X, H0, record(ps)), gruSequenceAutodiff(X, H0, record(ps)))).toBeLessThan(1e-6);
      const written = tf.grads(loss(gruSequence))([X, H0, ...ps]);
      const autodiff = tf.grads(loss(gruSequenceAutodiff))([X, H0, ...ps]);
      // Measured: 2e-6 at most (W_xh, whose gradient reaches 9); the same sums in another order.
      written.forEach((g, i) =>
        expect(maxAbsDiff(g, autodiff[i]!), `the gradient of ${['X', 'H0', ...names][i]} on ${backend}`).toBeLessThan(
          1e-5,
        ),
      );
    });
    expect(tf.memory().numTensors, `the GRU layer leaks on ${backend}`).toBe(before);
  }
});
