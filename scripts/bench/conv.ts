import * as tf from '@tensorflow/tfjs';
import { switchBackend, useBackend, type BackendName } from '../../reference/backend';
import { conv2d } from '../../reference/ops/conv2d';
import { median, row, type BenchOptions } from './common';

/** A LeNet-sized first layer: 8 images of 28 × 28, 6 filters of 5 × 5. */
const X_SHAPE = [8, 28, 28, 1] as const;
const W_SHAPE = [5, 5, 1, 6] as const;
const WARM_UP = 3;

type Conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D;
const stock: Conv = (x, w) => tf.conv2d(x, w, 1, 'valid');

/** Milliseconds of `runs` forward passes with the gradients (of x and w, or w alone), read back, after a warm-up. */
async function time(backend: BackendName, f: Conv, both: boolean, runs: number): Promise<number[]> {
  await switchBackend(backend);
  const x = tf.randomNormal([...X_SHAPE], 0, 1, 'float32', 1) as tf.Tensor4D;
  const w = tf.randomNormal([...W_SHAPE], 0, 1, 'float32', 2) as tf.Tensor4D;
  const dy = tf.tidy(() => tf.randomNormal(f(x, w).shape, 0, 1, 'float32', 3));
  const grads = both
    ? () => tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a as tf.Tensor4D, b as tf.Tensor4D))([x, w], dy)
    : () => [tf.grad((b: tf.Tensor) => f(x, b as tf.Tensor4D))(w, dy)];
  const ms: number[] = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    const t = performance.now();
    const g = grads();
    g.forEach((t) => t.dataSync());
    tf.dispose(g);
    if (i >= WARM_UP) ms.push(performance.now() - t);
  }
  tf.dispose([x, w, dy]);
  return ms;
}

/**
 * The conv forward + backward of a LeNet-sized layer ([8, 28, 28, 1] with 6 5 × 5 filters) on cpu
 * with tfjs's own gradient (its Conv2DBackpropFilter is slow there, and missing on wasm) and with
 * the course's (reference/ops/conv2d.ts: the filter gradient as a forward convolution), on cpu and wasm.
 */
export async function conv({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const figures: Record<string, number> = {};
  for (const [label, both] of [
    ['forward + gradients of x and w', true],
    ['forward + filter gradient only', false],
  ] as const) {
    for (const [backend, name, f] of [
      ['cpu', 'stock tf.conv2d', stock],
      ['cpu', 'course conv2d', conv2d],
      ['wasm', 'course conv2d', conv2d],
    ] as const) {
      const ms = await time(backend, f, both, runs);
      figures[`${label} ${backend} ${name}`] = median(ms);
      row(`conv ${label}: ${backend}, ${name}`, ms, 'ms');
    }
    const ratio = figures[`${label} cpu stock tf.conv2d`]! / figures[`${label} wasm course conv2d`]!;
    console.log(
      `conv ${label}: wasm with the course's gradient is ${ratio.toFixed(0)}x faster than cpu with tfjs's own`,
    );
  }
}
