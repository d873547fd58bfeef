import * as tf from '@tensorflow/tfjs';
import { customOp } from './custom-op';

/**
 * The three recurrent layers of chapters 5 and 6 run over a whole sequence as one op each, with
 * back-propagation through time written out by hand. The functions are d2l's; only the schedule
 * differs from a step-by-step tfjs graph:
 *   - the inputs' share of every gate, X_t W_x + b, is one product for all T steps ([T n, d] by
 *     [d, G]) before the loop, so a step is one product H W_h for all its gates at once;
 *   - the backward pass runs per step only what depends on the step before (the gradient with
 *     respect to H_{t-1} and C_{t-1}); the gradients of W_x, W_h and b are one product over all
 *     steps (layerGrads), the gates' derivative factors are computed once for the whole sequence,
 *     and every transposed operand is transposed once, not per step (wasm multiplies transposed
 *     operands slowly: ops/mat-mul.ts);
 *   - the inputs' gradient is computed only when the inputs need one (custom-op.ts): a language
 *     model's one-hot characters do not.
 * At d2l's language-model size two thirds of a GRU training step are then products at wasm's
 * single-thread speed (docs/facts.md); scripts/bench/rnn.ts measures the three cells, and
 * `npm run bench -- --peers` sets them beside PyTorch. Tests: selftest/rnn-references.test.ts holds
 * values to float64 and every gradient to finite differences, on every backend present.
 */

type T2 = tf.Tensor2D;

/**
 * A [T n, k] tensor as its T steps of n rows: one SplitV, which on wasm reads through a view of the
 * heap (ops/wasm-copies.ts) instead of copying the whole input once per step.
 */
const steps = (x: tf.Tensor, T: number): T2[] => (T === 1 ? [x as T2] : (tf.split(x, T, 0) as T2[]));

/** The rows of all steps' previous states: H_0 then H_1 … H_{T-1} from the stacked [T n, h] outputs. */
function previous(first: T2, all: T2, T: number): T2 {
  const n = first.shape[0];
  return T === 1 ? first : tf.concat([first, all.slice([0, 0], [(T - 1) * n, -1])], 0);
}

/** The inputs' share X W_x + b of every step's gates, [T n, G], as one product. */
const inputShare = (X: T2, Wx: T2, b: tf.Tensor1D): T2 => tf.fused.matMul({ a: X, b: Wx, bias: b }) as T2;

/**
 * The gradients of W_x, W_h and b of a layer A = X W_x + H W_h + b, from dA over all steps, as the
 * rows of one product [Xᵀ; Hᵀ; 1ᵀ] · dA: wasm's product packs its right operand, so dA is packed
 * once, and the bias needs no column sum. The transposes are explicit: wasm multiplies transposed
 * operands slowly (ops/mat-mul.ts). XT is Xᵀ, shared by the layers of one input.
 */
function layerGrads(XT: T2, H: T2, dA: T2): [T2, T2, tf.Tensor1D] {
  const [d, h] = [XT.shape[0], H.shape[1]];
  const G = tf.matMul(tf.concat([XT, tf.transpose(H), tf.ones([1, H.shape[0]])], 0), dA);
  const [dWx, dWh, db] = tf.split(G, [d, h, 1], 0) as [T2, T2, T2];
  return [dWx, dWh, db.reshape([-1])];
}

/** The gradient with respect to the inputs X of their share X W_x: asked for only when X needs one (custom-op.ts). */
const inputGrad = (dA: () => T2, Wx: () => T2) => () => tf.matMul(dA(), tf.transpose(Wx()));

/**
 * The gradient functions of X, W_x, W_h and b of a layer whose gates A = X W_x + H W_h + b have
 * the gradient dA over all steps (H: the state each step started from), for customOp.
 */
function gateGrads(X: T2, H: T2, dA: T2, Wx: T2): Record<'X' | 'Wx' | 'Wh' | 'b', () => tf.Tensor> {
  const [dWx, dWh, db] = layerGrads(tf.transpose(X), H, dA);
  return {
    X: inputGrad(
      () => dA,
      () => Wx,
    ),
    Wx: () => dWx,
    Wh: () => dWh,
    b: () => db,
  };
}

/**
 * tanh(a) = 2σ(2a) − 1, from s = σ(2a): the layers take their tanh from a sigmoid of doubled
 * weights (scaleColumns). On wasm, tf.tanh runs std::tanh once per entry (87 µs for [32, 256]) and
 * tf.sigmoid XNNPACK's vectorised kernel (12 µs); the tanh of every step was 3-6 % of a training
 * step at d2l's size. Its absolute error, about two units of float32 roundoff at 0.5 (1.2e-7), is
 * far below the checks' atol of 1e-5; selftest/rnn-references.test.ts holds the layers to float64.
 */
