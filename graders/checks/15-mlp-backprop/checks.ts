import * as tf from '@tensorflow/tfjs';
import * as ref from '../../../reference/15-mlp-backprop';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectFinite, expectTensor } from '../../lib/compare';
import { affine, matMul, type Matrix, rowsOf, softmaxCrossEntropy, toTensorData } from '../../lib/float64/dense';
import { CheckFailure, ensure } from '../../lib/failure';
import { expectGradientClose, numericVjp } from '../../lib/gradcheck';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor, viaTf } from '../../lib/tf-interop';

const refLoss = viaTf(ref.mlpLoss);
const GRADS = ['dX', 'dW1', 'db1', 'dW2', 'db2'] as const;
/** mlpLoss's arguments: X, y, W1, b1, W2, b2. The tensors differentiated are all but y. */
const WRT = [0, 2, 3, 4, 5];

/** Normal draws clipped to ±3: then a finite-difference step of 1e-2 moves any Z = X W1 + b1 by at most 0.07. */
const clipped = (rng: Rng, shape: number[]) => normalTensor(rng, shape).map((v) => Math.max(-3, Math.min(3, v)));

/**
 * A small MLP problem whose hidden pre-activations Z all lie at least 0.1 from ReLU's kink, whose
 * logits lie within ±2.5, whose labels get a probability of at most 0.9, and an upstream gradient
 * dLoss of magnitude >= 0.3 (inputs are redrawn until they qualify, about one draw in three).
 * Finite differences in float32 need this: a large loss has a large absolute roundoff, and a
 * confident right answer a tiny gradient, either of which drowns the gradient in noise.
 */
const mlpProblem = seeded((rng: Rng) => {
  const [n, d, h, q] = [1 + rng.int(3), 1 + rng.int(3), 1 + rng.int(4), 2 + rng.int(3)];
  for (;;) {
    const [X, W1, b1, W2, b2] = [
      clipped(rng, [n, d]),
      clipped(rng, [d, h]),
      clipped(rng, [h]),
      normalTensor(rng, [h, q], 0.5),
      normalTensor(rng, [q], 0.5),
    ];
    const Z = affine(rowsOf(X), rowsOf(W1), b1.values);
    if (Z.flat().some((z) => Math.abs(z) < 0.1)) continue;
    const O = affine(
      Z.map((row) => row.map((z) => Math.max(z, 0))),
      rowsOf(W2),
      b2.values,
    );
    if (O.flat().some((o) => Math.abs(o) > 2.5)) continue;
    const y = O.map((o) => {
      const e = o.map((v) => Math.exp(v - Math.max(...o)));
      const unsure = e.flatMap((v, c) => (v / e.reduce((a, b) => a + b, 0) <= 0.9 ? [c] : []));
      return unsure[rng.int(unsure.length)]!;
    });
    const dLoss = normalTensor(rng, [n]).map((v) => Math.sign(v || 1) * (0.3 + Math.abs(v)));
    return { args: [X, TensorData.int([n], y), W1, b1, W2, b2], dLoss };
  }
});

async function backward(s: Subject, args: TensorData[], dLoss: TensorData): Promise<TensorData[]> {
  const out = (await s.call('mlpBackward', ...args, dLoss)) as Record<string, unknown> | null;
  if (out === null || typeof out !== 'object')
    throw new CheckFailure('mlpBackward should return { dX, dW1, db1, dW2, db2 }');
  return GRADS.map((g, k) => expectTensor(out[g], g, args[WRT[k]!]!.shape));
}

/** tf.grads of Σ dLoss · loss through the reference, in this process. */
function referenceGrads(args: TensorData[], dLoss: TensorData): TensorData[] {
  return readOut(() => {
    const t = args.map(toTensor);
    const f = (X: tf.Tensor, W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor) =>
      ref.mlpLoss(
        X as tf.Tensor2D,
        t[1] as tf.Tensor1D,
        W1 as tf.Tensor2D,
        b1 as tf.Tensor1D,
        W2 as tf.Tensor2D,
        b2 as tf.Tensor1D,
      );
    return tf.grads(f)(
      WRT.map((i) => t[i]!),
      toTensor(dLoss),
    );
  });
}

