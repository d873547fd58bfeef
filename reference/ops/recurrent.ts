import * as tf from '@tensorflow/tfjs';

/**
 * The three recurrent layers of chapters 5 and 6 run over a whole sequence as one op each, with
 * back-propagation through time written out by hand. The functions are d2l's; only the schedule
 * differs from a step-by-step tfjs graph:
 *   - the inputs' share of every gate, X_t W_x + b, is one product for all T steps ([T n, d] by
 *     [d, G]) before the loop, so a step is one product H W_h for all its gates at once;
 *   - the backward pass runs per step only what depends on the step before (the gradient with
 *     respect to H_{t-1} and C_{t-1}); the weight gradients are one product each over all steps
 *     (H_{0..T-1}ᵀ · dA), the gates' derivative factors are computed once for the whole sequence,
 *     and every transposed operand is transposed once, not per step (wasm multiplies transposed
 *     operands slowly: ops/mat-mul.ts).
 * A step of the LSTM's backward pass is then 7 small ops and the GRU's 10, against some 40 in the
 * graph tfjs's autodiff records (scripts/bench/rnn.ts measures both cells and the plain RNN).
 * Tests: selftest/rnn-references.test.ts checks these gradients against tfjs's autodiff of the
 * step-by-step cells.
 */

type T2 = tf.Tensor2D;

/**
 * A [T n, k] tensor as its T blocks of n rows, and [n, p k] as its p blocks of k columns, each
 * from one read of the tensor. Not by tf.slice, tf.split or tf.unstack: wasm's Slice copies its
 * whole input out of wasm memory before it takes its part (and takes columns in JavaScript), so
 * T slices of a [T n, k] tensor copy it T times; at d2l's size those copies took most of a
 * training step (docs/facts.md).
 */
function blocks(x: tf.Tensor, T: number): T2[] {
  if (T === 1) return [x.reshape([x.shape[0]!, -1]) as T2];
  const values = x.dataSync() as Float32Array;
  const [n, k] = [x.shape[0]! / T, x.shape[1]!];
  return Array.from({ length: T }, (_, t) => tf.tensor2d(values.subarray(t * n * k, (t + 1) * n * k), [n, k]));
}
function columns(x: tf.Tensor, p: number): T2[] {
  const [n, w] = x.shape as [number, number];
  const k = w / p;
  const values = x.dataSync() as Float32Array;
  return Array.from({ length: p }, (_, i) => {
    const out = new Float32Array(n * k);
    for (let r = 0; r < n; r++) out.set(values.subarray(r * w + i * k, r * w + (i + 1) * k), r * k);
    return tf.tensor2d(out, [n, k]);
  });
}

/** The rows of all steps' previous states: H_0 then H_1 … H_{T-1} from the stacked [T n, h] outputs. */
function previous(first: T2, all: T2, T: number): T2 {
  const n = first.shape[0];
  return T === 1 ? first : tf.concat([first, all.slice([0, 0], [(T - 1) * n, -1])], 0);
}

/** Aᵀ · B with the transpose done once, explicitly (wasm: see above). */
const tMatMul = (a: T2, b: T2): T2 => tf.matMul(tf.transpose(a), b);

/** The inputs [T, n, d] as rows [T n, d], and their share X W_x + b of every step's gates, as T blocks. */
function inputShare(inputs: tf.Tensor3D, Wx: T2, b: tf.Tensor1D): { X2: T2; blocks: T2[] } {
  const [T, n, d] = inputs.shape;
  const X2 = inputs.reshape([T * n, d]) as T2;
  return { X2, blocks: blocks(tf.fused.matMul({ a: X2, b: Wx, bias: b }), T) };
}

/** The gradients of the inputs' share: with respect to the inputs [T, n, d], W_x and b. */
function inputShareGrads(X2: T2, Wx: T2, dA: T2, shape: number[]): [tf.Tensor, T2, tf.Tensor1D] {
  return [tf.matMul(dA, tf.transpose(Wx)).reshape(shape), tMatMul(X2, dA), tf.sum(dA, 0) as tf.Tensor1D];
}

/**
 * d2l's rnn: H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h) for t = 1 … T. Returns every H_t stacked in
 * time order, [T n, h] (H_T is the last n rows).
 */
