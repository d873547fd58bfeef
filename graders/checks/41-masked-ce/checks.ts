import * as ref from '../../../reference/41-masked-ce';
import type { Rng } from '../../../reference/random';
import { normalTensor, seeded } from '../../lib/arbitraries';
import { defineExercise, example, gradient, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectFinite, expectTensor } from '../../lib/compare';
import { TensorData } from '../../lib/tensor-data';
import { viaTf } from '../../lib/tf-interop';

/** Random logits [n, T, V] (spread `scale`), labels [n, T], valid lengths in [0, T + 1]. */
function lossCase(rng: Rng, scale = 2) {
  const [n, T, V] = [1 + rng.int(4), 1 + rng.int(5), 2 + rng.int(5)];
  return {
    pred: normalTensor(rng, [n, T, V], scale),
    label: TensorData.int(
      [n, T],
      Array.from({ length: n * T }, () => rng.int(V)),
    ),
    validLen: TensorData.int(
      [n],
      Array.from({ length: n }, () => rng.int(T + 2)),
    ),
  };
}

/** d2l's loss in float64: per sequence, Σ over steps before validLen of −log softmax(pred)[label], over T. */
function loss64(pred: TensorData, label: TensorData, validLen: TensorData): TensorData {
  const [n, T, V] = pred.shape as [number, number, number];
  return TensorData.float(
    [n],
    Array.from({ length: n }, (_, i) => {
      let sum = 0;
      for (let t = 0; t < Math.min(T, validLen.values[i]!); t++) {
        const row = Array.from({ length: V }, (_, v) => pred.get(i, t, v));
        const m = Math.max(...row);
        const lse = m + Math.log(row.reduce((a, x) => a + Math.exp(x - m), 0));
        sum += lse - row[label.get(i, t)]!;
      }
      return sum / T;
    }),
  );
}

const refMask = viaTf(ref.sequenceMask);
const refLoss = viaTf(ref.maskedSoftmaxCELoss);

