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
] satisfies Mutant[];
