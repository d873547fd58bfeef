/**
 * The seq2seq encoder and decoder of chapter 7 in float64 plain JavaScript, from the formulas: an
 * oracle independent of tfjs for the gradient checks (finite differences of these are rounded to
 * float32 once, at the end). Sequences are time-major: [T][n][d] arrays of numbers.
 */
import { TensorData } from '../tensor-data';

type M = number[][];
/** A GRU layer's parameters as data (exercise 33's names, no output layer). */
export type Layer64 = Record<'W_xz' | 'W_hz' | 'b_z' | 'W_xr' | 'W_hr' | 'b_r' | 'W_xh' | 'W_hh' | 'b_h', TensorData>;

const mm = (a: M, b: M): M => a.map((r) => b[0]!.map((_, j) => r.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const affine = (X: M, Wx: TensorData, H: M, Wh: TensorData, b: TensorData): M => {
  const [xw, hw] = [mm(X, Wx.rows()), mm(H, Wh.rows())];
  return xw.map((r, i) => r.map((v, j) => v + hw[i]![j]! + b.values[j]!));
};

/** The embeddings of tokens X [n, T]: time-major [T][n][e]. */
export function embed64(W: TensorData, X: TensorData): M[] {
  const [n, T] = X.shape as [number, number];
  const rows = W.rows();
  return Array.from({ length: T }, (_, t) => Array.from({ length: n }, (_, i) => [...rows[X.get(i, t)]!]));
}

/** One GRU layer over the steps xs from H: its state after each step. */
export function gruLayer64(xs: M[], H0: M, p: Layer64): M[] {
  let H = H0;
  return xs.map((X) => {
    const Z = affine(X, p.W_xz, H, p.W_hz, p.b_z).map((r) => r.map(sigmoid));
    const R = affine(X, p.W_xr, H, p.W_hr, p.b_r).map((r) => r.map(sigmoid));
    const RH = H.map((r, i) => r.map((h, j) => h * R[i]![j]!));
    const C = affine(X, p.W_xh, RH, p.W_hh, p.b_h).map((r) => r.map(Math.tanh));
    H = H.map((r, i) => r.map((h, j) => Z[i]![j]! * h + (1 - Z[i]![j]!) * C[i]![j]!));
    return H;
  });
}

/** Stacked GRU layers from H0s (one [n][h] per layer, zeros if absent): the top layer's states and each layer's last. */
export function gruStack64(layers: Layer64[], xs: M[], H0s?: M[]): { outputs: M[]; state: M[] } {
  const n = xs[0]!.length;
  let seq = xs;
  const state = layers.map((p, l) => {
    const h = p.W_hh.shape[0]!;
    seq = gruLayer64(seq, H0s?.[l] ?? Array.from({ length: n }, () => new Array<number>(h).fill(0)), p);
    return seq.at(-1)!;
  });
  return { outputs: seq, state };
}

/** A [T][n][k] (or [L][n][k]) array as TensorData. */
export const cube = (a: M[]): TensorData => TensorData.float([a.length, a[0]!.length, a[0]![0]!.length], a.flat(2));

/** [L, n, h] TensorData as one [n][h] array per layer. */
export const perLayer = (t: TensorData): M[] => {
  const [L, n, h] = t.shape as [number, number, number];
  return Array.from({ length: L }, (_, l) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: h }, (_, j) => t.get(l, i, j))),
  );
};

/** The seq2seq decoder's forward pass: logits [n][T][V] and its GRU's last states, the context at every step. */
export function decoder64(
  p: { embedding: TensorData; layers: Layer64[]; W_hq: TensorData; b_q: TensorData },
  X: TensorData,
  context: M,
  H0s: M[],
): { Y: M[]; state: M[] } {
  const xs = embed64(p.embedding, X).map((step) => step.map((row, i) => [...row, ...context[i]!]));
  const { outputs, state } = gruStack64(p.layers, xs, H0s);
  const W = p.W_hq.rows();
  const logits = outputs.map((Hs) => mm(Hs, W).map((r) => r.map((v, j) => v + p.b_q.values[j]!)));
  // Time-major [T][n][V] to batch-major [n][T][V].
  return { Y: logits[0]!.map((_, i) => logits.map((step) => step[i]!)), state };
}