/** The tensors `f` makes, read into TensorData; everything else it made is disposed. */
function readOut(f: () => tf.Tensor[]): TensorData[] {
  const out = tf.tidy(f);
  const data = out.map(fromTensor);
  tf.dispose(out);
  return data;
}

/** A deep stack: depth 1 to 6, widths 1 to 5, weights N(0, 1/fan-in), and an upstream gradient. */
const deepProblem = seeded((rng: Rng) => {
  const widths = Array.from({ length: 2 + rng.int(6) }, () => 1 + rng.int(5));
  const n = 1 + rng.int(3);
  const Ws = widths.slice(1).map((m, l) => normalTensor(rng, [widths[l]!, m], 1 / Math.sqrt(widths[l]!)));
  return { X: normalTensor(rng, [n, widths[0]!]), Ws, dOut: normalTensor(rng, [n, widths.at(-1)!]) };
});

async function deep(
  s: Subject,
  X: TensorData,
  Ws: TensorData[],
  activation: string,
  dOut: TensorData,
): Promise<{ dX: TensorData; dWs: TensorData[] }> {
  const out = (await s.call('deepBackward', X, Ws, activation, dOut)) as { dX?: unknown; dWs?: unknown } | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.dWs) || out.dWs.length !== Ws.length) {
    throw new CheckFailure(`deepBackward should return { dX, dWs } with one gradient per layer (${Ws.length})`);
  }
  const dWs = out.dWs as unknown[];
  return { dX: expectTensor(out.dX, 'dX', X.shape), dWs: Ws.map((W, l) => expectTensor(dWs[l], `dWs[${l}]`, W.shape)) };
}

function referenceDeep(
  X: TensorData,
  Ws: TensorData[],
  activation: 'sigmoid' | 'relu' | 'identity',
  dOut: TensorData,
): TensorData[] {
  return readOut(() => {
    const f = (...xs: tf.Tensor[]) => ref.deepForward(xs[0] as tf.Tensor2D, xs.slice(1) as tf.Tensor2D[], activation);
    return tf.grads(f)([X, ...Ws].map(toTensor), toTensor(dOut));
  });
}

/**
 * Logits at the extremes, fixed: with X W1 = X (W1 = I, b1 = 0, X > 0 away from ReLU's kink), the
 * rows of O = X W2 are [97, -105, -26], [-122, -150, -134] and [-10, -102, -64]. exp(97) overflows
 * float32 (above 88.7) and exp(-122) underflows to 0: only the maximum taken out row by row keeps
 * every loss finite (not the mean, the minimum, or the maximum of the whole batch), and only a
 * softmax that does the same keeps the gradients finite.
 */
const EXTREME = {
  args: [
    TensorData.of([
      [1, 0.25],
      [0.25, 1],
      [0.5, 0.5],
    ]),
    TensorData.int([3], [1, 2, 0]),
    TensorData.of([
      [1, 0],
      [0, 1],
    ]),
    TensorData.of([0, 0]),
    TensorData.of([
      [136, -72, 8],
      [-156, -132, -136],
    ]),
    TensorData.of([0, 0, 0]),
  ],
  dLoss: TensorData.of([0.7, -1.3, 2]),
};

/** The MLP's loss and its gradients in float64, by d2l 5.3's formulas: the check's own oracle. */
function mlp64(args: TensorData[], dLoss: TensorData) {
  const [X, y, W1, b1, W2, b2] = [
    rowsOf(args[0]!),
    args[1]!.values,
    rowsOf(args[2]!),
    args[3]!.values,
    rowsOf(args[4]!),
    args[5]!.values,
  ];
  const Z = affine(X, W1, b1);
  const H = Z.map((r) => r.map((z) => Math.max(z, 0)));
  const O = affine(H, W2, b2);
  const dO = O.map((o, i) => {
    const m = Math.max(...o);
    const e = o.map((v) => Math.exp(v - m));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v, k) => dLoss.values[i]! * (v / sum - (k === y[i] ? 1 : 0)));
  });
  const T = (m: Matrix) => m[0]!.map((_, j) => m.map((r) => r[j]!));
  const colSums = (m: Matrix) => m[0]!.map((_, j) => m.reduce((a, r) => a + r[j]!, 0));
  const dZ = matMul(dO, T(W2)).map((r, i) => r.map((v, j) => (Z[i]![j]! > 0 ? v : 0)));
  return {
    loss: TensorData.float([X.length], softmaxCrossEntropy(O, y)),
    grads: [
      toTensorData(matMul(dZ, T(W1))),
      toTensorData(matMul(T(X), dZ)),
      TensorData.float([b1.length], colSums(dZ)),
      toTensorData(matMul(T(H), dO)),
      TensorData.float([b2.length], colSums(dO)),
    ],
  };
}

