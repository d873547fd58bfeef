/**
 * Exercise 32 at full size: character language models with an RNN, a GRU and an LSTM (d2l 8.5,
 * 9.1, 9.2: 256 hidden units, 35 steps, minibatches of 32, lr 1, θ = 1, sequential partitioning),
 * trained by your trainEpochCh8 on the Markov corpus (or The Time Machine), with a progress bar
 * (one line per epoch when the output is not a terminal) after the expected duration, timed on a
 * first minibatch of each cell;
 * the training and held-out perplexity curves go to out/32-char-rnn-train/<time>-<impl>.svg (a colour
 * per cell, training solid, held-out dashed). Held out: fresh text from the Markov source, or the
 * last tenth of the book, which is then not trained on.
 *   npx tsx scripts/train/32-char-rnn-train.ts [--impl solutions] [--epochs 20] [--cells rnn,gru,lstm]
 *     [--hidden 256] [--steps 35] [--batch 32] [--lr 1] [--seed 0] [--data markov|time-machine]
 * On the Markov corpus it also scores each model on fresh text from the source, against the
 * source's own perplexity there (exp H is the floor). --data time-machine reads the book from
 * .d2l/data/timemachine.txt, downloading it (d2l's URL, SHA-1 checked) if it is not there.
 */
import * as tf from '@tensorflow/tfjs';
import data from '../../fixtures/data/markov-corpus.json' with { type: 'json' };
import { generateText, sourceLogProbs } from '../../fixtures/data/markov-corpus';
import { Vocab } from '../../reference/27-vocab';
import { useBackend } from '../../reference/backend';
import { CELLS, nextTokenLogProbs, scratchModels, type CellName, type Params } from '../../reference/char-lm';
import { makeRng } from '../../reference/random';
import { loadCorpusTimeMachine } from '../../reference/time-machine';
import type * as Exercise from '../../reference/32-char-rnn-train';
import { newPictureFile } from '../../graders/cli/pictures';
import { loadImplementation, shown } from '../lib/implementation';
import { saveLineChart, type Series } from '../lib/plot';
import { expectDuration, progressBar, timeOnce } from '../lib/progress';

const {
  module: impl,
  values,
  impl: implName,
} = await loadImplementation<typeof Exercise>('32-char-rnn-train', 'train.ts', {
  epochs: { type: 'string', default: '20' },
  cells: { type: 'string', default: CELLS.join(',') },
  hidden: { type: 'string', default: '256' },
  steps: { type: 'string', default: '35' },
  batch: { type: 'string', default: '32' },
  lr: { type: 'string', default: '1' },
  seed: { type: 'string', default: '0' },
  data: { type: 'string', default: 'markov' },
});
const backend = await useBackend();
const cells = String(values.cells).split(',') as CellName[];
const numEpochs = Number(values.epochs);
const numHiddens = Number(values.hidden);
const seed = Number(values.seed);
const opts = {
  batchSize: Number(values.batch),
  numSteps: Number(values.steps),
  lr: Number(values.lr),
  useRandomIter: false,
  theta: 1,
};
const markov = values.data === 'markov';

const loaded = markov
  ? { corpus: new Vocab([...data.text]).toIndices([...data.text]), vocab: new Vocab([...data.text]) }
  : await loadCorpusTimeMachine();
const { vocab } = loaded;
// The book's last tenth is held out (not trained on); the Markov source makes fresh text instead.
const corpus = markov ? loaded.corpus : loaded.corpus.slice(0, Math.floor(loaded.corpus.length * 0.9));
const heldOutBook = markov ? [] : loaded.corpus.slice(corpus.length);
console.log(
  `backend ${backend.label}; ${markov ? 'the Markov corpus' : 'The Time Machine'}: ${corpus.length} characters, vocabulary of ${vocab.length}`,
);
console.log(
  `hidden ${numHiddens}, ${opts.numSteps} steps, minibatches of ${opts.batchSize}, lr ${opts.lr}, θ ${opts.theta}, ${numEpochs} epochs, seed ${seed}`,
);

/** On fresh text from the source: the model's perplexity and the source's own on the same characters. */
function freshText(cell: CellName, params: Params, count = 8, length = 500): { model: number; source: number } {
  const rows = Array.from({ length: count }, (_, r) => generateText(makeRng(1000 + r), length));
  const lp = nextTokenLogProbs(
    cell,
    params,
    rows.map((row) => vocab.toIndices([...row])),
  );
  let [model, source, n] = [0, 0, 0];
  rows.forEach((row, b) =>
    sourceLogProbs(row).forEach((p, t) => {
      model += lp[b]![t + 1]!;
      source += p;
      n++;
    }),
  );
  return { model: Math.exp(-model / n), source: Math.exp(-source / n) };
}

