import * as tf from '@tensorflow/tfjs';
import { matMul } from './mat-mul';

/**
 * One GRU layer (the book's cell, exercise 33) over a whole sequence, as one op with a hand-written
 * backward pass (backpropagation through time written out). Inputs X [T n, d] hold the steps'
 * inputs one after the other (time-major rows); H0 [n, h] is the state before step 1. Returns the
 * states H_1 … H_T stacked the same way, [T n, h]:
 *   Z = σ(X_t W_xz + H W_hz + b_z),  R = σ(X_t W_xr + H W_hr + b_r),  H̃ = tanh(X_t W_xh + (R ⊙ H) W_hh + b_h),
 *   H' = Z ⊙ H + (1 − Z) ⊙ H̃ = H̃ + Z ⊙ (H − H̃).
 *
 * Why: tfjs's automatic differentiation of the same loop launches about 80 small kernels per step
 * (every product's gradient casts its operands, every broadcast add reduces and reshapes), and at
 * d2l's seq2seq size (batch 64, 32 hidden units) kernel launches, not arithmetic, are the cost.
 * Written out, a step is 12 kernels forward and 17 backward, and the weights' gradients are a few
 * products over all steps at once. Nothing is split or joined along a row (on wasm, concat and
 * split across columns copy row by row in JavaScript): each gate has its own products.
 * selftest/seq2seq-ops.test.ts holds value and gradients against tfjs's differentiation of the
 * plain loop (gruSequenceAutodiff), on cpu and wasm.
 *
 * Backward, for the upstream gradient G_t of each H_t and g the gradient reaching H_t (G_t plus
 * what step t + 1 sends back):
 *   dH̃ = g ⊙ (1 − Z),  dZ = g ⊙ (H − H̃),  dA_h = dH̃ ⊙ (1 − H̃²),  d(R ⊙ H) = dA_h W_hhᵀ,
 *   dA_z = dZ ⊙ Z ⊙ (1 − Z),  dA_r = d(R ⊙ H) ⊙ H ⊙ R ⊙ (1 − R),
 *   to step t − 1: g ⊙ Z + d(R ⊙ H) ⊙ R + dA_z W_hzᵀ + dA_r W_hrᵀ;
 * then over all steps: dX = Σ_gate dA_gate W_x,gateᵀ, dW_x,gate = Xᵀ dA_gate, dW_hz = H_prevᵀ dA_z,
 * dW_hr = H_prevᵀ dA_r, dW_hh = (R ⊙ H_prev)ᵀ dA_h, db_gate = Σ over rows of dA_gate.
 */
