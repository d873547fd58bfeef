/**
 * Exercise 54 at full size (after capstone A, 50-bahdanau.ts): d2l's Transformer seq2seq (d2l-zh
 * 10.7 / d2l-en 11.7: 2 layers, hidden 32, 4 heads, FFN 64, dropout 0.1, minibatches of 64, 10
 * steps, Adam 0.005) with YOUR transformerEncoder and transformerDecoder behind chapter 7's
 * encoder-decoder interface (reference/54's transformerSeq2seq adapter), trained by chapter 7's
 * trainSeq2seq on the course's translation corpus, then evaluated on held-out pairs: BLEU (k = 2)
 * of greedy translations (d2l's predict_seq2seq) and of beam search (beam 3, α 0.75), the
 * encoder's self-attention of one held-out sentence per block and head (d2l's show_heatmaps) in
 * out/54-transformer-attention-block<i>-head<h>.svg, the loss curve in out/54-transformer.svg.
 *   npx tsx scripts/train/54-transformer.ts [--impl solutions] [--epochs 10] [--examples 0]
 *     [--hidden 32] [--ffn 64] [--heads 4] [--layers 2] [--dropout 0.1] [--batch 64] [--steps 10]
 *     [--lr 0.005] [--beam 3] [--beam-pairs 100] [--seed 0]
 * --examples 0 takes the whole training split (4,500 pairs). The parameters are initialised by
 * reference/54's initTransformer (Xavier-uniform, as d2l's train_seq2seq re-initialises them).
 * Beam search here decodes each prefix one token at a time with the decoder's caches (the
 * decoder in evaluation has no causal mask, so reference/45's modelStep, which reads a whole
 * prefix at once, would let earlier positions see later ones); it scores the first --beam-pairs
 * held-out pairs (greedy is scored on those and on all of them).
 * Progress: a bar on a terminal, one line per epoch otherwise; the expected duration is printed
 * first, from timed training steps.
 * Measured on wasm, 2 cores shared with a CI run (load average 2.8 before, 4.1 after):
 *   npx tsx scripts/train/54-transformer.ts --impl solutions
 *   1 min 35 s in all (training 73 s, 4,607 valid target tokens/s, 6,128 counting padding;
 *   evaluation 9 s); loss 0.024; held-out BLEU 0.959 greedy (500 pairs, 79.8% exact); the first
 *   100 held-out pairs 0.978 greedy, 0.983 beam 3; training pairs 0.966 greedy.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readTranslationCorpus } from '../../fixtures/data/translation-corpus';
import { paramLeaves, trainSeq2seq } from '../../reference/42-seq2seq-train';
import { sourceTokens, translateBatch } from '../../reference/43-greedy-predict';
import { meanBleu } from '../../reference/44-bleu';
import { beamSearch, type PrefixStep } from '../../reference/45-beam-search';
import type * as Exercise from '../../reference/54-transformer';
import { initTransformer, type TransformerParams, transformerSeq2seq } from '../../reference/54-transformer';
import { useBackend } from '../../reference/backend';
import { saveHeatmap } from '../lib/heatmap';
import { loadImplementation } from '../lib/implementation';
import { covered, seq2seqRun, trainRun } from '../lib/seq2seq-run';
import { saveLineChart } from '../lib/plot';
import { duration } from '../lib/progress';

const { module: impl, values } = await loadImplementation<typeof Exercise>('54-transformer', 'transformer.ts', {
  epochs: { type: 'string', default: '10' },
  examples: { type: 'string', default: '0' },
  hidden: { type: 'string', default: '32' },
  ffn: { type: 'string', default: '64' },
  heads: { type: 'string', default: '4' },
  layers: { type: 'string', default: '2' },
  dropout: { type: 'string', default: '0.1' },
  batch: { type: 'string', default: '64' },
  steps: { type: 'string', default: '10' },
  lr: { type: 'string', default: '0.005' },
  beam: { type: 'string', default: '3' },
  'beam-pairs': { type: 'string', default: '100' },
  seed: { type: 'string', default: '0' },
});
const backend = await useBackend();
const n = (k: string) => Number(values[k]);
const [numEpochs, numExamples, numSteps, numHeads, numLayers, beamSize, seed] = [
  n('epochs'),
  n('examples'),
  n('steps'),
  n('heads'),
  n('layers'),
  n('beam'),
  n('seed'),
];

// Your encoder and decoder behind chapter 7's interface:
// d2l's EncoderDecoder(TransformerEncoder, TransformerDecoder).
const model = transformerSeq2seq(numHeads, numLayers, {
  transformerEncoder: impl.transformerEncoder,
  transformerDecoder: impl.transformerDecoder,
});

const trainText = readTranslationCorpus('train');
const run = seq2seqRun(trainText, {
  numSteps,
  numExamples,
  batchSize: n('batch'),
  lr: n('lr'),
  dropout: n('dropout'),
  numEpochs,
  seed,
});
const { data, srcVocab, tgtVocab, pairs, config } = run;
console.log(
  `backend ${backend.label}; the course corpus: ${pairs} pairs (num_examples ${numExamples}), vocabularies ${srcVocab.length} / ${tgtVocab.length}`,
);
console.log(
  `Transformer: ${numLayers} layers, hidden ${n('hidden')}, ${numHeads} heads, FFN ${n('ffn')}, dropout ${config.dropout}, batch ${config.batchSize}, ${numSteps} steps, Adam ${config.lr}, ${numEpochs} epochs, seed ${seed}`,
);

const { params, trained, points } = trainRun(
  'transformer',
  run,
  (): TransformerParams =>
    initTransformer(
      {
        srcVocabSize: srcVocab.length,
        tgtVocabSize: tgtVocab.length,
        numHiddens: n('hidden'),
        ffnNumHiddens: n('ffn'),
        numLayers,
      },
      seed,
    ),
  (p, d, c, onEpoch) => trainSeq2seq(model, p, d, c, onEpoch),
);

const greedyOf = (p: TransformerParams, sources: string[]) =>
  translateBatch(model, p, sources, srcVocab, tgtVocab, numSteps).map((t) => t.join(' '));
const exact = (preds: string[], targets: string[]) =>
  `${((100 * preds.filter((p, i) => p === targets[i]).length) / preds.length).toFixed(1)}% exact`;

/**
 * Beam search's next-token log-probabilities for m prefixes of one length t: the source encoded
 * m times, then <bos> and each prefix fed one token at a time, the caches carried in the state.
 */
