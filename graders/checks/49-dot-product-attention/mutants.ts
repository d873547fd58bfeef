import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-scaling',
    why: 'forgets the 1/√d, so the scores grow with the depth and the softmax saturates',
    replace: [
      [
        'tf.matMul(queries, keys.transpose([0, 2, 1])).div(Math.sqrt(d))',
        'tf.matMul(queries, keys.transpose([0, 2, 1]))',
      ],
    ],
  },
  {
    name: 'divide-by-d',
    why: 'divides by d instead of √d',
    replace: [['.div(Math.sqrt(d))', '.div(d)']],
  },
  {
    name: 'sqrt-of-key-count',
    why: 'divides by the square root of the number of keys instead of the depth',
    replace: [['.div(Math.sqrt(d))', '.div(Math.sqrt(keys.shape[1]))']],
  },
  {
    name: 'keys-values-swapped',
    why: 'scores the queries against the values and averages the keys',
    replace: [
      [
        'const scores = scaledDotProductScores(queries, keys);',
        'const scores = scaledDotProductScores(queries, values);',
      ],
      ['output: tf.matMul(dropped, values)', 'output: tf.matMul(dropped, keys)'],
    ],
  },
  {
    name: 'no-mask',
    why: 'ignores the valid lengths, so padding keys get weight',
    replace: [['maskedSoftmax(scores, validLens)', 'maskedSoftmax(scores, null)']],
  },
  {
    name: 'dropout-in-evaluation',
    why: 'applies dropout whether training or not',
    replace: [['opts.seed ?? 0, opts.training ?? false)', 'opts.seed ?? 0, true)']],
  },
  {
    name: 'no-dropout',
    why: 'never applies dropout, in training either',
    replace: [['opts.seed ?? 0, opts.training ?? false)', 'opts.seed ?? 0, false)']],
  },
  {
    name: 'weights-after-dropout',
    why: 'returns the attention weights after dropout, not those the heatmaps show',
    replace: [
      [
        'return { output: tf.matMul(dropped, values) as tf.Tensor3D, attentionWeights };',
        'return { output: tf.matMul(dropped, values) as tf.Tensor3D, attentionWeights: dropped };',
      ],
    ],
  },
  {
    name: 'no-depth-check',
    why: 'does not check that queries and keys have the same depth, so tfjs fails with its own message',
    replace: [['  if (keys.shape[2] !== d)\n', '  if (false)\n']],
  },
  {
    name: 'frees-inputs',
    why: 'disposes the queries and keys once the scores are computed, though they belong to the caller',
    replace: [
      [
        'const scores = scaledDotProductScores(queries, keys);',
        'const scores = scaledDotProductScores(queries, keys);\n    tf.dispose([queries, keys]);',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the scores, weights and product outside tf.tidy, leaking the intermediates',
    replace: [
      ['  return tf.tidy(() => {\n    const scores', '  return (() => {\n    const scores'],
      ['attentionWeights };\n  });', 'attentionWeights };\n  })();'],
    ],
  },
] satisfies Mutant[];
