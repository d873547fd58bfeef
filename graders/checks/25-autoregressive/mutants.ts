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
      [
        "import { HyperparameterError, SequenceTooShortError, ShapeMismatchError } from 'd2l-ts/reference/errors';",
        "import { HyperparameterError, ShapeMismatchError } from 'd2l-ts/reference/errors';\nconst SequenceTooShortError = Error;",
      ],
    ],
  },
  {
    name: 'noise-in-pairs',
    why: 'draws half as many noise values and repeats each twice (a [T/2, 1] draw tiled to [T/2, 2]): the mean and spread are right, but neighbours share their noise',
    replace: [
      [
        "tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)",
        "tf.randomNormal([Math.ceil(T / 2), 1], 0, 0.2, 'float32', seed + 1).tile([1, 2]).reshape([-1]).slice(0, T)",
      ],
    ],
  },
  {
    name: 'noise-seed-unshifted',
    why: 'seeds the noise with seed instead of seed + 1, so seed 0 is no seed at all for tf.randomNormal and the draw is not the stated one',
    replace: [["tf.randomNormal([T], 0, 0.2, 'float32', seed + 1)", "tf.randomNormal([T], 0, 0.2, 'float32', seed)"]],
  },
  {
    name: 'empty-series-accepted',
    why: 'never checks T, so sineSeries(0) returns empty tensors and sineSeries(2.5) fails inside tfjs',
    replace: [
      [
        '  if (!Number.isInteger(T) || T < 1) throw new HyperparameterError(`T must be a whole number >= 1, got ${T}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'tau-unchecked',
    why: 'never checks τ, so τ = 0 gives features with no columns',
    replace: [
      [
        '  if (!Number.isInteger(tau) || tau < 1) throw new HyperparameterError(`τ must be a whole number >= 1, got ${tau}`);\n  const T',
        '  const T',
      ],
    ],
  },
  {
    name: 'ntrain-all-rows-rejected',
    why: 'requires nTrain to be below the number of rows, rejecting a fit on every row',
    replace: [['nTrain < tau + 1 || nTrain > rows)', 'nTrain < tau + 1 || nTrain >= rows)']],
  },
  {
    name: 'ntrain-from-tau',
    why: 'accepts nTrain = τ, fewer rows than the τ + 1 unknowns (leastSquares then returns a w of the wrong length)',
    replace: [['nTrain < tau + 1 || nTrain > rows)', 'nTrain < tau || nTrain > rows)']],
  },
  {
    name: 'singular-fit-as-zeros',
    why: 'catches the SingularMatrixError and returns a zero model, hiding that the fit has no unique answer',
    replace: [
      [
        '  const w = leastSquares(A, y);\n',
        '  let w: tf.Tensor2D;\n  try {\n    w = leastSquares(A, y);\n  } catch {\n    w = tf.zeros([tau + 1, 1]);\n  }\n',
      ],
    ],
  },
  {
    name: 'max-steps-unchecked',
    why: 'never checks maxSteps, so 0 steps returns the observations alone and 1.5 steps fails inside tfjs',
    replace: [["    ['maxSteps', maxSteps],\n", '']],
  },
  {
    name: 'w-shape-unchecked',
    why: 'never compares w with τ, so a w of the wrong length fails inside tfjs with an untyped error',
    replace: [['  if (w.shape[0] !== tau + 1 || w.shape[1] !== 1)\n', '  if (w.rank !== 2)\n']],
  },
  {
    name: 'k-step-check-one-late',
    why: 'throws only when rows < 0, so a series one value short returns an empty matrix',
    replace: [['  if (rows < 1)\n', '  if (rows < 0)\n']],
  },
  {
    name: 'fit-disposes-inputs',
    why: 'disposes the features and labels once A and y are built, “to free memory”: they are the caller’s',
    replace: [['  tf.dispose([A, y]);\n', '  tf.dispose([A, y, features, labels]);\n']],
  },
  {
    name: 'k-step-disposes-model',
    why: 'disposes w after the predictions, as if the model were used up',
    replace: [
      [
        '    return tf.stack(columns, 1) as tf.Tensor2D;\n  });',
        '    return tf.stack(columns, 1) as tf.Tensor2D;\n  });\n  w.dispose();\n  return P;',
      ],
      [
        '  return tf.tidy(() => {\n    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, rows));',
        '  const P = tf.tidy(() => {\n    const columns = Array.from({ length: tau }, (_, i) => x.slice(i, rows));',
      ],
    ],
  },
] satisfies Mutant[];
