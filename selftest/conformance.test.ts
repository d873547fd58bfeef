/**
 * Backend conformance: every golden case's reference output and gradient, computed on the cpu
 * backend (plain JavaScript, complete) and on every other backend present here (wasm always;
 * TensorFlow, native or GPU, where its package loads), must agree with cpu. A kernel missing or
 * wrong on one backend fails here, naming function and backend.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tolerance } from '../graders/lib/compare';
import { BACKENDS, presentBackends, switchBackend, type BackendName } from '../reference/backend';
import {
  caseTitle,
  expectValueClose,
  loadGoldenFiles,
  referenceFunction,
  runCase,
  runGrad,
  type Value,
} from './golden-cases';

/** cpu first: the others are compared with it. */
const PRESENT = presentBackends();
const COMPARED: BackendName[] = PRESENT.map((b) => b.name);

test(`covers every backend present: ${PRESENT.map((b) => b.label).join('; ')}`, () => {
  expect(COMPARED.slice(0, 2)).toEqual(['cpu', 'wasm']);
});

/** Two float32 computations of the same function: each off by a few roundings. */
const TWO_FLOAT32: Tolerance = { atol: 1e-5, rtol: 1e-4 };

let original: BackendName;
beforeAll(() => {
  original = tf.getBackend() as BackendName;
  expect(BACKENDS).toContain(original);
});
afterAll(() => switchBackend(original));

/** f(), or an error naming what failed and on which backend. */
function attempt<T>(what: string, backend: BackendName, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(`${what} throws on the ${backend} backend: ${(e as Error).message}`);
  }
}

interface Result {
  backend: BackendName;
  value: Value;
  grads: Value;
}

for (const file of loadGoldenFiles()) {
  // A malformed file fails golden.test.ts with its reason; here it has no cases.
  for (const c of file.cases) {
    test(caseTitle(file, c), async () => {
      const f = await referenceFunction(file.exercise, c.function);
      const results: Result[] = [];
      for (const backend of COMPARED) {
        await switchBackend(backend);
        const before = tf.memory().numTensors;
        const value = attempt(c.function, backend, () => runCase(f, c));
        const grads = c.grad ? attempt(`the gradient of ${c.function}`, backend, () => runGrad(f, c)) : [];
        expect(tf.memory().numTensors, `${c.function} leaks tensors on the ${backend} backend`).toBe(before);
        results.push({ backend, value, grads });
      }
      const [first, ...others] = results as [Result, ...Result[]];
      for (const r of others) {
        const vs = `on ${r.backend} (against ${first.backend})`;
        expectValueClose(r.value, first.value, `${c.function}(…) ${vs}`, TWO_FLOAT32);
        expectValueClose(r.grads, first.grads, `the gradients of ${c.function} ${vs}`, TWO_FLOAT32);
      }
    });
  }
}
