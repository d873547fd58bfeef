import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'time-from-zero',
    why: "counts time from 0 (t = 0 … T − 1) instead of d2l's 1 … T",
    replace: [['const time = tf.range(1, T + 1) as tf.Tensor1D;', 'const time = tf.range(0, T) as tf.Tensor1D;']],
  },
  {
    name: 'noise-variance-as-std',
    why: 'draws the noise with standard deviation 0.04 (0.2², the variance)',
    replace: [
      ["tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)", "tf.randomNormal([T], 0, 0.04, 'float32', seed + 1)"],
    ],
  },
  {
    name: 'unseeded-noise',
    why: 'draws the noise without the seed',
    replace: [["tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)", "tf.randomNormal([T], 0, 0.2, 'float32')"]],
  },
  {
    name: 'label-inside-window',
    why: 'takes the last value of the window as the label (x[τ − 1:]) instead of the value after it',
    replace: [
      [
        'labels: x.slice(tau).reshape([-1, 1]) as tf.Tensor2D',
        'labels: x.slice(tau - 1, T - tau).reshape([-1, 1]) as tf.Tensor2D',
      ],
    ],
  },
  {
    name: 'windows-shifted',
    why: 'starts each window one value late, so it ends on its own label',
    replace: [
      [
        'const columns = Array.from({ length: tau }, (_, i) => x.slice(i, T - tau));',
        'const columns = Array.from({ length: tau }, (_, i) => x.slice(i + 1, T - tau));',
      ],
    ],
  },
  {
    name: 'fits-all-rows',
    why: 'fits on every row, the test rows included',
    replace: [
      [
        '  const [A, y] = tf.tidy(() => [\n    tf.concat([features.slice(0, nTrain), tf.ones([nTrain, 1])], 1) as tf.Tensor2D,\n    labels.slice(0, nTrain) as tf.Tensor2D,\n  ]);\n',
        '  const [A, y] = tf.tidy(() => [tf.concat([features, tf.ones([features.shape[0], 1])], 1) as tf.Tensor2D, labels]);\n',
      ],
    ],
  },
  {
    name: 'no-bias',
    why: 'fits without the column of ones (and returns a zero bias)',
    replace: [
      [
        'const w = leastSquares(A, y);',
        'const w0 = leastSquares(A.slice([0, 0], [-1, A.shape[1] - 1]), y);\n  const w = tf.concat([w0, tf.zeros([1, 1])]) as tf.Tensor2D;\n  w0.dispose();',
      ],
    ],
  },
  {
    name: 'observations-not-predictions',
    why: 'feeds the model the observed values at every step, so every column is a one-step-ahead prediction',
    replace: [
      [
        '          .stack(columns.slice(j - tau, j), 1)\n',
        '          .stack(\n            Array.from({ length: tau }, (_, i) => x.slice(j - tau + i, rows)),\n            1,\n          )\n',
      ],
    ],
  },
  {
    name: 'silent-short-series',
    why: 'lets a series of τ values or fewer through',
    replace: [
      [
        '  if (T <= tau) throw new SequenceTooShortError(`the series has ${T} values: τ = ${tau} needs at least ${tau + 1}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'k-step-no-tidy',
    why: 'builds the k-step predictions without tf.tidy, so every column and slice made on the way stays in memory',
    replace: [
      [
        '  return tf.tidy(() => {\n    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, rows));',
        '  {\n    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, rows));',
      ],
      [
        '    return tf.stack(columns, 1) as tf.Tensor2D;\n  });',
        '    return tf.stack(columns, 1) as tf.Tensor2D;\n  }',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error instead of the SequenceTooShortError the task asks for, so a caller cannot tell this mistake from any other failure',
    replace: [
      ["import { SequenceTooShortError } from 'd2l-ts/reference/errors';", 'const SequenceTooShortError = Error;'],
    ],
  },
] satisfies Mutant[];
