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
  // BEGIN SOLUTION
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (!Number.isInteger(maxLen) || maxLen < 5)
    throw new HyperparameterError(`maxLen = ${maxLen}: <cls> A <sep> B <sep> needs at least 5 positions`);
  if (paragraph.length < 2)
    throw new ParagraphTooShortError(`the paragraph has ${paragraph.length} sentence(s): a next-sentence pair needs 2`);
  if (paragraphs.length === 0)
    throw new EmptyCorpusError('paragraphs is empty: there is nothing to draw a random sentence from');
  const rng = makeRng(seed);
  const out: NspExample[] = [];
  for (let i = 0; i < paragraph.length - 1; i++) {
    let b = paragraph[i + 1];
    let isNext = true;
    if (rng.uniform() >= 0.5) {
      const p = paragraphs[rng.int(paragraphs.length)];
      b = p[rng.int(p.length)];
      isNext = false;
    }
    const a = paragraph[i];
    if (a.length + b.length + 3 > maxLen) continue;
    out.push({ ...getTokensAndSegments(a, b), isNext });
  }
  return out;
  // END SOLUTION
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
  // BEGIN SOLUTION
  const rng = makeRng(seed);
  const mlmInputTokens = [...tokens];
  const predPositionsAndLabels: [number, string][] = [];
  for (const position of rng.shuffle([...candidatePredPositions])) {
    if (predPositionsAndLabels.length >= numMlmPreds) break;
    let masked: string;
    if (rng.uniform() < 0.8) masked = '<mask>';
    else if (rng.uniform() < 0.5) masked = tokens[position];
    else masked = idxToToken[rng.int(idxToToken.length)];
    mlmInputTokens[position] = masked;
    predPositionsAndLabels.push([position, tokens[position]]);
  }
  return { mlmInputTokens, predPositionsAndLabels };
  // END SOLUTION
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
  // BEGIN SOLUTION
  const index = new Map(idxToToken.map((t, i) => [t, i]));
  const id = (t: string) => index.get(t) ?? 0;
  const candidates: number[] = [];
  tokens.forEach((t, i) => {
    if (t !== '<cls>' && t !== '<sep>') candidates.push(i);
  });
  const numMlmPreds = Math.max(1, pythonRound(tokens.length * 0.15));
  const { mlmInputTokens, predPositionsAndLabels } = replaceMlmTokens(
    tokens,
    candidates,
    numMlmPreds,
    idxToToken,
    seed,
  );
  const sorted = [...predPositionsAndLabels].sort((a, b) => a[0] - b[0]);
  return {
    tokenIds: mlmInputTokens.map(id),
    predPositions: sorted.map(([p]) => p),
    mlmPredLabelIds: sorted.map(([, label]) => id(label)),
  };
  // END SOLUTION
}

/**
 * d2l's _pad_bert_inputs: every example padded to maxLen with the id of '<pad>' (segments with 0),
 * its valid length the number of tokens before the padding, its prediction positions, weights (1.0)
 * and label ids padded to P = pythonRound(maxLen · 0.15) slots with 0, 0.0 and 0, and its IsNext
 * label as 1 or 0 (the shapes and dtypes of BertTensors). An example longer than maxLen, or with
 * more than P predictions, throws a HyperparameterError naming maxLen.
 */
