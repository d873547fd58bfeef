/**
 * word2vec at full size (d2l-zh 14.4 / d2l-en 15.4): skip-gram with negative sampling trained on the
 * course's paragraphs (fixtures/data/paragraphs, 12,000 WikiText-shaped paragraphs, 412,680 tokens),
 * with d2l's settings: embeddings of 100, a context window of 1 … 5, 5 noise words per context word,
 * minibatches of 512, Adam with lr 0.002, 5 epochs, Xavier-uniform initial embeddings, the loss
 * d2l's SigmoidBCELoss rescaled by L / Σ mask. Then, as d2l does with the center vectors (net[0]):
 * the nearest neighbours of a few words, and the accuracy on every analogy the corpus generator
 * planted (singular:plural, verb:past, adjective:comparative, male:female, country:capital), once
 * with a, b, c excluded from the answers (the usual evaluation) and once without (d2l's get_analogy).
 * The loss per epoch goes to out/56-word2vec.svg.
 *
 *   npx tsx scripts/train/56-word2vec.ts [--impl solutions] [--t 1e-3|1e-4|none] [--epochs 5]
 *     [--dim 100] [--window 5] [--noise 5] [--batch 512] [--lr 0.002] [--min-freq 10] [--seed 0]
 *     [--model reference|impl]
 *
 * The data pipeline is the implementation's (exercise 56: subsample, getCentersAndContexts,
 * getNegatives, batchify, sigmoidBCELoss). The forward pass is the reference's skipGram by default,
 * the center's scores over the vocabulary with the context and noise words picked out (lookups and
 * picks with scatter gradients, ops/embedding and ops/batch-gather); --model impl runs the implementation's
 * one-hot skipGram instead (the same numbers, several times slower at this vocabulary).
 *
 * Subsampling threshold: t = 1e-3 by default, NOT d2l's 1e-4. d2l's rule drops a word w with
 * probability 1 − √(t / f(w)); PTB has ~10,000 words, most with f(w) < 1e-4, so 1e-4 drops only the
 * very frequent ones. This corpus has only ~500 words, so almost every word has f(w) > 1e-4: t = 1e-4
 * drops about 80 % of all tokens, sentences shrink to a word or two, and the analogies fall to
 * 19-42 % per relation (fixtures/data/paragraphs.ts). t = 1e-3 keeps the rule and drops the very
 * frequent words only (the, a, ., ...). --t 1e-4 reproduces d2l's setting; --t none subsamples nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { analogyQuestions, readParagraphs, RELATIONS } from '../../fixtures/data/paragraphs';
import { Vocab } from '../../reference/27-vocab';
import * as ref56 from '../../reference/56-negative-sampling';
import { analogyAccuracy, getSimilarTokens } from '../../reference/61-similarity-analogy';
import { useBackend } from '../../reference/backend';
import { makeRng } from '../../reference/random';
import type * as Exercise from '../../reference/56-negative-sampling';
import { loadImplementation } from '../lib/implementation';
import { saveLineChart } from '../lib/plot';
import { expectDuration, progressBar } from '../lib/progress';

const { module: impl, values } = await loadImplementation<typeof Exercise>(
  '56-negative-sampling',
  'negative-sampling.ts',
  {
    t: { type: 'string', default: '1e-3' },
    epochs: { type: 'string', default: '5' },
    dim: { type: 'string', default: '100' },
    window: { type: 'string', default: '5' },
    noise: { type: 'string', default: '5' },
    batch: { type: 'string', default: '512' },
    lr: { type: 'string', default: '0.002' },
    'min-freq': { type: 'string', default: '10' },
    seed: { type: 'string', default: '0' },
    model: { type: 'string', default: 'reference' },
  },
);
const t = values.t === 'none' ? undefined : Number(values.t);
const [epochs, dim, window, K, batchSize, lr, minFreq, seed] = [
  'epochs',
  'dim',
  'window',
  'noise',
  'batch',
  'lr',
  'min-freq',
  'seed',
].map((k) => Number(values[k])) as [number, number, number, number, number, number, number, number];
const skipGram = values.model === 'impl' ? impl.skipGram : ref56.skipGram;
const backend = await useBackend();

// ------------------------------------------------------------------ data (d2l's load_data_ptb)
const start = performance.now();
const sentences = readParagraphs('train')
  .flat()
  .map((s) => s.split(' '));
const vocab = new Vocab(sentences, minFreq);
const rng = makeRng(seed);
const { subsampled, counter } = impl.subsample(
  sentences,
  vocab.idxToToken,
  rng.int(2 ** 31),
  t ?? Number.POSITIVE_INFINITY,
);
const total = [...counter.values()].reduce((a, b) => a + b, 0);
const corpus = subsampled.map((line) => vocab.toIndices(line));
const kept = corpus.reduce((n, line) => n + line.length, 0);
const { centers, contexts } = impl.getCentersAndContexts(corpus, window, rng.int(2 ** 31));
const negatives = impl.getNegatives(contexts, vocab.idxToToken, counter, K, rng.int(2 ** 31));
console.log(
  `backend ${backend.label}; implementation: ${String(values.impl)} (data pipeline), skipGram: ${values.model}`,
);
console.log(
  `${sentences.length} sentences, ${total} tokens in a vocabulary of ${vocab.length} (min_freq ${minFreq}); ` +
    `subsampling t = ${t ?? 'none'} kept ${kept} tokens (${((100 * kept) / total).toFixed(1)} %); ` +
    `${centers.length} centers, ${contexts.reduce((n, c) => n + c.length, 0)} context words; ` +
    `data ready in ${((performance.now() - start) / 1000).toFixed(1)} s`,
);
if (t !== undefined && t < 1e-3)
  console.log(
    `  note: with ~${vocab.length} words nearly every word is more frequent than t = ${t}; d2l's 1e-4 suits PTB's 10,000 words, not this corpus (see the header)`,
  );
console.log(
  `dim ${dim}, window 1 … ${window}, ${K} noise words, batch ${batchSize}, Adam lr ${lr}, ${epochs} epochs, seed ${seed}`,
);

// ------------------------------------------------------------------ model and training (d2l's train)
const xavier = (k: number) => {
  const bound = Math.sqrt(6 / (vocab.length + dim));
  return tf.variable(
    tf.randomUniform([vocab.length, dim], -bound, bound, 'float32', seed + k),
  ) as tf.Variable<tf.Rank.R2>;
};
const embedV = xavier(1);
const embedU = xavier(2);
const optimizer = tf.train.adam(lr);
const losses: { x: number; y: number }[] = [];
const numBatches = Math.ceil(centers.length / batchSize);
// The expected duration, from minibatches PROBE[0] to PROBE[1] of the first epoch, timed as they run
// (the first ones are slower while V8 compiles tfjs's JavaScript); the bar starts after it is said.
const PROBE = [5, Math.min(25, numBatches)] as const;
let probeStart = 0;
let bar: ReturnType<typeof progressBar> | undefined;
const newBar = () => progressBar(epochs, 'word2vec epoch', ['loss', 'centers_per_s']);
const trainStart = performance.now();
for (let epoch = 0; epoch < epochs; epoch++) {
  const order = makeRng(seed + 100 + epoch).shuffle(Array.from(centers, (_, i) => i));
  const epochStart = performance.now();
  let [lossSum, count] = [0, 0];
  for (let b = 0; b < numBatches; b++) {
    if (epoch === 0 && b === PROBE[0]) probeStart = performance.now();
    if (epoch === 0 && b === PROBE[1] && PROBE[1] > PROBE[0]) {
      const each = (performance.now() - probeStart) / 1000 / (PROBE[1] - PROBE[0]);
      expectDuration([{ name: 'minibatch', seconds: each, count: epochs * numBatches }], 'run of minibatches');
      bar = newBar();
    }
    const idx = order.slice(b * batchSize, (b + 1) * batchSize);
    const batch = impl.batchify(idx.map((i) => [centers[i]!, contexts[i]!, negatives[i]!]));
    const cost = optimizer.minimize(
      () => {
        const pred = skipGram(batch.centers, batch.contextsNegatives, embedV, embedU);
        const L = batch.masks.shape[1];
        // d2l: loss(pred, label, mask) / mask.sum(axis=1) * mask.shape[1], summed over the batch.
        const l = impl
          .sigmoidBCELoss(pred.reshape(batch.labels.shape) as tf.Tensor2D, batch.labels, batch.masks)
          .div(batch.masks.sum(1))
          .mul(L);
        return l.sum() as tf.Scalar;
      },
      true,
      [embedV, embedU],
    );
    lossSum += cost!.dataSync()[0]!;
    count += idx.length;
    tf.dispose([cost!, ...Object.values(batch)]);
  }
  bar ??= newBar();
  bar.tick({ loss: lossSum / count, centers_per_s: count / ((performance.now() - epochStart) / 1000) });
  losses.push({ x: epoch + 1, y: lossSum / count });
}
bar?.stop();
const seconds = (performance.now() - trainStart) / 1000;
console.log(
  `loss per epoch ${losses.map((p) => p.y.toFixed(3)).join(', ')}; ${((epochs * centers.length) / seconds).toFixed(0)} centers/s (d2l's "tokens/sec"), ${seconds.toFixed(0)} s`,
);

// ------------------------------------------------------------------ nearest neighbours and analogies
const W: tf.Tensor2D = embedV;
const queries = ['cow', 'king', 'france', 'fed', 'faster', 'boat'].filter((q) => vocab.idxToToken.includes(q));
for (const q of queries) {
  const near = getSimilarTokens(q, 5, W, vocab.idxToToken);
  console.log(`  ${q.padEnd(8)} → ${near.map(([w, c]) => `${w} (${c.toFixed(3)})`).join(', ')}`);
}
const questions = analogyQuestions(RELATIONS);
const excluded = analogyAccuracy(W, vocab.idxToToken, questions, true);
const d2lRule = analogyAccuracy(W, vocab.idxToToken, questions, false);
console.log('analogy a : b :: c : ?, the nearest word by cosine to b − a + c (chance is about 1 / vocabulary)');
console.log(
  `  ${'relation'.padEnd(24)}${'questions'.padStart(10)}${'a, b, c excluded'.padStart(18)}${"d2l's rule".padStart(12)}`,
);
excluded.forEach((r, i) => {
  const pct = (x: { correct: number; total: number }) => `${((100 * x.correct) / Math.max(1, x.total)).toFixed(1)} %`;
  console.log(
    `  ${r.relation.padEnd(24)}${String(r.total).padStart(10)}${pct(r).padStart(18)}${pct(d2lRule[i]!).padStart(12)}`,
  );
});

const out = join(import.meta.dirname, '..', '..', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, '56-word2vec.svg');
await saveLineChart(file, [{ name: `skip-gram, negative sampling (t = ${t ?? 'none'})`, points: losses }], {
  x: 'epoch',
  y: 'loss',
  title: `word2vec on the course's paragraphs (dim ${dim}, K ${K}, batch ${batchSize})`,
});
console.log(`wrote ${file}`);
tf.dispose([embedV, embedU]);
