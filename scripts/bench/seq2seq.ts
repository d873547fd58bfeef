import * as tf from '@tensorflow/tfjs';
import { switchBackend, useBackend, type BackendName } from '../../reference/backend';
import type { NmtData } from '../../reference/38-nmt-batches';
import { initSeq2seq, seq2seqModel } from '../../reference/40-seq2seq-decoder';
import { paramLeaves, trainSeq2seq } from '../../reference/42-seq2seq-train';
import { makeRng } from '../../reference/random';
import { median, row, type BenchOptions } from './common';

/**
 * d2l's seq2seq training step (d2l-zh 9.7.4: embedding 32, hidden 32, 2 GRU layers, dropout 0.1,
 * minibatches of 64 × 10 steps, Adam, clipping θ = 1) at the vocabularies of d2l's fra-eng
 * 600-pair run (184 source, 201 target tokens), on batches shaped like load_data_nmt's: random
 * words, then <eos>, then <pad>, valid lengths 3 to 10. The same setting as the PyTorch peer
 * (scripts/bench/peers/seq2seq.py on the peers branch), which counts target tokens per second as
 * batch × num_steps per step, padding included; valid tokens (d2l's own count) are given too.
 */
export const [BATCH, STEPS, EMBED, HIDDEN, LAYERS, SRC_VOCAB, TGT_VOCAB] = [64, 10, 32, 32, 2, 184, 201];
export const [PAD, BOS, EOS] = [1, 2, 3];
/** Minibatches per timed run (one epoch of this many), after one warm-up run. */
export const PER_RUN = 8;
/** PyTorch on 2 CPU threads, the same model and step (the measurement on a 2-core machine). */
const PYTORCH_TOKENS_PER_S = 50_000;

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

/**
 * Padded and valid target tokens per second of `runs` epochs of PER_RUN steps on `backend`, and
 * padded tokens per second of this process's CPU time: on a machine shared with other work the
 * wall clock counts their time too (wasm runs on one thread, so CPU time is its own time).
 */
async function tokensPerSecond(
  backend: BackendName,
  runs: number,
): Promise<{ padded: number[]; valid: number[]; perCpuSecond: number[] }> {
  await switchBackend(backend);
  const { data: d, valid } = data();
  const params = initSeq2seq(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, LAYERS, 1);
  const config = { lr: 0.005, numEpochs: 1, batchSize: BATCH, theta: 1, dropout: 0.1, seed: 1, bos: BOS };
  const padded: number[] = [];
  const validPerS: number[] = [];
  const perCpuSecond: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = trainSeq2seq(seq2seqModel, params, d, { ...config, seed: i });
    const s = (performance.now() - t) / 1000;
    const cpuS = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1e6;
    tf.dispose(paramLeaves(r.params));
    if (i > 0) {
      padded.push((BATCH * STEPS * PER_RUN) / s);
      validPerS.push(valid / s);
      perCpuSecond.push((BATCH * STEPS * PER_RUN) / cpuS);
    }
  }
  tf.dispose([...paramLeaves(params), ...Object.values(d)]);
  return { padded, valid: validPerS, perCpuSecond };
}

/** The seq2seq training step at d2l's size, on wasm and cpu, in target tokens per second. */
export async function seq2seq({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  for (const backend of ['wasm', 'cpu'] as const) {
    const { padded, valid, perCpuSecond } = await tokensPerSecond(
      backend,
      backend === 'cpu' ? Math.min(runs, 2) : runs,
    );
    row(`seq2seq training step (${BATCH}×${STEPS}, padded target tokens), ${backend}`, padded, 'tokens/s');
    row(`seq2seq training step (valid target tokens, d2l's count), ${backend}`, valid, 'tokens/s');
    row(`seq2seq training step (padded tokens per CPU second), ${backend}`, perCpuSecond, 'tokens/s');
    if (backend === 'wasm')
      console.log(
        `seq2seq: PyTorch on 2 CPU threads trains the same model at about ${PYTORCH_TOKENS_PER_S} target tokens/s: ${(PYTORCH_TOKENS_PER_S / median(padded)).toFixed(1)}x the course's reference on wasm by the clock, ${(PYTORCH_TOKENS_PER_S / median(perCpuSecond)).toFixed(1)}x by its CPU time`,
      );
  }
}
