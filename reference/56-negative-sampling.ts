/**
 * word2vec's data and model with negative sampling (d2l-zh 14.3-14.4 / d2l-en 15.3-15.4): the
 * exercise's functions with d2l's draws, and the pipeline the full-size run uses.
 *
 *   subsample, getCentersAndContexts, RandomGenerator, getNegatives, batchify: the stated draws
 *     from makeRng(seed), in d2l's order (the checks compare exact draws);
 *   sigmoidBCELoss: tf.losses.sigmoidCrossEntropy, unreduced, weighted by the mask, averaged
 *     over the columns (d2l's SigmoidBCELoss);
 *   skipGram: d2l's skip_gram computed as the center's scores over the whole vocabulary,
 *     v_c Uᵀ [n, V], from which each row's context and noise words are picked (ops/batch-gather);
 *     lookups and picks have scatter gradients, so it trains on wasm. At the course's vocabulary
 *     (V ≈ 500 < L · d) this is 2.7× faster per training step than d2l's bmm of gathered
 *     [n, L, d] rows (scripts/train/56-word2vec.ts's minibatches, wasm);
 *   loadWord2vecData: d2l's load_data_ptb on any sentences (Vocab with min_freq, subsample,
 *     centers and contexts, noise words); word2vecBatches: its DataLoader (shuffled, last batch
 *     kept), as batchify's tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { Vocab } from './27-vocab';
import { EmptyCorpusError, HyperparameterError } from './errors';
import { batchGather } from './ops/batch-gather';
import { embedding } from './ops/embedding';
import { matMul } from './ops/mat-mul';
import { makeRng, type Rng } from './random';

/** d2l's subsample: '<unk>' and unknown tokens removed, then each token kept when u < √(t / f). */
export function subsample(
  sentences: readonly (readonly string[])[],
  idxToToken: readonly string[],
  seed: number,
  t = 1e-4,
): { subsampled: string[][]; counter: Map<string, number> } {
  if (!(t > 0)) throw new HyperparameterError(`t = ${t}: the subsampling threshold t must be > 0`);
  const index = new Map(idxToToken.map((token, i) => [token, i]));
  const lines = sentences.map((line) => line.filter((token) => (index.get(token) ?? 0) !== 0));
  const counter = new Map<string, number>();
  let numTokens = 0;
  for (const line of lines)
    for (const token of line) {
      counter.set(token, (counter.get(token) ?? 0) + 1);
      numTokens++;
    }
  // √(t / f) per token, computed once: the same product as d2l's √(t / count · numTokens).
  const keepBelow = new Map([...counter].map(([token, n]) => [token, Math.sqrt((t / n) * numTokens)]));
  const rng = makeRng(seed);
  const subsampled = lines.map((line) => line.filter((token) => rng.uniform() < keepBelow.get(token)!));
  return { subsampled, counter };
}

/** d2l's get_centers_and_contexts: a window w = 1 + rng.int(max) per center of every sentence of 2 words or more. */
export function getCentersAndContexts(
  corpus: readonly (readonly number[])[],
  maxWindowSize: number,
  seed: number,
): { centers: number[]; contexts: number[][] } {
  if (!Number.isInteger(maxWindowSize) || maxWindowSize < 1)
    throw new HyperparameterError(`maxWindowSize = ${maxWindowSize}: it must be a whole number >= 1`);
  const rng = makeRng(seed);
  const centers: number[] = [];
  const contexts: number[][] = [];
  for (const line of corpus) {
    if (line.length < 2) continue;
    line.forEach((c, i) => {
      const w = 1 + rng.int(maxWindowSize);
      centers.push(c);
      contexts.push([...line.slice(Math.max(0, i - w), i), ...line.slice(i + 1, i + 1 + w)]);
    });
  }
  return { centers, contexts };
}

/** d2l's RandomGenerator: candidates 1 … n by weight, k at a time, each one uniform draw (random.choices). */
export class RandomGenerator {
  private readonly cum: Float64Array;
  private readonly rng: Rng;
  private readonly cache: Int32Array;
  private next: number;

  constructor(samplingWeights: readonly number[], seed: number, k = 10_000) {
    if (samplingWeights.some((w) => !(w >= 0)) || !(samplingWeights.reduce((a, b) => a + b, 0) > 0))
      throw new HyperparameterError('samplingWeights must be >= 0 with a positive sum');
    this.cum = new Float64Array(samplingWeights.length);
    samplingWeights.reduce((s, w, i) => (this.cum[i] = s + w), 0);
    this.rng = makeRng(seed);
    this.cache = new Int32Array(k);
    this.next = k;
  }

  draw(): number {
    if (this.next === this.cache.length) {
      const n = this.cum.length;
      const total = this.cum[n - 1]!;
      for (let j = 0; j < this.cache.length; j++) {
        // bisect_right over cum[0 … n − 2]: the first cumulative weight above u.
        const u = this.rng.uniform() * total;
        let [lo, hi] = [0, n - 1];
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (u < this.cum[mid]!) hi = mid;
          else lo = mid + 1;
        }
        this.cache[j] = lo + 1;
      }
      this.next = 0;
    }
    return this.cache[this.next++]!;
  }
}