/** Perplexity on held-out text: fresh Markov text (4 rows of 250), or rows of the book's held-out tenth. */
function heldOut(cell: CellName, params: Params): number {
  if (markov) return freshText(cell, params, 4, 250).model;
  const length = Math.min(250, Math.floor(heldOutBook.length / 4));
  const rows = Array.from({ length: 4 }, (_, r) => heldOutBook.slice(r * length, (r + 1) * length));
  const lp = nextTokenLogProbs(cell, params, rows).flat();
  return Math.exp(-lp.reduce((a, b) => a + b, 0) / lp.length);
}

// The expected duration: a first minibatch of each cell (a corpus of one minibatch) and a held-out
// evaluation, timed, times the minibatches of an epoch and the epochs.
const oneBatch = corpus.slice(0, opts.batchSize * opts.numSteps + opts.numSteps + 1);
const batchesPerEpoch = Math.floor((corpus.length - 1) / (opts.batchSize * opts.numSteps));
expectDuration(
  cells.flatMap((cell) => {
    const params = scratchModels[cell].getParams(vocab.length, numHiddens, seed);
    const parts = [
      {
        name: `${cell} minibatch`,
        seconds: timeOnce(() =>
          tf.dispose(Object.values(impl.trainEpochCh8(cell, params, oneBatch, opts, seed).params)),
        ),
        count: batchesPerEpoch * numEpochs,
      },
      { name: `${cell} held-out perplexity`, seconds: timeOnce(() => heldOut(cell, params), 1), count: numEpochs },
    ];
    tf.dispose(Object.values(params));
    return parts;
  }),
  'minibatch',
);

const series: Series[] = [];
const prefix = markov ? data.text.slice(0, 6) : 'time traveller';
for (const cell of cells) {
  let params = scratchModels[cell].getParams(vocab.length, numHiddens, seed);
  const bar = progressBar(numEpochs, cell.toUpperCase().padEnd(4), ['perplexity', 'held_out', 'tokens_per_s']);
  const points: { x: number; y: number }[] = [];
  const heldOutPoints: { x: number; y: number }[] = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    const start = performance.now();
    const r = impl.trainEpochCh8(cell, params, corpus, opts, seed + epoch);
    tf.dispose(Object.values(params));
    params = r.params;
    const tokensPerS = corpus.length / ((performance.now() - start) / 1000);
    points.push({ x: epoch + 1, y: r.perplexity });
    heldOutPoints.push({ x: epoch + 1, y: heldOut(cell, params) });
    bar.tick({ perplexity: r.perplexity, held_out: heldOutPoints.at(-1)!.y, tokens_per_s: tokensPerS });
  }
  bar.stop();
  const group = cell.toUpperCase();
  series.push({ name: `${group}, training`, group, style: 'training', points });
  series.push({ name: `${group}, held out`, group, style: 'held out', points: heldOutPoints });
  const fresh = markov ? freshText(cell, params) : undefined;
  console.log(
    `${cell}: training perplexity ${points.at(-1)!.y.toFixed(3)}, held out ${heldOutPoints.at(-1)!.y.toFixed(3)}` +
      (fresh
        ? `; on fresh text ${fresh.model.toFixed(3)} against the source's ${fresh.source.toFixed(3)} (ratio ${(fresh.model / fresh.source).toFixed(3)}; exp H = ${data.perplexity.toFixed(3)})`
        : ''),
  );
  console.log(`  '${prefix}' → '${impl.predictCh8(prefix, 50, cell, params, vocab.idxToToken)}'`);
  tf.dispose(Object.values(params));
}
if (markov)
  series.push({
    name: 'source, exp H',
    style: 'held out',
    points: [
      { x: 1, y: data.perplexity },
      { x: numEpochs, y: data.perplexity },
    ],
  });

const file = newPictureFile('32-char-rnn-train', implName);
await saveLineChart(file, series, {
  x: 'epoch',
  y: 'perplexity',
  logY: true,
  title: `Character language models (${numHiddens} hidden, ${opts.numSteps} steps)`,
});
console.log(`chart: ${shown(file)}`);
