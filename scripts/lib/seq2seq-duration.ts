import * as tf from '@tensorflow/tfjs';
import type { NmtData } from '../../reference/38-nmt-batches';
import { expectDuration, timeOnce } from './progress';

/** Steps per timed call: several, so that trainSeq2seq's own setup is not counted as a step's time. */
const PROBE = 4;

/**
 * Prints, before a seq2seq-family training run (scripts 42, 50, 54), how long it should take: the
 * fastest of three timed calls of PROBE steps on the run's first minibatches. The first calls warm
 * the kernels and V8's compiled code up; a single step timed cold misjudged a 6-minute run as 45,
 * and one timed second still took 1.6 times a step of the run. `train` runs one epoch over the
 * pairs it is given, on parameters of its own, and disposes what it made.
 */
export function expectSeq2seqDuration(
  data: NmtData,
  run: { batchSize: number; batchesPerEpoch: number; numEpochs: number },
  train: (some: NmtData) => void,
): void {
  const k = Math.min(data.src.shape[0], PROBE * run.batchSize);
  const some: NmtData = tf.tidy(() => ({
    src: data.src.slice(0, k),
    srcValidLen: data.srcValidLen.slice(0, k),
    tgt: data.tgt.slice(0, k),
    tgtValidLen: data.tgtValidLen.slice(0, k),
  }));
  const steps = Math.ceil(k / run.batchSize);
  const perCall = timeOnce(() => train(some));
  tf.dispose(Object.values(some));
  expectDuration(
    [
      {
        name: `${steps} training steps`,
        seconds: perCall,
        count: Math.ceil((run.batchesPerEpoch * run.numEpochs) / steps),
      },
    ],
    'call',
  );
  console.log(`(${run.batchesPerEpoch} steps an epoch; the evaluation after the training is not counted)`);
}
