import * as tf from '@tensorflow/tfjs';
import { type BackendName, presentBackends, switchBackend, useBackend } from '../../reference/backend';
import { CELLS, type CellName, scratchModels } from '../../reference/char-lm';
import { trainEpochCh8 } from '../../reference/32-char-rnn-train';
import { makeRng } from '../../reference/random';
import { median, row, type BenchOptions } from './common';

/** d2l's character language models (8.5, 9.1, 9.2): minibatches of 32 × 35 characters, 256 hidden units, a vocabulary of 28. */
const [BATCH, STEPS, HIDDEN, VOCAB] = [32, 35, 256, 28];
const TOKENS = BATCH * STEPS;
/**
 * Minibatches run before the clock starts, and then timed. V8 compiles tfjs's JavaScript as it
 * runs it, so the first minibatches are slower (GRU, 2-core machine: 4,700, 10,700, 13,200,
 * 14,700 tokens/s, then 15,800 from the eighth on); a training run is thousands of minibatches at
 * the steady speed, which is what is measured, as the PyTorch peers measure theirs
 * (peers/common.py: warm-up steps, then timed ones).
 */
const STEADY = { warmup: 10, timed: 10 };
/** The cpu backend trains some 30 times slower: fewer minibatches, for a figure of its order. */
const CPU = { warmup: 1, timed: 2 };

/**
 * Tokens per second of `cell`'s language-model training step at d2l's size on the current
 * backend: the forward pass (ops/recurrent.ts), the loss, the gradients through 35 steps,
 * clipping and SGD, as the course's trainEpochCh8 runs them, over `timed` minibatches after `warmup`.
 */
export async function lmTokensPerSecond(cell: CellName, { warmup, timed } = STEADY): Promise<number> {
  const rng = makeRng(1);
  // Long enough for every minibatch at any offset (sequential partitioning drops up to 35 tokens).
  const corpus = Array.from({ length: TOKENS * Math.max(warmup, timed) + STEPS + 1 }, () => rng.int(VOCAB));
  const params = scratchModels[cell].getParams(VOCAB, HIDDEN, 1);
  const epoch = (batches: number) => {
    const opts = { batchSize: BATCH, numSteps: STEPS, lr: 1, useRandomIter: false, theta: 1 };
    const r = trainEpochCh8(cell, params, corpus.slice(0, TOKENS * batches + STEPS + 1), opts, 0);
    tf.dispose(Object.values(r.params));
  };
  epoch(warmup);
  const t = performance.now();
  epoch(timed);
  const seconds = (performance.now() - t) / 1000;
  tf.dispose(Object.values(params));
  return (TOKENS * timed) / seconds;
}

/** Tokens per second of `runs` measurements of lmTokensPerSecond on `backend`. */
async function tokensPerSecond(backend: BackendName, cell: CellName, runs: number): Promise<number[]> {
  await switchBackend(backend);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await lmTokensPerSecond(cell, backend === 'cpu' ? CPU : STEADY));
  return out;
}

/** Over this, the LSTM's step is slower than its arithmetic explains (d2l's cells: ~1.3x the GRU's time). */
const LSTM_OVER_GRU_LIMIT = 1.5;

/**
 * The language-model training step at d2l's size for the three cells on wasm, in rounds (one run
 * of each cell per round, so that all see the same load), and the GRU's on cpu. The LSTM has 4/3
 * of the GRU's arithmetic; a ratio of times far above that is a slow op (it was 8x with
 * tf.basicLSTMCell, whose gradient multiplies transposed operands).
 */
export async function rnn({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const tps: Record<CellName, number[]> = { rnn: [], gru: [], lstm: [] };
  for (let i = 0; i < runs; i++) for (const cell of CELLS) tps[cell].push(...(await tokensPerSecond('wasm', cell, 1)));
  const label = (cell: CellName, backend: BackendName) =>
    `rnn ${cell.toUpperCase()} LM training step (${BATCH}×${STEPS} tokens, ${HIDDEN} hidden), ${backend}`;
  for (const cell of CELLS) row(label(cell, 'wasm'), tps[cell], 'tokens/s');
  const cpu = await tokensPerSecond('cpu', 'gru', Math.min(runs, 3));
  row(label('gru', 'cpu'), cpu, 'tokens/s');
  // The native backend where it is installed (scripts/native-tensorflow.sh), for the README's comparison.
  if (presentBackends().some((b) => b.name === 'tensorflow'))
    row(label('gru', 'tensorflow'), await tokensPerSecond('tensorflow', 'gru', runs), 'tokens/s');
  await switchBackend('wasm');
  const [gru, lstm] = [median(tps.gru), median(tps.lstm)];
  console.log(`rnn: wasm trains the GRU language model ${(gru / median(cpu)).toFixed(0)}x faster than cpu`);
  const ratio = gru / lstm;
  console.log(
    `rnn: the LSTM's step takes ${ratio.toFixed(2)}x the GRU's time on wasm (${ratio > LSTM_OVER_GRU_LIMIT ? `OVER the limit of ${LSTM_OVER_GRU_LIMIT}: a slow op in the LSTM, profile it` : `limit ${LSTM_OVER_GRU_LIMIT}`})`,
  );
}