/**
 * A stack whose pre-activations reach ±100 (inputs of 30 to 90 in size, weights ±1): the sigmoid
 * saturates, where σ′(z) = e^(−z) / (1 + e^(−z))² is Inf / Inf for z = −100; ReLU and the identity
 * carry large values through.
 */
const SATURATED = {
  X: TensorData.of([
    [60, -80, 30],
    [-50, 20, -90],
  ]),
  Ws: [
    TensorData.of([
      [1, -1, 0.5, 0.25],
      [0.5, 1, -1, 0.75],
      [-1, 0.25, 1, -0.5],
    ]),
    TensorData.of([
      [0.5, -0.25],
      [-0.75, 0.5],
      [0.25, 1],
      [1, -0.5],
    ]),
  ],
  dOut: TensorData.of([
    [0.3, -1.2],
    [0.8, 0.5],
  ]),
};

const ACTIVATIONS = ['sigmoid', 'relu', 'identity'] as const;

const norm = (t: TensorData) => Math.hypot(...t.values);
/** 30 layers of width 16: deep enough for vanishing and exploding to leave no doubt. */
const DEPTH = 30;
const WIDTH = 16;
const stack = (rng: Rng, std: number) => Array.from({ length: DEPTH }, () => normalTensor(rng, [WIDTH, WIDTH], std));

