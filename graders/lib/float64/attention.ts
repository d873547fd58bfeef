/**
 * Attention and the Transformer (chapter 8) in float64 plain JavaScript, written from d2l's
 * formulas head by head and row by row: the checks' oracle, independent of tfjs and of the
 * reshapes (transpose_qkv) the code under test uses. Gradient checks take finite differences of
 * these. A batch of matrices is an M3 (number[batch][rows][cols]).
 */
import { TensorData } from '../tensor-data';

export type M = number[][];
export type M3 = M[];

export const m3 = (t: TensorData): M3 => {
  const [b, r, c] = t.shape as [number, number, number];
  return Array.from({ length: b }, (_, i) =>
    Array.from({ length: r }, (_, j) => Array.from(t.values.subarray((i * r + j) * c, (i * r + j + 1) * c))),
  );
};
// Parameters are read as plain arrays once per TensorData (a gradient check reads each thousands of times).
const mats = new WeakMap<TensorData, M>();
const vecs = new WeakMap<TensorData, number[]>();
function cached<V>(cache: WeakMap<TensorData, V>, t: TensorData, read: (t: TensorData) => V): V {
  let v = cache.get(t);
  if (v === undefined) {
    v = read(t);
    cache.set(t, v);
  }
  return v;
}
export const mat = (t: TensorData): M => cached(mats, t, (x) => x.rows());
export const vec = (t: TensorData): number[] => cached(vecs, t, (x) => Array.from(x.values));
export const fromM3 = (x: M3): TensorData =>
  TensorData.float([x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0], x.flat(2));
export const fromM = (x: M): TensorData => TensorData.float([x.length, x[0]?.length ?? 0], x.flat());

/**
 * A float64 result kept in float64, for the forward pass of a gradient check: numericVjp reads
 * only shape and values, and rounding the outputs to float32 would put noise of about
 * |y| · 6e-8 / eps = |y| · 3e-6 into every difference, as large as the small gradients of an
 * attention layer's weights (measured: 1.3e-6 on a gradient of 1.1e-5, against an allowed 1.2e-6).
 */
export function exact(shape: readonly number[], values: ArrayLike<number>): TensorData {
  return new TensorData(shape, 'float32', Float64Array.from(values) as unknown as Float32Array);
}
export const exactM3 = (x: M3): TensorData => exact([x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0], x.flat(2));

export function mm(a: M, b: M): M {
  const [n, p] = [b.length, b[0]?.length ?? 0];
  return a.map((r) => {
    const out = new Array<number>(p).fill(0);
    for (let k = 0; k < n; k++) {
      const [x, bk] = [r[k]!, b[k]!];
      for (let j = 0; j < p; j++) out[j]! += x * bk[j]!;
    }
    return out;
  });
}
export const transpose = (a: M): M => (a[0] ?? []).map((_, j) => a.map((r) => r[j]!));
const cols = (a: M, from: number, to: number): M => a.map((r) => r.slice(from, to));

/**
 * The valid length of every query row, [batch][queries]: validLens null (all keys valid), [batch]
 * (the same for each query of an example) or [batch, queries].
 */
export function rowLengths(validLens: TensorData | null, batch: number, queries: number, keys: number): number[][] {
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: queries }, (_, q) => {
      if (validLens === null) return keys;
      return validLens.rank === 1 ? validLens.values[b]! : validLens.values[b * queries + q]!;
    }),
  );
}

/** d2l's masked softmax: scores of keys j >= length replaced by −1e6, then a softmax over the keys. */
export function maskedSoftmax64(X: M3, lens: number[][]): M3 {
  return X.map((rows, b) =>
    rows.map((row, q) => {
      const s = row.map((x, j) => (j < lens[b]![q]! ? x : -1e6));
      const m = Math.max(...s);
      const e = s.map((x) => Math.exp(x - m));
      const z = e.reduce((a, x) => a + x, 0);
      return e.map((x) => x / z);
    }),
  );
}

/** Q Kᵀ / √d for each example. */
export function scaledScores64(Q: M3, K: M3): M3 {
  const d = Q[0]?.[0]?.length ?? 1;
  return Q.map((q, b) => mm(q, transpose(K[b]!)).map((r) => r.map((x) => x / Math.sqrt(d))));
}

export interface Attention64 {
  output: M3;
  weights: M3;
}

/** Weighted averages of the values: weights [b, n, m] · V [b, m, v]. */
export const attend64 = (weights: M3, V: M3): M3 => weights.map((w, b) => mm(w, V[b]!));

/** d2l's DotProductAttention in evaluation: softmax(Q Kᵀ / √d) V with the mask. */
export function dotAttention64(Q: M3, K: M3, V: M3, lens: number[][]): Attention64 {
  const weights = maskedSoftmax64(scaledScores64(Q, K), lens);
  return { output: attend64(weights, V), weights };
}

