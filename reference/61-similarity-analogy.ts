/**
 * Word similarity and analogy (d2l-zh 14.7 / d2l-en 15.7): knn by cosine with d2l's 1e-9,
 * get_similar_tokens and get_analogy, with unit rows and one matrix product; plus the accuracy of
 * a whole list of analogy questions, for the full-size word2vec run (scripts/train/56-word2vec.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { HyperparameterError, UnknownTokenError } from './errors';

/** cos(w_i, x) for every row: (W / √(‖w‖² + 1e-9)) · (x / ‖x‖). */
function cosines(W: tf.Tensor2D, x: tf.Tensor1D): number[] {
  return tf.tidy(() => {
    const unitRows = W.div(W.square().sum(1, true).add(1e-9).sqrt());
    return Array.from(unitRows.matMul(x.div(x.norm()).expandDims(1)).dataSync());
  });
}

/** The top k by value, ties to the lower index. */
function topK(values: readonly number[], k: number): number[] {
  return [...values.keys()].sort((i, j) => values[j]! - values[i]! || i - j).slice(0, k);
}

export function knn(W: tf.Tensor2D, x: tf.Tensor1D, k: number): { indices: number[]; cos: number[] } {
  if (!Number.isInteger(k) || k < 1 || k > W.shape[0])
    throw new HyperparameterError(`k = ${k}: it must be a whole number from 1 to the ${W.shape[0]} rows of W`);
  const cos = cosines(W, x);
  const indices = topK(cos, k);
  return { indices, cos: indices.map((i) => cos[i]!) };
}

function indexOf(token: string, idxToToken: readonly string[]): number {
  const i = idxToToken.indexOf(token);
  if (i < 0) throw new UnknownTokenError(`'${token}' is not in the vocabulary: it has no vector`);
  return i;
}

export function getSimilarTokens(
  queryToken: string,
  k: number,
  W: tf.Tensor2D,
  idxToToken: readonly string[],
): [string, number][] {
  const q = indexOf(queryToken, idxToToken);
  if (!Number.isInteger(k) || k < 1 || k > W.shape[0] - 1)
    throw new HyperparameterError(`k = ${k}: it must be a whole number from 1 to ${W.shape[0] - 1}`);
  const cos = tf.tidy(() => cosines(W, tf.gather(W, q) as unknown as tf.Tensor1D));
  cos[q] = Number.NEGATIVE_INFINITY;
  return topK(cos, k).map((i) => [idxToToken[i]!, cos[i]!]);
}

export function getAnalogy(
  tokenA: string,
  tokenB: string,
  tokenC: string,
  W: tf.Tensor2D,
  idxToToken: readonly string[],
): string {
  const [a, b, c] = [tokenA, tokenB, tokenC].map((t) => indexOf(t, idxToToken)) as [number, number, number];
  const cos = tf.tidy(() => cosines(W, tf.gather(W, b).sub(tf.gather(W, a)).add(tf.gather(W, c))));
  return idxToToken[topK(cos, 1)[0]!]!;
}

export interface AnalogyScore {
  relation: string;
  correct: number;
  total: number;
}

/**
 * The share of questions a : b :: c : d answered d, per relation: the nearest word by cosine to
 * b − a + c, among all words (d2l's get_analogy) or, with excludeQuestionWords, among all words but
 * a, b and c (the usual evaluation since word2vec). Questions with a word outside idxToToken are
 * skipped. All questions at once: one product of the unit rows with every target.
 */
export function analogyAccuracy(
  W: tf.Tensor2D,
  idxToToken: readonly string[],
  questions: readonly { relation: string; question: readonly [string, string, string, string] }[],
  excludeQuestionWords: boolean,
): AnalogyScore[] {
  const index = new Map(idxToToken.map((t, i) => [t, i]));
  const usable = questions.filter(({ question }) => question.every((t) => index.has(t)));
  const ids = usable.map(({ question }) => question.map((t) => index.get(t)!));
  const scores = new Map<string, AnalogyScore>();
  for (const { relation } of questions)
    if (!scores.has(relation)) scores.set(relation, { relation, correct: 0, total: 0 });
  if (usable.length === 0) return [...scores.values()];
  const sims = tf.tidy(() => {
    const unit = W.div(W.square().sum(1, true).add(1e-9).sqrt()) as tf.Tensor2D;
    const pick = (k: number) =>
      tf.gather(
        W,
        tf.tensor1d(
          ids.map((q) => q[k]!),
          'int32',
        ),
      );
    const target = pick(1).sub(pick(0)).add(pick(2));
    return target
      .div(target.norm('euclidean', 1, true))
      .matMul(unit.transpose())
      .arraySync() as number[][];
  });
  usable.forEach(({ relation }, r) => {
    const [a, b, c, d] = ids[r]!;
    const row = sims[r]!;
    if (excludeQuestionWords) for (const i of [a!, b!, c!]) row[i] = Number.NEGATIVE_INFINITY;
    const s = scores.get(relation)!;
    s.total++;
    if (topK(row, 1)[0] === d) s.correct++;
  });
  return [...scores.values()];
}
