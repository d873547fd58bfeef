import * as tf from '@tensorflow/tfjs';
import { assertKernelFits, pair, type Stride } from './conv2d';

/**
 * The one-hot filter [ph, pw, c, ph·pw·c] that sends channel k·c + j of its input to channel j at
 * window offset k = a·pw + b: conv2dTranspose with it adds each window's per-offset gradients
 * back onto the input positions they came from.
 */
function scatterFilter(ph: number, pw: number, c: number): tf.Tensor4D {
  const K = ph * pw;
  const f = tf.buffer([ph, pw, c, K * c]);
  for (let a = 0; a < ph; a++)
    for (let b = 0; b < pw; b++) for (let j = 0; j < c; j++) f.set(1, a, b, j, (a * pw + b) * c + j);
  return f.toTensor() as tf.Tensor4D;
}

/**
 * Max pooling of a batch, as tf.maxPool with padding 'valid' (pad first with tf.pad, with -Infinity),
 * with a gradient that is right on every backend.
 *
 * The wasm backend's own max-pool gradient silently drops every window whose maximum is <= 0
 * (docs/facts.md, "TensorFlow.js backends"). Here each window's upstream gradient goes to the position of its maximum, the first
 * in row-major order on ties, as tfjs's cpu kernel does: for each window offset (a, b) the
 * elements at that offset of every window (a strided slice) are compared with the window's
 * maximum, and an offset not already claimed by an earlier one takes the gradient. Overlapping
 * windows (stride < pool size) add up.
 *
 * @param x [n, h, w, c]   @returns [n, floor((h - ph) / sh) + 1, floor((w - pw) / sw) + 1, c]
 */
export function maxPool(x: tf.Tensor4D, poolSize: Stride, strides: Stride = poolSize): tf.Tensor4D {
  const [ph, pw] = pair(poolSize);
  const [sh, sw] = pair(strides);
  assertKernelFits(x.shape[1], x.shape[2], ph, pw);
  const op = tf.customGrad((xIn, save) => {
    const X = xIn as tf.Tensor4D;
    const Y = tf.maxPool(X, [ph, pw], [sh, sw], 'valid');
    (save as tf.GradSaveFunc)([X, Y]);
    return {
      value: Y,
      gradFunc: (dy, saved) => {
        const [Xs, Ys] = saved as [tf.Tensor4D, tf.Tensor4D];
        const [n, oh, ow, c] = Ys.shape;
        let claimed = tf.zeros(Ys.shape);
        const parts: tf.Tensor[] = [];
        for (let a = 0; a < ph; a++) {
          for (let b = 0; b < pw; b++) {
            const atOffset = tf.stridedSlice(
              Xs,
              [0, a, b, 0],
              [n, a + (oh - 1) * sh + 1, b + (ow - 1) * sw + 1, c],
              [1, sh, sw, 1],
            );
            const isMax = tf.equal(atOffset, Ys).cast('float32');
            const takes = isMax.mul(tf.sub(1, claimed));
            claimed = claimed.add(takes);
            parts.push(takes.mul(dy));
          }
        }
        return tf.conv2dTranspose(
          tf.concat(parts, 3) as tf.Tensor4D,
          scatterFilter(ph, pw, c),
          Xs.shape,
          [sh, sw],
          'valid',
        );
      },
    };
  });
  return op(x) as tf.Tensor4D;
}