const gruSequenceOp = tf.customGrad((...args: unknown[]) => {
  const save = args.pop() as tf.GradSaveFunc;
  const [X, H0, W_xz, W_hz, b_z, W_xr, W_hr, b_r, W_xh, W_hh, b_h] = args as [
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
    tf.Tensor2D,
    tf.Tensor2D,
    tf.Tensor1D,
  ];
  const n = H0.shape[0];
  const T = X.shape[0] / n;
  // The inputs' share of each gate for all steps at once, cut into steps (rows: a contiguous split).
  const inputShare = (W: tf.Tensor2D, b: tf.Tensor1D) => tf.split(tf.matMul(X, W).add(b), T, 0) as tf.Tensor2D[];
  const [xz, xr, xh] = [inputShare(W_xz, b_z), inputShare(W_xr, b_r), inputShare(W_xh, b_h)];
  const prevs: tf.Tensor2D[] = [];
  const Zs: tf.Tensor2D[] = [];
  const Rs: tf.Tensor2D[] = [];
  const RHs: tf.Tensor2D[] = [];
  const Cs: tf.Tensor2D[] = [];
  const states: tf.Tensor2D[] = [];
  let H = H0;
  for (let t = 0; t < T; t++) {
    const Z = tf.sigmoid<tf.Tensor2D>(xz[t]!.add(tf.matMul(H, W_hz)));
    const R = tf.sigmoid<tf.Tensor2D>(xr[t]!.add(tf.matMul(H, W_hr)));
    const RH = R.mul<tf.Tensor2D>(H);
    const C = tf.tanh<tf.Tensor2D>(xh[t]!.add(tf.matMul(RH, W_hh)));
    prevs.push(H);
    Zs.push(Z);
    Rs.push(R);
    RHs.push(RH);
    Cs.push(C);
    H = C.add(Z.mul(H.sub(C)));
    states.push(H);
  }
  const all = (ts: tf.Tensor2D[]) => tf.concat(ts, 0);
  save([X, W_xz, W_hz, W_xr, W_hr, W_xh, W_hh, all(prevs), all(Zs), all(Rs), all(RHs), all(Cs)]);
  return {
    value: all(states),
    gradFunc: (dy, saved) => {
      const [Xs, Wxz, Whz, Wxr, Whr, Wxh, Whh, Hprev, Zall, Rall, RHall, Call] = saved as tf.Tensor2D[];
      const steps = (t: tf.Tensor) => tf.split(t, T, 0) as tf.Tensor2D[];
      const upstream = steps(dy as tf.Tensor2D);
      const [Hp, Z, R, C] = [steps(Hprev!), steps(Zall!), steps(Rall!), steps(Call!)];
      // σ' = σ(1 − σ) and tanh' = 1 − tanh², for all steps at once.
      const dSigZ = steps(Zall!.mul(tf.sub(1, Zall!)));
      const dSigR = steps(Rall!.mul(tf.sub(1, Rall!)));
      const dTanh = steps(tf.sub(1, Call!.square()));
      const [WhzT, WhrT, WhhT] = [Whz!.transpose(), Whr!.transpose(), Whh!.transpose()];
      const dAz: tf.Tensor[] = [];
      const dAr: tf.Tensor[] = [];
      const dAh: tf.Tensor[] = [];
      let carry: tf.Tensor | undefined;
      for (let t = T - 1; t >= 0; t--) {
        const g = carry ? upstream[t]!.add(carry) : upstream[t]!;
        const gZ = g.mul(Z[t]!);
        const dA_h = g.sub(gZ).mul(dTanh[t]!);
        const dRH = tf.matMul(dA_h, WhhT);
        const dA_z = g.mul(Hp[t]!.sub(C[t]!)).mul(dSigZ[t]!);
        const dA_r = dRH.mul(Hp[t]!).mul(dSigR[t]!);
        carry = gZ.add(dRH.mul(R[t]!)).add(tf.matMul(dA_z, WhzT)).add(tf.matMul(dA_r, WhrT));
        [dAz[t], dAr[t], dAh[t]] = [dA_z, dA_r, dA_h];
      }
      const [Dz, Dr, Dh] = [tf.concat(dAz, 0), tf.concat(dAr, 0), tf.concat(dAh, 0)] as tf.Tensor2D[];
      const [XT, HpT] = [Xs!.transpose(), Hprev!.transpose()];
      const dX = tf
        .matMul(Dz!, Wxz!.transpose())
        .add(tf.matMul(Dr!, Wxr!.transpose()))
        .add(tf.matMul(Dh!, Wxh!.transpose()));
      return [
        dX,
        carry!,
        tf.matMul(XT, Dz!),
        tf.matMul(HpT, Dz!),
        Dz!.sum(0),
        tf.matMul(XT, Dr!),
        tf.matMul(HpT, Dr!),
        Dr!.sum(0),
        tf.matMul(XT, Dh!),
        tf.matMul(RHall!.transpose(), Dh!),
        Dh!.sum(0),
      ];
    },
  };
});

/** The states [T n, h] of one GRU layer over inputs X [T n, d] from H0 [n, h] (see gruSequenceOp above). */
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
  return gruSequenceOp(X, H0, p.W_xz, p.W_hz, p.b_z, p.W_xr, p.W_hr, p.b_r, p.W_xh, p.W_hh, p.b_h) as tf.Tensor2D;
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