/** d2l's additive scores w_vᵀ tanh(W_q q + W_k k) of every query against every key, [b, n, m]. */
export function additiveScores64(Wq: M, Wk: M, wv: M, Q: M3, K: M3): M3 {
  return Q.map((q, b) => {
    const qp = mm(q, Wq);
    const kp = mm(K[b]!, Wk);
    return qp.map((qi) => kp.map((kj) => qi.reduce((s, x, l) => s + Math.tanh(x + kj[l]!) * wv[l]![0]!, 0)));
  });
}

/** d2l's AdditiveAttention in evaluation. */
export function additiveAttention64(Wq: M, Wk: M, wv: M, Q: M3, K: M3, V: M3, lens: number[][]): Attention64 {
  const weights = maskedSoftmax64(additiveScores64(Wq, Wk, wv, Q, K), lens);
  return { output: attend64(weights, V), weights };
}

/** X W (+ bias) for every example. */
export const dense64 = (X: M3, W: M, bias?: number[]): M3 =>
  X.map((x) => mm(x, W).map((r) => (bias ? r.map((v, j) => v + bias[j]!) : r)));

export interface MultiHead64 {
  W_q: M;
  W_k: M;
  W_v: M;
  W_o: M;
  b_q?: number[];
  b_k?: number[];
  b_v?: number[];
  b_o?: number[];
}

export const multiHeadParams64 = (p: Record<string, TensorData | undefined>): MultiHead64 => ({
  W_q: mat(p.W_q!),
  W_k: mat(p.W_k!),
  W_v: mat(p.W_v!),
  W_o: mat(p.W_o!),
  ...(p.b_q ? { b_q: vec(p.b_q), b_k: vec(p.b_k!), b_v: vec(p.b_v!), b_o: vec(p.b_o!) } : {}),
});

/**
 * Multi-head attention head by head, as the notes write it: head i attends with the i-th block of
 * h/H columns of W_q, W_k and W_v; the heads are concatenated and multiplied by W_o. `weightsOf`
 * may change each head's weights before they average the values (dropout); the weights returned
 * are [b·H][n][m], example-major as d2l's.
 */
export function multiHead64(
  p: MultiHead64,
  Q: M3,
  K: M3,
  V: M3,
  lens: number[][],
  H: number,
  weightsOf: (weights: M, row: number) => M = (w) => w,
): Attention64 {
  const h = p.W_q[0]!.length;
  const dh = h / H;
  const [q, k, v] = [dense64(Q, p.W_q, p.b_q), dense64(K, p.W_k, p.b_k), dense64(V, p.W_v, p.b_v)];
  const weights: M3 = [];
  const concat = q.map((qb, b) => {
    const heads = Array.from({ length: H }, (_, i) => {
      const { weights: w } = dotAttention64(
        [cols(qb, i * dh, (i + 1) * dh)],
        [cols(k[b]!, i * dh, (i + 1) * dh)],
        [cols(v[b]!, i * dh, (i + 1) * dh)],
        [lens[b]!],
      );
      weights.push(w[0]!);
      return attend64([weightsOf(w[0]!, b * H + i)], [cols(v[b]!, i * dh, (i + 1) * dh)])[0]!;
    });
    return qb.map((_, t) => heads.flatMap((hd) => hd[t]!));
  });
  return { output: dense64(concat, p.W_o, p.b_o), weights };
}

/** nn.LayerNorm over the last axis: (x − μ)/√(σ² + eps) · gamma + beta, σ² the biased variance. */
export function layerNorm64(X: M3, gamma: number[], beta: number[], eps = 1e-5): M3 {
  return X.map((rows) =>
    rows.map((x) => {
      const mu = x.reduce((a, v) => a + v, 0) / x.length;
      const v = x.reduce((a, t) => a + (t - mu) ** 2, 0) / x.length;
      return x.map((t, j) => ((t - mu) / Math.sqrt(v + eps)) * gamma[j]! + beta[j]!);
    }),
  );
}

/** d2l's PositionWiseFFN: relu(x W1 + b1) W2 + b2 at every position. */
export function ffn64(X: M3, W1: M, b1: number[], W2: M, b2: number[]): M3 {
  return dense64(
    dense64(X, W1, b1).map((r) => r.map((row) => row.map((v) => Math.max(v, 0)))),
    W2,
    b2,
  );
}

/** Element-wise sum of two batches. */
export const add3 = (a: M3, b: M3): M3 => a.map((r, i) => r.map((row, j) => row.map((v, k) => v + b[i]![j]![k]!)));

/** Parameters of a Transformer block as the checks hold them: records of TensorData, nested. */
export type BlockData = Record<string, Record<string, TensorData>>;

const ln64 = (X: M3, p: Record<string, TensorData>) => layerNorm64(X, vec(p.gamma!), vec(p.beta!));
const ffnOf = (X: M3, p: Record<string, TensorData>) => ffn64(X, mat(p.W1!), vec(p.b1!), mat(p.W2!), vec(p.b2!));

