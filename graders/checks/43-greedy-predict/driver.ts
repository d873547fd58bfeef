/**
 * Runs beside the student's predictSeq2seq (graders/registry.ts): a model and vocabularies are
 * classes and functions, so they are made here. drivePredict hands over the reference seq2seq
 * model; drivePredictScripted a model whose decoder says the tokens of a script, one per call,
 * and records what the student fed the encoder and the decoder.
 */
import * as tf from '@tensorflow/tfjs';
import * as student from 'd2l-ts/student';
import { nmtVocab } from '../../../reference/38-nmt-batches';
import type { EncoderDecoder } from '../../../reference/39-encoder-decoder';
import { type Seq2SeqParams, seq2seqModel } from '../../../reference/40-seq2seq-decoder';
import type * as Reference from '../../../reference/43-greedy-predict';

const { predictSeq2seq } = student as Pick<typeof Reference, 'predictSeq2seq'>;

/** predictSeq2seq with the seq2seq model and the vocabularies of srcLines and tgtLines. */
export function drivePredict(
  params: Seq2SeqParams,
  srcSentence: string,
  srcLines: string[][],
  tgtLines: string[][],
  numSteps: number,
): string {
  return predictSeq2seq(seq2seqModel, params, srcSentence, nmtVocab(srcLines), nmtVocab(tgtLines), numSteps);
}

/** What the scripted model saw, and the translation. */
export interface Scripted {
  translation: string;
  encX: number[];
  encValidLen: number[];
  initStateValidLen: number[];
  fed: number[];
}

/**
 * predictSeq2seq with a model whose decoder, at its t-th call, answers logits whose argmax is
 * script[t] (or the target <eos> past the script's end), whatever it is fed; the source's tokens,
 * valid length and every token fed to the decoder are recorded.
 */
export function drivePredictScripted(
  script: number[],
  srcSentence: string,
  srcLines: string[][],
  tgtLines: string[][],
  numSteps: number,
): Scripted {
  const srcVocab = nmtVocab(srcLines);
  const tgtVocab = nmtVocab(tgtLines);
  const V = tgtVocab.length;
  const eos = tgtVocab.tokenToIdx.get('<eos>')!;
  const seen: Omit<Scripted, 'translation'> = { encX: [], encValidLen: [], initStateValidLen: [], fed: [] };
  type State = { t: tf.Scalar };
  const model: EncoderDecoder<object, object, { x: tf.Tensor }, State> = {
    encoder: {
      forward(_p, X, validLen) {
        seen.encX = Array.from(X.dataSync());
        seen.encValidLen = Array.from(validLen.dataSync());
        return { x: X.clone() };
      },
    },
    decoder: {
      initState(_o, validLen) {
        seen.initStateValidLen = Array.from(validLen.dataSync());
        return { t: tf.scalar(0, 'int32') };
      },
      forward(_p, X, state) {
        const t = state.t.dataSync()[0]!;
        seen.fed.push(...Array.from(X.dataSync()));
        const next = script[t] ?? eos;
        const Y = tf.tidy(() =>
          tf
            .oneHot(tf.tensor1d([next], 'int32'), V)
            .mul(10)
            .reshape([1, 1, V]),
        ) as tf.Tensor3D;
        return { Y, state: { t: tf.scalar(t + 1, 'int32') } };
      },
    },
  };
  const translation = predictSeq2seq(model, { encoder: {}, decoder: {} }, srcSentence, srcVocab, tgtVocab, numSteps);
  return { translation, ...seen };
}
