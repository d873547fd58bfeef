/**
 * Capstone A (exercise 50 at full size): d2l's seq2seq with Bahdanau attention (d2l-zh 10.4 /
 * d2l-en 11.4: embedding 32, hidden 32, 2 GRU layers, dropout 0.1, minibatches of 64, 10 steps,
 * Adam 0.005) with YOUR attention decoder behind chapter 7's encoder, trained by chapter 7's
 * trainSeq2seq on the course's translation corpus, then evaluated on held-out pairs: BLEU (k = 2)
 * of greedy translations (d2l's predict_seq2seq) and of beam search (beam 3, α 0.75), and an
 * attention heatmap of one held-out translation (d2l's show_heatmaps) in out/50-bahdanau-attention.svg,
 * the loss curve in out/50-bahdanau.svg.
 *   npx tsx scripts/train/50-bahdanau.ts [--impl solutions] [--epochs 20] [--examples 0]
 *     [--embed 32] [--hidden 32] [--layers 2] [--dropout 0.1] [--batch 64] [--steps 10]
 *     [--lr 0.005] [--beam 3] [--beam-pairs 100] [--seed 0]
 * --examples 0 takes the whole training split (4,500 pairs; d2l takes its first 600 and 250
 * epochs, but the 600 shortest pairs do not hold the held-out pairs' words). Beam search reruns
 * the decoder on every prefix, so it scores the first --beam-pairs held-out pairs (greedy is
 * scored on those and on all 500).
 * Progress: a bar on a terminal, one line per epoch otherwise; the expected duration is printed
 * first, from one timed training step.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readTranslationCorpus } from '../../fixtures/data/translation-corpus';
import { type EncoderOutputs, seq2seqEncoder } from '../../reference/39-encoder-decoder';
import { paramLeaves, trainSeq2seq } from '../../reference/42-seq2seq-train';
import { sourceTokens, translateBatch } from '../../reference/43-greedy-predict';
import { meanBleu } from '../../reference/44-bleu';
import { predictSeq2seqBeam } from '../../reference/45-beam-search';
import type * as Exercise from '../../reference/50-bahdanau';
import { initSeq2seqAttention, type Seq2SeqAttentionParams } from '../../reference/50-bahdanau';
import { useBackend } from '../../reference/backend';
import { saveHeatmap } from '../lib/heatmap';
import { loadImplementation } from '../lib/implementation';
import { covered, seq2seqRun, trainRun } from '../lib/seq2seq-run';
import { saveLineChart } from '../lib/plot';

const { module: impl, values } = await loadImplementation<typeof Exercise>('50-bahdanau', 'bahdanau.ts', {
  epochs: { type: 'string', default: '20' },
  examples: { type: 'string', default: '0' },
  embed: { type: 'string', default: '32' },
  hidden: { type: 'string', default: '32' },
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
const [numEpochs, numExamples, numSteps, beamSize, seed] = [
  n('epochs'),
  n('examples'),
  n('steps'),
  n('beam'),
  n('seed'),
];

// Your decoder behind the reference encoder: d2l's EncoderDecoder(Seq2SeqEncoder, Seq2SeqAttentionDecoder).
const model = {
  encoder: { forward: seq2seqEncoder },
  decoder: {
    initState: (o: EncoderOutputs, validLen: tf.Tensor1D) => impl.attentionDecoderInitState(o, validLen),
    forward: impl.seq2seqAttentionDecoder,
  },
};

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
  `Bahdanau attention: embedding ${n('embed')}, hidden ${n('hidden')}, ${n('layers')} layers, dropout ${config.dropout}, batch ${config.batchSize}, ${numSteps} steps, Adam ${config.lr}, ${numEpochs} epochs, seed ${seed}`,
);

const { params, trained, points } = trainRun(
  'bahdanau',
  run,
  () => initSeq2seqAttention(srcVocab.length, tgtVocab.length, n('embed'), n('hidden'), n('layers'), seed),
  (p, d, c, onEpoch) => trainSeq2seq(model, p, d, c, onEpoch),
);

const greedyOf = (p: Seq2SeqAttentionParams, sources: string[]) =>
  translateBatch(model, p, sources, srcVocab, tgtVocab, numSteps).map((t) => t.join(' '));
const exact = (preds: string[], targets: string[]) =>
  `${((100 * preds.filter((p, i) => p === targets[i]).length) / preds.length).toFixed(1)}% exact`;

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
const beam = bSources.map((src) =>
  predictSeq2seqBeam(model, trained.params, src, srcVocab, tgtVocab, numSteps, beamSize),
);
console.log(
  `the first ${k} held-out pairs: greedy BLEU ${meanBleu(greedy, bTargets, 2).toFixed(3)} (${exact(greedy, bTargets)}), beam search (beam ${beamSize}, α 0.75) BLEU ${meanBleu(beam, bTargets, 2).toFixed(3)} (${exact(beam, bTargets)}); evaluation ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
for (let i = 0; i < Math.min(6, k); i++)
  console.log(
    `  ${bSources[i]!.padEnd(30)} => ${greedy[i]!.padEnd(32)} | beam ${beam[i]!.padEnd(32)} | ${bTargets[i]}`,
  );

/**
 * d2l's attention heatmap: one sentence decoded greedily one token at a time, the weights of every
 * step over the source tokens and <eos> (the valid positions; padding has weight 0).
 */
