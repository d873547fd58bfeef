import * as tf from '@tensorflow/tfjs';
import { switchBackend, useBackend, type BackendName } from '../../reference/backend';
import { type CellName, scratchModels } from '../../reference/char-lm';
import { trainEpochCh8 } from '../../reference/32-char-rnn-train';
import { makeRng } from '../../reference/random';
import { median, row, type BenchOptions } from './common';

/** d2l's GRU language model (9.1): minibatches of 32 × 35 characters, 256 hidden units, a vocabulary of 28. */
const [BATCH, STEPS, HIDDEN, VOCAB] = [32, 35, 256, 28];
const TOKENS = BATCH * STEPS;
/** Minibatches per timed run, after one warm-up run. */
const PER_RUN = 2;

/** Tokens per second of one run of PER_RUN training steps of `cell`'s language model, after a warm-up run, on the current backend. */
export async function lmTokensPerSecond(cell: CellName): Promise<number> {
  const rng = makeRng(1);
  const corpus = Array.from({ length: TOKENS * PER_RUN + STEPS + 1 }, () => rng.int(VOCAB));
  const params = scratchModels[cell].getParams(VOCAB, HIDDEN, 1);
  const opts = { batchSize: BATCH, numSteps: STEPS, lr: 1, useRandomIter: false, theta: 1 };
  let tps = 0;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const r = trainEpochCh8(cell, params, corpus, opts, i);
    tf.dispose(Object.values(r.params));
    tps = (TOKENS * PER_RUN) / ((performance.now() - t) / 1000);
  }
  tf.dispose(Object.values(params));
  return tps;
}

/**
 * Tokens per second of `runs` runs of PER_RUN training steps on `backend`: the forward pass
 * (inputs one-hot times matMul, so the embedding's gradient is a plain matMul's), the loss, the
 * gradients through 35 steps, clipping and SGD, all as the course's trainEpochCh8 does them.
 */
async function tokensPerSecond(backend: BackendName, runs: number): Promise<number[]> {
  await switchBackend(backend);
  const rng = makeRng(1);
  // Long enough for PER_RUN minibatches at any offset (sequential partitioning drops up to 35 tokens).
  const corpus = Array.from({ length: TOKENS * PER_RUN + STEPS + 1 }, () => rng.int(VOCAB));
  const params = scratchModels.gru.getParams(VOCAB, HIDDEN, 1);
  const opts = { batchSize: BATCH, numSteps: STEPS, lr: 1, useRandomIter: false, theta: 1 };
  const out: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const r = trainEpochCh8('gru', params, corpus, opts, i);
    tf.dispose(Object.values(r.params));
    if (i > 0) out.push((TOKENS * PER_RUN) / ((performance.now() - t) / 1000));
  }
  tf.dispose(Object.values(params));
  return out;
}

/** The GRU language-model training step at d2l's size, on wasm and cpu, in tokens per second. */
export async function rnn({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const figures: Partial<Record<BackendName, number>> = {};
  for (const backend of ['wasm', 'cpu'] as const) {
    const tps = await tokensPerSecond(backend, backend === 'cpu' ? Math.min(runs, 3) : runs);
    figures[backend] = median(tps);
    row(`rnn GRU LM training step (${BATCH}×${STEPS} tokens, ${HIDDEN} hidden), ${backend}`, tps, 'tokens/s');
  }
  console.log(`rnn: wasm trains the GRU language model ${(figures.wasm! / figures.cpu!).toFixed(0)}x faster than cpu`);
}
