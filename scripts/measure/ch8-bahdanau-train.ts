/**
 * The tolerance of 50-bahdanau's training check: the same trainSeq2seq run with the reference decoder and
 * with the solution's, for initial seeds 1..8; prints each run's losses and their largest relative gap.
 *   ./node_modules/.bin/tsx scripts/measure/ch8-bahdanau-train.ts 100 16 16 1 50 0.02 6 0.1
 * (N, embed, hidden, layers, batch, lr, epochs, dropout)
 */
import * as tf from '@tensorflow/tfjs';
import { readTranslationCorpus } from '../../fixtures/data/translation-corpus';
import { nmtArrays } from '../../reference/38-nmt-batches';
import { seq2seqEncoder } from '../../reference/39-encoder-decoder';
import * as ref from '../../reference/50-bahdanau';
import * as sol from '../../solutions/50-bahdanau/bahdanau';
import { trainSeq2seq, paramLeaves } from '../../reference/42-seq2seq-train';
import { useBackend } from '../../reference/backend';
await useBackend();
const [N, E, H, L, B, LR, EP, DO] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
const { data, srcVocab, tgtVocab } = nmtArrays(readTranslationCorpus('train'), 10, N);
const solModel = {
  encoder: { forward: seq2seqEncoder },
  decoder: { initState: sol.attentionDecoderInitState, forward: sol.seq2seqAttentionDecoder },
};
let worst = 0,
  worstRatio = 0;
for (let seed = 1; seed <= 8; seed++) {
  const p = ref.initSeq2seqAttention(srcVocab.length, tgtVocab.length, E, H, L, seed);
  const cfg = {
    lr: LR,
    numEpochs: EP,
    batchSize: B,
    theta: 1,
    dropout: DO,
    seed,
    bos: tgtVocab.tokenToIdx.get('<bos>')!,
  };
  const t0 = performance.now();
  const a = trainSeq2seq(ref.seq2seqAttentionModel, p, data, cfg);
  const t1 = performance.now();
  const b = trainSeq2seq(solModel as unknown as typeof ref.seq2seqAttentionModel, p, data, cfg);
  const t2 = performance.now();
  const d = Math.max(...a.losses.map((l, i) => Math.abs(l - b.losses[i]!) / (1 + l)));
  worst = Math.max(worst, d);
  worstRatio = Math.max(worstRatio, a.losses.at(-1)! / a.losses[0]!);
  console.log(
    seed,
    a.losses.map((l) => l.toFixed(4)).join(' '),
    'diff',
    d.toExponential(2),
    `ref ${(t1 - t0).toFixed(0)}ms sol ${(t2 - t1).toFixed(0)}ms`,
  );
  tf.dispose([...paramLeaves(p), ...paramLeaves(a.params), ...paramLeaves(b.params)]);
}
console.log('worst diff', worst, 'worst ratio last/first', worstRatio);
