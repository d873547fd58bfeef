import { describe, expect, test } from 'vitest';
import { makeRng, type Rng } from '../../reference/random';
import { normalTensor } from './arbitraries';
import { CheckFailure } from './failure';
import { expectGradientClose, GRAD_EPS, numericVjp } from './gradcheck';
import { TensorData } from './tensor-data';

const TRIALS = 50;
const f32 = Math.fround;

/** A function of one float32 tensor, with its vector-Jacobian product written by hand. */
interface Case {
  name: string;
  shape: number[];
  forward(x: TensorData): TensorData;
  vjp(x: TensorData, dy: TensorData): TensorData;
}

function matmul(a: TensorData, b: TensorData): TensorData {
  const [n, d] = a.shape as [number, number];
  const k = b.shape[1]!;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < d; l++) s += a.get(i, l) * b.get(l, j);
      out[i * k + j] = s;
    }
  }
  return new TensorData([n, k], 'float32', out);
}

const transpose = (t: TensorData): TensorData => {
  const [r, c] = t.shape as [number, number];
  return TensorData.float(
    [c, r],
    Array.from({ length: r * c }, (_, i) => t.get(i % r, Math.floor(i / r))),
  );
};

/** Row-wise softmax with every operation rounded to float32, as a backend computes it. */
function softmax(x: TensorData): TensorData {
  const y = x.rows().flatMap((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => f32(Math.exp(f32(v - m))));
    const s = e.reduce((a, b) => f32(a + b), 0);
    return e.map((v) => f32(v / s));
  });
  return TensorData.float(x.shape, y);
}

const W = normalTensor(makeRng(7), [4, 3]);

const square: Case = {
  name: 'x² elementwise',
  shape: [3, 4],
  forward: (x) => x.map((v) => v * v),
  vjp: (x, dy) => x.map((v, i) => 2 * v * dy.values[i]!),
};

const rowMeanSquare: Case = {
  name: 'the mean of x² over each row',
  shape: [3, 4],
  forward: (x) =>
    TensorData.float(
      [x.shape[0]!],
      x.rows().map((r) => r.reduce((a, v) => a + v * v, 0) / r.length),
    ),
  vjp: (x, dy) => x.map((v, i) => (2 * v * dy.values[Math.floor(i / 4)]!) / 4),
};

const cases: Case[] = [
  square,
  rowMeanSquare,
  { name: 'the linear map x·W', shape: [2, 4], forward: (x) => matmul(x, W), vjp: (_, dy) => matmul(dy, transpose(W)) },
  {
    name: 'softmax in float32',
    shape: [3, 4],
    forward: softmax,
    vjp: (x, dy) => {
      const y = softmax(x);
      const dyRows = dy.rows();
      return TensorData.float(
        x.shape,
        y.rows().flatMap((row, r) => {
          const dot = row.reduce((a, v, j) => a + v * dyRows[r]![j]!, 0);
          return row.map((v, j) => v * (dyRows[r]![j]! - dot));
        }),
      );
    },
  },
  {
    name: 'tanh',
    shape: [3, 4],
    forward: (x) => x.map(Math.tanh),
    vjp: (x, dy) => x.map((v, i) => (1 - Math.tanh(v) ** 2) * dy.values[i]!),
  },
];

/**
 * Runs `body` on the hand-written and the numeric gradient at a random input with a random
 * upstream gradient, once per trial.
 */
async function forEachTrial(
  c: Case,
  body: (analytic: TensorData, numeric: TensorData, rng: Rng, trial: number) => void,
): Promise<void> {
  for (let t = 0; t < TRIALS; t++) {
    const rng = makeRng(t);
    const x = normalTensor(rng, c.shape);
    const dy = normalTensor(rng, c.forward(x).shape);
    const [numeric] = await numericVjp(([a]) => c.forward(a as TensorData), [x], [0], dy);
    body(c.vjp(x, dy), numeric!, rng, t);
  }
}

/**
 * Changes one element, chosen among those at least a tenth of the largest: an error in an element
 * that is float32 noise next to the others is below what finite differences can see.
 */
function oneElement(g: TensorData, rng: Rng, change: (v: number) => number): TensorData {
  const max = Math.max(...g.values.map(Math.abs));
  const candidates = [...g.values.keys()].filter((i) => Math.abs(g.values[i]!) >= 0.1 * max);
  const k = candidates[rng.int(candidates.length)]!;
  return g.map((v, i) => (i === k ? change(v) : v));
}

const mistakes: [string, (g: TensorData, rng: Rng) => TensorData][] = [
  ['a negated gradient', (g) => g.map((v) => -v)],
  ['a gradient missing a factor 0.5', (g) => g.map((v) => 0.5 * v)],
  ['a gradient with one element times 1.5', (g, rng) => oneElement(g, rng, (v) => 1.5 * v)],
  ['a gradient with one element set to 0', (g, rng) => oneElement(g, rng, () => 0)],
];

