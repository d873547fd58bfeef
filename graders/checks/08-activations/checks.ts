import * as fc from 'fast-check';
import * as ref from '../../../reference/08-activations';
import { makeRng } from '../../../reference/random';
import { anySeed, dim, float32, normalTensor, tensor } from '../../lib/arbitraries';
import { defineExercise, example, property, reference } from '../../lib/checks';
import { expectClose, expectFinite, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { FLOAT64_EPS } from '../../lib/attention';
import { exact } from '../../lib/float64/attention';
import { expectGradientClose, numericVjp } from '../../lib/gradcheck';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const ACTIVATIONS = ['relu', 'sigmoid', 'tanh'] as const;
const refActivation = { relu: viaTf(ref.relu), sigmoid: viaTf(ref.sigmoid), tanh: viaTf(ref.tanh) };

/**
 * The activations in float64, for the finite differences: in float32, f(x ± 1e-2) near tanh's
 * saturation differ in their last bits only (at x = 4.75, tanh' = 2.4e-4 and one float32 step of tanh
 * over 2e-2 is 3e-6, 1 %), and how the backend rounds its tanh decides the verdict (native
 * TensorFlow's rejected the model solution). Central differences in float64 are exact to O(h²).
 */
const float64Activation = {
  relu: (v: number) => Math.max(0, v),
  sigmoid: (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))),
  tanh: Math.tanh,
};
/** The library's finite differences of the float64 activation, its outputs kept in float64 (exact()). */
const centralDifferences = async (fn: (typeof ACTIVATIONS)[number], x: TensorData, dy: TensorData) => {
  const f = float64Activation[fn];
  const [numeric] = await numericVjp(
    ([v]) => exact((v as TensorData).shape, Array.from((v as TensorData).values, f)),
    [x],
    [0],
    dy,
    FLOAT64_EPS,
  );
  return numeric!;
};

/** Inputs of rank 1 or 2. */
const inputs = (range: { min: number; max: number; awayFromZero?: number }) =>
  fc
    .integer({ min: 1, max: 2 })
    .chain((rank) => tensor(fc.array(dim(1, 6), { minLength: rank, maxLength: rank }), range));

/** Inputs away from 0, where ReLU has its kink: the finite-difference step 1e-2 never crosses it. */
const smooth = inputs({ min: -5, max: 5, awayFromZero: 0.1 });

/** Inputs with ±50 and ±100 always among them, where exp(±2x) overflows float32. */
const huge = fc
  .array(float32({ min: -100, max: 100 }), { minLength: 0, maxLength: 8 })
  .map((v) => TensorData.float([v.length + 4], [-100, -50, 50, 100, ...v]));

/** The exact derivatives, in float64, from the float32 inputs: ReLU' = [x > 0], sigmoid' = s(1 - s), tanh' = 1 - tanh². */
const exactDerivative = {
  relu: (x: number) => (x > 0 ? 1 : 0),
  sigmoid: (x: number) => {
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    return s * (1 - s);
  },
  tanh: (x: number) => 1 - Math.tanh(x) ** 2,
};

/** Calls an activation and checks the result is a tensor of the input's shape. */
async function apply(s: Subject, fn: string, x: TensorData): Promise<TensorData> {
  return expectTensor(await s.call(fn, x), `${fn}(x)`, x.shape);
}