export default defineExercise({
  id: '41-masked-ce',
  title: 'Sequence masks and the masked softmax cross-entropy loss',
  file: 'loss.ts',
  checks: [
    example("d2l's sequence_mask([[1, 2, 3], [4, 5, 6]], [1, 2]) = [[1, 0, 0], [4, 5, 0]]", async (s) => {
      const got = await s.tensor(
        'sequenceMask',
        TensorData.float([2, 3], [1, 2, 3, 4, 5, 6]),
        TensorData.int([2], [1, 2]),
      );
      expectClose(got, TensorData.float([2, 3], [1, 0, 0, 4, 5, 0]), 'sequenceMask(X, [1, 2])', { atol: 0, rtol: 0 });
    }),
    example(
      "d2l's sequence_mask(ones(2, 3, 4), [1, 2], value=-1): whole rows of the last axis become −1",
      async (s) => {
        const got = await s.tensor(
          'sequenceMask',
          TensorData.float([2, 3, 4], new Array(24).fill(1)),
          TensorData.int([2], [1, 2]),
          -1,
        );
        const expected = [1, -1, -1, 1, 1, -1].flatMap((v) => [v, v, v, v]);
        expectClose(got, TensorData.float([2, 3, 4], expected), 'sequenceMask(ones(2, 3, 4), [1, 2], -1)', {
          atol: 0,
          rtol: 0,
        });
      },
    ),
    reference(
      'sequenceMask matches the reference on tensors of rank 2 and 3, valid lengths from 0 to beyond T',
      seeded((rng) => {
        const [n, T] = [1 + rng.int(4), 1 + rng.int(5)];
        const shape = rng.uniform() < 0.5 ? [n, T] : [n, T, 1 + rng.int(3)];
        return {
          X: normalTensor(rng, shape),
          validLen: TensorData.int(
            [n],
            Array.from({ length: n }, () => rng.int(T + 2)),
          ),
          value: rng.uniform() < 0.5 ? 0 : Math.round(rng.normal() * 4),
        };
      }),
      async (s, { X, validLen, value }) => {
        const got = await s.tensor('sequenceMask', X, validLen, value);
        expectClose(got, refMask(X, validLen, value), `sequenceMask(X [${X.shape}], ${validLen}, ${value})`, {
          atol: 0,
          rtol: 0,
        });
      },
    ),
    example(
      "d2l's example: logits of ones [3, 4, 10], labels of ones, valid lengths [4, 2, 0] give [2.3026, 1.1513, 0]",
      async (s) => {
        const got = await s.tensor(
          'maskedSoftmaxCELoss',
          TensorData.float([3, 4, 10], new Array(120).fill(1)),
          TensorData.int([3, 4], new Array(12).fill(1)),
          TensorData.int([3], [4, 2, 0]),
        );
        expectClose(got, TensorData.float([3], [Math.log(10), Math.log(10) / 2, 0]), 'the loss of each sequence');
      },
    ),
    reference(
      'maskedSoftmaxCELoss matches the reference: the cross-entropy of the valid steps, averaged over all T steps',
      seeded((rng) => lossCase(rng)),
      async (s, { pred, label, validLen }) => {
        const got = await s.tensor('maskedSoftmaxCELoss', pred, label, validLen);
        expectClose(got, refLoss(pred, label, validLen), `the loss for valid lengths ${validLen}`);
      },
    ),
    property(
      'padding contributes nothing: new logits and labels at every step t >= validLen leave the loss unchanged',
      seeded((rng) => {
        const c = lossCase(rng);
        const [n, T, V] = c.pred.shape as [number, number, number];
        const padded = (i: number, t: number) => t >= c.validLen.values[i]!;
        const pred2 = c.pred.map((x, k) =>
          padded(Math.floor(k / (T * V)), Math.floor(k / V) % T) ? 5 * rng.normal() : x,
        );
        const label2 = TensorData.int(
          c.label.shape,
          Array.from(c.label.values, (x, k) => (padded(Math.floor(k / T), k % T) ? rng.int(V) : x)),
        );
        return { ...c, pred2, label2, n };
      }),
      async (s, { pred, label, validLen, pred2, label2 }) => {
        const a = expectTensor(
          await s.tensor('maskedSoftmaxCELoss', pred, label, validLen),
          'the loss',
          validLen.shape,
        );
        const b = await s.tensor('maskedSoftmaxCELoss', pred2, label2, validLen);
        expectClose(
          b,
          a,
          `the loss after changing the padded steps (valid lengths ${validLen}), compared with the loss before`,
        );
      },
    ),
    property(
      'logits 200 apart give a finite loss (a stable log-softmax, not the log of a softmax that underflowed to 0)',
      seeded((rng) => {
        const c = lossCase(rng);
        const T = c.pred.shape[1]!;
        return {
          ...c,
          pred: c.pred.map((x) => (x > 0 ? 100 : -100)),
          validLen: TensorData.int(c.validLen.shape, new Array(c.validLen.size).fill(T)),
        };
      }),
      async (s, { pred, label, validLen }) => {
        const got = await s.tensor('maskedSoftmaxCELoss', pred, label, validLen);
        expectFinite(got, 'the loss of logits ±100');
        expectClose(got, loss64(pred, label, validLen), 'the loss of logits ±100, compared with float64', {
          atol: 1e-3,
          rtol: 1e-6,
        });
      },
    ),
    gradient('its gradient with respect to the logits matches finite differences, and is 0 at padded steps', {
      fn: 'maskedSoftmaxCELoss',
      args: seeded((rng) => {
        const c = lossCase(rng, 1);
        return [c.pred, c.label, c.validLen];
      }),
      wrt: [0],
      forward: (pred, label, validLen) => loss64(pred as TensorData, label as TensorData, validLen as TensorData),
      numRuns: 10,
    }),
    rejects('labels or valid lengths that do not fit the logits are a ShapeMismatchError', async (s, { rng }) => {
      const pred = normalTensor(rng, [2, 3, 4]);
      const cases: [TensorData, TensorData, string][] = [
        [TensorData.int([2, 2], [0, 1, 2, 3]), TensorData.int([2], [1, 2]), 'labels [2, 2] for logits [2, 3, 4]'],
        [
          TensorData.int([3, 3], new Array(9).fill(0)),
          TensorData.int([2], [1, 2]),
          'labels [3, 3] for logits [2, 3, 4]',
        ],
        [
          TensorData.int([2, 3], new Array(6).fill(0)),
          TensorData.int([3], [1, 2, 3]),
          'valid lengths [3] for a batch of 2',
        ],
      ];
      for (const [label, validLen, why] of cases)
        await s.rejects(
          'maskedSoftmaxCELoss',
          [pred, label, validLen],
          /label|validLen/,
          `when given ${why}`,
          'ShapeMismatchError',
        );
    }),
  ],
});
