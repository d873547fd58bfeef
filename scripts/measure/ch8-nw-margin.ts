/**
 * The margin of 46-nadaraya-watson's training check: d2l's five gradient steps (lr 0.5, summed
 * leave-one-out squared error) run by the solution in float32, against the same steps in float64,
 * on 600 draws of the check's data (w0 in [0.5, 1), as the check). Prints the largest |Δw| / (1 + |w|) and |Δloss| / (1 + loss).
 *   ./node_modules/.bin/tsx scripts/measure/ch8-nw-margin.ts
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { makeRng } from '../../reference/random';
import * as solution from '../../solutions/46-nadaraya-watson/nadaraya-watson';

await tf.setBackend('wasm');
const f64 = (x: number) => 2 * Math.sin(x) + x ** 0.8;

function weights64(q: number, keys: number[], w: number): number[] {
  const s = keys.map((k) => -(((q - k) * w) ** 2) / 2);
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m));
  const z = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / z);
}

function lossAndGrad(w: number, x: number[], y: number[]): [number, number] {
  let [L, g] = [0, 0];
  x.forEach((q, i) => {
    const ks = x.filter((_, j) => j !== i);
    const vs = y.filter((_, j) => j !== i);
    const a = weights64(q, ks, w);
    const yh = a.reduce((s, ai, j) => s + ai * vs[j]!, 0);
    const ds = ks.map((k) => -((q - k) ** 2) * w);
    const dyh = a.reduce((s, aj, j) => s + aj * vs[j]! * ds[j]!, 0) - yh * a.reduce((s, aj, j) => s + aj * ds[j]!, 0);
    L += (yh - y[i]!) ** 2;
    g += 2 * (yh - y[i]!) * dyh;
  });
  return [L, g];
}

let [worstW, worstLoss] = [0, 0];
for (let seed = 0; seed < 600; seed++) {
  // The check's draw (graders/checks/46-nadaraya-watson/checks.ts, d2lData and w0).
  const rng = makeRng(seed);
  const x = Array.from({ length: 50 }, () => Math.fround(rng.uniform() * 5)).sort((a, b) => a - b);
  const y = x.map((v) => Math.fround(f64(v) + 0.5 * rng.normal()));
  const w0 = Math.fround(0.5 + 0.5 * rng.uniform());
  const out = solution.trainNWKernel(tf.tensor1d(x), tf.tensor1d(y), { w0, lr: 0.5, numEpochs: 5 });
  let w = w0;
  const losses: number[] = [];
  for (let e = 0; e < 5; e++) {
    const [L, g] = lossAndGrad(w, x, y);
    losses.push(L);
    w -= 0.5 * g;
  }
  worstW = Math.max(worstW, Math.abs(out.w - w) / (1 + Math.abs(w)));
  out.losses.forEach((l, e) => {
    worstLoss = Math.max(worstLoss, Math.abs(l - losses[e]!) / (1 + losses[e]!));
  });
}
console.log({ worstW, worstLoss });