function cachedStep(p: TransformerParams, src: string): PrefixStep {
  const bos = tgtVocab.tokenToIdx.get('<bos>')!;
  return (prefixes) => {
    const logProbs = tf.tidy(() => {
      const m = prefixes.length;
      const { X, validLen } = sourceTokens(src, srcVocab, numSteps);
      const enc = model.encoder.forward(p.encoder, tf.tile(X, [m, 1]), tf.tile(validLen, [m]));
      let state = model.decoder.initState(enc, tf.tile(validLen, [m]));
      let Y: tf.Tensor3D | undefined;
      for (let t = 0; t <= prefixes[0]!.length; t++) {
        const decX = tf.tensor2d(
          prefixes.map((q) => (t === 0 ? bos : q[t - 1]!)),
          [m, 1],
          'int32',
        );
        const out = model.decoder.forward(p.decoder, decX, state);
        [Y, state] = [out.Y, out.state];
      }
      return tf.logSoftmax(Y!.reshape([m, -1]));
    });
    const rows = logProbs.arraySync() as number[][];
    logProbs.dispose();
    return rows;
  };
}
const eos = tgtVocab.tokenToIdx.get('<eos>')!;
function beamOf(p: TransformerParams, src: string): string {
  const best = beamSearch(cachedStep(p, src), eos, numSteps, beamSize, 0.75);
  return tgtVocab.toTokens(best.tokens.filter((y, i) => !(y === eos && i === best.tokens.length - 1))).join(' ');
}

