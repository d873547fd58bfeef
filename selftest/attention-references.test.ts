/**
 * The attention references of chapter 8 (reference/46-54, ops/embedding), which the capstones and
 * chapter 9's BERT build on, against the float64 formulas of graders/lib/float64/attention.ts on
 * the cpu and the wasm backends: their values, and the gradients tfjs computes through them (the
 * custom matMul and embedding gradients included) against central differences of float64. Also:
 * step-by-step decoding with caches equals the causal pass, the dropout masks are 13-dropout's,
 * the initialisations have their stated shapes and ranges, bad input gets typed errors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalTensor } from '../graders/lib/arbitraries';
import { dropped, FLOAT64_EPS } from '../graders/lib/attention';
import { expectClose } from '../graders/lib/compare';
import {
  additiveAttention64,
  type BlockData,
  decoderBlock64,
  dotAttention64,
  encoderBlock64,
  exact,
  exactM3,
  ffn64,
  layerNorm64,
  m3,
  mat,
  maskedSoftmax64,
  multiHead64,
  multiHeadParams64,
  rowLengths,
  type TransformerData,
  transformer64,
  vec,
} from '../graders/lib/float64/attention';
import { expectGradientClose, numericVjp } from '../graders/lib/gradcheck';
import { TensorData } from '../graders/lib/tensor-data';
import { fromTensor, toTensor } from '../graders/lib/tf-interop';
import * as r47 from '../reference/47-masked-softmax';
import * as r48 from '../reference/48-additive-attention';
import * as r49 from '../reference/49-dot-product-attention';
import * as r51 from '../reference/51-multi-head';
import * as r52 from '../reference/52-positional-encoding';
import * as r53 from '../reference/53-ffn-addnorm';
import * as r54 from '../reference/54-transformer';
import { switchBackend, type BackendName } from '../reference/backend';
import { embedding } from '../reference/ops/embedding';
import { makeRng, type Rng } from '../reference/random';

type Ts = tf.Tensor[];
const t1 = (x: tf.Tensor | undefined) => x as tf.Tensor1D;
const t2 = (x: tf.Tensor | undefined) => x as tf.Tensor2D;
const t3 = (x: tf.Tensor | undefined) => x as tf.Tensor3D;
const lens = TensorData.int([2], [3, 1]);
const lens2 = TensorData.int([2, 2], [1, 3, 2, 2]);
const lensOf = (t: TensorData) => tf.tensor(t.values, [...t.shape], 'int32');

interface Case {
  name: string;
  /** The tensor arguments, every one differentiated. */
  make(rng: Rng): TensorData[];
  /** The reference on them, flattened. */
  ref(xs: Ts): tf.Tensor;
  /** The same in float64 from the formulas, kept in float64. */
  f64(xs: TensorData[]): TensorData;
  /** The arguments not differentiated (default: none). */
  constant?: number[];
}

const flat3 = (x: ReturnType<typeof m3>) => exactM3(x);
const names = (p: Record<string, unknown>) => Object.keys(p);
const record = <X>(keys: string[], xs: X[]) => Object.fromEntries(keys.map((k, i) => [k, xs[i]!]));

/** Weights of multi-head attention d → d, biases when `bias`. */
const mhaShapes = (dq: number, d: number, bias: boolean): Record<string, number[]> => ({
  W_q: [dq, d],
  W_k: [dq, d],
  W_v: [dq, d],
  W_o: [d, d],
  ...(bias ? { b_q: [d], b_k: [d], b_v: [d], b_o: [d] } : {}),
});
const drawAll = (rng: Rng, shapes: Record<string, number[]>, scale = 0.6) =>
  Object.values(shapes).map((s) => normalTensor(rng, s, scale));

