/**
 * The full-size run of exercise 12: d2l's weight-decay experiment (200 features, 20 training
 * examples) for several λ, a progress bar over the runs, and the training and test loss per epoch
 * of each saved as a chart (log scale), out/12-weight-decay/<time>-<impl>.svg: a colour per λ in
 * increasing order, train solid and test dashed.
 *   npx tsx scripts/train/12-weight-decay.ts [--impl solutions] [--lambdas 0,1,3,10] [--epochs 100] [--seed 0]
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../reference/backend';
import { makeRng, type Rng } from '../../reference/random';
import { newPictureFile } from '../../graders/cli/pictures';
import { loadImplementation, shown } from '../lib/implementation';
import { saveLineChart, type Series } from '../lib/plot';
import { expectDuration, progressBar, timeOnce } from '../lib/progress';

type Exercise = typeof import('../../solutions/12-weight-decay/weight-decay');

const {
  module: m,
  values,
  impl,
} = await loadImplementation<Exercise>('12-weight-decay', 'weight-decay.ts', {
  lambdas: { type: 'string', default: '0,1,3,10' },
  epochs: { type: 'string', default: '100' },
  seed: { type: 'string', default: '0' },
});
const lambdas = String(values.lambdas).split(',').map(Number);
const [numEpochs, seed] = [Number(values.epochs), Number(values.seed)];
const backend = await useBackend();
console.log(
  `backend ${backend.label}; d2l 5.5: 200 features, 20 training and 100 test examples, lr 0.003, batches of 5, ${numEpochs} epochs`,
);

/** y = 0.05 + Σ_j 0.01 x_j + N(0, 0.01²), x ~ N(0, I): d2l's synthetic data for this experiment. */
function data(rng: Rng, n: number) {
  const X = Array.from({ length: n }, () => Array.from({ length: 200 }, () => rng.normal()));
  return {
    X: tf.tensor2d(X),
    y: tf.tensor2d(X.map((x) => [x.reduce((s, v) => s + 0.01 * v, 0.05) + 0.01 * rng.normal()])),
  };
}
const rng = makeRng(seed);
const trainSet = data(rng, 20);
const testSet = data(rng, 100);

const series: Series[] = [];
// The expected duration, from a first epoch (a run of one epoch), timed.
const oneEpoch = () => {
  const r = m.trainWeightDecay(trainSet, testSet, { lambda: 1, lr: 0.003, numEpochs: 1, batchSize: 5, seed });
  tf.dispose([r.w, r.b]);
};
expectDuration([{ name: 'epoch', seconds: timeOnce(oneEpoch), count: numEpochs * lambdas.length }], 'epoch');
// One line (or bar step) per λ: each run is all its epochs in one call of trainWeightDecay.
const bar = progressBar(lambdas.length, 'λ run', ['lambda', 'test_loss', 'w_norm']);
for (const lambda of lambdas) {
  const r = m.trainWeightDecay(trainSet, testSet, { lambda, lr: 0.003, numEpochs, batchSize: 5, seed });
  const group = `λ = ${lambda}`;
  series.push({
    name: `train, ${group}`,
    group,
    style: 'train',
    points: r.trainLosses.map((y, e) => ({ x: e + 1, y })),
  });
  series.push({ name: `test, ${group}`, group, style: 'test', points: r.testLosses.map((y, e) => ({ x: e + 1, y })) });
  bar.tick({ lambda, test_loss: r.testLosses.at(-1)!, w_norm: tf.tidy(() => tf.norm(r.w).dataSync()[0]!) });
  tf.dispose([r.w, r.b]);
}
bar.stop();

const file = newPictureFile('12-weight-decay', impl);
await saveLineChart(file, series, {
  x: 'epoch',
  y: 'mean squared loss',
  logY: true,
  // Numeric order (3 before 10), not the legend's alphabetical one.
  groupOrder: [...lambdas].sort((a, b) => a - b).map((l) => `λ = ${l}`),
  title: 'Weight decay: training and test loss per epoch',
});
console.log(
  series
    .filter((s) => s.name.startsWith('test'))
    .map((s) => `${s.name}: ${s.points.at(-1)!.y.toPrecision(3)}`)
    .join('; '),
);
console.log(`chart: ${shown(file)}`);
