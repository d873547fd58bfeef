import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'drop-remainder',
    why: "gives every fold n // K examples, as d2l's get_k_fold_data does, and loses the last n mod K",
    replace: [['const size = base + (j < extra ? 1 : 0);', 'const size = base;']],
  },
  {
    name: 'remainder-to-last',
    why: 'puts all n mod K leftover examples into the last fold, so fold sizes differ by up to K - 1',
    replace: [['const size = base + (j < extra ? 1 : 0);', 'const size = base + (j === k - 1 ? extra : 0);']],
  },
  {
    name: 'overlapping-folds',
    why: 'starts each fold where the previous one started plus the base size, so folds overlap by one',
    replace: [['    start += size;', '    start += base;']],
  },
  {
    name: 'round-robin',
    why: 'deals the examples out like cards (example t to fold t mod K), so a fold is not a consecutive run',
    replace: [
      [
        'folds.push(Array.from({ length: size }, (_, t) => start + t));',
        'folds.push(Array.from({ length: size }, (_, t) => j + t * k));',
      ],
    ],
  },
  {
    name: 'validation-in-training',
    why: 'trains on every fold, the validation fold included',
    replace: [['const train = folds.filter((_, j) => j !== i).flat();', 'const train = folds.flat();']],
  },
  {
    name: 'labels-of-validation',
    why: 'gathers the training labels with the validation indices',
    replace: [['yTrain: tf.gather(y, trainIdx)', 'yTrain: tf.gather(y, validIdx)']],
  },
  {
    name: 'no-k-check',
    why: 'accepts K > n and returns empty folds',
    replace: [['  if (!Number.isInteger(k) || k < 2 || k > n) {', '  if (!Number.isInteger(k) || k < 2) {']],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a bad K instead of the course's HyperparameterError",
    replace: [
      [
        '    throw new HyperparameterError(\n      `K-fold cross-validation needs an integer K with 2 <= K <= n, got K = ${k} for n = ${n} examples`,\n    );\n',
        '    throw new Error(`K-fold cross-validation needs an integer K with 2 <= K <= n, got K = ${k} for n = ${n} examples`);\n',
      ],
    ],
  },
  {
    name: 'k-equal-to-n-rejected',
    why: 'rejects K = n (leave-one-out), reading "K folds of n examples" as needing K < n',
    replace: [['  if (!Number.isInteger(k) || k < 2 || k > n) {', '  if (!Number.isInteger(k) || k < 2 || k >= n) {']],
  },
  {
    name: 'negative-fold-index',
    why: 'checks only that i < K, so i = -1 validates on no fold and trains on all of them',
    replace: [['if (!Number.isInteger(i) || i < 0 || i >= k)', 'if (!Number.isInteger(i) || i >= k)']],
  },
  {
    name: 'fractional-fold-index',
    why: 'checks the range of i but not that it is an integer',
    replace: [['if (!Number.isInteger(i) || i < 0 || i >= k)', 'if (i < 0 || i >= k)']],
  },
  {
    name: 'last-fold-index-rejected',
    why: 'takes the fold index to run from 0 to K - 2, rejecting the last fold i = K - 1',
    replace: [['if (!Number.isInteger(i) || i < 0 || i >= k)', 'if (!Number.isInteger(i) || i < 0 || i >= k - 1)']],
  },
  {
    name: 'message-without-value',
    why: 'throws the right class with a message that does not say which K was wrong',
    replace: [
      [
        '`K-fold cross-validation needs an integer K with 2 <= K <= n, got K = ${k} for n = ${n} examples`',
        "'K-fold cross-validation needs an integer K with 2 <= K <= n'",
      ],
    ],
  },
  {
    name: 'disposes-inputs',
    why: 'disposes X and y once the folds are gathered, "to save memory", though the caller still owns them',
    replace: [
      ['  return tf.tidy(() => {\n    const trainIdx', '  const split = tf.tidy(() => {\n    const trainIdx'],
      ['  });\n  // END SOLUTION', '  });\n  tf.dispose([X, y]);\n  return split;\n  // END SOLUTION'],
    ],
  },
  {
    name: 'labels-as-column',
    why: 'reshapes the gathered labels to a column [m, 1], which is right only for labels of shape [n, 1]',
    replace: [
      ['yTrain: tf.gather(y, trainIdx),', 'yTrain: tf.gather(y, trainIdx).reshape([-1, 1]),'],
      ['yValid: tf.gather(y, validIdx),', 'yValid: tf.gather(y, validIdx).reshape([-1, 1]),'],
    ],
  },
  {
    name: 'no-tidy',
    why: 'makes the index tensors without tf.tidy, so they are never disposed',
    replace: [
      ['  });\n', '  }\n'],
      ['  return tf.tidy(() => {\n', '  {\n'],
    ],
  },
] satisfies Mutant[];
