import * as fc from 'fast-check';
import type { Rng } from '../../../reference/random';
import { anySeed, normalTensor, seeded } from '../../lib/arbitraries';
import { anyLensKind, callAttention, drawLens, dropped, filled, showLens, float64Gradient } from '../../lib/attention';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectClose, expectRowsAreDistributions, expectTensor } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import { exactM3, fromM3, type M, m3, multiHead64, multiHeadParams64, rowLengths } from '../../lib/float64/attention';
import type { Subject } from '../../lib/subject';
import { formatNumber, TensorData } from '../../lib/tensor-data';

type Params = Record<'W_q' | 'W_k' | 'W_v' | 'W_o', TensorData>;
interface Case {
  params: Params;
  queries: TensorData;
  keys: TensorData;
  values: TensorData;
  validLens: TensorData | null;
  numHeads: number;
}

/** Weights of scale 1/√fan_in (as d2l's init) times 1.5: scores spread enough that heads differ. */
function drawParams(rng: Rng, dq: number, dk: number, dv: number, h: number): Params {
  return {
    W_q: normalTensor(rng, [dq, h], 1.5 / Math.sqrt(dq)),
    W_k: normalTensor(rng, [dk, h], 1.5 / Math.sqrt(dk)),
    W_v: normalTensor(rng, [dv, h], 1 / Math.sqrt(dv)),
    W_o: normalTensor(rng, [h, h], 1 / Math.sqrt(h)),
  };
}

/** At least two examples and two heads, so that a mix-up of heads or examples shows. */
function drawCase(rng: Rng, min = 0): Case {
  const [b, n, m, H, dh] = [2 + rng.int(2), 1 + rng.int(3), 1 + rng.int(5), 2 + rng.int(2), 1 + rng.int(3)];
  const [dq, dk, dv] = [1 + rng.int(4), 1 + rng.int(4), 1 + rng.int(4)];
  return {
    params: drawParams(rng, dq, dk, dv, H * dh),
    queries: normalTensor(rng, [b, n, dq]),
    keys: normalTensor(rng, [b, m, dk]),
    values: normalTensor(rng, [b, m, dv]),
    validLens: drawLens(rng, anyLensKind(rng), b, n, m, min),
    numHeads: H,
  };
}

function expected(c: Case, weightsOf?: (w: M, row: number) => M) {
  const [b, n, m] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!];
  return multiHead64(
    multiHeadParams64(c.params),
    m3(c.queries),
    m3(c.keys),
    m3(c.values),
    rowLengths(c.validLens, b, n, m),
    c.numHeads,
    weightsOf,
  );
}

function attention(s: Subject, c: Case, opts: object = {}) {
  const [b, n, m, h] = [c.queries.shape[0]!, c.queries.shape[1]!, c.keys.shape[1]!, c.params.W_o.shape[1]!];
  return callAttention(
    s,
    'multiHeadAttention',
    [c.params, c.queries, c.keys, c.values, c.validLens, c.numHeads, opts],
    [b, n, h],
    [b * c.numHeads, n, m],
  );
}

/** X [b, n, h] and a number of heads dividing h. */
const qkvInput = seeded((rng) => {
  const [b, n, H, dh] = [1 + rng.int(3), 1 + rng.int(4), 1 + rng.int(4), 1 + rng.int(3)];
  return { X: normalTensor(rng, [b, n, H * dh]), numHeads: H };
});

