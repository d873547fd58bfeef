import * as tf from '@tensorflow/tfjs';
import { EmptyCorpusError, HyperparameterError } from 'd2l-ts/reference/errors';
import { makeRng, type Rng } from 'd2l-ts/reference/random';

/**
 * d2l's subsample (下采样): drops frequent words at random.
 *   1. Remove every token whose vocabulary index is not >= 1: tokens outside `idxToToken` and
 *      '<unk>' itself (idxToToken[0] is '<unk>', as in d2l's Vocab).
 *   2. counter: how often each remaining token occurs (first-seen order, d2l's count_corpus);
 *      numTokens: their total.
 *   3. Keep each remaining token with probability min(1, √(t / f(w))), f(w) = counter[w] / numTokens,
 *      i.e. drop it with probability max(1 − √(t / f(w)), 0): with rng = makeRng(seed), for every
 *      sentence in order and every remaining token in order, draw u = rng.uniform() and keep the
 *      token when u < √(t / counter[w] · numTokens) (d2l's keep). Only words with f(w) > t are
 *      ever dropped.
 * d2l's t is 1e-4. Returns the subsampled sentences (same number, order kept) and the counter
 * of step 2 (before subsampling). t must be > 0: otherwise a HyperparameterError naming t.
 */
export function subsample(
  sentences: string[][],
  idxToToken: string[],
  seed: number,
  t = 1e-4,
): { subsampled: string[][]; counter: Map<string, number> } {
  // BEGIN SOLUTION
  if (!(t > 0)) throw new HyperparameterError(`t = ${t}: the subsampling threshold t must be > 0`);
  const known = new Set(idxToToken.slice(1));
  const kept = sentences.map((line) => line.filter((token) => known.has(token)));
  const counter = new Map<string, number>();
  for (const line of kept) for (const token of line) counter.set(token, (counter.get(token) ?? 0) + 1);
  const numTokens = kept.reduce((n, line) => n + line.length, 0);
  const rng = makeRng(seed);
  const keep = (token: string) => rng.uniform() < Math.sqrt((t / counter.get(token)!) * numTokens);
  return { subsampled: kept.map((line) => line.filter(keep)), counter };
  // END SOLUTION
}

/**
 * d2l's get_centers_and_contexts: every word of `corpus` (sentences of word indices) as a
 * center word, with its context words.
 *   - a sentence of fewer than 2 words is skipped (no center-context pair), and draws nothing;
 *   - with rng = makeRng(seed), for each center in order draw a window size
 *     w = 1 + rng.int(maxWindowSize) (Python's random.randint(1, max_window_size)); its context
 *     is the words at positions max(0, i − w) … min(len, i + 1 + w) − 1 of its sentence, the
 *     center's own position left out, in sentence order.
 * Returns { centers, contexts } with contexts[k] the context of centers[k].
 * maxWindowSize must be a whole number >= 1: otherwise a HyperparameterError naming it.
 */
export function getCentersAndContexts(
  corpus: number[][],
  maxWindowSize: number,
  seed: number,
): { centers: number[]; contexts: number[][] } {
  // BEGIN SOLUTION
  if (!Number.isInteger(maxWindowSize) || maxWindowSize < 1)
    throw new HyperparameterError(`maxWindowSize = ${maxWindowSize}: it must be a whole number >= 1`);
  const rng = makeRng(seed);
  const centers: number[] = [];
  const contexts: number[][] = [];
  for (const line of corpus) {
    if (line.length < 2) continue;
    centers.push(...line);
    for (let i = 0; i < line.length; i++) {
      const w = 1 + rng.int(maxWindowSize);
      const context: number[] = [];
      for (let j = Math.max(0, i - w); j < Math.min(line.length, i + 1 + w); j++) if (j !== i) context.push(line[j]);
      contexts.push(context);
    }
  }
  return { centers, contexts };
  // END SOLUTION
}

/**
 * d2l's RandomGenerator: draws from {1, …, n} with probabilities proportional to the n sampling
 * weights (index 0, '<unk>', is never drawn). Like d2l it draws k candidates at a time and hands
 * them out one by one (drawing is cheaper in bulk); each candidate is Python's random.choices:
 * with rng = makeRng(seed) and the cumulative weights c_1 ≤ … ≤ c_n (summed left to right),
 * u = rng.uniform() · c_n gives the candidate 1 + #{ i < n : c_i ≤ u } (bisect_right).
 * The weights must be >= 0 with a positive sum: otherwise a HyperparameterError naming samplingWeights.
 */
export class RandomGenerator {
  private readonly cumWeights: number[] = [];
  private readonly rng: Rng;
  private candidates: number[] = [];
  private i = 0;

  constructor(
    samplingWeights: number[],
    seed: number,
    private readonly k = 10_000,
  ) {
    // BEGIN SOLUTION
    if (samplingWeights.some((w) => !(w >= 0)) || !(samplingWeights.reduce((a, b) => a + b, 0) > 0))
      throw new HyperparameterError('samplingWeights must be >= 0 with a positive sum');
    let total = 0;
    for (const w of samplingWeights) {
      total += w;
      this.cumWeights.push(total);
    }
    this.rng = makeRng(seed);
    // END SOLUTION
  }

  /** The next draw, an integer in 1 … n. */
  draw(): number {
    // BEGIN SOLUTION
    if (this.i === this.candidates.length) {
      const n = this.cumWeights.length;
      const total = this.cumWeights[n - 1];
      this.candidates = Array.from({ length: this.k }, () => {
        const u = this.rng.uniform() * total;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (this.cumWeights[mid] <= u) lo = mid + 1;
          else hi = mid;
        }
        return lo + 1;
      });
      this.i = 0;
    }
    return this.candidates[this.i++];
    // END SOLUTION
  }
}

