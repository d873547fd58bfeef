/**
 * The full-size run of exercise 10: an MLP trained on XOR, with a progress bar per epoch, then the
 * training and test loss and accuracy per epoch saved as a chart, out/10-mlp-train/<time>-<impl>.svg:
 * loss and accuracy in panels of their own, train solid and test dashed.
 *   npx tsx scripts/train/10-mlp-train.ts [--impl solutions] [--epochs 30] [--hidden 16] [--lr 0.1] [--sigma 0.5] [--seed 0]
 */
import * as tf from '@tensorflow/tfjs';
import { sampleXor } from '../../fixtures/data/xor-blobs';
import { initParams } from '../../reference/09-mlp-forward';
import { useBackend } from '../../reference/backend';
import { makeRng } from '../../reference/random';
import { newPictureFile } from '../../graders/cli/pictures';
import { loadImplementation, shown } from '../lib/implementation';
import { saveLineChart, type Series } from '../lib/plot';
import { expectDuration, progressBar, timeOnce } from '../lib/progress';

type Exercise = typeof import('../../solutions/10-mlp-train/train');

const {
  module: m,
  values,
  impl,
} = await loadImplementation<Exercise>('10-mlp-train', 'train.ts', {
  epochs: { type: 'string', default: '30' },
  hidden: { type: 'string', default: '16' },
  lr: { type: 'string', default: '0.1' },
  sigma: { type: 'string', default: '0.5' },
  seed: { type: 'string', default: '0' },
});
const [epochs, hidden, lr, sigma, seed] = ['epochs', 'hidden', 'lr', 'sigma', 'seed'].map((k) => Number(values[k]));
const backend = await useBackend();
console.log(
  `backend ${backend.label}; XOR, 2000 training and 2000 test points; ${hidden} hidden units, lr ${lr}, sigma ${sigma}, ${epochs} epochs`,
);

const rng = makeRng(seed!);
const asTensors = (s: { X: number[][]; y: number[] }) => ({ X: tf.tensor2d(s.X), y: tf.tensor1d(s.y, 'int32') });
const train = asTensors(sampleXor(rng, 2000));
const test = asTensors(sampleXor(rng, 2000));

let params = initParams(2, hidden!, 2, seed!, sigma);
const curves: Record<string, { x: number; y: number }[]> = {
  'train loss': [],
  'test loss': [],
  'train accuracy': [],
  'test accuracy': [],
};
// The expected duration, from a first minibatch and a first evaluation, timed.
tf.tidy(() => {
  const [Xb, yb] = [train.X.slice(0, 32), train.y.slice(0, 32)];
  const step = () => tf.dispose(Object.values(m.trainEpoch(params, Xb, yb, { lr: lr!, batchSize: 32, seed: seed! })));
  expectDuration(
    [
      { name: 'minibatch', seconds: timeOnce(step), count: Math.ceil(2000 / 32) * epochs! },
      { name: 'evaluation', seconds: timeOnce(() => m.evaluate(params, train.X, train.y)), count: 2 * epochs! },
    ],
    'minibatch',
  );
});
const bar = progressBar(epochs!, 'epoch', ['loss', 'test_acc']);
for (let epoch = 0; epoch < epochs!; epoch++) {
  const next = m.trainEpoch(params, train.X, train.y, { lr: lr!, batchSize: 32, seed: seed! + epoch });
  tf.dispose(Object.values(params));
  params = next;
  const tr = m.evaluate(params, train.X, train.y);
  const te = m.evaluate(params, test.X, test.y);
  curves['train loss']!.push({ x: epoch + 1, y: tr.loss });
  curves['test loss']!.push({ x: epoch + 1, y: te.loss });
  curves['train accuracy']!.push({ x: epoch + 1, y: tr.accuracy });
  curves['test accuracy']!.push({ x: epoch + 1, y: te.accuracy });
  bar.tick({ loss: tr.loss, test_acc: te.accuracy });
}
bar.stop();

const file = newPictureFile('10-mlp-train', impl);
const series: Series[] = Object.entries(curves).map(([name, points]) => {
  const [split, metric] = name.split(' ');
  return { name, points, group: metric!, style: split!, panel: metric! };
});
await saveLineChart(file, series, {
  x: 'epoch',
  y: 'loss / accuracy',
  title: `MLP on XOR (${hidden} hidden units, sigma ${sigma})`,
});
console.log(`final test accuracy ${curves['test accuracy']!.at(-1)!.y.toFixed(3)}; chart: ${shown(file)}`);
