import * as fc from 'fast-check';
import * as ref from '../../../reference/03-squared-loss-sgd';
import { dim, float32, normalTensor, seeded, shape, tensor } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property } from '../../lib/checks';
import { expectClose, expectTensor } from '../../lib/compare';
import { CheckFailure } from '../../lib/failure';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

const refSquaredLoss = viaTf(ref.squaredLoss);

/** Parameters of random shapes, their gradients, a learning rate and a batch size. */
const sgdArgs = fc.array(shape(dim(1, 4), dim(1, 4)), { minLength: 1, maxLength: 3 }).chain((shapes) =>
  fc.record({
    params: fc.tuple(...shapes.map((s) => tensor(s))),
    grads: fc.tuple(...shapes.map((s) => tensor(s))),
    lr: float32({ min: 1e-3, max: 1 }),
    batchSize: fc.integer({ min: 1, max: 64 }),
  }),
);

/** A linear-regression minibatch and parameters, drawn from a seed. */
const stepArgs = seeded((rng) => {
  const d = 1 + rng.int(4);
  const batch = 1 + rng.int(16);
  return {
    w: normalTensor(rng, [d, 1]),
    b: normalTensor(rng, [1]),
    X: normalTensor(rng, [batch, d]),
    y: normalTensor(rng, [batch, 1], 3),
    lr: 0.01 + rng.uniform() * 0.3,
  };
});

export default defineExercise({
  id: '03-squared-loss-sgd',
  title: 'Squared loss and a minibatch SGD step',
  file: 'squared-loss-sgd.ts',
  checks: [
    example('squaredLoss([[1], [2]], [3, 1]) = [[2], [0.5]] (labels reshaped to the predictions)', async (s) => {
      const got = await s.tensor('squaredLoss', TensorData.of([[1], [2]]), TensorData.of([3, 1]));
      expectClose(got, TensorData.of([[2], [0.5]]), 'squaredLoss([[1], [2]], [3, 1])');
    }),
    gradient('the gradient of squaredLoss with respect to the predictions matches finite differences', {
      fn: 'squaredLoss',
      args: dim(1, 6).chain((n) => fc.tuple(tensor([n, 1]), tensor([n]))),
      wrt: [0],
      forward: (yHat, y) => refSquaredLoss(yHat as TensorData, y as TensorData),
    }),
    property(
      'sgd moves every parameter by -lr * grad / batchSize',
      sgdArgs,
      async (s, { params, grads, lr, batchSize }) => {
        const out = await s.call('sgd', params, grads, lr, batchSize);
        if (!Array.isArray(out) || out.length !== params.length) {
          throw new CheckFailure(`sgd should return the ${params.length} updated parameters as an array`);
        }
        params.forEach((p, i) => {
          const expected = p.map((x, j) => x - (lr * grads[i]!.values[j]!) / batchSize);
          expectClose(out[i], expected, `parameter ${i} after sgd (lr ${lr}, batchSize ${batchSize})`);
        });
      },
    ),
    // The oracle, in float64: the gradient of the summed loss with respect to w is
    // sum_i x_i (x_iᵀw + b - y_i), with respect to b sum_i (x_iᵀw + b - y_i).
    property(
      'one linregStep equals w - lr/|B| times the sum over the batch of the per-example gradients',
      stepArgs,
      async (s, { w, b, X, y, lr }) => {
        const out = await s.call('linregStep', w, b, X, y, lr);
        if (!Array.isArray(out) || out.length !== 2) throw new CheckFailure('linregStep should return [w, b]');
        const B = X.shape[0]!;
        const errors = X.rows().map(
          (row, i) => row.reduce((acc, x, j) => acc + x * w.values[j]!, 0) + b.values[0]! - y.values[i]!,
        );
        const gw = w.map((_, j) => X.rows().reduce((acc, row, i) => acc + row[j]! * errors[i]!, 0));
        const gb = errors.reduce((a, e) => a + e, 0);
        expectClose(
          expectTensor(out[0], 'w after the step', w.shape),
          w.map((x, j) => x - (lr / B) * gw.values[j]!),
          'w after the step',
        );
        expectClose(
          expectTensor(out[1], 'b after the step', b.shape),
          TensorData.float([1], [b.values[0]! - (lr / B) * gb]),
          'b after the step',
        );
      },
    ),
  ],
});
