import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import * as ref from '../../../reference/18-grad-clipping';
import { dim, shape, tensor } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectNumberClose, expectTensor } from '../../lib/compare';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { fromTensor, toTensor } from '../../lib/tf-interop';

/** The global L2 norm of a list of tensors, in float64. */
const globalNorm = (gs: TensorData[]) => Math.hypot(...gs.flatMap((g) => Array.from(g.values)));

/**
 * 1 to 3 gradient tensors (at least one entry away from 0) and a threshold θ between a tenth of
 * their global norm and three times it: clipped and untouched cases in about equal numbers.
 */
const problem = fc
  .tuple(
    fc.array(shape(dim(1, 4), dim(1, 4)), { minLength: 1, maxLength: 3 }),
    fc.double({ min: 0.1, max: 3, noNaN: true }),
  )
  .chain(([shapes, factor]) =>
    fc.tuple(fc.tuple(...shapes.map((s) => tensor(s, { min: -5, max: 5 }))), fc.constant(factor)),
  )
  .filter(([gs]) => globalNorm(gs) > 0.1)
  .map(([gs, factor]) => ({ grads: gs as TensorData[], theta: factor * globalNorm(gs) }));

async function clip(s: Subject, grads: TensorData[], theta: number): Promise<{ grads: TensorData[]; norm: unknown }> {
  const out = (await s.call('clipByGlobalNorm', grads, theta)) as { grads?: unknown; norm?: unknown } | null;
  if (out === null || typeof out !== 'object' || !Array.isArray(out.grads) || out.grads.length !== grads.length) {
    throw new CheckFailure(`clipByGlobalNorm should return { grads, norm } with the ${grads.length} clipped gradients`);
  }
  const clipped = out.grads as unknown[];
  return {
    grads: grads.map((g, i) => expectTensor(clipped[i], `gradient ${i} after clipping`, g.shape)),
    norm: out.norm,
  };
}

function referenceClip(grads: TensorData[], theta: number): TensorData[] {
  const inputs = grads.map(toTensor);
  const out = ref.clipByGlobalNorm(inputs, theta);
  const data = out.map(fromTensor);
  tf.dispose([...inputs, ...out]);
  return data;
}

