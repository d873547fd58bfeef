import * as tf from '@tensorflow/tfjs';
import { Vocab } from 'd2l-ts/reference/27-vocab';
import { getTokensAndSegments } from 'd2l-ts/reference/62-bert-input';
import { EmptyCorpusError, HyperparameterError, ParagraphTooShortError } from 'd2l-ts/reference/errors';
import { makeRng } from 'd2l-ts/reference/random';

/** A next-sentence-prediction example: '<cls>' A '<sep>' B '<sep>', its segment ids, and whether B follows A. */
export interface NspExample {
  tokens: string[];
  segments: number[];
  isNext: boolean;
}

/** An example ready for padding: token ids after the masked-LM replacements, what to predict where. */
export interface MlmExample {
  tokenIds: number[];
  predPositions: number[];
  mlmPredLabelIds: number[];
  segments: number[];
  isNext: boolean;
}

/**
 * BERT's pretraining data as tensors, n examples, P = round(maxLen · 0.15) prediction slots:
 *   tokenIds       [n, maxLen] int32    the input ids, '<pad>' after the valid length
 *   segments       [n, maxLen] int32    0 / 1, then 0 on the padding
 *   validLens      [n] float32          the number of tokens before the padding
 *   predPositions  [n, P] int32         positions of the masked-LM predictions, then 0s
 *   mlmWeights     [n, P] float32       1 for a real prediction, 0 for a padded slot
 *   mlmLabels      [n, P] int32         the ids of the original tokens there, then 0s
 *   nspLabels      [n] int32            1 if B is A's next sentence (IsNext), 0 if not
 */
export interface BertTensors {
  tokenIds: tf.Tensor2D;
  segments: tf.Tensor2D;
  validLens: tf.Tensor1D;
  predPositions: tf.Tensor2D;
  mlmWeights: tf.Tensor2D;
  mlmLabels: tf.Tensor2D;
  nspLabels: tf.Tensor1D;
}

/**
 * Python's round(x), which d2l's BERT data uses: the nearest integer, a half going to the EVEN
 * neighbour (round(4.5) = 4, round(1.5) = 2), unlike Math.round (which rounds halves up).
 */
