/**
 * The reference against independent golden values (fixtures/golden, float64 numpy): outputs and
 * gradients, on the backend the course would choose here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { FLOAT32 } from '../graders/lib/compare';
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

test('there are golden files', () => expect(files.map((f) => f.exercise)).not.toEqual([]));

for (const file of files) {
  test(`${file.path} is well-formed`, () => {
    if (file.error) throw new Error(file.error);
  });
  for (const c of file.cases) {
    test(caseTitle(file, c), async () => {
      const f = await referenceFunction(file.exercise, c.function);
      const tol = FLOAT32;
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