const blockShapes = (d: number, hf: number, decoder: boolean): [string, Record<string, number[]>][] => {
  const ln = { gamma: [d], beta: [d] };
  const ffn = { W1: [d, hf], b1: [hf], W2: [hf, d], b2: [d] };
  return decoder
    ? [
        ['attention1', mhaShapes(d, d, false)],
        ['addNorm1', ln],
        ['attention2', mhaShapes(d, d, false)],
        ['addNorm2', ln],
        ['ffn', ffn],
        ['addNorm3', ln],
      ]
    : [
        ['attention', mhaShapes(d, d, false)],
        ['addNorm1', ln],
        ['ffn', ffn],
        ['addNorm2', ln],
      ];
};
/** gamma near 1 and b1 near 2 (the ReLU away from its kink), other parameters of scale 0.6. */
function drawBlock(rng: Rng, shapes: [string, Record<string, number[]>][]): TensorData[] {
  return shapes.flatMap(([, group]) =>
    Object.entries(group).map(([k, s]) => {
      const t = normalTensor(rng, s, k === 'b1' || k === 'gamma' ? 0.2 : 0.6);
      return k === 'b1' ? t.map((v) => v + 2) : k === 'gamma' ? t.map((v) => v + 1) : t;
    }),
  );
}
function nest<X>(shapes: [string, Record<string, number[]>][], xs: X[]): Record<string, Record<string, X>> {
  let k = 0;
  return Object.fromEntries(
    shapes.map(([g, group]) => [g, Object.fromEntries(Object.keys(group).map((n) => [n, xs[k++]!]))]),
  );
}

const d = 4;
const H = 2;
const hf = 5;
const encShapes = blockShapes(d, hf, false);
const decShapes = blockShapes(d, hf, true);

