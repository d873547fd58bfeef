import * as tf from '@tensorflow/tfjs';
import type { Vocab } from 'd2l-ts/reference/27-vocab';
import { truncatePad } from 'd2l-ts/reference/38-nmt-batches';
import type { EncoderDecoder } from 'd2l-ts/reference/39-encoder-decoder';
import { EmptyCorpusError, HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * d2l's predict_seq2seq (预测, 贪心搜索): translate one sentence with any model of the
 * encoder-decoder interface (d2l-ts/reference/39-encoder-decoder) and its parameters.
 * The source: srcSentence lower-cased and split at single spaces (d2l feeds it preprocessed:
 * 'go .'), as srcVocab indices (<unk> for unknown words), then <eos>; its valid length is that
 * count, taken BEFORE truncatePad (d2l-ts/reference/38-nmt-batches) brings it to numSteps with
 * <pad>. As a batch of one: X [1, numSteps], validLen [1] (int32).
 * Then: encoder.forward(params.encoder, X, validLen), decoder.initState(its outputs, validLen),
 * and from <bos> (tgtVocab's), at most numSteps times: decoder.forward(params.decoder, the last
 * token as [1, 1], the state) gives logits [1, 1, V] and the next state; the next token is their
 * argmax (greedy search: y_t' = argmax_y P(y | y_1 … y_t'−1, c)). Stop at <eos> (not part of the
 * translation). Returns the tokens joined by single spaces ('' if <eos> comes first). Evaluation
 * mode: no opts. numSteps must be a whole number >= 1 (HyperparameterError) and the sentence
 * must hold something besides spaces (EmptyCorpusError), each error naming its argument.
 */
export function predictSeq2seq<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: { encoder: PE; decoder: PD },
  srcSentence: string,
  srcVocab: Vocab,
  tgtVocab: Vocab,
  numSteps: number,
): string {
  // BEGIN SOLUTION
  if (!Number.isInteger(numSteps) || numSteps < 1)
    throw new HyperparameterError(`numSteps must be a whole number >= 1, got ${numSteps}`);
  if (srcSentence.trim() === '') throw new EmptyCorpusError('srcSentence is empty: there is nothing to translate');
  const [pad, srcEos] = srcVocab.toIndices(['<pad>', '<eos>']);
  const srcTokens = [...srcVocab.toIndices(srcSentence.toLowerCase().split(' ')), srcEos];
  const encX = tf.tensor2d([truncatePad(srcTokens, numSteps, pad)], [1, numSteps], 'int32');
  const encValidLen = tf.tensor1d([srcTokens.length], 'int32');
  let state = tf.tidy(() => {
    const encOutputs = model.encoder.forward(params.encoder, encX, encValidLen);
    return model.decoder.initState(encOutputs, encValidLen) as S & tf.TensorContainer;
  });
  const [bos, eos] = tgtVocab.toIndices(['<bos>', '<eos>']);
  const output: number[] = [];
  let token = bos;
  for (let step = 0; step < numSteps; step++) {
    const decX = tf.tensor2d([[token]], [1, 1], 'int32');
    const { Y, state: next } = model.decoder.forward(params.decoder, decX, state);
    token = tf.tidy(() => Y.argMax(2).dataSync()[0]);
    tf.dispose([decX, Y, state]);
    state = next as S & tf.TensorContainer;
    if (token === eos) break;
    output.push(token);
  }
  tf.dispose([encX, encValidLen, state]);
  return tgtVocab.toTokens(output).join(' ');
  // END SOLUTION
}