export const rnnSequence = tf.customGrad((inputs_, H0_, Wx_, Wh_, b_, save) => {
  const [inputs, H0, Wx, Wh, b] = [inputs_, H0_, Wx_, Wh_, b_] as [tf.Tensor3D, T2, T2, T2, tf.Tensor1D];
  const T = inputs.shape[0];
  const { X2, blocks: XW } = inputShare(inputs, Wx, b);
  let H = H0;
  const Hall = tf.concat(
    XW.map((xw) => (H = tf.tanh(tf.add(tf.matMul(H, Wh), xw)))),
    0,
  );
  (save as tf.GradSaveFunc)([X2, H0, Wx, Wh, Hall]);
  return {
    value: Hall,
    gradFunc: (dy, saved) => {
      const [X2, H0, Wx, Wh, Hall] = saved as [T2, T2, T2, T2, T2];
      const D = blocks(tf.sub(1, tf.square(Hall)), T);
      const dYs = blocks(dy as T2, T);
      const WhT = tf.transpose(Wh);
      const dA: T2[] = new Array(T);
      let carry: T2 | undefined;
      for (let t = T - 1; t >= 0; t--) {
        const g = carry ? tf.add(dYs[t]!, carry) : dYs[t]!;
        dA[t] = tf.mul(g, D[t]!);
        carry = tf.matMul(dA[t]!, WhT);
      }
      const dAll = tf.concat(dA, 0);
      const [dInputs, dWx, db] = inputShareGrads(X2, Wx, dAll, inputs.shape);
      return [dInputs, carry!, dWx, tMatMul(previous(H0, Hall, T), dAll), db];
    },
  };
}) as (inputs: tf.Tensor3D, H0: T2, Wx: T2, Wh: T2, b: tf.Tensor1D) => T2;

/**
 * d2l's gru: [Z R] = σ(X_t [W_xz W_xr] + H_{t-1} [W_hz W_hr] + [b_z b_r]),
 * H̃ = tanh(X_t W_xh + (R ⊙ H_{t-1}) W_hh + b_h), H_t = Z ⊙ H_{t-1} + (1 − Z) ⊙ H̃.
 * Returns every H_t stacked in time order, [T n, h].
 */
export const gruSequence = tf.customGrad((inputs_, H0_, Wxzr_, Whzr_, bzr_, Wxh_, Whh_, bh_, save) => {
  const [inputs, H0, Wxzr, Whzr, bzr, Wxh, Whh, bh] = [inputs_, H0_, Wxzr_, Whzr_, bzr_, Wxh_, Whh_, bh_] as [
    tf.Tensor3D,
    T2,
    T2,
    T2,
    tf.Tensor1D,
    T2,
    T2,
    tf.Tensor1D,
  ];
  const T = inputs.shape[0];
  const { X2, blocks: XZR } = inputShare(inputs, Wxzr, bzr);
  const XH = inputShare(inputs, Wxh, bh).blocks;
  let H = H0;
  const [Hs, ZRs, Hcs, RHs]: [T2[], T2[], T2[], T2[]] = [[], [], [], []];
  for (let t = 0; t < T; t++) {
    const ZR: T2 = tf.sigmoid(tf.add(tf.matMul(H, Whzr), XZR[t]!));
    const [Z, R] = columns(ZR, 2) as [T2, T2];
    const RH: T2 = tf.mul(R, H);
    const Hc: T2 = tf.tanh(tf.add(tf.matMul(RH, Whh), XH[t]!));
    H = tf.add(Hc, tf.mul(Z, tf.sub(H, Hc)));
    Hs.push(H);
    ZRs.push(ZR);
    Hcs.push(Hc);
    RHs.push(RH);
  }
  const [Hall, ZRall, Hcall, RHall] = [Hs, ZRs, Hcs, RHs].map((xs) => tf.concat(xs, 0)) as [T2, T2, T2, T2];
  (save as tf.GradSaveFunc)([X2, H0, Wxzr, Whzr, Wxh, Whh, Hall, ZRall, Hcall, RHall]);
  return {
    value: Hall,
    gradFunc: (dy, saved) => {
      const [X2, H0, Wxzr, Whzr, Wxh, Whh, Hall, ZRall, Hcall, RHall] = saved as T2[] as [
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
      ];
      const Hprev = previous(H0, Hall, T);
      const [Zall, Rall] = columns(ZRall, 2) as [T2, T2];
      // dA_h = g ⊙ (1 − Z) ⊙ (1 − H̃²); dA_zr = [g ⊙ (H − H̃), dRH ⊙ H] ⊙ σ'.
      const A = blocks(tf.mul(tf.sub(1, Zall), tf.sub(1, tf.square(Hcall))), T);
      const E = blocks(tf.mul(tf.concat([tf.sub(Hprev, Hcall), Hprev], 1), tf.mul(ZRall, tf.sub(1, ZRall))), T);
      const [Zs, Rs, dYs] = [blocks(Zall, T), blocks(Rall, T), blocks(dy as T2, T)];
      const [WhzrT, WhhT] = [tf.transpose(Whzr), tf.transpose(Whh)];
      const dAh: T2[] = new Array(T);
      const dAzr: T2[] = new Array(T);
      let carry: T2 | undefined;
      for (let t = T - 1; t >= 0; t--) {
        const g = carry ? tf.add(dYs[t]!, carry) : dYs[t]!;
        dAh[t] = tf.mul(g, A[t]!);
        const dRH = tf.matMul(dAh[t]!, WhhT);
        dAzr[t] = tf.mul(tf.concat([g, dRH], 1), E[t]!);
        carry = tf.addN([tf.mul(g, Zs[t]!), tf.mul(dRH, Rs[t]!), tf.matMul(dAzr[t]!, WhzrT)]);
      }
      const [dAhAll, dAzrAll] = [tf.concat(dAh, 0), tf.concat(dAzr, 0)];
      const [dInZR, dWxzr, dbzr] = inputShareGrads(X2, Wxzr, dAzrAll, inputs.shape);
      const [dInH, dWxh, dbh] = inputShareGrads(X2, Wxh, dAhAll, inputs.shape);
      return [tf.add(dInZR, dInH), carry!, dWxzr, tMatMul(Hprev, dAzrAll), dbzr, dWxh, tMatMul(RHall, dAhAll), dbh];
    },
  };
}) as (inputs: tf.Tensor3D, H0: T2, Wxzr: T2, Whzr: T2, bzr: tf.Tensor1D, Wxh: T2, Whh: T2, bh: tf.Tensor1D) => T2;