const cases: Case[] = [
  {
    name: 'maskedSoftmax (47), 2-D valid lengths',
    make: (rng) => [normalTensor(rng, [2, 2, 4], 2)],
    ref: ([X]) => r47.maskedSoftmax(t3(X), lensOf(lens2)),
    f64: ([X]) => flat3(maskedSoftmax64(m3(X!), rowLengths(lens2, 2, 2, 4))),
  },
  {
    name: 'dotProductAttention (49)',
    make: (rng) => [normalTensor(rng, [2, 2, 3]), normalTensor(rng, [2, 4, 3]), normalTensor(rng, [2, 4, 2])],
    ref: ([Q, K, V]) => r49.dotProductAttention(t3(Q), t3(K), t3(V), lensOf(lens)).output,
    f64: ([Q, K, V]) => flat3(dotAttention64(m3(Q!), m3(K!), m3(V!), rowLengths(lens, 2, 2, 4)).output),
  },
  {
    name: 'additiveAttention (48)',
    make: (rng) => [
      normalTensor(rng, [2, 2, 3]),
      normalTensor(rng, [2, 4, 2]),
      normalTensor(rng, [2, 4, 2]),
      normalTensor(rng, [3, 5], 0.6),
      normalTensor(rng, [2, 5], 0.6),
      normalTensor(rng, [5, 1]),
    ],
    ref: ([Q, K, V, W_q, W_k, w_v]) =>
      r48.additiveAttention({ W_q: t2(W_q), W_k: t2(W_k), w_v: t2(w_v) }, t3(Q), t3(K), t3(V), lensOf(lens2)).output,
    f64: ([Q, K, V, W_q, W_k, w_v]) =>
      flat3(
        additiveAttention64(mat(W_q!), mat(W_k!), mat(w_v!), m3(Q!), m3(K!), m3(V!), rowLengths(lens2, 2, 2, 4)).output,
      ),
  },
  ...[false, true].map(
    (bias): Case => ({
      name: `multiHeadAttention (51)${bias ? ' with biases (BERT)' : ''}`,
      make: (rng) => [
        normalTensor(rng, [2, 2, 3]),
        normalTensor(rng, [2, 4, 3]),
        normalTensor(rng, [2, 4, 3]),
        ...drawAll(rng, mhaShapes(3, d, bias)),
      ],
      ref: ([Q, K, V, ...ps]) =>
        r51.multiHeadAttention(
          record(names(mhaShapes(3, d, bias)), ps) as unknown as r51.MultiHeadParams,
          t3(Q),
          t3(K),
          t3(V),
          lensOf(lens),
          H,
        ).output,
      // b_k (argument 8) adds q·b_k to every score of query q: the softmax ignores it, so its
      // gradient is exactly 0, which float32 reproduces only to 1e-7.
      constant: bias ? [8] : [],
      f64: ([Q, K, V, ...ps]) =>
        flat3(
          multiHead64(
            multiHeadParams64(record(names(mhaShapes(3, d, bias)), ps)),
            m3(Q!),
            m3(K!),
            m3(V!),
            rowLengths(lens, 2, 2, 4),
            H,
          ).output,
        ),
    }),
  ),
  {
    name: 'positionalEncoding (52) from offset 3',
    make: (rng) => [normalTensor(rng, [2, 3, d])],
    ref: ([X]) => r52.positionalEncoding(t3(X), { offset: 3 }),
    f64: ([X]) =>
      exact(
        X!.shape,
        Array.from(X!.values, (x, k) => {
          const [t, c] = [Math.floor(k / d) % 3, k % d];
          const a = (3 + t) / 10000 ** ((c - (c % 2)) / d);
          return x + (c % 2 === 0 ? Math.sin(a) : Math.cos(a));
        }),
      ),
  },
  {
    name: 'positionWiseFfn (53)',
    make: (rng) => [
      normalTensor(rng, [2, 3, d]),
      normalTensor(rng, [d, hf], 0.5),
      normalTensor(rng, [hf], 0.2).map((v) => v + 2),
      normalTensor(rng, [hf, 3], 0.5),
      normalTensor(rng, [3]),
    ],
    ref: ([X, W1, b1, W2, b2]) => r53.positionWiseFfn({ W1: t2(W1), b1: t1(b1), W2: t2(W2), b2: t1(b2) }, t3(X)),
    f64: ([X, W1, b1, W2, b2]) => flat3(ffn64(m3(X!), mat(W1!), vec(b1!), mat(W2!), vec(b2!))),
  },
  {
    name: 'addNorm (53)',
    make: (rng) => [
      normalTensor(rng, [2, 3, d], 2),
      normalTensor(rng, [2, 3, d], 2),
      normalTensor(rng, [d]),
      normalTensor(rng, [d]),
    ],
    ref: ([X, Y, gamma, beta]) => r53.addNorm({ gamma: t1(gamma), beta: t1(beta) }, t3(X), t3(Y)),
    f64: ([X, Y, gamma, beta]) =>
      flat3(
        layerNorm64(
          m3(X!).map((r, i) => r.map((row, j) => row.map((v, k) => v + Y!.get(i, j, k)))),
          vec(gamma!),
          vec(beta!),
        ),
      ),
  },
  {
    name: 'encoderBlock (54)',
    make: (rng) => [normalTensor(rng, [2, 3, d]), ...drawBlock(rng, encShapes)],
    ref: ([X, ...ps]) =>
      r54.encoderBlock(
        nest(encShapes, ps) as unknown as r54.EncoderBlockParams,
        t3(X),
        lensOf(TensorData.int([2], [3, 2])),
        {
          numHeads: H,
        },
      ).output,
    f64: ([X, ...ps]) =>
      flat3(
        encoderBlock64(nest(encShapes, ps) as BlockData, m3(X!), rowLengths(TensorData.int([2], [3, 2]), 2, 3, 3), H)
          .output,
      ),
  },
  {
    name: 'decoderBlock (54) in training',
    make: (rng) => [normalTensor(rng, [2, 3, d]), normalTensor(rng, [2, 4, d]), ...drawBlock(rng, decShapes)],
    ref: ([X, E, ...ps]) =>
      r54.decoderBlock(
        nest(decShapes, ps) as unknown as r54.DecoderBlockParams,
        t3(X),
        { encOutputs: t3(E), encValidLens: lensOf(lens), keyValues: null },
        { numHeads: H, training: true },
      ).output,
    f64: ([X, E, ...ps]) =>
      flat3(
        decoderBlock64(nest(decShapes, ps) as BlockData, m3(X!), null, m3(E!), rowLengths(lens, 2, 3, 4), true, H)
          .output,
      ),
  },
];

