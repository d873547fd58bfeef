/**
 * BERT's pretraining data (d2l-zh 14.9 / d2l-en 15.9, PyTorch): next-sentence pairs, masked-LM
 * replacements and padding, from raw paragraphs to padded minibatches, with every draw stated
 * (makeRng) so that the exercise's checks compare exact draws.
 *
 * API for the BERT model (the capstone's MLM + NSP pretraining, after chapter 8's encoder):
 *
 *   bertPretrainData(paragraphs, maxLen, seed, idxToToken?) → BertData
 *     paragraphs: string[][], each paragraph its sentence strings as d2l's _read_wiki returns them
 *     (fixtures/data/paragraphs.ts readParagraphs('train' | 'heldout', seed)); idxToToken: a
 *     vocabulary to reuse (the training one, for held-out pairs); without it, d2l's Vocab over the
 *     paragraphs' sentences, min_freq 5, reserved '<pad>' '<mask>' '<cls>' '<sep>':
 *     ids <unk> 0, <pad> 1, <mask> 2, <cls> 3, <sep> 4, then words by frequency.
 *   BertData = { idxToToken: string[] } & BertTensors; bertBatches(data, batchSize, seed) yields
 *   BertTensors of batchSize rows (the last shorter), shuffled by makeRng(seed); the caller
 *   disposes each batch (tf.dispose(Object.values(batch))) and, at the end, the data's tensors.
 *
 *   BertTensors, n examples, P = pythonRound(maxLen · 0.15) prediction slots (maxLen 64 → P 10):
 *     tokenIds      [n, maxLen] int32    '<cls>' A '<sep>' B '<sep>' after the MLM replacements, then '<pad>'
 *     segments      [n, maxLen] int32    0 for '<cls>' A '<sep>', 1 for B '<sep>', 0 on the padding
 *     validLens     [n] float32          tokens before the padding (d2l's valid_lens: the encoder's
 *                                        attention masks the keys beyond it)
 *     predPositions [n, P] int32         positions to predict, ascending, then 0s
 *     mlmWeights    [n, P] float32       1 for a real prediction, 0 for a padded slot
 *     mlmLabels     [n, P] int32         the original tokens' ids at predPositions, then 0s
 *     nspLabels     [n] int32            1 = IsNext, 0 = NotNext
 *
 *   How d2l consumes them (_get_batch_loss_bert): encoded = encoder(tokenIds, segments, validLens)
 *   [n, maxLen, h] (62-bert-input's bertEmbed, then the blocks); MaskLM gathers the rows
 *   encoded[b, predPositions[b, j]] → [n, P, h] (ops/batch-gather's batchGather(encoded,
 *   predPositions): it has a gradient on wasm) → MLP → [n, P, V]; the MLM loss is
 *   Σ (cross-entropy per slot · mlmWeights) / (Σ mlmWeights + 1e-8); NextSentencePred reads
 *   encoded[:, 0] (the '<cls>' row) through Linear + Tanh then Linear(h, 2) against nspLabels.
 *
 * d2l's semantics kept: the NotNext sentence is a random sentence of a random paragraph, which can
 * be the same paragraph (even the true next sentence); pairs longer than maxLen are dropped after
 * their draws; 15 % of the sequence's length (specials counted), max(1, round(·)), with Python's
 * round (halves to even: 30 tokens → 4 predictions, not 5); the random replacement is any token of
 * the vocabulary, specials included. Where d2l would crash or stay silent, this throws: an empty
 * paragraph list (EmptyCorpusError), a paragraph of one sentence (ParagraphTooShortError; d2l's
 * _read_wiki never yields one), maxLen < 5 or one no pair fits in (HyperparameterError).
 */
import * as tf from '@tensorflow/tfjs';
import { Vocab } from './27-vocab';
import { EmptyCorpusError, HyperparameterError, ParagraphTooShortError } from './errors';
import { getTokensAndSegments } from './62-bert-input';
import { makeRng } from './random';

export interface NspExample {
  tokens: string[];
  segments: number[];
  isNext: boolean;
}

export interface MlmExample {
  tokenIds: number[];
  predPositions: number[];
  mlmPredLabelIds: number[];
  segments: number[];
  isNext: boolean;
}