export default defineExercise({
  id: '15-mlp-backprop',
  title: 'Backpropagation by hand',
  file: 'backprop.ts',
  uses: ['05-softmax', '08-activations'],
  checks: [
    reference(
      'mlpLoss matches the reference (tf.losses.softmaxCrossEntropy of the ReLU MLP)',
      mlpProblem,
      async (s, { args }) => {
        expectClose(
          await s.call('mlpLoss', ...args),
          refLoss(...(args as Parameters<typeof refLoss>)),
          'mlpLoss(X, y, W1, b1, W2, b2)',
        );
      },
    ),
    // float32 against float64 on logits of size 100: the loss is a difference of numbers near 100
    // (float32 rounds them to 4e-6), well inside FLOAT32's rtol 1e-4 of a loss of 12 to 202; the
    // gradients are products of W2 (up to 156) with probabilities, inside FLOAT32 too.
    example(
      'with logits of +97, −105 and −26 in one row and of −122 to −150 in another, mlpLoss and mlpBackward stay finite and match float64',
      async (s) => {
        const { args, dLoss } = EXTREME;
        const expected = mlp64(args, dLoss);
        const loss = expectTensor(await s.call('mlpLoss', ...args), 'mlpLoss(X, y, W1, b1, W2, b2)', [3]);
        expectFinite(loss, 'mlpLoss on the extreme logits');
        expectClose(loss, expected.loss, 'mlpLoss on the extreme logits');
        const got = await backward(s, args, dLoss);
        GRADS.forEach((g, k) => {
          expectFinite(got[k]!, `${g} of mlpBackward on the extreme logits`);
          expectClose(got[k], expected.grads[k]!, `${g} of mlpBackward on the extreme logits`);
        });
      },
    ),
    property(
      'mlpBackward matches finite differences of the loss, with a random gradient from above',
      mlpProblem,
      async (s, { args, dLoss }) => {
        const got = await backward(s, args, dLoss);
        const numeric = await numericVjp((a) => refLoss(...(a as Parameters<typeof refLoss>)), args, WRT, dLoss);
        GRADS.forEach((g, k) => expectGradientClose(got[k]!, numeric[k]!, `${g} of mlpBackward`));
      },
      { kind: 'gradient', numRuns: 10 },
    ),
    // Hand-written float32 against tfjs's float32 backward (the same products summed in another
    // order): 1e-6 apart at worst over 2400 problems (measured), well inside FLOAT32.
    reference(
      'mlpBackward matches tf.grads of the reference, with a random gradient from above',
      mlpProblem,
      async (s, { args, dLoss }) => {
        const got = await backward(s, args, dLoss);
        const expected = referenceGrads(args, dLoss);
        GRADS.forEach((g, k) => expectClose(got[k], expected[k]!, `${g} of mlpBackward`));
      },
    ),
    // Every activation on every drawn stack (not one drawn per stack), and the saturated stack too.
    reference(
      'deepBackward matches tf.grads through the reference stack, for sigmoid, ReLU and no activation, on random stacks and on one whose pre-activations reach ±100',
      deepProblem,
      async (s, drawn) => {
        for (const [{ X, Ws, dOut }, what] of [
          [drawn, ''],
          [SATURATED, ' (the saturated stack)'],
        ] as const)
          for (const activation of ACTIVATIONS) {
            const got = await deep(s, X, Ws, activation, dOut);
            const [dX, ...dWs] = referenceDeep(X, Ws, activation, dOut);
            expectFinite(got.dX, `dX through ${Ws.length} ${activation} layers${what}`);
            expectClose(got.dX, dX!, `dX through ${Ws.length} ${activation} layers${what}`);
            dWs.forEach((e, l) => expectClose(got.dWs[l], e, `dWs[${l}] of ${Ws.length} ${activation} layers${what}`));
          }
      },
      { numRuns: 10 },
    ),
    // Vanishing: each sigmoid layer multiplies the gradient by σ′ <= 1/4 and by Wᵀ, whose norm is
    // at most about 2 for N(0, 1/m) weights: below 0.5 per layer, 0.5^30 ≈ 1e-9 over 30 layers.
    // Exploding: without squashing, N(0, 4/m) weights multiply it by about 2 per layer, 2^30 ≈ 1e9
    // (the spread of the product of 30 random matrices is a factor ~20 either way).
    property(
      `the gradient reaching the input vanishes through ${DEPTH} sigmoid layers (below 1e-6 of the gradient from above) and explodes through ${DEPTH} unsquashed layers with weights of std 2/√m (above 1e6)`,
      seeded((rng: Rng) => ({ rng })),
      async (s, { rng }) => {
        const X = normalTensor(rng, [2, WIDTH]);
        const dOut = normalTensor(rng, [2, WIDTH]);
        const vanishing = norm((await deep(s, X, stack(rng, 1 / Math.sqrt(WIDTH)), 'sigmoid', dOut)).dX) / norm(dOut);
        ensure(
          vanishing < 1e-6,
          `through ${DEPTH} sigmoid layers with weights N(0, 1/${WIDTH}), ‖dX‖ / ‖dOut‖ = ${formatNumber(vanishing)}: expected the gradient to vanish (below 1e-6)`,
        );
        const exploding = norm((await deep(s, X, stack(rng, 2 / Math.sqrt(WIDTH)), 'identity', dOut)).dX) / norm(dOut);
        ensure(
          exploding > 1e6,
          `through ${DEPTH} layers without activation with weights N(0, 4/${WIDTH}), ‖dX‖ / ‖dOut‖ = ${formatNumber(exploding)}: expected the gradient to explode (above 1e6)`,
        );
      },
      { numRuns: 5 },
    ),
    // Names every object inherits ('constructor') are no activations either.
    rejects('an unknown activation gives a HyperparameterError naming it', async (s) => {
      const X = TensorData.of([[1, 2]]);
      for (const name of ['softplus', '', 'constructor'])
        await s.rejects(
          'deepBackward',
          [X, [TensorData.of([[1], [1]])], name, TensorData.of([[1]])],
          new RegExp(`"${name}"|activation`),
          `when the activation is '${name}'`,
          'HyperparameterError',
        );
    }),
  ],
});
