/**
 * Chapter 9's arithmetic in float64 plain JavaScript (word2vec, negative sampling, GloVe): the
 * checks' own oracles, independent of tfjs and of the code under test.
 */
import type { TensorData } from '../tensor-data';
import type { Matrix } from './dense';

/** log Σ exp(row) without overflow. */
export function logSumExp(row: readonly number[]): number {
  const m = Math.max(...row);
  return m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
}

export const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Scores u_iᵀ x for every row u_i of U. */
export const scores = (U: Matrix, x: readonly number[]): number[] => U.map((u) => dot(u, x));

/** softmax(U x) over the vocabulary. */
export function softmaxOf(U: Matrix, x: readonly number[]): number[] {
  const s = scores(U, x);
  const l = logSumExp(s);
  return s.map((v) => Math.exp(v - l));
}

/** The mean of some rows of V. */
export function meanRow(V: Matrix, rows: readonly number[]): number[] {
  const d = V[0]!.length;
  const out = new Array<number>(d).fill(0);
  for (const r of rows) for (let k = 0; k < d; k++) out[k]! += V[r]![k]! / rows.length;
  return out;
}

/** The positions within m of t inside a sequence of length T, t excluded. */
export function windowOf(t: number, T: number, m: number): number[] {
  const out: number[] = [];
  for (let s = Math.max(0, t - m); s <= Math.min(T - 1, t + m); s++) if (s !== t) out.push(s);
  return out;
}

/** −Σ_t Σ_j log P(w⁽ᵗ⁺ʲ⁾ | w⁽ᵗ⁾) with the full softmax. */
export function skipGramLoss64(V: Matrix, U: Matrix, seq: readonly number[], m: number): number {
  let loss = 0;
  seq.forEach((c, t) => {
    const s = scores(U, V[c]!);
    const l = logSumExp(s);
    for (const p of windowOf(t, seq.length, m)) loss += l - s[seq[p]!]!;
  });
  return loss;
}

/** −Σ_t log P(w⁽ᵗ⁾ | the context words that exist within m). */
export function cbowLoss64(V: Matrix, U: Matrix, seq: readonly number[], m: number): number {
  let loss = 0;
  seq.forEach((c, t) => {
    const ctx = windowOf(t, seq.length, m);
    if (ctx.length === 0) return;
    const s = scores(
      U,
      meanRow(
        V,
        ctx.map((p) => seq[p]!),
      ),
    );
    loss += logSumExp(s) - s[c]!;
  });
  return loss;
}

/** The number of (center, context) pairs of a sequence of length T with window m. */
export const pairCount = (T: number, m: number): number =>
  Array.from({ length: T }, (_, t) => windowOf(t, T, m).length).reduce((a, b) => a + b, 0);

/** A float tensor's rows as a Matrix (any rank-2 TensorData). */
export const matrixOf = (t: TensorData): Matrix => t.rows();