export function pythonRound(x: number): number {
  throw new Error('Not implemented: pythonRound (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * d2l's _get_next_sentence and _get_nsp_data_from_paragraph (下一句预测): for every pair of
 * consecutive sentences A = paragraph[i], i = 0 … len − 2, with rng = makeRng(seed):
 *   u = rng.uniform(); if u < 0.5, B = paragraph[i + 1] and isNext; otherwise a random sentence of
 *   a random paragraph, p = paragraphs[rng.int(paragraphs.length)], B = p[rng.int(p.length)], and
 *   not isNext (d2l's rule: the random paragraph can be this one, and B can even be the true next
 *   sentence, still labelled NotNext);
 *   then, if |A| + |B| + 3 > maxLen (one '<cls>' and two '<sep>'), the pair is skipped (after its
 *   draws); otherwise its tokens and segments come from getTokensAndSegments(A, B).
 * Sentences are lists of tokens. A paragraph of fewer than 2 sentences throws a
 * ParagraphTooShortError naming paragraph; an empty `paragraphs` an EmptyCorpusError naming
 * paragraphs; a maxLen below 5 (the three special tokens and one token of each sentence) a
 * HyperparameterError naming maxLen.
 */
export function getNspDataFromParagraph(
  paragraph: string[][],
  paragraphs: string[][][],
  maxLen: number,
  seed: number,
): NspExample[] {
  throw new Error('Not implemented: getNspDataFromParagraph (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * d2l's _replace_mlm_tokens (遮蔽语言模型): with rng = makeRng(seed), shuffle a COPY of the candidate
 * positions with rng.shuffle (d2l shuffles its argument in place; leave the caller's list alone),
 * then go through them until numMlmPreds predictions are made; at each position draw u = rng.uniform():
 *   u < 0.8        → '<mask>'                                             (80 %)
 *   otherwise draw u' = rng.uniform():
 *     u' < 0.5     → the token itself, unchanged                           (10 %)
 *     otherwise    → a random token idxToToken[rng.int(idxToToken.length)] (10 %; any token of the
 *                    vocabulary, special ones included, as d2l's random.choice(vocab.idx_to_token))
 * and record [position, original token]. Returns the input tokens after the replacements and the
 * [position, label] pairs in the order made.
 */
export function replaceMlmTokens(
  tokens: string[],
  candidatePredPositions: number[],
  numMlmPreds: number,
  idxToToken: string[],
  seed: number,
): { mlmInputTokens: string[]; predPositionsAndLabels: [number, string][] } {
  throw new Error('Not implemented: replaceMlmTokens (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * d2l's _get_mlm_data_from_tokens: the candidates are the positions of every token but '<cls>' and
 * '<sep>' (special tokens are never predicted); numMlmPreds = max(1, pythonRound(tokens.length ·
 * 0.15)) (15 % of the whole sequence, specials counted); replaceMlmTokens(tokens, candidates,
 * numMlmPreds, idxToToken, seed); the predictions sorted by position. Ids are indices into
 * idxToToken, a token outside it '<unk>' = 0 (d2l's vocab[tokens]). Returns the ids of the input
 * after the replacements, the prediction positions (ascending) and the ids of their labels.
 */
export function getMlmDataFromTokens(
  tokens: string[],
  idxToToken: string[],
  seed: number,
): { tokenIds: number[]; predPositions: number[]; mlmPredLabelIds: number[] } {
  throw new Error('Not implemented: getMlmDataFromTokens (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * d2l's _pad_bert_inputs: every example padded to maxLen with the id of '<pad>' (segments with 0),
 * its valid length the number of tokens before the padding, its prediction positions, weights (1.0)
 * and label ids padded to P = pythonRound(maxLen · 0.15) slots with 0, 0.0 and 0, and its IsNext
 * label as 1 or 0 (the shapes and dtypes of BertTensors). An example longer than maxLen, or with
 * more than P predictions, throws a HyperparameterError naming maxLen.
 */
export function padBertInputs(examples: MlmExample[], maxLen: number, idxToToken: string[]): BertTensors {
  throw new Error('Not implemented: padBertInputs (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * d2l's _WikiTextDataset: from raw paragraphs (each a list of sentence strings, as _read_wiki gives
 * them) to padded tensors.
 *   1. Tokenize every sentence on whitespace (d2l's tokenize(…, 'word'): line.split()).
 *   2. The vocabulary: d2l's Vocab over all sentences, min_freq 5, reserved tokens '<pad>', '<mask>',
 *      '<cls>', '<sep>' (d2l-ts/reference/27-vocab).
 *   3. With rng = makeRng(seed): for each paragraph in order, getNspDataFromParagraph(paragraph,
 *      all tokenized paragraphs, maxLen, rng.int(2 ** 31)); then for each example in order,
 *      getMlmDataFromTokens(its tokens, vocabulary, rng.int(2 ** 31)).
 *   4. padBertInputs.
 * Returns the vocabulary (idxToToken) with the tensors. An empty paragraph list throws an
 * EmptyCorpusError naming paragraphs; a paragraph of fewer than 2 sentences a ParagraphTooShortError
 * naming it (paragraphs[k]); a maxLen below 5, or one no sentence pair fits in, a HyperparameterError
 * naming maxLen.
 */
export function bertPretrainData(
  paragraphs: string[][],
  maxLen: number,
  seed: number,
): { idxToToken: string[] } & BertTensors {
  throw new Error('Not implemented: bertPretrainData (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}

/**
 * The minibatches of one epoch (d2l's DataLoader with shuffle=True): the examples in the order
 * makeRng(seed).shuffle([0, 1, …, n − 1]) gives, batchSize at a time, the last batch shorter when
 * n is not a multiple (PyTorch keeps it). Each batch holds the rows of every tensor. batchSize must
 * be a whole number >= 1: otherwise a HyperparameterError naming batchSize.
 */
export function* bertBatches(data: BertTensors, batchSize: number, seed: number): Generator<BertTensors> {
  throw new Error('Not implemented: bertBatches (63-bert-pretrain-data). The task is in exercises/63-bert-pretrain-data/README.md');
}
