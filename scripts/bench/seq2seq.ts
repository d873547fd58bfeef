import * as tf from '@tensorflow/tfjs';
import { switchBackend, useBackend, type BackendName } from '../../reference/backend';
import type { NmtData } from '../../reference/38-nmt-batches';
import type { EncoderDecoder, EncoderDecoderParams } from '../../reference/39-encoder-decoder';
import { initSeq2seq, seq2seqModel } from '../../reference/40-seq2seq-decoder';
import { paramLeaves, trainSeq2seq } from '../../reference/42-seq2seq-train';
import { makeRng } from '../../reference/random';
import { row, type BenchOptions } from './common';

/**
 * d2l's seq2seq training step (d2l-zh 9.7.4: embedding 32, hidden 32, 2 GRU layers, dropout 0.1,
 * minibatches of 64 × 10 steps, Adam, clipping θ = 1) at the vocabularies of d2l's fra-eng
 * 600-pair run (184 source, 201 target tokens), on batches shaped like load_data_nmt's: random
 * words, then <eos>, then <pad>, valid lengths 3 to 10. The same setting as the PyTorch peer
 * (scripts/bench/peers/seq2seq.py), which counts target tokens per second as
 * batch × num_steps per step, padding included; valid tokens (d2l's own count) are given too.
 */
export const [BATCH, STEPS, EMBED, HIDDEN, LAYERS, SRC_VOCAB, TGT_VOCAB] = [64, 10, 32, 32, 2, 184, 201];
export const [PAD, BOS, EOS] = [1, 2, 3];
/** Minibatches per epoch: WARMUP_EPOCHS untimed, then one timed. */
export const PER_RUN = 8;
const WARMUP_EPOCHS = 2;

function side(rng: ReturnType<typeof makeRng>, n: number, vocab: number): { array: number[]; validLen: number[] } {
  const array: number[] = [];
  const validLen: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = 3 + rng.int(STEPS - 2);
    validLen.push(len);
    for (let t = 0; t < STEPS; t++) array.push(t < len - 1 ? 4 + rng.int(vocab - 4) : t === len - 1 ? EOS : PAD);
  }
  return { array, validLen };
}

export function data(): { data: NmtData; valid: number } {
  const rng = makeRng(1);
  const n = BATCH * PER_RUN;
  const [src, tgt] = [side(rng, n, SRC_VOCAB), side(rng, n, TGT_VOCAB)];
  return {
    data: {
      src: tf.tensor2d(src.array, [n, STEPS], 'int32'),
      srcValidLen: tf.tensor1d(src.validLen, 'int32'),
      tgt: tf.tensor2d(tgt.array, [n, STEPS], 'int32'),
      tgtValidLen: tf.tensor1d(tgt.validLen, 'int32'),
    },
    valid: tgt.validLen.reduce((a, b) => a + b, 0),
  };
}

/** Target tokens per second of one measurement: padded (the peers' count), valid (d2l's), padded per CPU second. */
export interface Seq2seqSpeed {
  padded: number;
  valid: number;
  perCpuSecond: number;
}

/**
 * The speed of `model`'s training step on the current backend: epochs of PER_RUN minibatches by
 * reference/42's trainSeq2seq (Adam 0.005, clipping θ = 1, dropout 0.1), the first WARMUP_EPOCHS
 * untimed (V8 compiles tfjs's JavaScript as it runs: the first minibatches are slower, bench/rnn.ts),
 * then one timed. Per CPU second too: on a shared machine the clock counts the other work's time,
 * and wasm runs on one thread, so CPU time is its own time.
 */
export function seq2seqTokensPerSecond<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  warmupEpochs = WARMUP_EPOCHS,
): Seq2seqSpeed {
  const { data: d, valid } = data();
  const config = { lr: 0.005, numEpochs: 1, batchSize: BATCH, theta: 1, dropout: 0.1, seed: 1, bos: BOS };
  const epoch = (seed: number) => tf.dispose(paramLeaves(trainSeq2seq(model, params, d, { ...config, seed }).params));
  for (let i = 0; i < warmupEpochs; i++) epoch(i);
  const t = performance.now();
  const cpu = process.cpuUsage();
  epoch(warmupEpochs);
  const s = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  tf.dispose(Object.values(d));
  const padded = BATCH * STEPS * PER_RUN;
  return { padded: padded / s, valid: valid / s, perCpuSecond: padded / ((used.user + used.system) / 1e6) };
}

/** `runs` measurements of a model's training step (seq2seqTokensPerSecond), as rows of the bench's table. */
export function reportSeq2seq(name: string, backend: BackendName, runs: number, measure: () => Seq2seqSpeed): void {
  const speeds = Array.from({ length: runs }, measure);
  const column = (k: keyof Seq2seqSpeed) => speeds.map((x) => x[k]);
  row(`${name} training step (${BATCH}×${STEPS}, padded target tokens), ${backend}`, column('padded'), 'tokens/s');
  row(`${name} training step (valid target tokens, d2l's count), ${backend}`, column('valid'), 'tokens/s');
  row(`${name} training step (padded tokens per CPU second), ${backend}`, column('perCpuSecond'), 'tokens/s');
}

/** d2l's seq2seq at the bench's sizes, freshly initialised. */
export const seq2seqParams = () => initSeq2seq(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, LAYERS, 1);

/**
 * The seq2seq training step at d2l's size, on wasm and cpu, in target tokens per second. PyTorch's
 * figure for the same model and step: `npm run bench -- --peers`.
 */
export async function seq2seq({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  for (const backend of ['wasm', 'cpu'] as const) {
    await switchBackend(backend);
    const params = seq2seqParams();
    reportSeq2seq('seq2seq', backend, backend === 'cpu' ? Math.min(runs, 2) : runs, () =>
      seq2seqTokensPerSecond(seq2seqModel, params, backend === 'cpu' ? 1 : WARMUP_EPOCHS),
    );
    tf.dispose(paramLeaves(params));
  }
  await switchBackend('wasm');
}