describe('expectGradientClose against numericVjp', () => {
  for (const c of cases) {
    test(`accepts the correct gradient of ${c.name} in every one of ${TRIALS} trials`, async () => {
      await forEachTrial(c, (g, numeric, _, t) => {
        expect(() => expectGradientClose(g, numeric, c.name), `trial ${t}`).not.toThrow();
      });
    });

    for (const [mistake, make] of mistakes) {
      test(`rejects ${mistake} of ${c.name} in every one of ${TRIALS} trials`, async () => {
        await forEachTrial(c, (g, numeric, rng, t) => {
          expect(() => expectGradientClose(make(g, rng), numeric, c.name), `trial ${t}`).toThrow(CheckFailure);
        });
      });
    }
  }

  test('rejects a mean whose gradient is missing its 1/N in every trial', async () => {
    await forEachTrial(rowMeanSquare, (g, numeric, _, t) => {
      expect(
        () =>
          expectGradientClose(
            g.map((v) => 4 * v),
            numeric,
            'mean',
          ),
        `trial ${t}`,
      ).toThrow(CheckFailure);
    });
  });
});

describe('expectGradientClose on malformed gradients', () => {
  const numeric = TensorData.float(
    [3, 4],
    Array.from({ length: 12 }, (_, i) => i + 1),
  );

  test('rejects a gradient of the wrong shape, naming both shapes', () => {
    const transposed = new TensorData([4, 3], 'float32', numeric.values);
    expect(() => expectGradientClose(transposed, numeric, 'dX')).toThrow(CheckFailure);
    expect(() => expectGradientClose(transposed, numeric, 'dX')).toThrow('dX has shape [4, 3], expected [3, 4]');
  });

  test('rejects a gradient containing NaN, naming where', () => {
    const withNaN = numeric.map((v, i) => (i === 5 ? NaN : v));
    expect(() => expectGradientClose(withNaN, numeric, 'dX')).toThrow(CheckFailure);
    expect(() => expectGradientClose(withNaN, numeric, 'dX')).toThrow('dX has NaN at [1, 1]');
  });

  test('names the worst element of a wrong gradient', () => {
    const wrong = numeric.map((v, i) => (i === 7 ? -v : v));
    expect(() => expectGradientClose(wrong, numeric, 'dX')).toThrow(
      /dX is wrong at \[1, 3\]: finite differences give 8, your gradient -8/,
    );
  });
});

describe('the absolute floor GRAD_ABS_FLOOR', () => {
  const zero = TensorData.float([3, 4], new Array(12).fill(0));

  test('accepts float32 noise (1e-30) where the true gradient is all zero', () => {
    expect(() =>
      expectGradientClose(
        zero.map(() => 1e-30),
        zero,
        'dX',
      ),
    ).not.toThrow();
  });

  test('still rejects 1e-5 where the true gradient is all zero', () => {
    expect(() =>
      expectGradientClose(
        zero.map(() => 1e-5),
        zero,
        'dX',
      ),
    ).toThrow(CheckFailure);
  });
});

describe('numericVjp', () => {
  test('gives d/dx x² = 2x within 1e-4 per element', async () => {
    const x = normalTensor(makeRng(1), [4, 5]);
    const ones = x.map(() => 1);
    const [n] = await numericVjp(([a]) => square.forward(a as TensorData), [x], [0], ones);
    n!.values.forEach((v, i) => expect(Math.abs(v - 2 * x.values[i]!), `element ${i}`).toBeLessThanOrEqual(1e-4));
  });

  test('differentiates with respect to each requested argument, in order', async () => {
    const rng = makeRng(2);
    const a = normalTensor(rng, [2, 3]);
    const b = normalTensor(rng, [2, 3]);
    const dy = normalTensor(rng, [2, 3]);
    const product = ([p, q]: unknown[]) => (p as TensorData).map((v, i) => v * (q as TensorData).values[i]!);
    const [db, da] = await numericVjp(product, [a, b], [1, 0], dy);
    db!.values.forEach((v, i) => expect(v).toBeCloseTo(a.values[i]! * dy.values[i]!, 3));
    da!.values.forEach((v, i) => expect(v).toBeCloseTo(b.values[i]! * dy.values[i]!, 3));
  });

  test('divides by the float32 step actually taken, not by 2·eps', async () => {
    // At 1e4 the float32 spacing is 2^-10, so x ± 0.01 rounds to a step of about 0.0195.
    const x = TensorData.float([1], [1e4]);
    const step = f32(1e4 + GRAD_EPS) - f32(1e4 - GRAD_EPS);
    expect(step).not.toBe(2 * GRAD_EPS);
    const [n] = await numericVjp(([a]) => a as TensorData, [x], [0], TensorData.float([1], [1]));
    expect(n!.values[0]).toBe(1);
  });
});