const tanhFromSigmoid = (s: T2): T2 => tf.sub(tf.add(s, s), 1);

/** W with its last k columns doubled (a bias: its last k entries), for tanhFromSigmoid. */
function doubleLast<R extends tf.Rank>(W: tf.Tensor<R>, k: number): tf.Tensor<R> {
  const G = W.shape[W.rank - 1]!;
  return tf.mul(W, tf.concat([tf.ones([G - k]), tf.fill([k], 2)]));
}

/** [T, n, d] inputs as the rows [T n, d] the layers work on. */
const rows = (inputs: tf.Tensor3D): T2 => inputs.reshape([-1, inputs.shape[2]]);

/**
 * d2l's rnn: H_t = tanh(X_t W_xh + H_{t-1} W_hh + b_h) for t = 1 … T. Returns every H_t stacked in
 * time order, [T n, h] (H_T is the last n rows).
 */
export function rnnSequence(inputs: tf.Tensor3D, H0: T2, Wx: T2, Wh: T2, b: tf.Tensor1D): T2 {
  const X = rows(inputs);
  const T = inputs.shape[0];
  return customOp(
    [X, H0, Wx, Wh, b],
    (save) => {
      const Wh2 = tf.mul(Wh, 2);
      let H = H0;
      const Hall = tf.concat(
        steps(inputShare(X, tf.mul(Wx, 2), tf.mul(b, 2)), T).map(
          (xw) => (H = tanhFromSigmoid(tf.sigmoid(tf.add(tf.matMul(H, Wh2), xw)))),
        ),
        0,
      );
      save([X, H0, Wx, Wh, Hall]);
      return Hall;
    },
    (dy, saved) => {
      const [X, H0, Wx, Wh, Hall] = saved as [T2, T2, T2, T2, T2];
      const D = steps(tf.sub(1, tf.square(Hall)), T);
      const dYs = steps(dy, T);
      const WhT = tf.transpose(Wh);
      const dA: T2[] = new Array(T);
      let carry: T2 | undefined;
      for (let t = T - 1; t >= 0; t--) {
        const g = carry ? tf.add(dYs[t]!, carry) : dYs[t]!;
        dA[t] = tf.mul(g, D[t]!);
        carry = tf.matMul(dA[t]!, WhT);
      }
      const g = gateGrads(X, previous(H0, Hall, T), tf.concat(dA, 0), Wx);
      return [g.X, () => carry!, g.Wx, g.Wh, g.b];
    },
  );
}

/**
 * A GRU layer's weights as its callers hold them: each of W_x·zr (the inputs' weights of the two
 * gates, [d, 2h]), W_h·zr ([h, 2h]) and b_zr ([2h]) as one tensor or as column blocks side by side
 * (exercise 33 keeps [W_xz W_xr], chapter 7's layers W_xz and W_xr apart); the candidate's W_xh,
 * W_hh and b_h. The op joins the blocks inside its forward pass and splits their gradients inside
 * its backward pass: joined outside, every decoder step of chapter 8 would tape a concat per block
 * and a split in its gradient (a quarter of the Bahdanau training step).
 */
export interface GruWeights {
  Wxzr: readonly T2[];
  Whzr: readonly T2[];
  bzr: readonly tf.Tensor1D[];
  Wxh: T2;
  Whh: T2;
  bh: tf.Tensor1D;
}

const join = <R extends tf.Rank>(blocks: readonly tf.Tensor<R>[]): tf.Tensor<R> =>
  blocks.length === 1 ? blocks[0]! : tf.concat(blocks as tf.Tensor<R>[], -1);
/** G cut into column blocks as wide as `widths`, each as a gradient function for customOp. */
function blockGrads(G: tf.Tensor, widths: number[]): (() => tf.Tensor)[] {
  const parts = widths.length === 1 ? [G] : tf.split(G, widths, -1);
  return parts.map((p) => () => p);
}
const widths = (blocks: readonly tf.Tensor[]) => blocks.map((b) => b.shape[b.rank - 1]!);