export function padBertInputs(examples: MlmExample[], maxLen: number, idxToToken: string[]): BertTensors {
  // BEGIN SOLUTION
  const P = pythonRound(maxLen * 0.15);
  const pad = Math.max(0, idxToToken.indexOf('<pad>'));
  const n = examples.length;
  const fill = (row: number[], length: number, value: number) => [
    ...row,
    ...new Array<number>(length - row.length).fill(value),
  ];
  examples.forEach((e, k) => {
    if (e.tokenIds.length > maxLen || e.predPositions.length > P)
      throw new HyperparameterError(
        `example ${k} has ${e.tokenIds.length} tokens and ${e.predPositions.length} predictions: maxLen = ${maxLen} allows ${maxLen} and ${P}`,
      );
  });
  return {
    tokenIds: tf.tensor2d(
      examples.map((e) => fill(e.tokenIds, maxLen, pad)),
      [n, maxLen],
      'int32',
    ),
    segments: tf.tensor2d(
      examples.map((e) => fill(e.segments, maxLen, 0)),
      [n, maxLen],
      'int32',
    ),
    validLens: tf.tensor1d(examples.map((e) => e.tokenIds.length)),
    predPositions: tf.tensor2d(
      examples.map((e) => fill(e.predPositions, P, 0)),
      [n, P],
      'int32',
    ),
    mlmWeights: tf.tensor2d(
      examples.map((e) =>
        fill(
          e.predPositions.map(() => 1),
          P,
          0,
        ),
      ),
      [n, P],
    ),
    mlmLabels: tf.tensor2d(
      examples.map((e) => fill(e.mlmPredLabelIds, P, 0)),
      [n, P],
      'int32',
    ),
    nspLabels: tf.tensor1d(
      examples.map((e) => (e.isNext ? 1 : 0)),
      'int32',
    ),
  };
  // END SOLUTION
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
  // BEGIN SOLUTION
  if (paragraphs.length === 0) throw new EmptyCorpusError('paragraphs is empty: there is no text to pretrain on');
  if (!Number.isInteger(maxLen) || maxLen < 5)
    throw new HyperparameterError(`maxLen = ${maxLen}: <cls> A <sep> B <sep> needs at least 5 positions`);
  const tokenized = paragraphs.map((p) => p.map((sentence) => sentence.split(/\s+/).filter((t) => t !== '')));
  tokenized.forEach((p, k) => {
    if (p.length < 2)
      throw new ParagraphTooShortError(`paragraphs[${k}] has ${p.length} sentence(s): a next-sentence pair needs 2`);
  });
  const vocab = new Vocab(tokenized.flat(), 5, ['<pad>', '<mask>', '<cls>', '<sep>']);
  const rng = makeRng(seed);
  const nsp = tokenized.flatMap((p) => getNspDataFromParagraph(p, tokenized, maxLen, rng.int(2 ** 31)));
  if (nsp.length === 0) throw new HyperparameterError(`maxLen = ${maxLen}: no sentence pair fits`);
  const examples = nsp.map(({ tokens, segments, isNext }) => ({
    ...getMlmDataFromTokens(tokens, vocab.idxToToken, rng.int(2 ** 31)),
    segments,
    isNext,
  }));
  return { idxToToken: [...vocab.idxToToken], ...padBertInputs(examples, maxLen, vocab.idxToToken) };
  // END SOLUTION
}

/**
 * The minibatches of one epoch (d2l's DataLoader with shuffle=True): the examples in the order
 * makeRng(seed).shuffle([0, 1, …, n − 1]) gives, batchSize at a time, the last batch shorter when
 * n is not a multiple (PyTorch keeps it). Each batch holds the rows of every tensor. batchSize must
 * be a whole number >= 1: otherwise a HyperparameterError naming batchSize.
 */
export function* bertBatches(data: BertTensors, batchSize: number, seed: number): Generator<BertTensors> {
  // BEGIN SOLUTION
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new HyperparameterError(`batchSize = ${batchSize}: it must be a whole number >= 1`);
  const n = data.tokenIds.shape[0];
  const order = makeRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));
  for (let start = 0; start < n; start += batchSize) {
    const rows = order.slice(start, start + batchSize);
    yield tf.tidy(() => {
      const idx = tf.tensor1d(rows, 'int32');
      return {
        tokenIds: tf.gather(data.tokenIds, idx),
        segments: tf.gather(data.segments, idx),
        validLens: tf.gather(data.validLens, idx),
        predPositions: tf.gather(data.predPositions, idx),
        mlmWeights: tf.gather(data.mlmWeights, idx),
        mlmLabels: tf.gather(data.mlmLabels, idx),
        nspLabels: tf.gather(data.nspLabels, idx),
      };
    });
  }
  // END SOLUTION
}