/** d2l's EncoderBlock in evaluation: LN(X + MHA(X, X, X)), then LN(Y + FFN(Y)). */
export function encoderBlock64(
  p: BlockData,
  X: M3,
  lens: number[][],
  H: number,
): { output: M3; weights: M3; ffnInput: M3 } {
  const att = multiHead64(multiHeadParams64(p.attention!), X, X, X, lens, H);
  const Y = ln64(add3(X, att.output), p.addNorm1!);
  return { output: ln64(add3(Y, ffnOf(Y, p.ffn!)), p.addNorm2!), weights: att.weights, ffnInput: Y };
}

/**
 * d2l's DecoderBlock without dropout: causal self-attention over X (training), or attention over
 * cache ++ X without a mask (prediction); encoder-decoder attention; FFN; three AddNorms.
 */
export function decoderBlock64(
  p: BlockData,
  X: M3,
  cache: M3 | null,
  encOutputs: M3,
  encLens: number[][],
  causal: boolean,
  H: number,
): { output: M3; keyValues: M3; selfWeights: M3; crossWeights: M3; ffnInput: M3 } {
  const keyValues = cache ? cache.map((c, b) => [...c, ...X[b]!]) : X;
  const T = X[0]!.length;
  const kv = keyValues[0]!.length;
  const selfLens = X.map(() => Array.from({ length: T }, (_, t) => (causal ? t + 1 : kv)));
  const self = multiHead64(multiHeadParams64(p.attention1!), X, keyValues, keyValues, selfLens, H);
  const Y = ln64(add3(X, self.output), p.addNorm1!);
  const cross = multiHead64(multiHeadParams64(p.attention2!), Y, encOutputs, encOutputs, encLens, H);
  const Z = ln64(add3(Y, cross.output), p.addNorm2!);
  return {
    output: ln64(add3(Z, ffnOf(Z, p.ffn!)), p.addNorm3!),
    keyValues,
    selfWeights: self.weights,
    crossWeights: cross.weights,
    ffnInput: Z,
  };
}

/** embedding(tokens) · √d + P[offset : offset + T], in float64. */
export function embed64(W: TensorData, tokens: TensorData, offset = 0): M3 {
  const [b, T] = tokens.shape as [number, number];
  const d = W.shape[1]!;
  return Array.from({ length: b }, (_, i) =>
    Array.from({ length: T }, (_, t) =>
      Array.from({ length: d }, (_, c) => {
        const pos = offset + t;
        const a = pos / 10000 ** ((c - (c % 2)) / d);
        return W.get(tokens.get(i, t), c) * Math.sqrt(d) + (c % 2 === 0 ? Math.sin(a) : Math.cos(a));
      }),
    ),
  );
}

export interface TransformerData {
  encoder: { embedding: TensorData; blocks: BlockData[] };
  decoder: { embedding: TensorData; blocks: BlockData[]; dense: { W: TensorData; b: TensorData } };
}

export function transformerEncoder64(
  p: TransformerData['encoder'],
  tokens: TensorData,
  validLens: TensorData | null,
  H: number,
): { output: M3; weights: M3[] } {
  let X = embed64(p.embedding, tokens);
  const [b, T] = tokens.shape as [number, number];
  const lens = rowLengths(validLens, b, T, T);
  const weights = p.blocks.map((block) => {
    const out = encoderBlock64(block, X, lens, H);
    X = out.output;
    return out.weights;
  });
  return { output: X, weights };
}

/** The decoder over tokens [b, T] from caches (null: none) without dropout: logits and the new caches. */
export function transformerDecoder64(
  p: TransformerData['decoder'],
  tokens: TensorData,
  encOutputs: M3,
  encValidLens: TensorData | null,
  caches: (M3 | null)[],
  causal: boolean,
  H: number,
): { logits: M3; caches: M3[] } {
  const [b, T] = tokens.shape as [number, number];
  let X = embed64(p.embedding, tokens, caches[0]?.[0]?.length ?? 0);
  const encLens = rowLengths(encValidLens, b, T, encOutputs[0]!.length);
  const next = p.blocks.map((block, i) => {
    const out = decoderBlock64(block, X, caches[i] ?? null, encOutputs, encLens, causal, H);
    X = out.output;
    return out.keyValues;
  });
  return { logits: dense64(X, mat(p.dense.W), vec(p.dense.b)), caches: next };
}

/** d2l's EncoderDecoder.forward in training without dropout (the causal mask on). */
export function transformer64(
  p: TransformerData,
  encTokens: TensorData,
  decTokens: TensorData,
  encValidLens: TensorData | null,
  H: number,
): M3 {
  const enc = transformerEncoder64(p.encoder, encTokens, encValidLens, H);
  return transformerDecoder64(
    p.decoder,
    decTokens,
    enc.output,
    encValidLens,
    p.decoder.blocks.map(() => null),
    true,
    H,
  ).logits;
}
