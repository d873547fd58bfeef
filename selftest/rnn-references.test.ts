/**
 * The recurrent references of chapters 5 and 6 (reference/30, 33, 34, 35, 36, ops/mat-mul, ops/recurrent)
 * against float64 plain JavaScript written from the formulas, on the cpu and the wasm backends:
 * their values, and the gradients tfjs computes through them (the custom matMul gradient
 * included) against central differences of the float64 forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { normalTensor } from '../graders/lib/arbitraries';
import { expectClose } from '../graders/lib/compare';
import { expectGradientClose, numericVjp } from '../graders/lib/gradcheck';
import { TensorData } from '../graders/lib/tensor-data';
import { fromTensor, toTensor } from '../graders/lib/tf-interop';
import * as r30 from '../reference/30-rnn-scratch';
import * as r33 from '../reference/33-gru';
import * as r34 from '../reference/34-lstm';
import * as r35 from '../reference/35-deep-rnn';
import * as r36 from '../reference/36-bidirectional';
import { presentBackends, switchBackend, type BackendName } from '../reference/backend';
import { makeRng, type Rng } from '../reference/random';
import { birnn64, deepRnn64, gru64, lstm64, rnn64 } from '../graders/lib/float64/rnn';
import { flatOutput, gruLayerShapes } from '../graders/lib/rnn';

const shapesRnn = (d: number, h: number, q: number) => ({
  W_xh: [d, h],
  W_hh: [h, h],
  b_h: [h],
  W_hq: [h, q],
  b_q: [q],
});
const shapesGru = (d: number, h: number, q: number) => ({ ...gruLayerShapes(d, h), W_hq: [h, q], b_q: [q] });
const shapesLstm = (d: number, h: number, q: number) =>
  Object.fromEntries([
    ...['i', 'f', 'o', 'c'].flatMap((g) => [
      [`W_x${g}`, [d, h]],
      [`W_h${g}`, [h, h]],
      [`b_${g}`, [h]],
    ]),
    ['W_hq', [h, q]],
    ['b_q', [q]],
  ]) as Record<string, number[]>;
const draw = (rng: Rng, shapes: Record<string, number[]>) =>
  Object.fromEntries(Object.entries(shapes).map(([k, s]) => [k, normalTensor(rng, s, 0.5)]));

/** A reference's outputs Y and final state, flattened into one tensor. */
const flatRef = (r: { Y: tf.Tensor; state: tf.Tensor[] }) =>
  tf.concat([r.Y.reshape([-1]), ...r.state.map((st) => st.reshape([-1]))]);
type Ts = tf.Tensor[];
const t2 = (x: tf.Tensor | undefined) => x as tf.Tensor2D;
const t1 = (x: tf.Tensor | undefined) => x as tf.Tensor1D;
const t3 = (x: tf.Tensor | undefined) => x as tf.Tensor3D;

interface Case {
  name: string;
  /** The arguments, every one differentiated. */
  make(rng: Rng): TensorData[];
  /** The reference on them, its outputs and final state flattened. */
  ref(xs: Ts): tf.Tensor;
  /** The same in float64 from the formulas. */
  f64(xs: TensorData[]): TensorData;
}

const T = 3,
  n = 2,
  d = 3,
  h = 3,
  q = 2;
const record = <X>(names: string[], xs: X[]) => Object.fromEntries(names.map((k, i) => [k, xs[i]!]));
const keysRnn = Object.keys(shapesRnn(d, h, q));
const keysGru = Object.keys(shapesGru(d, h, q));
const keysLstm = Object.keys(shapesLstm(d, h, q));