/**
 * d2l's gru: [Z R] = σ(X_t [W_xz W_xr] + H_{t-1} [W_hz W_hr] + [b_z b_r]),
 * H̃ = tanh(X_t W_xh + (R ⊙ H_{t-1}) W_hh + b_h), H_t = Z ⊙ H_{t-1} + (1 − Z) ⊙ H̃,
 * over inputs X [T n, d] (time-major rows) from the state H0 [n, h] before step 1. Returns every
 * H_t stacked in time order, [T n, h].
 */
export function gruLayer(X: T2, H0: T2, w: GruWeights): T2 {
  const [n, h] = H0.shape;
  const T = X.shape[0] / n;
  const blocks = [w.Wxzr, w.Whzr, w.bzr];
  return customOp(
    [X, H0, ...w.Wxzr, ...w.Whzr, ...w.bzr, w.Wxh, w.Whh, w.bh],
    (save) => {
      // The inputs' weights of all three gates side by side, the candidate's doubled (tanhFromSigmoid).
      const Wx2 = tf.concat([...w.Wxzr, tf.mul(w.Wxh, 2)], 1) as T2;
      const b2 = tf.concat([...w.bzr, tf.mul(w.bh, 2)]) as tf.Tensor1D;
      const [Whzr, Whh2] = [join(w.Whzr), tf.mul(w.Whh, 2)];
      const [XZR, XH2] = tf.split(inputShare(X, Wx2, b2), [2 * h, h], 1).map((x) => steps(x, T)) as [T2[], T2[]];
      let H = H0;
      const [Hs, ZRs, Hcs, RHs]: [T2[], T2[], T2[], T2[]] = [[], [], [], []];
      for (let t = 0; t < T; t++) {
        const ZR: T2 = tf.sigmoid(tf.add(tf.matMul(H, Whzr), XZR[t]!));
        const [Z, R] = tf.split(ZR, 2, 1) as [T2, T2];
        const RH: T2 = tf.mul(R, H);
        const Hc = tanhFromSigmoid(tf.sigmoid(tf.add(tf.matMul(RH, Whh2), XH2[t]!)));
        H = tf.add(Hc, tf.mul(Z, tf.sub(H, Hc)));
        Hs.push(H);
        ZRs.push(ZR);
        Hcs.push(Hc);
        RHs.push(RH);
      }
      const [Hall, ZRall, Hcall, RHall] = [Hs, ZRs, Hcs, RHs].map((xs) => tf.concat(xs, 0)) as [T2, T2, T2, T2];
      save([X, H0, Whzr, w.Whh, Hall, ZRall, Hcall, RHall, w.Wxh, ...w.Wxzr]);
      return Hall;
    },
    (dy, saved) => {
      const [X, H0, Whzr, Whh, Hall, ZRall, Hcall, RHall, Wxh, ...Wxzr] = saved as T2[] as [
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        T2,
        ...T2[],
      ];
      const Hprev = previous(H0, Hall, T);
      const [Zall, Rall] = tf.split(ZRall, 2, 1) as [T2, T2];
      // dA_h = g ⊙ (1 − Z) ⊙ (1 − H̃²); dA_zr = [g ⊙ (H − H̃), dRH ⊙ H] ⊙ σ'.
      const A = steps(tf.mul(tf.sub(1, Zall), tf.sub(1, tf.square(Hcall))), T);
      const E = steps(tf.mul(tf.concat([tf.sub(Hprev, Hcall), Hprev], 1), tf.mul(ZRall, tf.sub(1, ZRall))), T);
      const [Zs, Rs, dYs] = [steps(Zall, T), steps(Rall, T), steps(dy, T)];
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
      const [dAzrAll, dAhAll] = [tf.concat(dAzr, 0), tf.concat(dAh, 0)];
      const XT = tf.transpose(X);
      const [dWxzr, dWhzr, dbzr] = layerGrads(XT, Hprev, dAzrAll);
      const [dWxh, dWhh, dbh] = layerGrads(XT, RHall, dAhAll);
      return [
        inputGrad(
          () => tf.concat([dAzrAll, dAhAll], 1),
          () => tf.concat([...Wxzr, Wxh], 1),
        ),
        () => carry!,
        ...[dWxzr, dWhzr, dbzr].flatMap((G, i) => blockGrads(G, widths(blocks[i]!))),
        () => dWxh,
        () => dWhh,
        () => dbh,
      ];
    },
  );
}