const t0 = performance.now();
const splits: [string, { sources: string[]; targets: string[] }][] = [
  ['training', covered(run, trainText, numExamples)],
  ['held-out', covered(run, readTranslationCorpus('heldout'))],
];
for (const [name, { sources, targets }] of splits) {
  const preds = greedyOf(trained.params, sources);
  console.log(
    `${name} pairs (${sources.length}): greedy BLEU ${meanBleu(preds, targets, 2).toFixed(3)}, ${exact(preds, targets)}`,
  );
}
const heldout = splits[1]![1];
const k = Math.min(n('beam-pairs'), heldout.sources.length);
const [bSources, bTargets] = [heldout.sources.slice(0, k), heldout.targets.slice(0, k)];
const greedy = greedyOf(trained.params, bSources);
const beam = bSources.map((src) => beamOf(trained.params, src));
console.log(
  `the first ${k} held-out pairs: greedy BLEU ${meanBleu(greedy, bTargets, 2).toFixed(3)} (${exact(greedy, bTargets)}), beam search (beam ${beamSize}, α 0.75) BLEU ${meanBleu(beam, bTargets, 2).toFixed(3)} (${exact(beam, bTargets)}); evaluation ${duration((performance.now() - t0) / 1000)}`,
);
for (let i = 0; i < Math.min(6, k); i++)
  console.log(
    `  ${bSources[i]!.padEnd(30)} => ${greedy[i]!.padEnd(32)} | beam ${beam[i]!.padEnd(32)} | ${bTargets[i]}`,
  );

/**
 * d2l's encoder self-attention heatmaps: one sentence through your encoder (evaluation, no
 * dropout), each block's weights [numHeads, T, T] cut to the valid positions (its tokens and <eos>).
 */
function encoderAttention(p: TransformerParams, src: string): { weights: number[][][][]; tokens: string[] } {
  const { X, validLen } = sourceTokens(src, srcVocab, numSteps);
  const len = validLen.dataSync()[0]!;
  const enc = impl.transformerEncoder(p.encoder, X, validLen, { numHeads });
  const weights = enc.attentionWeights.map((w) =>
    (w.arraySync() as number[][][]).map((head) => head.slice(0, len).map((r) => r.slice(0, len))),
  );
  tf.dispose([X, validLen, enc.output, ...enc.attentionWeights]);
  return { weights, tokens: [...src.split(' '), '<eos>'] };
}

const out = join(import.meta.dirname, '..', '..', 'out');
mkdirSync(out, { recursive: true });
const shown = heldout.sources.find((s) => s.split(' ').length >= 6) ?? heldout.sources[0]!;
const att = encoderAttention(trained.params, shown);
const heatmaps: string[] = [];
for (const [b, block] of att.weights.entries())
  for (const [h, head] of block.entries()) {
    const file = join(out, `54-transformer-attention-block${b + 1}-head${h + 1}.svg`);
    await saveHeatmap(file, head, {
      rows: att.tokens,
      columns: att.tokens,
      x: 'key positions',
      y: 'query positions',
      title: `encoder self-attention, block ${b + 1}, head ${h + 1}: ${shown}`,
    });
    heatmaps.push(file);
  }
console.log(`\nencoder self-attention of "${shown}" (block ${numLayers}, head 1; rows: queries, columns: keys)`);
att.weights
  .at(-1)?.[0]
  ?.forEach((r, i) => console.log(`  ${att.tokens[i]!.padEnd(10)} ${r.map((w) => w.toFixed(2)).join(' ')}`));
const curve = join(out, '54-transformer.svg');
await saveLineChart(curve, [{ name: 'training loss (per token)', points }], {
  x: 'epoch',
  y: 'loss',
  logY: true,
  title: `Transformer seq2seq (${numLayers} layers of ${n('hidden')}, ${numHeads} heads, ${pairs} pairs)`,
});
tf.dispose([...paramLeaves(params), ...paramLeaves(trained.params), ...Object.values(data)]);
console.log(
  `wrote ${heatmaps.length} heatmaps (${join('out', '54-transformer-attention-block*-head*.svg')}) and ${curve}`,
);