export default defineExercise({
  id: '51-multi-head',
  title: 'Multi-head attention',
  file: 'multi-head.ts',
  uses: ['49-dot-product-attention', '47-masked-softmax', '13-dropout'],
  checks: [
    reference(
      'transposeQkv puts features i·h/H .. (i + 1)·h/H − 1 of example b into row b·H + i (head i of example b)',
      qkvInput,
      async (s, { X, numHeads: H }) => {
        const [b, n, h] = X.shape as [number, number, number];
        const dh = h / H;
        const e = TensorData.float(
          [b * H, n, dh],
          Array.from({ length: b * H * n * dh }, (_, idx) => {
            const [r, t, j] = [Math.floor(idx / (n * dh)), Math.floor(idx / dh) % n, idx % dh];
            return X.get(Math.floor(r / H), t, (r % H) * dh + j);
          }),
        );
        expectClose(await s.call('transposeQkv', X, H), e, `transposeQkv(X [${b}, ${n}, ${h}], ${H})`, {
          atol: 0,
          rtol: 0,
        });
      },
    ),
    property('transposeOutput(transposeQkv(X, H), H) gives X back', qkvInput, async (s, { X, numHeads: H }) => {
      const split = expectTensor(await s.call('transposeQkv', X, H), 'transposeQkv(X, H)');
      expectClose(await s.call('transposeOutput', split, H), X, `transposeOutput(transposeQkv(X, ${H}), ${H})`, {
        atol: 0,
        rtol: 0,
      });
    }),
    example(
      "d2l's example: h = 100, 5 heads, queries ones [2, 4, 100], keys and values ones [2, 6, 100], valid lengths [3, 2]: output [2, 4, 100], every row 1ᵀ W_v W_o (identical keys, so the weights are uniform over the valid ones)",
      async (s, { rng }) => {
        const c: Case = {
          params: drawParams(rng, 100, 100, 100, 100),
          queries: filled([2, 4, 100], 1),
          keys: filled([2, 6, 100], 1),
          values: filled([2, 6, 100], 1),
          validLens: TensorData.int([2], [3, 2]),
          numHeads: 5,
        };
        const { output } = await attention(s, c);
        // 1ᵀ W_v W_o in float64: the sum of every row of W_v, then its product with W_o.
        const Wv = c.params.W_v;
        const Wo = c.params.W_o;
        const row = Array.from({ length: 100 }, (_, j) => {
          let a = 0;
          for (let l = 0; l < 100; l++) {
            let v = 0;
            for (let k = 0; k < 100; k++) v += Wv.get(k, l);
            a += v * Wo.get(l, j);
          }
          return a;
        });
        expectClose(
          output,
          TensorData.float([2, 4, 100], Array.from({ length: 8 }, () => row).flat()),
          "the output of d2l's example",
        );
      },
    ),
    reference(
      'output and per-head attention weights match the heads computed one by one in float64 (head i on columns i·h/H .. (i + 1)·h/H − 1, concatenated, times W_o)',
      seeded((rng) => drawCase(rng)),
      async (s, c) => {
        const got = await attention(s, c);
        const e = expected(c);
        const what = `${c.numHeads} heads, validLens ${showLens(c.validLens)}`;
        expectClose(got.attentionWeights, fromM3(e.weights), `the attention weights [b·H, n, m] (${what})`);
        expectClose(got.output, fromM3(e.output), `the output (${what})`);
      },
    ),
    property(
      "every head's attention weights are a distribution over its example's valid keys, exactly 0 beyond them",
      seeded((rng) => drawCase(rng, 1)),
      async (s, c) => {
        const { attentionWeights: w } = await attention(s, c);
        expectRowsAreDistributions(w, 'the attention weights');
        const [bh, n, m] = w.shape as [number, number, number];
        const lens = rowLengths(c.validLens, bh / c.numHeads, n, m);
        const bad = w.values.findIndex((x, i) => {
          const [r, q, k] = w.index(i) as [number, number, number];
          return k >= lens[Math.floor(r / c.numHeads)]![q]! !== (x === 0);
        });
        if (bad >= 0) {
          const [r, q, k] = w.index(bad) as [number, number, number];
          const L = lens[Math.floor(r / c.numHeads)]![q]!;
          ensure(
            false,
            `row ${r} (head ${r % c.numHeads} of example ${Math.floor(r / c.numHeads)}) gives key ${k} weight ${formatNumber(w.values[bad]!)}, but that example's query ${q} has valid length ${L} (validLens ${showLens(c.validLens)}): keys below it get weight, keys from it on exactly 0`,
          );
        }
      },
    ),
    property(
      "dropout acts on every head's weights in training only, with the mask of 13-dropout from the seed over [b·H, n, m]",
      fc.tuple(
        seeded((rng) => {
          const c = drawCase(rng, 1);
          const m = 6;
          return {
            ...c,
            keys: normalTensor(rng, [c.keys.shape[0]!, m, c.keys.shape[2]!]),
            values: normalTensor(rng, [c.keys.shape[0]!, m, c.values.shape[2]!]),
            validLens: null,
          };
        }),
        fc.constantFrom(0.3, 0.6),
        anySeed,
      ),
      async (s, [c, p, seed]) => {
        expectClose(
          (await attention(s, c, { dropout: p, training: false, seed })).output,
          fromM3(expected(c).output),
          `the output in evaluation with dropout ${p}`,
        );
        const got = await attention(s, c, { dropout: p, training: true, seed });
        const w = fromM3(expected(c).weights);
        const mask = dropped(w, p, seed);
        const m = w.shape[2]!;
        const n = w.shape[1]!;
        const e = expected(c, (_, row) =>
          Array.from({ length: n }, (_, q) =>
            Array.from(mask.values.subarray((row * n + q) * m, (row * n + q + 1) * m)),
          ),
        );
        expectClose(got.attentionWeights, w, `the attention weights returned in training (before dropout, p = ${p})`);
        expectClose(got.output, fromM3(e.output), `the output in training with dropout ${p} and seed ${seed}`);
      },
      { numRuns: 10 },
    ),
    float64Gradient(
      'the gradients with respect to the queries, keys, values, W_q, W_k, W_v and W_o match finite differences',
      {
        fn: 'driveMultiHeadAttention',
        args: seeded((rng) => {
          const [b, n, m, H, dh, d] = [2, 1 + rng.int(2), 1 + rng.int(3), 2, 1 + rng.int(2), 1 + rng.int(3)];
          const p = drawParams(rng, d, d, d, H * dh);
          return [
            normalTensor(rng, [b, n, d]),
            normalTensor(rng, [b, m, d]),
            normalTensor(rng, [b, m, d]),
            p.W_q,
            p.W_k,
            p.W_v,
            p.W_o,
            drawLens(rng, anyLensKind(rng), b, n, m, 1),
            H,
          ];
        }),
        wrt: [0, 1, 2, 3, 4, 5, 6],
        forward: (queries, keys, values, W_q, W_k, W_v, W_o, validLens, numHeads) =>
          exactM3(
            expected({
              params: { W_q, W_k, W_v, W_o } as Params,
              queries: queries as TensorData,
              keys: keys as TensorData,
              values: values as TensorData,
              validLens: validLens as TensorData | null,
              numHeads: numHeads as number,
            }).output,
          ),
      },
    ),
    rejects(
      'a hidden size not divisible by the number of heads gets a HyperparameterError naming numHeads',
      async (s) => {
        const t = (...shape: number[]) => filled(shape, 0.5);
        const params = { W_q: t(4, 6), W_k: t(4, 6), W_v: t(4, 6), W_o: t(6, 6) };
        await s.rejects(
          'multiHeadAttention',
          [params, t(2, 3, 4), t(2, 5, 4), t(2, 5, 4), null, 4],
          /numHeads/,
          'when 4 heads share 6 hidden units',
          'HyperparameterError',
        );
        await s.rejects(
          'transposeQkv',
          [t(2, 3, 10), 4],
          /numHeads/,
          'when 10 features are split into 4 heads',
          'HyperparameterError',
        );
      },
    ),
  ],
});