/** d2l's get_negatives: K noise words per context word, weights count^0.75, never a word of that context. */
export function getNegatives(
  allContexts: readonly (readonly number[])[],
  idxToToken: readonly string[],
  counter: ReadonlyMap<string, number>,
  K: number,
  seed: number,
): number[][] {
  if (!Number.isInteger(K) || K < 1)
    throw new HyperparameterError(`K = ${K}: the number of noise words must be a whole number >= 1`);
  const generator = new RandomGenerator(
    idxToToken.slice(1).map((token) => (counter.get(token) ?? 0) ** 0.75),
    seed,
  );
  return allContexts.map((contexts) => {
    const excluded = new Set(contexts);
    const negatives: number[] = [];
    while (negatives.length < contexts.length * K) {
      const neg = generator.draw();
      if (!excluded.has(neg)) negatives.push(neg);
    }
    return negatives;
  });
}

export interface SkipGramBatch {
  centers: tf.Tensor2D;
  contextsNegatives: tf.Tensor2D;
  masks: tf.Tensor2D;
  labels: tf.Tensor2D;
}

/** d2l's batchify, filling typed arrays: contexts then noise words then 0s, masks and labels as float32. */
export function batchify(data: readonly (readonly [number, readonly number[], readonly number[]])[]): SkipGramBatch {
  if (data.length === 0) throw new EmptyCorpusError('data holds no examples: a minibatch needs at least one');
  const n = data.length;
  const maxLen = Math.max(...data.map(([, c, neg]) => c.length + neg.length));
  const cn = new Int32Array(n * maxLen);
  const masks = new Float32Array(n * maxLen);
  const labels = new Float32Array(n * maxLen);
  data.forEach(([, c, neg], r) => {
    cn.set(c, r * maxLen);
    cn.set(neg, r * maxLen + c.length);
    masks.fill(1, r * maxLen, r * maxLen + c.length + neg.length);
    labels.fill(1, r * maxLen, r * maxLen + c.length);
  });
  return {
    centers: tf.tensor2d(
      Int32Array.from(data, ([c]) => c),
      [n, 1],
      'int32',
    ),
    contextsNegatives: tf.tensor2d(cn, [n, maxLen], 'int32'),
    masks: tf.tensor2d(masks, [n, maxLen]),
    labels: tf.tensor2d(labels, [n, maxLen]),
  };
}

/** d2l's SigmoidBCELoss: per-row mean of the mask-weighted binary cross-entropy with logits. */
export function sigmoidBCELoss(inputs: tf.Tensor2D, target: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf.losses
        .sigmoidCrossEntropy(target, inputs, mask ?? tf.onesLike(inputs), 0, tf.Reduction.NONE)
        .mean(1) as tf.Tensor1D,
  );
}

/** d2l's skip_gram, [n, 1, L]: pred[b, 0, j] = embedV[center_b] · embedU[contextsAndNegatives_bj]. */
export function skipGram(
  center: tf.Tensor2D,
  contextsAndNegatives: tf.Tensor2D,
  embedV: tf.Tensor2D,
  embedU: tf.Tensor2D,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [n, L] = contextsAndNegatives.shape;
    const v = embedding(embedV, center).reshape([n, embedV.shape[1]]) as tf.Tensor2D;
    const scores = matMul(v, tf.transpose(embedU)); // [n, V]: v_c · u_i for every word i
    return batchGather(scores, contextsAndNegatives).reshape([n, 1, L]) as tf.Tensor3D;
  });
}

export interface Word2vecData {
  vocab: Vocab;
  /** Token counts after '<unk>' is removed, before subsampling. */
  counter: Map<string, number>;
  /** The share of tokens subsampling kept. */
  keptShare: number;
  centers: number[];
  contexts: number[][];
  negatives: number[][];
}

export interface Word2vecOptions {
  /** The vocabulary's min_freq (d2l: 10 on PTB). */
  minFreq: number;
  /** The subsampling threshold; undefined for none (every token kept). d2l: 1e-4. */
  t: number | undefined;
  maxWindowSize: number;
  numNoiseWords: number;
  seed: number;
}

/** d2l's load_data_ptb on any tokenised sentences: Vocab, subsample, centers and contexts, noise words. */
export function loadWord2vecData(sentences: readonly (readonly string[])[], o: Word2vecOptions): Word2vecData {
  const vocab = new Vocab(sentences as string[][], o.minFreq);
  const rng = makeRng(o.seed);
  const seeds = () => rng.int(2 ** 31);
  const { subsampled, counter } =
    o.t === undefined
      ? subsample(sentences, vocab.idxToToken, seeds(), Number.POSITIVE_INFINITY)
      : subsample(sentences, vocab.idxToToken, seeds(), o.t);
  const total = [...counter.values()].reduce((a, b) => a + b, 0);
  const corpus = subsampled.map((line) => vocab.toIndices(line));
  const kept = corpus.reduce((n, line) => n + line.length, 0);
  const { centers, contexts } = getCentersAndContexts(corpus, o.maxWindowSize, seeds());
  const negatives = getNegatives(contexts, vocab.idxToToken, counter, o.numNoiseWords, seeds());
  return { vocab, counter, keptShare: kept / total, centers, contexts, negatives };
}

/** The minibatches of an epoch: examples shuffled by makeRng(seed), batchSize at a time, the last one short. */
export function* word2vecBatches(data: Word2vecData, batchSize: number, seed: number): Generator<SkipGramBatch> {
  const order = makeRng(seed).shuffle(Array.from(data.centers, (_, i) => i));
  for (let b = 0; b < order.length; b += batchSize) {
    const idx = order.slice(b, b + batchSize);
    yield batchify(idx.map((i) => [data.centers[i]!, data.contexts[i]!, data.negatives[i]!] as const));
  }
}