const cases: Case[] = [
  {
    name: 'rnn (30)',
    make: (rng) => [
      normalTensor(rng, [T, n, d]),
      normalTensor(rng, [n, h], 0.5),
      ...Object.values(draw(rng, shapesRnn(d, h, q))),
    ],
    ref: ([x, H, ...ps]) => flatRef(r30.rnn(t3(x), [t2(H)], record(keysRnn, ps) as unknown as r30.RnnParams)),
    f64: ([x, H, ...ps]) => flatOutput(rnn64(x!, H!, record(keysRnn, ps))),
  },
  {
    name: 'gru (33)',
    make: (rng) => [
      normalTensor(rng, [T, n, d]),
      normalTensor(rng, [n, h], 0.5),
      ...Object.values(draw(rng, shapesGru(d, h, q))),
    ],
    ref: ([x, H, ...ps]) => flatRef(r33.gru(t3(x), [t2(H)], record(keysGru, ps) as unknown as r33.GruParams)),
    f64: ([x, H, ...ps]) => flatOutput(gru64(x!, H!, record(keysGru, ps))),
  },
  {
    name: 'lstm (34)',
    make: (rng) => [
      normalTensor(rng, [T, n, d]),
      normalTensor(rng, [n, h], 0.5),
      normalTensor(rng, [n, h]),
      ...Object.values(draw(rng, shapesLstm(d, h, q))),
    ],
    ref: ([x, H, C, ...ps]) =>
      flatRef(r34.lstm(t3(x), [t2(H), t2(C)], record(keysLstm, ps) as unknown as r34.LstmParams)),
    f64: ([x, H, C, ...ps]) => flatOutput(lstm64(x!, H!, C!, record(keysLstm, ps))),
  },
  {
    name: 'deepRnn (35), two layers',
    make: (rng) => [
      normalTensor(rng, [T, n, d]),
      normalTensor(rng, [n, h], 0.5),
      normalTensor(rng, [n, 2], 0.5),
      ...Object.values(
        draw(rng, {
          W_xh: [d, h],
          W_hh: [h, h],
          b_h: [h],
          V_xh: [h, 2],
          V_hh: [2, 2],
          c_h: [2],
          W_hq: [2, q],
          b_q: [q],
        }),
      ),
    ],
    ref: ([x, H1, H2, W_xh, W_hh, b_h, V_xh, V_hh, c_h, W_hq, b_q]) =>
      flatRef(
        r35.deepRnn(t3(x), [t2(H1), t2(H2)], {
          layers: [
            { W_xh: t2(W_xh), W_hh: t2(W_hh), b_h: t1(b_h) },
            { W_xh: t2(V_xh), W_hh: t2(V_hh), b_h: t1(c_h) },
          ],
          W_hq: t2(W_hq),
          b_q: t1(b_q),
        }),
      ),
    f64: ([x, H1, H2, W_xh, W_hh, b_h, V_xh, V_hh, c_h, W_hq, b_q]) =>
      flatOutput(
        deepRnn64(x!, [H1!, H2!], {
          layers: [
            { W_xh: W_xh!, W_hh: W_hh!, b_h: b_h! },
            { W_xh: V_xh!, W_hh: V_hh!, b_h: c_h! },
          ],
          W_hq: W_hq!,
          b_q: b_q!,
        }),
      ),
  },
  {
    name: 'birnn (36)',
    make: (rng) => [
      normalTensor(rng, [T, n, d]),
      ...Object.values(
        draw(rng, {
          W_xh: [d, h],
          W_hh: [h, h],
          b_h: [h],
          V_xh: [d, h],
          V_hh: [h, h],
          c_h: [h],
          W_hq: [2 * h, q],
          b_q: [q],
        }),
      ),
    ],
    ref: ([x, W_xh, W_hh, b_h, V_xh, V_hh, c_h, W_hq, b_q]) =>
      r36
        .birnn(t3(x), {
          fwd: { W_xh: t2(W_xh), W_hh: t2(W_hh), b_h: t1(b_h) },
          bwd: { W_xh: t2(V_xh), W_hh: t2(V_hh), b_h: t1(c_h) },
          W_hq: t2(W_hq),
          b_q: t1(b_q),
        })
        .Y.reshape([-1]),
    f64: ([x, W_xh, W_hh, b_h, V_xh, V_hh, c_h, W_hq, b_q]) => {
      const { Y } = birnn64(x!, {
        fwd: { W_xh: W_xh!, W_hh: W_hh!, b_h: b_h! },
        bwd: { W_xh: V_xh!, W_hh: V_hh!, b_h: c_h! },
        W_hq: W_hq!,
        b_q: b_q!,
      });
      return TensorData.float([Y.size], Y.values);
    },
  },
];

let original: BackendName;
beforeAll(() => {
  original = tf.getBackend() as BackendName;
});
afterAll(() => switchBackend(original));

for (const { name: backend } of presentBackends()) {
  describe(`on ${backend}`, () => {
    for (const c of cases) {
      test(`${c.name}: values against float64, gradients against finite differences`, async () => {
        await switchBackend(backend);
        for (let seed = 0; seed < 3; seed++) {
          const rng = makeRng(seed);
          const xs = c.make(rng);
          const before = tf.memory().numTensors;
          const out = tf.tidy(() => c.ref(xs.map(toTensor)));
          const y = fromTensor(out);
          out.dispose();
          expectClose(y, c.f64(xs), `${c.name} on ${backend}`);
          const dy = normalTensor(rng, y.shape);
          const wrt = xs.map((_, i) => i);
          const grads = tf.tidy(() => tf.grads((...ts: tf.Tensor[]) => c.ref(ts))(xs.map(toTensor), toTensor(dy)));
          const numeric = await numericVjp((a) => c.f64(a as TensorData[]), xs, wrt, dy);
          grads.forEach((g, i) =>
            expectGradientClose(
              fromTensor(g),
              numeric[i]!,
              `the gradient of ${c.name} with respect to argument ${i} on ${backend}`,
            ),
          );
          tf.dispose(grads);
          expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
        }
      });
    }
  });
}