/** A small Transformer: vocabularies of 6 and 7, d = 4, 2 heads, 2 layers. */
function drawTransformer(rng: Rng): TransformerData {
  const one = (shapes: [string, Record<string, number[]>][]) => nest(shapes, drawBlock(rng, shapes)) as BlockData;
  return {
    encoder: { embedding: normalTensor(rng, [6, d]), blocks: [one(encShapes), one(encShapes)] },
    decoder: {
      embedding: normalTensor(rng, [7, d]),
      blocks: [one(decShapes), one(decShapes)],
      dense: { W: normalTensor(rng, [d, 7], 0.5), b: normalTensor(rng, [7], 0.3) },
    },
  };
}
const encTokens = TensorData.int([2, 4], [1, 5, 2, 0, 3, 3, 4, 1]);
const decTokens = TensorData.int([2, 3], [0, 6, 2, 4, 1, 1]);
const encLens = TensorData.int([2], [4, 2]);

/** TensorData to tf.Tensor in nested records. */
function toTf(v: unknown): unknown {
  if (v instanceof TensorData) return toTensor(v);
  if (Array.isArray(v)) return v.map(toTf);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toTf(x)]));
  return v;
}

let original: BackendName;
beforeAll(() => {
  original = tf.getBackend() as BackendName;
});
afterAll(() => switchBackend(original));

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on ${backend}`, () => {
    for (const c of cases) {
      test(`${c.name}: values against float64, gradients against finite differences`, async () => {
        await switchBackend(backend);
        for (let seed = 0; seed < 2; seed++) {
          const rng = makeRng(seed);
          const xs = c.make(rng);
          const before = tf.memory().numTensors;
          const out = tf.tidy(() => c.ref(xs.map(toTensor)));
          const y = fromTensor(out);
          out.dispose();
          const e = c.f64(xs);
          expectClose(y, TensorData.float(e.shape, e.values), `${c.name} on ${backend}`);
          const dy = normalTensor(rng, y.shape);
          const wrt = xs.map((_, i) => i).filter((i) => !c.constant?.includes(i));
          const grads = tf.tidy(() =>
            tf.grads((...ts: tf.Tensor[]) =>
              c.ref(xs.map((x, i) => (wrt.includes(i) ? ts[wrt.indexOf(i)]! : toTensor(x)))),
            )(
              wrt.map((i) => toTensor(xs[i]!)),
              toTensor(dy),
            ),
          );
          const numeric = await numericVjp((a) => c.f64(a as TensorData[]), xs, wrt, dy, FLOAT64_EPS);
          grads.forEach((g, k) =>
            expectGradientClose(
              fromTensor(g),
              numeric[k]!,
              `the gradient of ${c.name} with respect to argument ${wrt[k]} on ${backend}`,
            ),
          );
          tf.dispose(grads);
          expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
        }
      });
    }

    test('transformer (54): logits against float64; the gradient reaches both embeddings (scatterND) and matches finite differences', async () => {
      await switchBackend(backend);
      const p = drawTransformer(makeRng(7));
      const before = tf.memory().numTensors;
      const run = (params: TransformerData) =>
        tf.tidy(() =>
          r54.transformer(
            toTf(params) as r54.TransformerParams,
            lensOf(encTokens) as tf.Tensor2D,
            lensOf(decTokens) as tf.Tensor2D,
            lensOf(encLens),
            {
              numHeads: H,
              training: true,
            },
          ),
        );
      const out = run(p);
      const y = fromTensor(out);
      out.dispose();
      const e = exactM3(transformer64(p, encTokens, decTokens, encLens, H));
      expectClose(y, TensorData.float(e.shape, e.values), `the logits on ${backend}`);
      // Gradients with respect to the embeddings, the first encoder block's W_q and the output layer.
      const dy = normalTensor(makeRng(8), y.shape);
      const args = [p.encoder.embedding, p.decoder.embedding, p.encoder.blocks[0]!.attention!.W_q!, p.decoder.dense.W];
      const withArgs = (a: TensorData[]): TransformerData => ({
        encoder: {
          embedding: a[0]!,
          blocks: [
            { ...p.encoder.blocks[0]!, attention: { ...p.encoder.blocks[0]!.attention!, W_q: a[2]! } },
            p.encoder.blocks[1]!,
          ],
        },
        decoder: { ...p.decoder, embedding: a[1]!, dense: { ...p.decoder.dense, W: a[3]! } },
      });
      const grads = tf.tidy(() =>
        tf.grads((...ts: tf.Tensor[]) => {
          const q = toTf(p) as r54.TransformerParams;
          q.encoder.embedding = t2(ts[0]);
          q.decoder.embedding = t2(ts[1]);
          q.encoder.blocks[0]!.attention.W_q = t2(ts[2]);
          q.decoder.dense.W = t2(ts[3]);
          return r54.transformer(
            q,
            lensOf(encTokens) as tf.Tensor2D,
            lensOf(decTokens) as tf.Tensor2D,
            lensOf(encLens),
            {
              numHeads: H,
              training: true,
            },
          );
        })(args.map(toTensor), toTensor(dy)),
      );
      const numeric = await numericVjp(
        (a) => exactM3(transformer64(withArgs(a as TensorData[]), encTokens, decTokens, encLens, H)),
        args,
        [0, 1, 2, 3],
        dy,
        FLOAT64_EPS,
      );
      grads.forEach((g, i) =>
        expectGradientClose(fromTensor(g), numeric[i]!, `the gradient with respect to argument ${i} on ${backend}`),
      );
      tf.dispose(grads);
      expect(tf.memory().numTensors, 'tensors leaked (the parameters were made inside tf.tidy)').toBeLessThanOrEqual(
        before,
      );
    });

    test('transformerDecoder (54) one token at a time with caches gives the causal pass’s logits', async () => {
      await switchBackend(backend);
      const p = drawTransformer(makeRng(9));
      tf.tidy(() => {
        const params = toTf(p) as r54.TransformerParams;
        const enc = r54.transformerEncoder(params.encoder, lensOf(encTokens) as tf.Tensor2D, lensOf(encLens), {
          numHeads: H,
        });
        const state = r54.initDecoderState(enc.output, lensOf(encLens), 2);
        const full = r54.transformerDecoder(params.decoder, lensOf(decTokens) as tf.Tensor2D, state, {
          numHeads: H,
          training: true,
        });
        let keyValues: (tf.Tensor3D | null)[] = state.keyValues;
        for (let t = 0; t < 3; t++) {
          const step = r54.transformerDecoder(
            params.decoder,
            lensOf(decTokens).slice([0, t], [2, 1]) as tf.Tensor2D,
            { ...state, keyValues },
            { numHeads: H },
          );
          expectClose(
            fromTensor(step.output),
            fromTensor(full.output.slice([0, t, 0], [2, 1, 7])),
            `the logits of step ${t}`,
          );
          keyValues = step.keyValues;
        }
      });
    });
  });
}

describe('dropout, initialisation and bad input', () => {
  test("the references' dropout masks are 13-dropout's: multi-head attention's on [b·H, n, m] weights", () => {
    const rng = makeRng(3);
    const [Q, K, V] = [normalTensor(rng, [2, 2, 3]), normalTensor(rng, [2, 6, 3]), normalTensor(rng, [2, 6, 3])];
    const ps = drawAll(rng, mhaShapes(3, d, false));
    const params = record(names(mhaShapes(3, d, false)), ps);
    const opts = { dropout: 0.4, training: true, seed: 11 };
    const [q, k, v] = [t3(toTensor(Q)), t3(toTensor(K)), t3(toTensor(V))];
    const out = tf.tidy(
      () => r51.multiHeadAttention(toTf(params) as r51.MultiHeadParams, q, k, v, null, H, opts).output,
    );
    const got = fromTensor(out);
    tf.dispose([out, q, k, v]);
    const lens6 = rowLengths(null, 2, 2, 6);
    const w = exactM3(multiHead64(multiHeadParams64(params), m3(Q), m3(K), m3(V), lens6, H).weights);
    const mask = dropped(TensorData.float(w.shape, w.values), 0.4, 11);
    const e = multiHead64(multiHeadParams64(params), m3(Q), m3(K), m3(V), lens6, H, (_, row) =>
      Array.from({ length: 2 }, (_, q) => Array.from(mask.values.subarray((row * 2 + q) * 6, (row * 2 + q + 1) * 6))),
    );
    expectClose(
      got,
      TensorData.float([2, 2, d], e.output.flat(2)),
      'multi-head attention in training with dropout 0.4',
    );
  });

  test('initTransformer: shapes, nn.Embedding N(0, 1), Xavier-uniform weights within their bounds, LayerNorm 1 and 0', () => {
    const p = r54.initTransformer(
      { srcVocabSize: 50, tgtVocabSize: 60, numHiddens: 32, ffnNumHiddens: 64, numLayers: 2 },
      5,
    );
    const all = tf.tidy(() => {
      const enc = p.encoder.blocks[0]!;
      const bound = Math.sqrt(6 / (32 + 64));
      const w1 = Array.from(enc.ffn.W1.dataSync());
      expect(enc.ffn.W1.shape).toEqual([32, 64]);
      expect(Math.max(...w1.map(Math.abs))).toBeLessThanOrEqual(bound);
      expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.9 * bound);
      expect(p.decoder.dense.W.shape).toEqual([32, 60]);
      expect(Array.from(p.decoder.blocks[1]!.addNorm3.gamma.dataSync()).every((v) => v === 1)).toBe(true);
      const emb = Array.from(p.encoder.embedding.dataSync());
      const mean = emb.reduce((a, v) => a + v, 0) / emb.length;
      const sd = Math.sqrt(emb.reduce((a, v) => a + (v - mean) ** 2, 0) / emb.length);
      expect(Math.abs(sd - 1)).toBeLessThan(0.1);
      return [p.encoder.blocks[0]!.attention.W_q.dataSync()[0], p.encoder.blocks[1]!.attention.W_q.dataSync()[0]];
    });
    expect(all[0]).not.toBe(all[1]);
    tf.dispose(p as unknown as tf.TensorContainer);
  });

  test('bad input gets typed errors naming the argument', () => {
    const x = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    expect(() => r47.maskedSoftmax(x, tf.tensor1d([2, 5], 'int32'))).toThrow(
      expect.objectContaining({ name: 'ValidLengthError' }),
    );
    expect(() => r47.maskedSoftmax(x, tf.tensor1d([-1, 2], 'int32'))).toThrow(/validLens/);
    expect(() =>
      r49.dotProductAttention(x, tf.zeros([2, 5, 3]) as tf.Tensor3D, tf.zeros([2, 5, 3]) as tf.Tensor3D, null),
    ).toThrow(expect.objectContaining({ name: 'ShapeMismatchError' }));
    expect(() => r51.transposeQkv(x, 3)).toThrow(/numHeads/);
    expect(() => r52.positionalEncodingTable(10, 5)).toThrow(/numHiddens/);
    expect(() => r52.positionalEncoding(tf.zeros([1, 3, 4]) as tf.Tensor3D, { offset: 998 })).toThrow(/maxLen/);
    expect(() => embedding(tf.zeros([5, 2]) as tf.Tensor2D, tf.tensor1d([1, 5], 'int32'))).toThrow(
      expect.objectContaining({ name: 'TokenIndexError' }),
    );
  });
});
