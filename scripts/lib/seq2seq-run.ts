/**
 * What the seq2seq-family training scripts (42, 50, 54) share: the data and d2l's train_seq2seq
 * settings from the command line, the pairs a held-out score may use, and the training run itself
 * (its expected duration, a line or bar per epoch, and a closing line of speed).
 */
import * as tf from '@tensorflow/tfjs';
import type { Vocab } from '../../reference/27-vocab';
import { preprocessNmt, tokenizeNmt } from '../../reference/37-nmt-preprocess';
import { type NmtData, nmtArrays } from '../../reference/38-nmt-batches';
import type { TrainConfig } from '../../reference/42-seq2seq-train';
import { paramLeaves } from '../../reference/42-seq2seq-train';
import { duration, expectDuration, progressBar, timeOnce } from './progress';

export interface Seq2seqRun {
  data: NmtData;
  srcVocab: Vocab;
  tgtVocab: Vocab;
  pairs: number;
  /** Target tokens within the valid lengths: d2l's count for tokens per second. */
  validTokens: number;
  batchesPerEpoch: number;
  config: TrainConfig;
}

/** The run's data (nmtArrays of `text`) and train_seq2seq's settings (clipping θ = 1), from the options. */
export function seq2seqRun(
  text: string,
  o: {
    numSteps: number;
    numExamples: number;
    batchSize: number;
    lr: number;
    dropout: number;
    numEpochs: number;
    seed: number;
  },
): Seq2seqRun {
  const { data, srcVocab, tgtVocab } = nmtArrays(text, o.numSteps, o.numExamples);
  const pairs = data.src.shape[0];
  return {
    data,
    srcVocab,
    tgtVocab,
    pairs,
    validTokens: data.tgtValidLen.sum().dataSync()[0]!,
    batchesPerEpoch: Math.ceil(pairs / o.batchSize),
    config: {
      lr: o.lr,
      numEpochs: o.numEpochs,
      batchSize: o.batchSize,
      theta: 1,
      dropout: o.dropout,
      seed: o.seed,
      bos: tgtVocab.tokenToIdx.get('<bos>')!,
    },
  };
}

/** Preprocessed pairs of a text whose every token is in the vocabularies (others would be <unk>). */
export function covered(
  run: Pick<Seq2seqRun, 'srcVocab' | 'tgtVocab'>,
  text: string,
  limit?: number,
): { sources: string[]; targets: string[] } {
  const { source, target } = tokenizeNmt(preprocessNmt(text), limit);
  const known = (v: Vocab, ts: string[]) => ts.every((t) => v.tokenToIdx.has(t));
  const keep = source
    .map((_, i) => i)
    .filter((i) => known(run.srcVocab, source[i]!) && known(run.tgtVocab, target[i]!));
  return { sources: keep.map((i) => source[i]!.join(' ')), targets: keep.map((i) => target[i]!.join(' ')) };
}

/** Steps per timed call: several, so that trainSeq2seq's own setup is not counted as a step's time. */
const PROBE = 4;

/** trainSeq2seq of one model: parameters, data, settings and a callback after each epoch. */
type Train<P> = (
  params: P,
  data: NmtData,
  config: TrainConfig,
  onEpoch?: (epoch: number, loss: number) => void,
) => { params: P; losses: number[] };

/**
 * Says how long the run should take: the fastest of three timed calls of PROBE steps on the run's
 * first minibatches, from parameters of their own. The first calls warm the kernels and V8's
 * compiled code up; a single step timed cold misjudged a 6-minute run as 45, and one timed second
 * still took 1.6 times a step of the run.
 */
function expectRunDuration<P extends object>(run: Seq2seqRun, init: () => P, train: Train<P>): void {
  const { data, config } = run;
  const k = Math.min(run.pairs, PROBE * config.batchSize);
  const some: NmtData = tf.tidy(() => ({
    src: data.src.slice(0, k),
    srcValidLen: data.srcValidLen.slice(0, k),
    tgt: data.tgt.slice(0, k),
    tgtValidLen: data.tgtValidLen.slice(0, k),
  }));
  const steps = Math.ceil(k / config.batchSize);
  const probe = init();
  const perCall = timeOnce(() => tf.dispose(paramLeaves(train(probe, some, { ...config, numEpochs: 1 }).params)));
  tf.dispose([...paramLeaves(probe), ...Object.values(some)]);
  expectDuration(
    [
      {
        name: `${steps} training steps`,
        seconds: perCall,
        count: Math.ceil((run.batchesPerEpoch * config.numEpochs) / steps),
      },
    ],
    'call',
  );
  console.log(`(${run.batchesPerEpoch} steps an epoch; the evaluation after the training is not counted)`);
}

/**
 * The training run: its expected duration, then `train` from init()'s parameters with a progress
 * bar (one line per epoch when the output is not a terminal), then the loss and the speed in
 * target tokens per second. Returns the initial and trained parameters and the loss per epoch.
 */
export function trainRun<P extends object>(
  label: string,
  run: Seq2seqRun,
  init: () => P,
  train: Train<P>,
): { params: P; trained: { params: P; losses: number[] }; points: { x: number; y: number }[] } {
  expectRunDuration(run, init, train);
  const { data, config, validTokens } = run;
  const params = init();
  const bar = progressBar(config.numEpochs, label, ['loss', 'tokens_per_s']);
  const points: { x: number; y: number }[] = [];
  const start = performance.now();
  let last = start;
  const trained = train(params, data, config, (epoch, loss) => {
    const now = performance.now();
    const tokensPerS = validTokens / ((now - last) / 1000);
    last = now;
    points.push({ x: epoch + 1, y: loss });
    bar.tick({ loss, tokens_per_s: tokensPerS });
  });
  bar.stop();
  const seconds = (performance.now() - start) / 1000;
  const perS = (tokens: number) => ((tokens * config.numEpochs) / seconds).toFixed(0);
  console.log(
    `loss ${trained.losses.at(-1)?.toFixed(4)}, ${perS(validTokens)} target tokens/s (valid ones, d2l's count; ${perS(data.tgt.size)} counting padding), training ${duration(seconds)}`,
  );
  return { params, trained, points };
}