export default defineExercise({
  id: '18-grad-clipping',
  title: 'Gradient clipping',
  file: 'clipping.ts',
  checks: [
    example(
      'gradients [3] and [4] have global norm 5: θ = 1 gives [0.6] and [0.8] (not [1] and [1], per tensor); θ = 10 leaves them',
      async (s) => {
        const grads = [TensorData.of([3]), TensorData.of([4])];
        const clipped = await clip(s, grads, 1);
        expectClose(clipped.grads[0], TensorData.of([0.6]), 'gradient 0 clipped to θ = 1');
        expectClose(clipped.grads[1], TensorData.of([0.8]), 'gradient 1 clipped to θ = 1');
        const kept = await clip(s, grads, 10);
        kept.grads.forEach((g, i) => expectClose(g, grads[i]!, `gradient ${i} with θ = 10`));
      },
    ),
    property('after clipping the global norm is at most θ', problem, async (s, { grads, theta }) => {
      const n = globalNorm((await clip(s, grads, theta)).grads);
      // float32 rounding of each entry: 1e-6 relative.
      ensure(
        n <= theta * (1 + 1e-6),
        `after clipping with θ = ${formatNumber(theta)} the global norm is ${formatNumber(n)}`,
      );
    }),
    property(
      'the direction is kept: every gradient is scaled by the same factor min(1, θ / ‖g‖)',
      problem,
      async (s, { grads, theta }) => {
        const c = Math.min(1, theta / globalNorm(grads));
        (await clip(s, grads, theta)).grads.forEach((g, i) =>
          expectClose(
            g,
            grads[i]!.map((v) => c * v),
            `gradient ${i} after clipping (θ = ${formatNumber(theta)}, ‖g‖ = ${formatNumber(globalNorm(grads))}: every entry times ${formatNumber(c)})`,
          ),
        );
      },
    ),
    property(
      'below θ nothing changes: the gradients come back exactly as they were',
      problem,
      async (s, { grads, theta }) => {
        const above = Math.max(theta, globalNorm(grads) * 1.01);
        (await clip(s, grads, above)).grads.forEach((g, i) =>
          expectClose(
            g,
            grads[i]!,
            `gradient ${i} with θ = ${formatNumber(above)} above ‖g‖ = ${formatNumber(globalNorm(grads))}`,
            { atol: 0, rtol: 0 },
          ),
        );
      },
    ),
    property(
      'the returned norm is the global L2 norm of the gradients before clipping',
      problem,
      async (s, { grads, theta }) => {
        // A float32 sum of up to 48 squares: 1e-6 relative.
        expectNumberClose((await clip(s, grads, theta)).norm, globalNorm(grads), 'the returned norm', {
          atol: 1e-6,
          rtol: 1e-5,
        });
      },
    ),
    reference(
      'matches the reference (tf.norm of all gradients flattened, scaled by min(1, θ / norm))',
      problem,
      async (s, { grads, theta }) => {
        const expected = referenceClip(grads, theta);
        (await clip(s, grads, theta)).grads.forEach((g, i) =>
          expectClose(g, expected[i]!, `gradient ${i} after clipping (θ = ${formatNumber(theta)})`),
        );
      },
    ),
    // Fixed inputs at the extremes the random ones never reach: a zero gradient (norm 0, where θ / ‖g‖
    // is infinite), gradients of 1e-6 clipped to θ = 1e-7 (where an ε added to ‖g‖ shows), and
    // entries from 1e4 to 1e-4 in one list (clipped by one factor, the small ones too).
    example(
      'at the extremes: zero gradients stay zero (norm 0), gradients of 1e-6 clip to θ = 1e-7 exactly, and entries from 1e4 to 1e-4 all shrink by the same factor',
      async (s) => {
        const cases: [string, TensorData[], number][] = [
          ['zero gradients', [TensorData.of([0, 0]), TensorData.of([[0], [0]])], 1],
          ['gradients of about 1e-6', [TensorData.of([1e-6, -2e-6]), TensorData.of([[2e-6]])], 1e-7],
          ['gradients of about 1e-6 below θ = 1e-5', [TensorData.of([1e-6, -2e-6]), TensorData.of([[2e-6]])], 1e-5],
          [
            'entries from 1e4 to 1e-4',
            [
              TensorData.of([1e4, -3e3]),
              TensorData.of([
                [1e-4, -2e-3],
                [0.5, 0],
              ]),
            ],
            1,
          ],
        ];
        for (const [what, grads, theta] of cases) {
          const norm = globalNorm(grads);
          const c = norm <= theta ? 1 : theta / norm;
          const out = await clip(s, grads, theta);
          out.grads.forEach((g, i) =>
            expectClose(
              g,
              grads[i]!.map((v) => c * v),
              `gradient ${i} of the ${what} after clipping to θ = ${formatNumber(theta)} (‖g‖ = ${formatNumber(norm)}: every entry times ${formatNumber(c)})`,
              { atol: 0, rtol: 1e-5 },
            ),
          );
          expectNumberClose(out.norm, norm, `the returned norm of the ${what}`, { atol: 0, rtol: 1e-5 });
        }
      },
    ),
    rejects('θ <= 0 or θ = NaN gives a HyperparameterError naming theta', async (s) => {
      for (const theta of [0, -1, Number.NaN])
        await s.rejects(
          'clipByGlobalNorm',
          [[TensorData.of([3, 4])], theta],
          /theta|θ|threshold/i,
          `when θ = ${theta}`,
          'HyperparameterError',
        );
    }),
  ],
});