export default defineExercise({
  id: '08-activations',
  title: 'Activation functions and their derivatives',
  file: 'activations.ts',
  checks: [
    example(
      'worked values: ReLU(-2, -0.5, 0, 0.5, 2) = (0, 0, 0, 0.5, 2), sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4, tanh(0) = 0, tanh(ln 2) = 3/5',
      async (s) => {
        const x = TensorData.of([-2, -0.5, 0, 0.5, 2]);
        expectClose(await apply(s, 'relu', x), TensorData.of([0, 0, 0, 0.5, 2]), 'relu([-2, -0.5, 0, 0.5, 2])');
        expectClose(
          await apply(s, 'sigmoid', TensorData.of([0, Math.log(3)])),
          TensorData.of([0.5, 0.75]),
          'sigmoid([0, ln 3])',
        );
        expectClose(
          await apply(s, 'tanh', TensorData.of([0, Math.log(2)])),
          TensorData.of([0, 0.6]),
          'tanh([0, ln 2])',
        );
        expectClose(
          await apply(s, 'relu', TensorData.of([0, 0.5, 2])),
          TensorData.of([0, 0.5, 2]),
          'relu([0, 0.5, 2])',
        );
      },
    ),
    example(
      "ReLU's derivative is 0 left of 0, 1 right of it, and 0 at 0 (d2l takes the left derivative there)",
      async (s) => {
        expectClose(
          await apply(s, 'reluGrad', TensorData.of([-3, -1e-3, 0, 1e-3, 3])),
          TensorData.of([0, 0, 0, 1, 1]),
          'reluGrad([-3, -0.001, 0, 0.001, 3])',
        );
      },
    ),
    property("sigmoid'(x) = sigmoid(x) (1 - sigmoid(x))", inputs({ min: -10, max: 10 }), async (s, x) => {
      const sig = await apply(s, 'sigmoid', x);
      expectClose(
        await apply(s, 'sigmoidGrad', x),
        sig.map((v) => v * (1 - v)),
        'sigmoidGrad(x) against s (1 - s) with s = sigmoid(x)',
      );
    }),
    property("tanh'(x) = 1 - tanh²(x)", inputs({ min: -10, max: 10 }), async (s, x) => {
      const t = await apply(s, 'tanh', x);
      expectClose(
        await apply(s, 'tanhGrad', x),
        t.map((v) => 1 - v * v),
        'tanhGrad(x) against 1 - tanh²(x)',
      );
    }),
    property('tanh(x) = 2 sigmoid(2x) - 1', inputs({ min: -10, max: 10 }), async (s, x) => {
      const sig2x = await apply(
        s,
        'sigmoid',
        x.map((v) => 2 * v),
      );
      expectClose(
        await apply(s, 'tanh', x),
        sig2x.map((v) => 2 * v - 1),
        'tanh(x) against 2 sigmoid(2x) - 1',
      );
    }),
    property(
      'ranges, for inputs up to ±100: ReLU(x) >= 0, sigmoid(x) in [0, 1], tanh(x) in [-1, 1], never NaN',
      huge,
      async (s, x) => {
        const bounds = { relu: [0, Infinity], sigmoid: [0, 1], tanh: [-1, 1] } as const;
        for (const fn of ACTIVATIONS) {
          const y = await apply(s, fn, x);
          expectFinite(y, `${fn}(x)`);
          const [lo, hi] = bounds[fn];
          const bad = y.values.findIndex((v) => v < lo || v > hi);
          ensure(
            bad < 0,
            `${fn}(${formatNumber(x.values[bad]!)}) = ${formatNumber(y.values[bad]!)}, outside [${lo}, ${hi}]`,
          );
        }
      },
    ),
    reference(
      'relu, sigmoid and tanh match tf.relu, tf.sigmoid and tf.tanh',
      inputs({ min: -10, max: 10 }),
      async (s, x) => {
        for (const fn of ACTIVATIONS) expectClose(await apply(s, fn, x), refActivation[fn](x), `${fn}(x)`);
      },
    ),
    // The hand-written derivatives times a random upstream gradient dy, against central
    // differences of the reference activations: dy f'(x) element by element.
    property(
      'reluGrad, sigmoidGrad and tanhGrad match finite differences of the activations, away from 0',
      fc.tuple(smooth, anySeed),
      async (s, [x, dySeed]) => {
        const dy = normalTensor(makeRng(dySeed), x.shape);
        for (const fn of ACTIVATIONS) {
          const numeric = await centralDifferences(fn, x, dy);
          const d = await apply(s, `${fn}Grad`, x);
          expectGradientClose(
            d.map((v, i) => v * dy.values[i]!),
            numeric,
            `${fn}Grad(x) times the upstream gradient`,
          );
        }
      },
      { kind: 'gradient', numRuns: 10 },
    ),
    // Up to ±100 exp overflows float32: each derivative, by hand and through autodiff, must stay
    // finite and equal the exact one (with a random upstream gradient dy for autodiff). ReLU has
    // its kink at 0, so its autodiff gradient is not asked there (dy = 0).
    property(
      'for inputs up to ±100 (and 0), the derivatives by hand and through autodiff are finite and exact',
      fc.tuple(huge, anySeed).map(([x, seed]) => [TensorData.float([x.size + 1], [...x.values, 0]), seed] as const),
      async (s, [x, dySeed]) => {
        const dy = normalTensor(makeRng(dySeed), x.shape);
        for (const fn of ACTIVATIONS) {
          const exact = x.map((v) => exactDerivative[fn](v));
          const d = await apply(s, `${fn}Grad`, x);
          expectFinite(d, `${fn}Grad(x)`);
          expectClose(d, exact, `${fn}Grad(x) against the exact derivative`);
          const up = fn === 'relu' ? dy.map((v, i) => (x.values[i] === 0 ? 0 : v)) : dy;
          const { grads } = await s.vjp(fn, [x], [0], up);
          expectFinite(grads[0]!, `the gradient of ${fn} through tfjs autodiff`);
          expectClose(
            grads[0],
            exact.map((v, i) => v * up.values[i]!),
            `the gradient of ${fn} through tfjs autodiff (times the upstream gradient) against the exact derivative`,
          );
        }
      },
      // The extremes are in every run; more runs only add random inputs.
      { kind: 'gradient', numRuns: 5 },
    ),
    property(
      'the gradients of relu, sigmoid and tanh through tfjs autodiff match finite differences, away from 0',
      fc.tuple(smooth, anySeed),
      async (s, [x, dySeed]) => {
        const dy = normalTensor(makeRng(dySeed), x.shape);
        for (const fn of ACTIVATIONS) {
          const { grads } = await s.vjp(fn, [x], [0], dy);
          const numeric = await centralDifferences(fn, x, dy);
          expectGradientClose(grads[0]!, numeric, `the gradient of ${fn} with respect to x`);
        }
      },
      { kind: 'gradient', numRuns: 10 },
    ),
  ],
});