export interface BertTensors {
  tokenIds: tf.Tensor2D;
  segments: tf.Tensor2D;
  validLens: tf.Tensor1D;
  predPositions: tf.Tensor2D;
  mlmWeights: tf.Tensor2D;
  mlmLabels: tf.Tensor2D;
  nspLabels: tf.Tensor1D;
}

export type BertData = { idxToToken: string[] } & BertTensors;

/** d2l's reserved tokens, in its order (ids 1 … 4 after '<unk>'). */
export const BERT_RESERVED = ['<pad>', '<mask>', '<cls>', '<sep>'] as const;

/** Python's round: halves to the even neighbour (x·0.15 is the same double in both languages). */
export function pythonRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function checkMaxLen(maxLen: number): void {
  if (!Number.isInteger(maxLen) || maxLen < 5)
    throw new HyperparameterError(`maxLen = ${maxLen}: <cls> A <sep> B <sep> needs at least 5 positions`);
}

export function getNspDataFromParagraph(
  paragraph: readonly (readonly string[])[],
  paragraphs: readonly (readonly (readonly string[])[])[],
  maxLen: number,
  seed: number,
): NspExample[] {
  checkMaxLen(maxLen);
  if (paragraph.length < 2)
    throw new ParagraphTooShortError(`the paragraph has ${paragraph.length} sentence(s): a next-sentence pair needs 2`);
  if (paragraphs.length === 0)
    throw new EmptyCorpusError('paragraphs is empty: there is nothing to draw a random sentence from');
  const rng = makeRng(seed);
  return paragraph.slice(0, -1).flatMap((a, i) => {
    const isNext = rng.uniform() < 0.5;
    let b = paragraph[i + 1]!;
    if (!isNext) {
      const p = paragraphs[rng.int(paragraphs.length)]!;
      b = p[rng.int(p.length)]!;
    }
    return a.length + b.length + 3 > maxLen ? [] : [{ ...getTokensAndSegments(a, b), isNext }];
  });
}

export function replaceMlmTokens(
  tokens: readonly string[],
  candidatePredPositions: readonly number[],
  numMlmPreds: number,
  idxToToken: readonly string[],
  seed: number,
): { mlmInputTokens: string[]; predPositionsAndLabels: [number, string][] } {
  const rng = makeRng(seed);
  const order = rng.shuffle([...candidatePredPositions]);
  const mlmInputTokens = [...tokens];
  const chosen = order.slice(0, Math.max(0, numMlmPreds));
  for (const p of chosen) {
    const r = rng.uniform();
    mlmInputTokens[p] = r < 0.8 ? '<mask>' : rng.uniform() < 0.5 ? tokens[p]! : idxToToken[rng.int(idxToToken.length)]!;
  }
  return { mlmInputTokens, predPositionsAndLabels: chosen.map((p) => [p, tokens[p]!]) };
}

/** Token → id, '<unk>' (0) for anything else. */
const indexer = (idxToToken: readonly string[]) => {
  const index = new Map(idxToToken.map((t, i) => [t, i]));
  return (t: string) => index.get(t) ?? 0;
};

function mlmData(tokens: readonly string[], idxToToken: readonly string[], id: (t: string) => number, seed: number) {
  const candidates = [...tokens.keys()].filter((i) => tokens[i] !== '<cls>' && tokens[i] !== '<sep>');
  const num = Math.max(1, pythonRound(tokens.length * 0.15));
  const { mlmInputTokens, predPositionsAndLabels } = replaceMlmTokens(tokens, candidates, num, idxToToken, seed);
  predPositionsAndLabels.sort((a, b) => a[0] - b[0]);
  return {
    tokenIds: mlmInputTokens.map(id),
    predPositions: predPositionsAndLabels.map(([p]) => p),
    mlmPredLabelIds: predPositionsAndLabels.map(([, t]) => id(t)),
  };
}

export function getMlmDataFromTokens(
  tokens: readonly string[],
  idxToToken: readonly string[],
  seed: number,
): { tokenIds: number[]; predPositions: number[]; mlmPredLabelIds: number[] } {
  return mlmData(tokens, idxToToken, indexer(idxToToken), seed);
}

