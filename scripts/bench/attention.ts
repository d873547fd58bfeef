import * as tf from '@tensorflow/tfjs';
import { paramLeaves } from '../../reference/42-seq2seq-train';
import { initSeq2seqAttention, seq2seqAttentionModel } from '../../reference/50-bahdanau';
import { initTransformer, transformerSeq2seq } from '../../reference/54-transformer';
import { useBackend } from '../../reference/backend';
import type { BenchOptions } from './common';
import { EMBED, HIDDEN, LAYERS, reportSeq2seq, SRC_VOCAB, seq2seqTokensPerSecond, TGT_VOCAB } from './seq2seq';

/**
 * The training steps of chapter 8's two full-size seq2seq models at d2l's sizes, on the batches
 * of the seq2seq section (64 × 10 steps, vocabularies 184 / 201, valid lengths 3 to 10), by
 * reference/42's trainSeq2seq (bench/seq2seq.ts), on wasm:
 *   bahdanau     d2l-zh 10.4: embedding 32, hidden 32, 2 GRU layers, Bahdanau attention
 *   transformer  d2l-zh 10.7: 2 layers, hidden 32, 4 heads, FFN 64
 */
export const bahdanauParams = () => initSeq2seqAttention(SRC_VOCAB, TGT_VOCAB, EMBED, HIDDEN, LAYERS, 1);
export const transformerParams = () =>
  initTransformer(
    { srcVocabSize: SRC_VOCAB, tgtVocabSize: TGT_VOCAB, numHiddens: 32, ffnNumHiddens: 64, numLayers: 2 },
    1,
  );
export const transformerModel = transformerSeq2seq(4, 2);

/** d2l's seq2seq with Bahdanau attention, its training step on wasm in target tokens per second. */
export async function bahdanau({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const params = bahdanauParams();
  reportSeq2seq('bahdanau', 'wasm', runs, () => seq2seqTokensPerSecond(seq2seqAttentionModel, params));
  tf.dispose(paramLeaves(params));
}

/** d2l's Transformer seq2seq, its training step on wasm in target tokens per second. */
export async function transformer({ runs }: BenchOptions): Promise<void> {
  await useBackend('wasm');
  const params = transformerParams();
  reportSeq2seq('transformer', 'wasm', runs, () => seq2seqTokensPerSecond(transformerModel, params));
  tf.dispose(paramLeaves(params));
}