/** gruLayer over inputs [T, n, d] with the gates' weights as exercise 33 groups them. */
export function gruSequence(
  inputs: tf.Tensor3D,
  H0: T2,
  Wxzr: T2,
  Whzr: T2,
  bzr: tf.Tensor1D,
  Wxh: T2,
  Whh: T2,
  bh: tf.Tensor1D,
): T2 {
  return gruLayer(rows(inputs), H0, { Wxzr: [Wxzr], Whzr: [Whzr], bzr: [bzr], Wxh, Whh, bh });
}

/**
 * d2l's lstm with the gates' weights side by side in the order input, forget, output, candidate:
 * [I F O] = σ(·), C̃ = tanh(·) of X_t W_x + H_{t-1} W_h + b, C_t = F ⊙ C_{t-1} + I ⊙ C̃,
 * H_t = O ⊙ tanh(C_t). Returns every H_t stacked in time order and then C_T: [T n + n, h].
 */
export function lstmSequence(inputs: tf.Tensor3D, H0: T2, C0: T2, Wx: T2, Wh: T2, b: tf.Tensor1D): T2 {
  const X = rows(inputs);
  const T = inputs.shape[0];
  const h = H0.shape[1];
  const [Hall, CT] = customOp(
    [X, H0, C0, Wx, Wh, b],
    (save) => {
      const XW = steps(inputShare(X, doubleLast(Wx, h), doubleLast(b, h)), T);
      const Wh2 = doubleLast(Wh, h);
      let [H, C] = [H0, C0];
      const [Hs, Cs, Ss, Cts, tCs] = Array.from({ length: 5 }, () => [] as T2[]) as [T2[], T2[], T2[], T2[], T2[]];
      for (let t = 0; t < T; t++) {
        // One sigmoid for all four gates: the candidate's columns hold 2 A_c (doubleLast).
        const S: T2 = tf.sigmoid(tf.add(tf.matMul(H, Wh2), XW[t]!));
        const [I, F, O, Sc] = tf.split(S, 4, 1) as [T2, T2, T2, T2];
        const Ct = tanhFromSigmoid(Sc);
        C = tf.add(tf.mul(F, C), tf.mul(I, Ct));
        const tC = tanhFromSigmoid(tf.sigmoid(tf.add(C, C)));
        H = tf.mul(O, tC);
        Hs.push(H);
        Cs.push(C);
        Ss.push(S);
        Cts.push(Ct);
        tCs.push(tC);
      }
      const all = [Hs, Cs, Ss, Cts, tCs].map((xs) => tf.concat(xs, 0)) as [T2, T2, T2, T2, T2];
      save([X, H0, C0, Wx, Wh, ...all]);
      return [all[0], C];
    },
    ([dHall, dCT], saved) => {
      const [X, H0, C0, Wx, Wh, Hall, Call, S4all, Ctall, tCall] = saved as T2[] as [
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
      const Sall = tf.slice(S4all, [0, 0], [-1, 3 * h]);
      const [I, F, O] = tf.split(Sall, 3, 1) as [T2, T2, T2];
      const dYs = steps(dHall!, T);
      // dC = dC_carried + g ⊙ O ⊙ (1 − tanh²C); dA = [dC, dC, g, dC] ⊙ K with
      // K = [C̃ ⊙ σ'(I), C_{t-1} ⊙ σ'(F), tanh C ⊙ σ'(O), I ⊙ (1 − C̃²)].
      const P = steps(tf.mul(O, tf.sub(1, tf.square(tCall))), T);
      const K = steps(
        tf.concat(
          [
            tf.mul(tf.concat([Ctall, previous(C0, Call, T), tCall], 1), tf.mul(Sall, tf.sub(1, Sall))),
            tf.mul(I, tf.sub(1, tf.square(Ctall))),
          ],
          1,
        ),
        T,
      );
      const Fs = steps(F, T);
      const WhT = tf.transpose(Wh);
      const dA: T2[] = new Array(T);
      let carryH: T2 | undefined;
      let carryC = dCT as T2;
      for (let t = T - 1; t >= 0; t--) {
        const g = carryH ? tf.add(dYs[t]!, carryH) : dYs[t]!;
        const dC = tf.add(carryC, tf.mul(g, P[t]!));
        dA[t] = tf.mul(tf.concat([dC, dC, g, dC], 1), K[t]!);
        carryH = tf.matMul(dA[t]!, WhT);
        carryC = tf.mul(dC, Fs[t]!);
      }
      const g = gateGrads(X, previous(H0, Hall, T), tf.concat(dA, 0), Wx);
      return [g.X, () => carryH!, () => carryC, g.Wx, g.Wh, g.b];
    },
  ) as [T2, T2];
  return tf.concat([Hall, CT], 0);
}