function attentionOf(
  p: Seq2SeqAttentionParams,
  src: string,
): { target: string[]; weights: number[][]; source: string[] } {
  const { X, validLen } = sourceTokens(src, srcVocab, numSteps);
  const len = validLen.dataSync()[0]!;
  const enc = seq2seqEncoder(p.encoder, X, validLen);
  let state = model.decoder.initState(enc, validLen);
  tf.dispose([enc.outputs, enc.state]);
  let token = tgtVocab.tokenToIdx.get('<bos>')!;
  const eos = tgtVocab.tokenToIdx.get('<eos>')!;
  const target: string[] = [];
  const weights: number[][] = [];
  for (let t = 0; t < numSteps; t++) {
    const decX = tf.tensor2d([[token]], [1, 1], 'int32');
    const out = model.decoder.forward(p.decoder, decX, state);
    token = out.Y.argMax(2).dataSync()[0]!;
    weights.push(Array.from(out.attentionWeights.dataSync()).slice(0, len));
    tf.dispose([decX, out.Y, out.attentionWeights, state.encOutputs, state.H, state.encValidLens]);
    state = out.state;
    target.push(tgtVocab.toTokens([token])[0]!);
    if (token === eos) break;
  }
  tf.dispose([X, validLen, state.encOutputs, state.H, state.encValidLens]);
  return { target, weights, source: [...src.split(' '), '<eos>'] };
}

const out = join(import.meta.dirname, '..', '..', 'out');
mkdirSync(out, { recursive: true });
const shown = heldout.sources.find((s) => s.split(' ').length >= 6) ?? heldout.sources[0]!;
const att = attentionOf(trained.params, shown);
console.log(`\nattention of "${shown}" => "${att.target.join(' ')}" (rows: target steps, columns: source tokens)`);
att.weights.forEach((r, i) => console.log(`  ${att.target[i]!.padEnd(10)} ${r.map((w) => w.toFixed(2)).join(' ')}`));
const heatmap = join(out, '50-bahdanau-attention.svg');
await saveHeatmap(heatmap, att.weights, {
  rows: att.target,
  columns: att.source,
  x: 'source (keys)',
  y: 'target step (queries)',
  title: `Bahdanau attention: ${shown}`,
});
const curve = join(out, '50-bahdanau.svg');
await saveLineChart(curve, [{ name: 'training loss (per token)', points }], {
  x: 'epoch',
  y: 'loss',
  logY: true,
  title: `seq2seq with Bahdanau attention (${n('layers')} GRU layers of ${n('hidden')}, ${pairs} pairs)`,
});
tf.dispose([...paramLeaves(params), ...paramLeaves(trained.params), ...Object.values(data)]);
console.log(`wrote ${heatmap} and ${curve}`);
