import * as tf from '@tensorflow/tfjs';
import { KernelTooLargeError } from '../errors';

/** A stride for both spatial axes, or [height, width]. */
export type Stride = number | [number, number];

/** [height, width] of a Stride (also used for pool sizes). */
export const pair = (s: Stride): [number, number] => (typeof s === 'number' ? [s, s] : s);

/** Throws KernelTooLargeError unless a kh × kw window fits in an h × w input. */
export function assertKernelFits(h: number, w: number, kh: number, kw: number, input = 'input'): void {
  if (kh > h || kw > w)
    throw new KernelTooLargeError(`the ${kh}x${kw} kernel is larger than the ${h}x${w} ${input}: no window fits`);
}

/**
 * Cross-correlation of a batch, as tf.conv2d with padding 'valid' (pad first with tf.pad: its
 * gradient is a slice), and a gradient that every backend can compute.
 *
 * tfjs's own gradient needs the Conv2DBackpropFilter kernel, which the wasm backend lacks (it
 * throws), and which the cpu backend computes slowly (~100 ms for a LeNet-sized layer, against
 * ~10 ms here: scripts/bench/conv.ts). Both gradients here are convolutions every backend has:
 *   dX = conv2dTranspose(dY, W): each output's gradient spread back over its window;
 *   dW[a, b, ci, co] = Σ_{n,i,j} X[n, a + i·sh, b + j·sw, ci] · dY[n, i, j, co], a correlation
 *     of X with dY in which the batch is summed as channels are: X transposed to [ci, h, w, n]
 *     correlated with dY transposed to [oh, ow, n, co] used as a filter dilated by the stride.
 *
 * @param x [n, h, w, ci]   @param filter [kh, kw, ci, co]   @returns [n, oh, ow, co]
 */
export function conv2d(x: tf.Tensor4D, filter: tf.Tensor4D, strides: Stride = 1): tf.Tensor4D {
  const [sh, sw] = pair(strides);
  const [kh, kw] = filter.shape;
  assertKernelFits(x.shape[1], x.shape[2], kh, kw);
  const op = tf.customGrad((xIn, wIn, save) => {
    const [X, W] = [xIn as tf.Tensor4D, wIn as tf.Tensor4D];
    (save as tf.GradSaveFunc)([X, W]);
    return {
      value: tf.conv2d(X, W, [sh, sw], 'valid'),
      gradFunc: (dy, saved) => {
        const [Xs, Ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dY = dy as tf.Tensor4D;
        const dX = tf.conv2dTranspose(dY, Ws, Xs.shape, [sh, sw], 'valid');
        const byChannel = tf.transpose(Xs, [3, 1, 2, 0]);
        const dYasFilter = tf.transpose(dY, [1, 2, 0, 3]);
        // The correlation has h − (oh − 1)·sh >= kh rows: the first kh are the kernel's, any others
        // offsets that no window reaches (rows a stride leaves unread). Likewise for columns.
        const full = tf.conv2d(byChannel, dYasFilter, 1, 'valid', 'NHWC', [sh, sw]);
        const dW = tf.transpose(tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]), [1, 2, 0, 3]);
        return [dX, dW];
      },
    };
  });
  return op(x, filter) as tf.Tensor4D;
}
