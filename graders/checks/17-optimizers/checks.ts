import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import type { Rng } from '../../../reference/random';
import * as ref from '../../../reference/17-optimizers';
import { dim, normalTensor, seeded, shape, tensor } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor, FLOAT32, type Tolerance } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor } from '../../lib/tf-interop';

/**
 * A quadratic bowl per parameter tensor, loss = Σ a ⊙ (p − c)² / 2 with curvatures a in
 * [0.2, 2], so the gradient a ⊙ (p − c) depends on where the optimiser has got to; a starting
 * point p0 and 5 steps.
 */
const STEPS = 5;
const bowl = seeded((rng: Rng) => {
  const shapes = Array.from({ length: 1 + rng.int(3) }, () => [1 + rng.int(3), 1 + rng.int(3)]);
  return {
    p0: shapes.map((s) => normalTensor(rng, s)),
    a: shapes.map((s) => normalTensor(rng, s).map(() => 0.2 + 1.8 * rng.uniform())),
    c: shapes.map((s) => normalTensor(rng, s)),
  };
});
type Bowl = { p0: TensorData[]; a: TensorData[]; c: TensorData[] };

/** The gradient a ⊙ (p − c) at the student's current parameters, in float64. */
const gradientAt = (b: Bowl, ps: TensorData[]) =>
  ps.map((p, i) => p.map((x, j) => b.a[i]!.values[j]! * (x - b.c[i]!.values[j]!)));

/** The reference: the tfjs optimiser minimising the bowl for STEPS steps, in this process. */
function referenceRun(optimizer: tf.Optimizer, b: Bowl): TensorData[] {
  const [a, c, p0] = [b.a.map(toTensor), b.c.map(toTensor), b.p0.map(toTensor)];
  const loss = (ps: tf.Tensor[]) =>
    tf.addN(ps.map((p, i) => a[i]!.mul(p.sub(c[i]!).square()).sum().div(2))) as tf.Scalar;
  const out = ref.optimize(optimizer, p0, loss, STEPS);
  const data = out.map(fromTensor);
  tf.dispose([...a, ...c, ...p0, ...out]);
  return data;
}

const zeros = (ps: TensorData[]) => ps.map((p) => p.map(() => 0));

function tensors(v: unknown, like: TensorData[], what: string): TensorData[] {
  if (!Array.isArray(v) || v.length !== like.length)
    throw new CheckFailure(`${what} should be an array of ${like.length} tensors`);
  return like.map((p, i) => expectTensor(v[i], `${what}[${i}]`, p.shape));
}

function field(v: unknown, name: string, fn: string): unknown {
  if (v === null || typeof v !== 'object' || !(name in v))
    throw new CheckFailure(`${fn} should return an object with ${name}`);
  return (v as Record<string, unknown>)[name];
}

/** Runs the student's optimiser STEPS steps down the bowl, state in, state out. */
async function studentRun(
  s: Subject,
  kind: 'sgd' | 'momentum' | 'adam',
  b: Bowl,
  config: object,
): Promise<TensorData[]> {
  let ps = b.p0;
  let velocities = zeros(ps);
  let state: { m: TensorData[]; v: TensorData[]; t: number } = { m: zeros(ps), v: zeros(ps), t: 0 };
  for (let k = 0; k < STEPS; k++) {
    const g = gradientAt(b, ps);
    if (kind === 'sgd') ps = tensors(await s.call('sgdStep', ps, g, config), ps, 'the result of sgdStep');
    else if (kind === 'momentum') {
      const out = await s.call('momentumStep', ps, g, velocities, config);
      [ps, velocities] = [
        tensors(field(out, 'params', 'momentumStep'), ps, 'params'),
        tensors(field(out, 'velocities', 'momentumStep'), ps, 'velocities'),
      ];
    } else {
      const out = await s.call('adamStep', ps, g, state, config);
      const st = field(out, 'state', 'adamStep');
      ps = tensors(field(out, 'params', 'adamStep'), ps, 'params');
      state = {
        m: tensors(field(st, 'm', 'adamStep'), ps, 'state.m'),
        v: tensors(field(st, 'v', 'adamStep'), ps, 'state.v'),
        t: field(st, 't', 'adamStep') as number,
      };
    }
  }
  return ps;
}

/**
 * After 5 steps both are float32 computations of the same updates: measured over 1500 runs, at
 * most 2.4e-7 apart for SGD and momentum, inside FLOAT32.
 */
function expectSameRun(got: TensorData[], expected: TensorData[], what: string, tol: Tolerance = FLOAT32): void {
  got.forEach((p, i) => expectClose(p, expected[i]!, `parameter ${i} after ${STEPS} steps of ${what}`, tol));
}

