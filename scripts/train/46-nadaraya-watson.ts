/**
 * Exercise 46 at d2l's size (10.2): 50 noisy samples of f(x) = 2 sin x + x^0.8, predicted at
 * 0, 0.1, ..., 4.9 by average pooling, Nadaraya-Watson kernel regression and the parametric model
 * trained by your trainNWKernel (lr 0.5, 5 epochs). Prints each one's mean squared error against
 * f and the training losses; the predictions go to out/46-nadaraya-watson.svg.
 *   npx tsx scripts/train/46-nadaraya-watson.ts [--impl solutions] [--epochs 5] [--lr 0.5] [--seed 0]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type * as Exercise from '../../reference/46-nadaraya-watson';
import { useBackend } from '../../reference/backend';
import { makeRng } from '../../reference/random';
import { loadImplementation } from '../lib/implementation';
import { saveLineChart } from '../lib/plot';

const { module: impl, values } = await loadImplementation<typeof Exercise>('46-nadaraya-watson', 'nadaraya-watson.ts', {
  epochs: { type: 'string', default: '5' },
  lr: { type: 'string', default: '0.5' },
  seed: { type: 'string', default: '0' },
});
const backend = await useBackend();
const [numEpochs, lr, seed] = [Number(values.epochs), Number(values.lr), Number(values.seed)];
console.log(
  `backend ${backend.label}; 50 training points, seed ${seed}; parametric model: lr ${lr}, ${numEpochs} epochs`,
);

const { xTrain, yTrain, xTest, yTruth } = impl.nwData(50, seed);
const n = xTest.shape[0];
const predictions: Record<string, tf.Tensor1D> = {
  average: impl.averagePooling(yTrain, n),
  'Gaussian kernel': impl.gaussianPooling(xTest, xTrain, yTrain).yHat,
};
// d2l starts w at torch.rand(1). (makeRng(0) would start at 0.99999999999, its first draw for seed 0.)
const w0 = makeRng(seed + 1).uniform();
const { w, losses } = impl.trainNWKernel(xTrain, yTrain, { w0, lr, numEpochs });
losses.forEach((l, e) => console.log(`epoch ${e + 1}, loss ${l.toFixed(6)}`));
console.log(`w: ${w0.toFixed(4)} → ${w.toFixed(4)}`);
const keys = xTrain.reshape([1, -1]).tile([n, 1]) as tf.Tensor2D;
const vals = yTrain.reshape([1, -1]).tile([n, 1]) as tf.Tensor2D;
const wT = tf.tensor1d([w]);
predictions[`parametric, w = ${w.toFixed(2)}`] = impl.nwKernelRegression(wT, xTest, keys, vals).yHat;

const xs = Array.from(xTest.dataSync());
const truth = Array.from(yTruth.dataSync());
for (const [name, p] of Object.entries(predictions)) {
  const v = p.dataSync();
  const mse = truth.reduce((a, t, i) => a + (v[i]! - t) ** 2, 0) / n;
  console.log(`${name.padEnd(24)} mean squared error against f: ${mse.toFixed(4)}`);
}
const out = join(import.meta.dirname, '..', '..', 'out');
mkdirSync(out, { recursive: true });
const file = join(out, '46-nadaraya-watson.svg');
await saveLineChart(
  file,
  [
    { name: 'truth f(x)', points: xs.map((x, i) => ({ x, y: truth[i]! })) },
    ...Object.entries(predictions).map(([name, p]) => {
      const v = p.dataSync();
      return { name, points: xs.map((x, i) => ({ x, y: v[i]! })) };
    }),
  ],
  { x: 'x', y: 'y', title: 'Attention pooling: Nadaraya-Watson kernel regression' },
);
console.log(`wrote ${file}`);
tf.dispose([xTrain, yTrain, xTest, yTruth, keys, vals, wT, ...Object.values(predictions)]);
