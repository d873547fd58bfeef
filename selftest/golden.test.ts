/**
 * The reference against independent golden values (fixtures/golden, float64 numpy): outputs and
 * gradients, on the backend the course would choose here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { FLOAT32, type Tolerance } from '../graders/lib/compare';
import { root } from '../bin/project.mjs';
import {
  caseTitle,
  expectValueClose,
  loadGoldenFiles,
  parseGolden,
  referenceFunction,
  runCase,
  runGrad,
} from './golden-cases';

const files = loadGoldenFiles();

/** float32's spacing at 1e4 (2^13 <= 1e4 < 2^14): 2^-10, about 9.8e-4. */
const ULP_1E4 = 2 ** -10;

/**
 * Cases that need more than FLOAT32, by test title, each with the reason.
 * tfjs's softmaxCrossEntropy computes log softmax as o - logsumexp(o): with logits of 1e4,
 * logsumexp is rounded to float32's spacing there, so o - logsumexp (a loss near 0.4, and the
 * softmax exp(o - logsumexp) in the gradient) carries an absolute error of up to half an ulp of
 * 1e4 (measured: 3.8e-4), times |dy| <= 1.1 in the gradient. One ulp of 1e4 bounds both; any
 * real mistake (wrong class, missing shift) is off by order 1.
 */
const LOOSER: Record<string, Tolerance> = {
  '06-cross-entropy softmaxCrossEntropy: logits of +-1e4': { atol: ULP_1E4, rtol: FLOAT32.rtol },
};

test('a malformed golden file is rejected in one line naming the file and the field', () => {
  const path = 'fixtures/golden/05-softmax.json';
  const read = () =>
    JSON.parse(readFileSync(join(root, path), 'utf8')) as {
      exercise: string;
      cases: { args: { values: number[] }[] }[];
    };
  const short = read();
  short.cases[1]!.args[0]!.values.pop();
  expect(parseGolden(path, short).error).toBe(
    `${path}: cases.1.args.0: the number of values is not the product of the shape`,
  );
  expect(parseGolden(path, { ...read(), exercise: '06-cross-entropy' }).error).toMatch(/named for 05-softmax$/);
});

test('every looser tolerance names an existing case', () => {
  const titles = new Set(files.flatMap((f) => f.cases.map((c) => caseTitle(f, c))));
  expect(Object.keys(LOOSER).filter((t) => !titles.has(t))).toEqual([]);
});

test('there are golden files', () => expect(files.map((f) => f.exercise)).not.toEqual([]));

for (const file of files) {
  test(`${file.path} is well-formed`, () => {
    if (file.error) throw new Error(file.error);
  });
  for (const c of file.cases) {
    test(caseTitle(file, c), async () => {
      const f = await referenceFunction(file.exercise, c.function);
      const tol = LOOSER[caseTitle(file, c)] ?? FLOAT32;
      const before = tf.memory().numTensors;
      expectValueClose(runCase(f, c), c.expected, `${c.function}(…)`, tol);
      if (c.grad) {
        const grads = runGrad(f, c);
        c.grad.wrt.forEach((i, k) =>
          expectValueClose(
            grads[k]!,
            c.grad!.expected[k]!,
            `the gradient of ${c.function} with respect to argument ${i}`,
            tol,
          ),
        );
      }
      expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
    });
  }
}
