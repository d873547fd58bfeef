import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-shuffle',
    why: 'walks the examples in their original order',
    replace: [
      [
        'const indices = makeRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));',
        'const indices = Array.from({ length: n }, (_, i) => i);',
      ],
    ],
  },
  {
    name: 'unseeded-shuffle',
    why: "shuffles with tfjs's tf.util.shuffle, which ignores the seed",
    replace: [
      [
        'const indices = makeRng(seed).shuffle(Array.from({ length: n }, (_, i) => i));',
        'const indices = Array.from({ length: n }, (_, i) => i);\n  tf.util.shuffle(indices);',
      ],
    ],
  },
  {
    name: 'drop-last',
    why: 'drops the smaller last batch (PyTorch drop_last=True), losing examples',
    replace: [['for (let i = 0; i < n; i += batchSize) {', 'for (let i = 0; i + batchSize <= n; i += batchSize) {']],
  },
  {
    name: 'misaligned-labels',
    why: 'takes the labels of the batch from the unshuffled order, so X and y no longer match',
    replace: [
      [
        'return [tf.gather(X, idx), tf.gather(y, idx)];',
        'return [tf.gather(X, idx), y.slice([i, 0], [batch.length, 1])];',
      ],
    ],
  },
  {
    name: 'noise-std-0.1',
    why: 'adds noise of standard deviation 0.1 instead of 0.01',
    replace: [
      [
        "tf.randomNormal([numExamples, 1], 0, 0.01, 'float32', seed + 2)",
        "tf.randomNormal([numExamples, 1], 0, 0.1, 'float32', seed + 2)",
      ],
    ],
  },
  {
    name: 'no-bias',
    why: 'forgets to add the bias b',
    replace: [
      [
        '    const y = X.matMul(w.reshape([-1, 1]))\n      .add(b)\n      .add(noise) as tf.Tensor2D;\n',
        '    const y = X.matMul(w.reshape([-1, 1])).add(noise) as tf.Tensor2D;\n',
      ],
    ],
  },
  {
    name: 'flat-labels',
    why: 'returns y as a vector of shape [n] instead of a column [n, 1]',
    replace: [['      .add(noise) as tf.Tensor2D;\n', '      .add(noise)\n      .reshape([-1]) as tf.Tensor2D;\n']],
  },
  {
    name: 'uniform-features',
    why: 'draws X uniformly from [0, 1) instead of from a standard normal',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>([numExamples, w.shape[0]], 0, 1, 'float32', seed + 1)",
        "tf.randomUniform<tf.Rank.R2>([numExamples, w.shape[0]], 0, 1, 'float32', seed + 1)",
      ],
    ],
  },
  {
    name: 'unseeded-data',
    why: 'draws X without the seed, so the data changes on every call',
    replace: [
      [
        "tf.randomNormal<tf.Rank.R2>([numExamples, w.shape[0]], 0, 1, 'float32', seed + 1)",
        "tf.randomNormal<tf.Rank.R2>([numExamples, w.shape[0]], 0, 1, 'float32')",
      ],
    ],
  },
  {
    name: 'seeds-from-zero',
    why: 'seeds X with the seed itself, which tfjs ignores when it is 0',
    replace: [
      ["[numExamples, w.shape[0]], 0, 1, 'float32', seed + 1)", "[numExamples, w.shape[0]], 0, 1, 'float32', seed)"],
      ["0, 0.01, 'float32', seed + 2)", "0, 0.01, 'float32', seed + 1)"],
    ],
  },
  {
    name: 'no-tidy',
    why: 'builds each batch without tf.tidy, so the index tensors are never disposed',
    replace: [
      [
        "    yield tf.tidy(() => {\n      const idx = tf.tensor1d(batch, 'int32');\n      return [tf.gather(X, idx), tf.gather(y, idx)];\n    });",
        "    const idx = tf.tensor1d(batch, 'int32');\n    yield [tf.gather(X, idx), tf.gather(y, idx)];",
      ],
    ],
  },
  {
    name: 'noise-seeded-like-X',
    why: 'draws the noise with seed + 1, the seed of X, so the noise is 0.01 times the first draws of X instead of independent of it',
    replace: [["0, 0.01, 'float32', seed + 2)", "0, 0.01, 'float32', seed + 1)"]],
  },
  {
    name: 'seeds-swapped',
    why: 'draws X with seed + 2 and the noise with seed + 1, the other way round from the task',
    replace: [
      [
        "[numExamples, w.shape[0]], 0, 1, 'float32', seed + 1)",
        "[numExamples, w.shape[0]], 0, 1, 'float32', seed + 2)",
      ],
      ["0, 0.01, 'float32', seed + 2)", "0, 0.01, 'float32', seed + 1)"],
    ],
  },
  {
    name: 'noise-variance-0.01',
    why: 'takes 0.01² for the standard deviation of the noise (0.0001) instead of its variance',
    replace: [["0, 0.01, 'float32', seed + 2)", "0, 0.01 ** 2, 'float32', seed + 2)"]],
  },
  {
    name: 'shuffle-seed-plus-one',
    why: 'shuffles with makeRng(seed + 1), as if the +1 of tfjs seeds applied to makeRng too',
    replace: [['const indices = makeRng(seed).shuffle(', 'const indices = makeRng(seed + 1).shuffle(']],
  },
  {
    name: 'no-seed-check',
    why: 'accepts a negative seed, so seed -1 draws X with the seed 0 that tfjs ignores',
    replace: [
      [
        '  if (!Number.isInteger(seed) || seed < 0)\n    throw new HyperparameterError(`seed must be a non-negative integer, got ${seed}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'zero-examples-allowed',
    why: 'checks numExamples < 0 instead of < 1, so an empty data set passes',
    replace: [
      [
        'if (!Number.isInteger(numExamples) || numExamples < 1)',
        'if (!Number.isInteger(numExamples) || numExamples < 0)',
      ],
    ],
  },
  {
    name: 'no-batch-size-check',
    why: 'never checks batchSize, so a batchSize of 0 yields empty batches forever',
    replace: [
      [
        '  if (!Number.isInteger(batchSize) || batchSize < 1)\n    throw new HyperparameterError(`batchSize must be a positive integer, got ${batchSize}`);\n  const n',
        '  const n',
      ],
    ],
  },
  {
    name: 'batch-larger-than-data-refused',
    why: 'refuses a batchSize larger than the data set, which d2l accepts (one batch of everything)',
    replace: [
      [
        '  const indices = makeRng(seed)',
        '  if (batchSize > n) throw new HyperparameterError(`batchSize ${batchSize} is larger than the ${n} examples`);\n  const indices = makeRng(seed)',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a bad batchSize instead of the course's HyperparameterError",
    replace: [
      [
        'throw new HyperparameterError(`batchSize must be a positive integer, got ${batchSize}`);',
        'throw new Error(`batchSize must be a positive integer, got ${batchSize}`);',
      ],
    ],
  },
  {
    name: 'disposes-data-after-pass',
    why: 'disposes X and y once every batch is out, to free memory, though they belong to the caller, who trains on them again next epoch',
    replace: [
      [
        '      return [tf.gather(X, idx), tf.gather(y, idx)];\n    });\n  }\n',
        '      return [tf.gather(X, idx), tf.gather(y, idx)];\n    });\n  }\n  tf.dispose([X, y]);\n',
      ],
    ],
  },
] satisfies Mutant[];
