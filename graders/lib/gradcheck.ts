import { CheckFailure } from './failure';
import { formatNumber, TensorData } from './tensor-data';

/**
 * Numeric gradient checking in float32 (measured, see docs/facts.md, "Gradient checking in float32").
 *
 * Step: central differences with eps = 1e-2. Smaller steps drown in float32 roundoff (eps = 1e-4
 * rejected correct softmax-cross-entropy gradients 86-100% of the time); the truncation error
 * O(eps^2) of a smooth function stays far below the tolerance below.
 * The step actually taken is (x + eps) - (x - eps) after rounding both to float32; dividing by it
 * rather than by 2 eps removes a bias of up to 1e-5 relative.
 *
 * Tolerance: element-wise |g - n| <= 0.1 * max(|g|, |n|, 0.01 * max_all(|g|, |n|), 1e-6), and
 * overall ||g - n|| / max(||g||, ||n||, 1e-6) <= 1e-2. Without the absolute floor 1e-6 the rule
 * is purely relative, and a gradient that is float32 noise (1e-45 against 0, met at inputs near 0)
 * fails; with inputs of order 1, every gradient the checks compare is far above it. This passed
 * every correct gradient in 50 trials per case on cpu and wasm and rejected each structural bug
 * tried (negated, missing 1/N, missing 1/sqrt(d), truncated BPTT, wrong tanh', softmax backward
 * without its subtraction term); graders/lib/gradcheck.test.ts keeps the core of that evidence.
 */
export const GRAD_EPS = 1e-2;
export const GRAD_ELEMENT_RTOL = 0.1;
export const GRAD_ELEMENT_FLOOR = 0.01;
export const GRAD_ABS_FLOOR = 1e-6;
export const GRAD_NORM_RTOL = 1e-2;

export type Forward = (args: unknown[]) => TensorData | Promise<TensorData>;

/** sum(dy * y) in float64: the scalar whose gradient is the vector-Jacobian product dy^T J. */
function contract(y: TensorData, dy: TensorData): number {
  if (y.size !== dy.size) throw new Error(`numericVjp: output has ${y.size} elements, upstream gradient ${dy.size}`);
  let s = 0;
  for (let i = 0; i < y.size; i++) s += y.values[i]! * dy.values[i]!;
  return s;
}

/**
 * Central-difference vector-Jacobian products of `forward` at `args` with upstream gradient `dy`,
 * with respect to the tensor arguments at positions `wrt`. Every element is perturbed (keep the
 * tensors small: 2 evaluations per element).
 */
export async function numericVjp(
  forward: Forward,
  args: unknown[],
  wrt: number[],
  dy: TensorData,
  eps = GRAD_EPS,
): Promise<TensorData[]> {
  const out: TensorData[] = [];
  for (const w of wrt) {
    const x = args[w];
    if (!(x instanceof TensorData)) throw new Error(`numericVjp: argument ${w} is not a tensor`);
    const grad = new Float32Array(x.size);
    for (let i = 0; i < x.size; i++) {
      const at = (v: number) => {
        const values = Float32Array.from(x.values);
        values[i] = v;
        const a = [...args];
        a[w] = new TensorData(x.shape, 'float32', values);
        return a;
      };
      const plus = Math.fround(x.values[i]! + eps);
      const minus = Math.fround(x.values[i]! - eps);
      const fPlus = contract(await forward(at(plus)), dy);
      const fMinus = contract(await forward(at(minus)), dy);
      grad[i] = (fPlus - fMinus) / (plus - minus);
    }
    out.push(new TensorData(x.shape, 'float32', grad));
  }
  return out;
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/**
 * Asserts an analytic gradient matches a numeric one under the rule above; `what` names it.
 * `scale`, where given, is the size of the largest gradient of the same call (over every argument):
 * a tensor whose exact gradient is 0 (keys that one valid key makes irrelevant) gets float32
 * cancellation noise of order 1e-7 times the terms that cancel, below GRAD_ABS_FLOOR's 1e-7.
 */
export function expectGradientClose(analytic: TensorData, numeric: TensorData, what: string, scale0 = 0): void {
  if (analytic.shape.join() !== numeric.shape.join()) {
    throw new CheckFailure(
      `${what} has shape [${analytic.shape.join(', ')}], expected [${numeric.shape.join(', ')}] (the shape of the input)`,
    );
  }
  const bad = analytic.values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0)
    throw new CheckFailure(`${what} has ${formatNumber(analytic.values[bad]!)} at [${analytic.index(bad).join(', ')}]`);
  let scale = scale0;
  for (let i = 0; i < analytic.size; i++)
    scale = Math.max(scale, Math.abs(analytic.values[i]!), Math.abs(numeric.values[i]!));
  let worst = -1;
  let worstRatio = 1;
  const diff = new Float64Array(analytic.size);
  for (let i = 0; i < analytic.size; i++) {
    const g = analytic.values[i]!;
    const n = numeric.values[i]!;
    diff[i] = g - n;
    const allowed = GRAD_ELEMENT_RTOL * Math.max(Math.abs(g), Math.abs(n), GRAD_ELEMENT_FLOOR * scale, GRAD_ABS_FLOOR);
    const ratio = Math.abs(g - n) / allowed;
    if (ratio > worstRatio) {
      worst = i;
      worstRatio = ratio;
    }
  }
  const relErr =
    norm(diff) / Math.max(norm(analytic.values), norm(numeric.values), GRAD_ELEMENT_FLOOR * scale0, GRAD_ABS_FLOOR);
  const shown = [`analytic ${analytic}`, `numeric  ${numeric}`];
  if (worst >= 0) {
    throw new CheckFailure(
      `${what} is wrong at [${analytic.index(worst).join(', ')}]: finite differences give ${formatNumber(numeric.values[worst]!)}, ` +
        `your gradient ${formatNumber(analytic.values[worst]!)}`,
      shown,
    );
  }
  if (relErr > GRAD_NORM_RTOL) {
    throw new CheckFailure(
      `${what} differs from finite differences by ${formatNumber(relErr)} relative (allowed ${GRAD_NORM_RTOL})`,
      shown,
    );
  }
}
