import * as ref from '../../../reference/02-linear-closed-form';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { formatNumber, TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refLeastSquares = viaTf(ref.leastSquares);

interface Problem {
  X: TensorData;
  y: TensorData;
  scale: number;
}

/** A scale between 1e-4 and 1e3: the same problem on any scale must get the same treatment. */
const anyScale = (rng: Rng) => 10 ** (rng.uniform() * 7 - 4);

/**
 * A well-posed least-squares problem: Gaussian X with n >= 2d + 5 rows (condition number in the
 * tens), on any scale (so a tolerance must be relative), and noisy labels.
 */
function wellPosed(rng: Rng): Problem {
  const d = 1 + rng.int(5);
  const n = 2 * d + 5 + rng.int(20);
  const scale = anyScale(rng);
  const X = normalTensor(rng, [n, d], scale);
  const w = Array.from({ length: d }, () => rng.normal());
  const y = TensorData.float(
    [n, 1],
    X.rows().map((row) => row.reduce((s, x, j) => s + x * w[j]!, 0) + 0.1 * scale * rng.normal()),
  );
  return { X, y, scale };
}

const SINGULAR_KINDS = 4;

/**
 * X with linearly dependent columns: a repeated column, a zero column, a doubled column, or fewer
 * rows than columns (`edge`: exactly d - 1 rows, where the error starts).
 */
function singular(rng: Rng, kind: number, edge = false): Problem & { why: string } {
  const d = 2 + rng.int(4);
  const n = kind === 3 ? (edge ? d - 1 : 1 + rng.int(d - 1)) : 2 * d + 5;
  const scale = anyScale(rng);
  const rows = normalTensor(rng, [n, d], scale).rows();
  const [a, b] = rng.shuffle([...Array(d).keys()]) as [number, number];
  const why = [
    'a repeated column',
    'a column of zeros',
    'a column equal to twice another',
    `${n} examples for ${d} features`,
  ][kind]!;
  for (const row of rows) {
    if (kind === 0) row[b] = row[a]!;
    if (kind === 1) row[b] = 0;
    if (kind === 2) row[b] = 2 * row[a]!;
  }
  const y = TensorData.float(
    [n, 1],
    rows.map(() => rng.normal()),
  );
  return { X: TensorData.float([n, d], rows.flat()), y, scale, why: `${why} (scale ${formatNumber(scale)})` };
}

export default defineExercise({
  id: '02-linear-closed-form',
  title: 'The analytical solution of linear regression',
  file: 'closed-form.ts',
  checks: [
    example('fits the line y = 1 + 2x through (0, 1), (1, 3), (2, 5) exactly', async (s) => {
      const X = TensorData.of([
        [1, 0],
        [1, 1],
        [1, 2],
      ]);
      const w = await s.tensor('normalEquations', X, TensorData.of([[1], [3], [5]]));
      expectClose(w, TensorData.of([[1], [2]]), 'normalEquations(X, y) for the line through (0, 1), (1, 3), (2, 5)', {
        atol: 1e-4,
        rtol: 1e-4,
      });
    }),
    // n = d is the smallest well-posed problem: one example fewer is singular. XᵀX here has condition
    // number 16, so float32 leaves errors near 1e-6 relative.
    example(
      'a square system (as many examples as features) is solved exactly, on a scale of 1e-3 and of 1e2',
      async (s) => {
        const X = [
          [2, 1, 0],
          [1, 3, 1],
          [0, 1, 4],
        ];
        const w = [1, -2, 0.5];
        for (const scale of [1e-3, 1e2]) {
          const Xs = TensorData.float(
            [3, 3],
            X.flat().map((v) => v * scale),
          );
          const y = TensorData.float(
            [3, 1],
            X.map((row) => scale * row.reduce((acc, x, j) => acc + x * w[j]!, 0)),
          );
          expectClose(
            await s.call('normalEquations', Xs, y),
            TensorData.float([3, 1], w),
            `normalEquations(X, X w) for a square X on a scale of ${scale}`,
            { atol: 1e-4, rtol: 1e-4 },
          );
        }
      },
    ),
    // The defining property of least squares: the residual is orthogonal to every column of X.
    // Measured on the solution over 300 problems: |x_jᵀr| / (|x_j| |y|) <= 1.1e-7 (XᵀX formed in
    // float32, solved in float64); the bound 1e-4 leaves room for a float32 solve.
    property('the residual y - Xw is orthogonal to every column of X', seeded(wellPosed), async (s, { X, y }) => {
      const w = expectTensor(await s.call('normalEquations', X, y), 'normalEquations(X, y)', [X.shape[1]!, 1]);
      const r = X.rows().map((row, i) => y.values[i]! - row.reduce((acc, x, j) => acc + x * w.values[j]!, 0));
      const yNorm = Math.hypot(...y.values);
      for (let j = 0; j < X.shape[1]!; j++) {
        const col = X.rows().map((row) => row[j]!);
        const dot = col.reduce((acc, x, i) => acc + x * r[i]!, 0);
        const bound = 1e-4 * Math.hypot(...col) * yNorm;
        ensure(
          Math.abs(dot) <= bound,
          `column ${j} of X is not orthogonal to the residual y - Xw: x_jᵀ(y - Xw) = ${formatNumber(dot)}, allowed ${formatNumber(bound)}`,
        );
      }
    }),
    reference('agrees with least squares by QR decomposition', seeded(wellPosed), async (s, { X, y }) => {
      const expected = refLeastSquares(X, y);
      // Both float32 results agree to ~2e-6 relative (measured); QR is the better conditioned of the two.
      expectClose(await s.call('normalEquations', X, y), expected, 'normalEquations(X, y)', { atol: 1e-5, rtol: 2e-4 });
    }),
    rejects(
      'linearly dependent columns (a singular XᵀX) give a SingularMatrixError that says "singular"',
      async (s, { rng }) => {
        for (let k = 0; k < 2 * SINGULAR_KINDS; k++) {
          const { X, y, why } = singular(rng, k % SINGULAR_KINDS, k === SINGULAR_KINDS - 1);
          await s.rejects('normalEquations', [X, y], /singular/i, `when X has ${why}`, 'SingularMatrixError');
        }
      },
    ),
  ],
});
