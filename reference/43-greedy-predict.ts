/**
 * Exercise 43's building blocks: d2l's predict_seq2seq (d2l-zh 9.7.5, d2l-en 10.7.6), greedy
 * decoding for any model of the encoder-decoder interface (reference/39-encoder-decoder.ts):
 *
 *   sourceTokens(srcSentence, srcVocab, numSteps)
 *                            { X [1, numSteps], validLen [1] }: d2l's source side of predict_seq2seq
 *   predictSeq2seq(model, params, srcSentence, srcVocab, tgtVocab, numSteps)
 *                            the translation, tokens joined by spaces (d2l's return value)
 *   translateBatch(model, params, srcSentences, srcVocab, tgtVocab, numSteps)
 *                            the same greedy decoding for many sentences at once: their target
 *                            token lists (faster: one decoder call per step for all of them)
 *
 * d2l's steps: the sentence lower-cased and split on single spaces, its indices (<unk> for words
 * outside the vocabulary) and <eos>; the valid length is that count, before truncate_pad to
 * numSteps; the encoder's outputs make the decoder's state; from <bos>, numSteps times, the
 * decoder reads the last token with the state carried on, and the argmax is the next token,
 * until <eos> (not part of the output). Each row of the batch decodes independently, so
 * translateBatch gives each sentence predictSeq2seq's tokens.
 */
import * as tf from '@tensorflow/tfjs';
import type { Vocab } from './27-vocab';
import { checkPositiveInteger, truncatePad } from './38-nmt-batches';
import type { EncoderDecoder, EncoderDecoderParams } from './39-encoder-decoder';
import { EmptyCorpusError } from './errors';

/** The source side of predict_seq2seq: indices of the lower-cased words and <eos>, truncated or padded. */
export function sourceTokens(
  srcSentence: string,
  srcVocab: Vocab,
  numSteps: number,
): { X: tf.Tensor2D; validLen: tf.Tensor1D } {
  checkPositiveInteger(numSteps, 'numSteps');
  if (srcSentence.trim() === '')
    throw new EmptyCorpusError(`srcSentence is empty (${JSON.stringify(srcSentence)}): there is nothing to translate`);
  const ids = [...srcVocab.toIndices(srcSentence.toLowerCase().split(' ')), srcVocab.tokenToIdx.get('<eos>')!];
  return {
    X: tf.tensor2d([truncatePad(ids, numSteps, srcVocab.tokenToIdx.get('<pad>')!)], [1, numSteps], 'int32'),
    validLen: tf.tensor1d([ids.length], 'int32'),
  };
}

/** Greedy decoding of a batch of sources, at most numSteps tokens each; returns the token indices of each row, <eos> excluded. */
function greedy<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  X: tf.Tensor2D,
  validLen: tf.Tensor1D,
  bos: number,
  eos: number,
  numSteps: number,
): number[][] {
  const n = X.shape[0];
  let state = tf.tidy(() => {
    const encOutputs = model.encoder.forward(params.encoder, X, validLen);
    return model.decoder.initState(encOutputs, validLen) as S & tf.TensorContainer;
  });
  let tokens = new Array<number>(n).fill(bos);
  const out: number[][] = Array.from({ length: n }, () => []);
  const done = new Array<boolean>(n).fill(false);
  for (let t = 0; t < numSteps && done.includes(false); t++) {
    const decX = tf.tensor2d(tokens, [n, 1], 'int32');
    const step = tf.tidy(() => {
      const { Y, state: next } = model.decoder.forward(params.decoder, decX, state);
      return { next: next as S & tf.TensorContainer, best: Y.squeeze([1]).argMax(1) };
    });
    tf.dispose([decX, state as tf.TensorContainer]);
    state = step.next;
    tokens = Array.from(step.best.dataSync());
    step.best.dispose();
    tokens.forEach((y, i) => {
      if (done[i]) return;
      if (y === eos) done[i] = true;
      else out[i]!.push(y);
    });
  }
  tf.dispose(state as tf.TensorContainer);
  return out;
}

/** d2l's predict_seq2seq: the greedy translation of srcSentence, its tokens joined by single spaces. */
export function predictSeq2seq<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  srcSentence: string,
  srcVocab: Vocab,
  tgtVocab: Vocab,
  numSteps: number,
): string {
  const { X, validLen } = sourceTokens(srcSentence, srcVocab, numSteps);
  const [ids] = greedy(
    model,
    params,
    X,
    validLen,
    tgtVocab.tokenToIdx.get('<bos>')!,
    tgtVocab.tokenToIdx.get('<eos>')!,
    numSteps,
  );
  tf.dispose([X, validLen]);
  return tgtVocab.toTokens(ids!).join(' ');
}

/** predictSeq2seq of every sentence, decoded together; each sentence's target tokens. */
export function translateBatch<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  srcSentences: readonly string[],
  srcVocab: Vocab,
  tgtVocab: Vocab,
  numSteps: number,
): string[][] {
  if (srcSentences.length === 0) return [];
  const sources = srcSentences.map((s) => sourceTokens(s, srcVocab, numSteps));
  const X = tf.concat(sources.map((s) => s.X)) as tf.Tensor2D;
  const validLen = tf.concat(sources.map((s) => s.validLen)) as tf.Tensor1D;
  tf.dispose(sources.flatMap((s) => [s.X, s.validLen]));
  const ids = greedy(
    model,
    params,
    X,
    validLen,
    tgtVocab.tokenToIdx.get('<bos>')!,
    tgtVocab.tokenToIdx.get('<eos>')!,
    numSteps,
  );
  tf.dispose([X, validLen]);
  return ids.map((row) => tgtVocab.toTokens(row));
}
