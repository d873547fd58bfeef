import * as tf from '@tensorflow/tfjs';
import type { EncoderDecoder, EncoderDecoderParams } from '../../reference/39-encoder-decoder';
import { paramLeaves, trainSeq2seq } from '../../reference/42-seq2seq-train';
import { initSeq2seqAttention, seq2seqAttentionModel } from '../../reference/50-bahdanau';
import { initTransformer, transformerSeq2seq } from '../../reference/54-transformer';
import { useBackend } from '../../reference/backend';
import { row, type BenchOptions } from './common';
import { BATCH, BOS, data, EMBED, HIDDEN, LAYERS, PER_RUN, SRC_VOCAB, STEPS, TGT_VOCAB } from './seq2seq';

/**
 * The training steps of chapter 8's two full-size seq2seq models at d2l's sizes, on the batches
 * of the seq2seq section (64 × 10 steps, vocabularies 184 / 201, valid lengths 3 to 10), by
 * reference/42's trainSeq2seq (Adam 0.005, clipping θ = 1, dropout 0.1), on wasm:
 *   bahdanau     d2l-zh 10.4: embedding 32, hidden 32, 2 GRU layers, Bahdanau attention
 *   transformer  d2l-zh 10.7: 2 layers, hidden 32, 4 heads, FFN 64
 * in target tokens per second (padded, valid, and padded per CPU second: on a shared machine
 * the clock counts the other work's time too).
 */
function tokensPerSecond<PE, PD, O, S>(
  model: EncoderDecoder<PE, PD, O, S>,
  params: EncoderDecoderParams<PE, PD>,
  runs: number,
): { padded: number[]; valid: number[]; perCpuSecond: number[] } {
  const { data: d, valid } = data();
  const config = { lr: 0.005, numEpochs: 1, batchSize: BATCH, theta: 1, dropout: 0.1, seed: 1, bos: BOS };
  const padded: number[] = [];
  const validPerS: number[] = [];
  const perCpuSecond: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = trainSeq2seq(model, params, d, { ...config, seed: i });
    const s = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    tf.dispose(paramLeaves(r.params));
    if (i > 0) {
      padded.push((BATCH * STEPS * PER_RUN) / s);
      validPerS.push(valid / s);
      perCpuSecond.push((BATCH * STEPS * PER_RUN) / ((used.user + used.system) / 1e6));
    }
  }
  tf.dispose([...paramLeaves(params), ...Object.values(d)]);
  return { padded, valid: validPerS, perCpuSecond };
}

function report(name: string, r: { padded: number[]; valid: number[]; perCpuSecond: number[] }): void {
  row(`${name} training step (${BATCH}×${STEPS}, padded target tokens), wasm`, r.padded, 'tokens/s');
  row(`${name} training step (valid target tokens, d2l's count), wasm`, r.valid, 'tokens/s');
  row(`${name} training step (padded tokens per CPU second), wasm`, r.perCpuSecond, 'tokens/s');
}

/** d2l's seq2seq with Bahdanau attention, its training step on wasm in target tokens per second. */
export async function bahdanau({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const params = initSeq2seqAttention(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, LAYERS, 1);
  report('bahdanau', tokensPerSecond(seq2seqAttentionModel, params, runs));
}

/** d2l's Transformer seq2seq, its training step on wasm in target tokens per second. */
export async function transformer({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const params = initTransformer(
    { srcVocabSize: SRC_VOCAB, tgtVocabSize: TGT_VOCAB, numHiddens: 32, ffnNumHiddens: 64, numLayers: 2 },
    1,
  );
  report('transformer', tokensPerSecond(transformerSeq2seq(4, 2), params, runs));
}