/** d2l's _pad_bert_inputs into typed arrays, one tensor per field. */
export function padBertInputs(
  examples: readonly MlmExample[],
  maxLen: number,
  idxToToken: readonly string[],
): BertTensors {
  const P = pythonRound(maxLen * 0.15);
  const padId = Math.max(0, idxToToken.indexOf('<pad>'));
  const n = examples.length;
  const tokenIds = new Int32Array(n * maxLen).fill(padId);
  const segments = new Int32Array(n * maxLen);
  const validLens = new Float32Array(n);
  const predPositions = new Int32Array(n * P);
  const mlmWeights = new Float32Array(n * P);
  const mlmLabels = new Int32Array(n * P);
  const nspLabels = new Int32Array(n);
  examples.forEach((e, k) => {
    if (e.tokenIds.length > maxLen || e.predPositions.length > P)
      throw new HyperparameterError(
        `example ${k} has ${e.tokenIds.length} tokens and ${e.predPositions.length} predictions: maxLen = ${maxLen} allows ${maxLen} and ${P}`,
      );
    tokenIds.set(e.tokenIds, k * maxLen);
    segments.set(e.segments, k * maxLen);
    validLens[k] = e.tokenIds.length;
    predPositions.set(e.predPositions, k * P);
    mlmWeights.fill(1, k * P, k * P + e.predPositions.length);
    mlmLabels.set(e.mlmPredLabelIds, k * P);
    nspLabels[k] = e.isNext ? 1 : 0;
  });
  return {
    tokenIds: tf.tensor2d(tokenIds, [n, maxLen], 'int32'),
    segments: tf.tensor2d(segments, [n, maxLen], 'int32'),
    validLens: tf.tensor1d(validLens),
    predPositions: tf.tensor2d(predPositions, [n, P], 'int32'),
    mlmWeights: tf.tensor2d(mlmWeights, [n, P]),
    mlmLabels: tf.tensor2d(mlmLabels, [n, P], 'int32'),
    nspLabels: tf.tensor1d(nspLabels, 'int32'),
  };
}

/** d2l's _WikiTextDataset, with a given vocabulary (idxToToken) or d2l's own. */
export function bertPretrainData(
  paragraphs: readonly (readonly string[])[],
  maxLen: number,
  seed: number,
  idxToToken?: readonly string[],
): BertData {
  if (paragraphs.length === 0) throw new EmptyCorpusError('paragraphs is empty: there is no text to pretrain on');
  checkMaxLen(maxLen);
  const tokenized = paragraphs.map((p, k) => {
    if (p.length < 2)
      throw new ParagraphTooShortError(`paragraphs[${k}] has ${p.length} sentence(s): a next-sentence pair needs 2`);
    return p.map((s) => s.split(/\s+/).filter((t) => t !== ''));
  });
  const vocab = idxToToken ? [...idxToToken] : new Vocab(tokenized.flat(), 5, [...BERT_RESERVED]).idxToToken;
  const id = indexer(vocab);
  const rng = makeRng(seed);
  const pairs: NspExample[] = [];
  for (const p of tokenized) pairs.push(...getNspDataFromParagraph(p, tokenized, maxLen, rng.int(2 ** 31)));
  if (pairs.length === 0) throw new HyperparameterError(`maxLen = ${maxLen}: no sentence pair fits`);
  const examples = pairs.map((e) => ({
    ...mlmData(e.tokens, vocab, id, rng.int(2 ** 31)),
    segments: e.segments,
    isNext: e.isNext,
  }));
  return { idxToToken: vocab, ...padBertInputs(examples, maxLen, vocab) };
}

const FIELDS = ['tokenIds', 'segments', 'validLens', 'predPositions', 'mlmWeights', 'mlmLabels', 'nspLabels'] as const;

/** One epoch's minibatches: rows in makeRng(seed)'s shuffled order, batchSize at a time, the last one short. */
export function* bertBatches(data: BertTensors, batchSize: number, seed: number): Generator<BertTensors> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize = ${batchSize}: it must be a whole number >= 1`);
  const n = data.tokenIds.shape[0];
  const order = makeRng(seed).shuffle([...Array(n).keys()]);
  for (let start = 0; start < n; start += batchSize) {
    const idx = tf.tensor1d(order.slice(start, start + batchSize), 'int32');
    const batch = Object.fromEntries(FIELDS.map((f) => [f, tf.gather(data[f], idx)])) as unknown as BertTensors;
    idx.dispose();
    yield batch;
  }
}