/**
 * d2l's get_negatives (负采样): K noise words for every context word.
 *   - sampling weights: word i (1 ≤ i < idxToToken.length) has weight counter[idxToToken[i]]^0.75
 *     (0 for a word the counter lacks; '<unk>', index 0, is left out);
 *   - one RandomGenerator(weights, seed) for the whole call;
 *   - for each context in order: draw until it has contexts.length · K noise words, throwing
 *     away a draw that is one of that context's words (a noise word is never a context word).
 * Returns the noise words of each context. K must be a whole number >= 1: otherwise a
 * HyperparameterError naming K. (Every context must leave some word of positive weight to draw.)
 */
export function getNegatives(
  allContexts: number[][],
  idxToToken: string[],
  counter: Map<string, number>,
  K: number,
  seed: number,
): number[][] {
  // BEGIN SOLUTION
  if (!Number.isInteger(K) || K < 1)
    throw new HyperparameterError(`K = ${K}: the number of noise words must be a whole number >= 1`);
  const weights = idxToToken.slice(1).map((token) => (counter.get(token) ?? 0) ** 0.75);
  const generator = new RandomGenerator(weights, seed);
  return allContexts.map((contexts) => {
    const negatives: number[] = [];
    while (negatives.length < contexts.length * K) {
      const neg = generator.draw();
      if (!contexts.includes(neg)) negatives.push(neg);
    }
    return negatives;
  });
  // END SOLUTION
}

/**
 * d2l's batchify: a minibatch of examples [center, context, negatives].
 *   centers            [n, 1] int32
 *   contextsNegatives  [n, maxLen] int32: context words, then noise words, then 0s, where
 *                      maxLen = max over the examples of context + noise words
 *   masks              [n, maxLen] float32: 1 on the context and noise words, 0 on the padding
 *   labels             [n, maxLen] float32: 1 on the context words, 0 elsewhere
 * An empty list of examples throws an EmptyCorpusError naming data.
 */
export function batchify(data: [number, number[], number[]][]): {
  centers: tf.Tensor2D;
  contextsNegatives: tf.Tensor2D;
  masks: tf.Tensor2D;
  labels: tf.Tensor2D;
} {
  // BEGIN SOLUTION
  if (data.length === 0) throw new EmptyCorpusError('data holds no examples: a minibatch needs at least one');
  const maxLen = Math.max(...data.map(([, c, n]) => c.length + n.length));
  const pad = (row: number[]) => [...row, ...new Array<number>(maxLen - row.length).fill(0)];
  const n = data.length;
  return {
    centers: tf.tensor2d(
      data.map(([c]) => [c]),
      [n, 1],
      'int32',
    ),
    contextsNegatives: tf.tensor2d(
      data.map(([, c, neg]) => pad([...c, ...neg])),
      [n, maxLen],
      'int32',
    ),
    masks: tf.tensor2d(
      data.map(([, c, neg]) => pad(new Array<number>(c.length + neg.length).fill(1))),
      [n, maxLen],
    ),
    labels: tf.tensor2d(
      data.map(([, c]) => pad(new Array<number>(c.length).fill(1))),
      [n, maxLen],
    ),
  };
  // END SOLUTION
}

/**
 * d2l's SigmoidBCELoss: the binary cross-entropy of logits `inputs` [n, L] against 0/1 `target`,
 * each term times `mask` (when given), averaged over the L columns (padding included, as
 * d2l's .mean(dim=1); the caller rescales by L / Σ mask):
 *   loss_r = (1/L) Σ_j mask_rj · (−z log σ(x) − (1 − z) log σ(−x)),   x = inputs_rj, z = target_rj.
 * Returns [n]. It must stay finite for logits of ±100: write it as softplus(x) − z x (the same
 * thing, since log σ(x) = −softplus(−x)) with tf.softplus, which is stable. (tf.logSigmoid of a
 * tensor made inside tf.tidy has no gradient in tfjs 4.22: its gradient reads a tensor tidy has
 * already disposed.)
 */
export function sigmoidBCELoss(inputs: tf.Tensor2D, target: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor1D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const l = tf.softplus(inputs).sub(inputs.mul(target));
    return (mask === undefined ? l : l.mul(mask)).mean(1) as tf.Tensor1D;
  });
  // END SOLUTION
}

/**
 * d2l's skip_gram forward pass: v = embedV[center] [n, 1, d], u = embedU[contextsAndNegatives]
 * [n, L, d], and their batched product v uᵀ [n, 1, L], each element the dot product of the
 * center's vector with a context or noise word's vector. `center` [n, 1] and
 * `contextsAndNegatives` [n, L] are int32; embedV, embedU [N, d]. Look rows up without tf.gather
 * (no gradient on wasm, docs/facts.md): one-hot rows times the table.
 */
export function skipGram(
  center: tf.Tensor2D,
  contextsAndNegatives: tf.Tensor2D,
  embedV: tf.Tensor2D,
  embedU: tf.Tensor2D,
): tf.Tensor3D {
  // BEGIN SOLUTION
  return tf.tidy(() => {
    const [n, L] = contextsAndNegatives.shape;
    const [N, d] = embedV.shape;
    const lookup = (W: tf.Tensor2D, idx: tf.Tensor2D) =>
      tf
        .oneHot(idx.reshape([-1]) as tf.Tensor1D, N)
        .cast('float32')
        .matMul(W);
    const v = lookup(embedV, center).reshape([n, 1, d]) as tf.Tensor3D;
    const u = lookup(embedU, contextsAndNegatives).reshape([n, L, d]) as tf.Tensor3D;
    return tf.matMul(v, u, false, true);
  });
  // END SOLUTION
}