/**
 * tf.train.adam forms the bias correction 1 − β2ᵗ in float32, where 1 − 0.999 keeps only about
 * four digits (the float32 rounding of β2, 6e-8, against 1e-3); the exercise computes it in
 * float64. Measured over 1500 runs with β2 <= 0.999 and lr <= 0.1: 4.9e-6 apart at worst. (With
 * β2 = 0.9999 the float32 correction is 10 times worse, so β2 stays <= 0.999.)
 */
const ADAM_VS_TFJS: Tolerance = { atol: 2e-5, rtol: 1e-4 };

const lr = fc.double({ min: 0.01, max: 0.3, noNaN: true });

type AdamConfig = { lr?: number; beta1?: number; beta2?: number; epsilon?: number };

/**
 * Adam in float64, the task's formulas: from state (m, v, t) and a gradient g, with
 * m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², p ← p − η m̂ / (√v̂ + ε). Returns the new p, m, v.
 */
function adam64(p: number[], g: number[], m: number[], v: number[], t: number, c: AdamConfig) {
  const { lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = c;
  const m1 = m.map((x, i) => beta1 * x + (1 - beta1) * g[i]!);
  const v1 = v.map((x, i) => beta2 * x + (1 - beta2) * g[i]! ** 2);
  const p1 = p.map((x, i) => x - (lr * (m1[i]! / (1 - beta1 ** t))) / (Math.sqrt(v1[i]! / (1 - beta2 ** t)) + epsilon));
  return { p: p1, m: m1, v: v1 };
}

/**
 * Three gradients whose entries mix 0, 1e-6, 1e-3, 1 and 1e3 in one tensor: a zero gradient (where
 * ε alone keeps 0 / 0 away), tiny ones (where ε is as large as √v̂ and its place shows) and large
 * ones next to them, their sizes changing from step to step (so that β1 and β2 show). The last
 * step's gradient is zero everywhere.
 */
const MIXED = [
  [0, 1e-6, -1e-3, 1, -1e3, 0],
  [1e-6, 0, 4e-3, -0.25, 2e3, 1e3],
  [0, 0, 0, 0, 0, 0],
].map((g) => TensorData.float([2, 3], g));

/**
 * Runs the student's adamStep through MIXED from zeros (with `config`, or none for the defaults)
 * and float64 beside it. From zeros the parameters are sums of steps of about lr, so a relative
 * comparison shows a 0.1 % change of a step: float32 keeps each step to a few 1e-7 of lr (the
 * moments, the square root and the quotient each round once), hence atol 1e-5 lr and rtol 1e-5
 * (measured over 2000 configurations: at most 3 % of that allowance).
 */
async function adamOnMixed(s: Subject, config: AdamConfig | undefined, what: string): Promise<void> {
  const p0 = TensorData.float([2, 3], new Array<number>(6).fill(0));
  const tol = { atol: 1e-5 * (config?.lr ?? 0.001), rtol: 1e-5 };
  let state = { m: [p0.map(() => 0)], v: [p0.map(() => 0)], t: 0 };
  let ps = [p0];
  let e = { p: Array.from(p0.values), m: new Array<number>(6).fill(0), v: new Array<number>(6).fill(0) };
  for (const [k, g] of MIXED.entries()) {
    const out = await s.call('adamStep', ps, [g], state, ...(config === undefined ? [] : [config]));
    const st = field(out, 'state', 'adamStep');
    ps = tensors(field(out, 'params', 'adamStep'), ps, 'params');
    state = {
      m: tensors(field(st, 'm', 'adamStep'), ps, 'state.m'),
      v: tensors(field(st, 'v', 'adamStep'), ps, 'state.v'),
      t: field(st, 't', 'adamStep') as number,
    };
    e = adam64(e.p, Array.from(g.values), e.m, e.v, k + 1, config ?? {});
    expectClose(
      ps[0],
      TensorData.float(p0.shape, e.p),
      `the parameter after step ${k + 1} of ${what} with the gradient ${g}`,
      tol,
    );
  }
}

export default defineExercise({
  id: '17-optimizers',
  title: 'SGD, momentum and Adam',
  file: 'optimizers.ts',
  checks: [
    reference(
      `${STEPS} steps of sgdStep down a quadratic bowl match tf.train.sgd`,
      fc.tuple(bowl, lr),
      async (s, [b, lr]) => {
        expectSameRun(
          await studentRun(s, 'sgd', b, { lr }),
          referenceRun(ref.optimizers.sgd({ lr }), b),
          `sgdStep (lr ${formatNumber(lr)})`,
        );
      },
    ),
    reference(
      `${STEPS} steps of momentumStep down a quadratic bowl match tf.train.momentum`,
      fc.tuple(bowl, lr, fc.double({ min: 0, max: 0.95, noNaN: true })),
      async (s, [b, lr, momentum]) => {
        expectSameRun(
          await studentRun(s, 'momentum', b, { lr, momentum }),
          referenceRun(ref.optimizers.momentum({ lr, momentum }), b),
          `momentumStep (lr ${formatNumber(lr)}, momentum ${formatNumber(momentum)})`,
        );
      },
    ),
    reference(
      `${STEPS} steps of adamStep down a quadratic bowl match tf.train.adam`,
      fc.tuple(
        bowl,
        fc.record({
          lr: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
          beta1: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
          beta2: fc.double({ min: 0.9, max: 0.999, noNaN: true }),
        }),
      ),
      async (s, [b, config]) => {
        const what = `adamStep (lr ${formatNumber(config.lr)}, beta1 ${formatNumber(config.beta1)}, beta2 ${formatNumber(config.beta2)})`;
        expectSameRun(
          await studentRun(s, 'adam', b, config),
          referenceRun(ref.optimizers.adam(config), b),
          what,
          ADAM_VS_TFJS,
        );
      },
    ),
    // Bias correction makes the first step m̂ / √v̂ = g / |g|: every coordinate moves by lr
    // against its gradient's sign (up to ε = 1e-8 next to |g| >= 0.1).
    property(
      "Adam's first step moves every coordinate by lr against the sign of its gradient (bias correction)",
      fc
        .tuple(
          shape(dim(1, 3), dim(1, 4)),
          fc.record({
            lr: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
            beta1: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
            beta2: fc.double({ min: 0.9, max: 0.9999, noNaN: true }),
          }),
        )
        .chain(([sh, config]) =>
          fc.tuple(tensor(sh), tensor(sh, { min: -3, max: 3, awayFromZero: 0.1 }), fc.constant(config)),
        ),
      async (s, [p, g, config]) => {
        const out = await s.call('adamStep', [p], [g], { m: [p.map(() => 0)], v: [p.map(() => 0)], t: 0 }, config);
        const [next] = tensors(field(out, 'params', 'adamStep'), [p], 'params');
        expectClose(
          next,
          p.map((x, i) => x - config.lr * Math.sign(g.values[i]!)),
          `the parameter after Adam's first step (lr ${formatNumber(config.lr)})`,
        );
      },
    ),
    example(
      "Adam's default learning rate is 0.001 (the notes): its first step moves each coordinate by 0.001",
      async (s) => {
        const p = TensorData.of([[0.5, -1, 2]]);
        const out = await s.call('adamStep', [p], [TensorData.of([[3, -0.2, 0.1]])], {
          m: [p.map(() => 0)],
          v: [p.map(() => 0)],
          t: 0,
        });
        const [next] = tensors(field(out, 'params', 'adamStep'), [p], 'params');
        expectClose(
          next,
          TensorData.of([[0.499, -0.999, 1.999]]),
          'the parameter after a first adamStep with the default config',
          { atol: 1e-6, rtol: 0 },
        );
      },
    ),
    property(
      'Adam on zero, tiny (1e-6) and large (1e3) gradients in one tensor matches float64 Adam over 3 steps, with the default config and a drawn one (ε added to √v̂)',
      fc.record({
        lr: fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
        beta1: fc.double({ min: 0, max: 0.99, noNaN: true }),
        beta2: fc.double({ min: 0, max: 0.999, noNaN: true }),
        epsilon: fc.double({ min: 1e-8, max: 1e-4, noNaN: true }),
      }),
      async (s, config) => {
        await adamOnMixed(s, undefined, 'adamStep with the default config');
        await adamOnMixed(
          s,
          config,
          `adamStep (lr ${formatNumber(config.lr)}, beta1 ${formatNumber(config.beta1)}, beta2 ${formatNumber(config.beta2)}, epsilon ${formatNumber(config.epsilon)})`,
        );
      },
      { numRuns: 10 },
    ),
    example(
      'the edges of the valid ranges work: Adam with beta1 = 0 and beta2 = 0, and Adam resumed from t = 7',
      async (s) => {
        const p = TensorData.of([[0.5, -1, 2]]);
        const g = [0.3, -2, 1e-3];
        const m = [0.1, -0.4, 0.2];
        const v = [0.05, 0.5, 1e-4];
        for (const [config, t, what] of [
          [{ lr: 0.1, beta1: 0, beta2: 0 }, 0, 'beta1 = beta2 = 0'],
          [{ lr: 0.1 }, 7, 'resumed at t = 7'],
        ] as const) {
          const start = t === 0 ? { m: [0, 0, 0], v: [0, 0, 0] } : { m, v };
          const out = await s.call(
            'adamStep',
            [p],
            [TensorData.of([g])],
            { m: [TensorData.of([start.m])], v: [TensorData.of([start.v])], t },
            config,
          );
          const [next] = tensors(field(out, 'params', 'adamStep'), [p], 'params');
          const e = adam64(Array.from(p.values), g, start.m, start.v, t + 1, config);
          expectClose(next, TensorData.float([1, 3], e.p), `the parameter after adamStep with ${what}`);
          const st = field(out, 'state', 'adamStep');
          const tNext = field(st, 't', 'adamStep');
          ensure(tNext === t + 1, `adamStep from t = ${t} returned the step count ${String(tNext)}, expected ${t + 1}`);
        }
      },
    ),
    property(
      'momentumStep with momentum 0 is an SGD step, and returns the velocity β v + g',
      fc
        .tuple(shape(dim(1, 3), dim(1, 3)), lr, fc.double({ min: 0, max: 0.95, noNaN: true }))
        .chain(([sh, lr, momentum]) =>
          fc.tuple(tensor(sh), tensor(sh), tensor(sh), fc.constant(lr), fc.constant(momentum)),
        ),
      async (s, [p, g, v, lr, momentum]) => {
        const plain = await s.call('momentumStep', [p], [g], [v], { lr, momentum: 0 });
        const [p0] = tensors(field(plain, 'params', 'momentumStep'), [p], 'params');
        expectClose(
          p0,
          p.map((x, i) => x - lr * g.values[i]!),
          `the parameter after momentumStep with momentum 0 (lr ${formatNumber(lr)})`,
        );
        const out = await s.call('momentumStep', [p], [g], [v], { lr, momentum });
        const [v1] = tensors(field(out, 'velocities', 'momentumStep'), [p], 'velocities');
        expectClose(
          v1,
          v.map((x, i) => momentum * x + g.values[i]!),
          `the velocity after momentumStep (momentum ${formatNumber(momentum)})`,
        );
      },
    ),
    // Each setting just past the edge of its range: lr = 0 (a rate that never moves), a decay rate
    // of 1 or below 0, epsilon = 0, a negative or fractional step count.
    rejects(
      'a learning rate that is not > 0, momentum, beta1 or beta2 outside [0, 1), epsilon <= 0, or a step count t that is not an integer >= 0 gives a HyperparameterError naming it',
      async (s) => {
        const [p, g] = [[TensorData.of([1])], [TensorData.of([1])]];
        const vel = [TensorData.of([0])];
        const adam = (t = 0) => ({ m: [TensorData.of([0])], v: [TensorData.of([0])], t });
        const LR = /\blr\b|learning rate/i;
        for (const lr of [0, -0.1]) {
          await s.rejects('sgdStep', [p, g, { lr }], LR, `when lr = ${lr}`, 'HyperparameterError');
          await s.rejects(
            'momentumStep',
            [p, g, vel, { lr, momentum: 0.5 }],
            LR,
            `when lr = ${lr}`,
            'HyperparameterError',
          );
          await s.rejects('adamStep', [p, g, adam(), { lr }], LR, `when lr = ${lr}`, 'HyperparameterError');
        }
        for (const momentum of [1, -0.1])
          await s.rejects(
            'momentumStep',
            [p, g, vel, { lr: 0.1, momentum }],
            /momentum/,
            `when momentum = ${momentum}`,
            'HyperparameterError',
          );
        for (const name of ['beta1', 'beta2'])
          for (const value of [1, -0.1, 1.5])
            await s.rejects(
              'adamStep',
              [p, g, adam(), { [name]: value }],
              new RegExp(name),
              `when ${name} = ${value}`,
              'HyperparameterError',
            );
        for (const epsilon of [0, -1e-8])
          await s.rejects(
            'adamStep',
            [p, g, adam(), { epsilon }],
            /epsilon|ε/,
            `when epsilon = ${epsilon}`,
            'HyperparameterError',
          );
        for (const t of [-1, 1.5])
          await s.rejects(
            'adamStep',
            [p, g, adam(t), {}],
            /\bt\b|step count/,
            `when the state's step count t = ${t}`,
            'HyperparameterError',
          );
      },
    ),
  ],
});
