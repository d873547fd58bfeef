import * as tf from '@tensorflow/tfjs';
import { matMul } from './mat-mul';
import { gruLayer } from './recurrent';

/**
 * One GRU layer (the book's cell, exercise 33) over a whole sequence: inputs X [T n, d] hold the
 * steps' inputs one after the other (time-major rows), H0 [n, h] is the state before step 1;
 * returns the states H_1 … H_T stacked the same way, [T n, h]. It is ops/recurrent.ts's gruLayer,
 * one op with back-propagation through time written out.
 * tfjs's automatic differentiation of the same loop launches about 80 small kernels per step, and
 * at d2l's seq2seq size (batch 64, 32 hidden units) kernel launches, not arithmetic, are the cost.
 * selftest/seq2seq-ops.test.ts holds value and gradients against tfjs's differentiation of the
 * plain loop (gruSequenceAutodiff), on cpu and wasm.
 */
export function gruSequence(
  X: tf.Tensor2D,
  H0: tf.Tensor2D,
  p: {
    W_xz: tf.Tensor2D;
    W_hz: tf.Tensor2D;
    b_z: tf.Tensor1D;
    W_xr: tf.Tensor2D;
    W_hr: tf.Tensor2D;
    b_r: tf.Tensor1D;
    W_xh: tf.Tensor2D;
    W_hh: tf.Tensor2D;
    b_h: tf.Tensor1D;
  },
): tf.Tensor2D {
  return gruLayer(X, H0, {
    Wxzr: [p.W_xz, p.W_xr],
    Whzr: [p.W_hz, p.W_hr],
    bzr: [p.b_z, p.b_r],
    Wxh: p.W_xh,
    Whh: p.W_hh,
    bh: p.b_h,
  });
}

/** The same layer, differentiated by tfjs: what gruSequence is tested against. */
export function gruSequenceAutodiff(
  X: tf.Tensor2D,
  H0: tf.Tensor2D,
  p: Parameters<typeof gruSequence>[2],
): tf.Tensor2D {
  const [n] = H0.shape;
  const T = X.shape[0] / n;
  let H = H0;
  const states = (tf.split(X, T, 0) as tf.Tensor2D[]).map((x) => {
    const Z = tf.sigmoid(matMul(x, p.W_xz).add(matMul(H, p.W_hz)).add(p.b_z));
    const R = tf.sigmoid(matMul(x, p.W_xr).add(matMul(H, p.W_hr)).add(p.b_r));
    const C = tf.tanh(
      matMul(x, p.W_xh)
        .add(matMul(R.mul(H), p.W_hh))
        .add(p.b_h),
    );
    H = Z.mul(H).add(tf.sub(1, Z).mul(C));
    return H;
  });
  return tf.concat(states, 0);
}