/**
 * d2l's lstm with the gates' weights side by side in the order input, forget, output, candidate:
 * [I F O] = σ(·), C̃ = tanh(·) of X_t W_x + H_{t-1} W_h + b, C_t = F ⊙ C_{t-1} + I ⊙ C̃,
 * H_t = O ⊙ tanh(C_t). Returns every H_t stacked in time order and then C_T: [T n + n, h].
 */
export const lstmSequence = tf.customGrad((inputs_, H0_, C0_, Wx_, Wh_, b_, save) => {
  const [inputs, H0, C0, Wx, Wh, b] = [inputs_, H0_, C0_, Wx_, Wh_, b_] as [tf.Tensor3D, T2, T2, T2, T2, tf.Tensor1D];
  const T = inputs.shape[0];
  const [n, h] = H0.shape;
  const { X2, blocks: XW } = inputShare(inputs, Wx, b);
  let [H, C] = [H0, C0];
  const [Hs, Cs, Is, Fs, Os, Cts, tCs] = Array.from({ length: 7 }, () => [] as T2[]) as [
    T2[],
    T2[],
    T2[],
    T2[],
    T2[],
    T2[],
    T2[],
  ];
  for (let t = 0; t < T; t++) {
    const A: T2 = tf.add(tf.matMul(H, Wh), XW[t]!);
    const [Ai, Af, Ao, Ac] = columns(A, 4) as [T2, T2, T2, T2];
    const [I, F, O, Ct] = [tf.sigmoid(Ai), tf.sigmoid(Af), tf.sigmoid(Ao), tf.tanh(Ac)] as T2[] as [T2, T2, T2, T2];
    C = tf.add(tf.mul(F, C), tf.mul(I, Ct)) as T2;
    const tC: T2 = tf.tanh(C);
    H = tf.mul(O, tC) as T2;
    Hs.push(H);
    Cs.push(C);
    Is.push(I);
    Fs.push(F);
    Os.push(O);
    Cts.push(Ct);
    tCs.push(tC);
  }
  const all = [Hs, Cs, Is, Fs, Os, Cts, tCs].map((xs) => tf.concat(xs, 0));
  (save as tf.GradSaveFunc)([X2, H0, C0, Wx, Wh, ...all]);
  return {
    value: tf.concat([all[0]!, C], 0),
    gradFunc: (dy, saved) => {
      const [X2, H0, C0, Wx, Wh, Hall, Call, I, F, O, Ctall, tCall] = saved as T2[] as [
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
      ];
      const Sall = tf.concat([I, F, O], 1);
      const dY = dy as T2;
      const dYs = blocks(dY.slice([0, 0], [T * n, h]), T);
      // dC = dC_carried + g ⊙ O ⊙ (1 − tanh²C); dA = [dC, dC, g, dC] ⊙ K with
      // K = [C̃ ⊙ σ'(I), C_{t-1} ⊙ σ'(F), tanh C ⊙ σ'(O), I ⊙ (1 − C̃²)].
      const P = blocks(tf.mul(O, tf.sub(1, tf.square(tCall))), T);
      const K = blocks(
        tf.concat(
          [
            tf.mul(tf.concat([Ctall, previous(C0, Call, T), tCall], 1), tf.mul(Sall, tf.sub(1, Sall))),
            tf.mul(I, tf.sub(1, tf.square(Ctall))),
          ],
          1,
        ),
        T,
      );
      const Fs = blocks(F, T);
      const WhT = tf.transpose(Wh);
      const dA: T2[] = new Array(T);
      let carryH: T2 | undefined;
      let carryC = dY.slice([T * n, 0], [n, h]) as T2;
      for (let t = T - 1; t >= 0; t--) {
        const g = carryH ? tf.add(dYs[t]!, carryH) : dYs[t]!;
        const dC = tf.add(carryC, tf.mul(g, P[t]!));
        dA[t] = tf.mul(tf.concat([dC, dC, g, dC], 1), K[t]!);
        carryH = tf.matMul(dA[t]!, WhT);
        carryC = tf.mul(dC, Fs[t]!);
      }
      const dAll = tf.concat(dA, 0);
      const [dInputs, dWx, db] = inputShareGrads(X2, Wx, dAll, inputs.shape);
      return [dInputs, carryH!, carryC, dWx, tMatMul(previous(H0, Hall, T), dAll), db];
    },
  };
}) as (inputs: tf.Tensor3D, H0: T2, C0: T2, Wx: T2, Wh: T2, b: tf.Tensor1D) => T2;
