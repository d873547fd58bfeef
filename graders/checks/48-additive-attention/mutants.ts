import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'no-tanh',
    why: 'forgets the tanh, so the score is linear in the query and the key',
    replace: [['const features = tf.tanh(sum);', 'const features = sum;']],
  },
  {
    name: 'relu-for-tanh',
    why: 'squashes with ReLU instead of tanh',
    replace: [['const features = tf.tanh(sum);', 'const features = tf.relu(sum);']],
  },
  {
    name: 'tanh-after-w-v',
    why: 'applies w_v before the tanh: tanh(w_vᵀ(W_q q + W_k k))',
    replace: [
      ['const features = tf.tanh(sum);', 'const features = sum;'],
      [
        'const scores = features.reshape([b * n * m, h]).matMul(w_v);',
        'const scores = features.reshape([b * n * m, h]).matMul(w_v).tanh();',
      ],
    ],
  },
  {
    name: 'w-v-ignored',
    why: 'sums the h features instead of weighting them by w_v',
    replace: [['const scores = features.reshape([b * n * m, h]).matMul(w_v);', 'const scores = features.sum(3);']],
  },
  {
    name: 'key-query-broadcast-swapped',
    why: 'adds every key to every query along the wrong axes, giving scores [b, m, n] read as [b, n, m]',
    replace: [
      ['q.reshape([b, n, 1, h]).add(k.reshape([b, 1, m, h]))', 'q.reshape([b, 1, n, h]).add(k.reshape([b, m, 1, h]))'],
    ],
  },
  {
    name: 'no-mask',
    why: 'ignores the valid lengths',
    replace: [
      [
        'maskedSoftmax(additiveScores(params, queries, keys), validLens)',
        'maskedSoftmax(additiveScores(params, queries, keys), null)',
      ],
    ],
  },
  {
    name: 'dropout-in-evaluation',
    why: 'applies dropout whether training or not',
    replace: [['opts.seed ?? 0, opts.training ?? false)', 'opts.seed ?? 0, true)']],
  },
  {
    name: 'weights-after-dropout',
    why: 'returns the attention weights after dropout',
    replace: [['as tf.Tensor3D, attentionWeights };', 'as tf.Tensor3D, attentionWeights: dropped };']],
  },
  {
    name: 'values-are-keys',
    why: 'averages the keys instead of the values',
    replace: [['output: tf.matMul(dropped, values)', 'output: tf.matMul(dropped, keys)']],
  },
  {
    name: 'no-shape-check',
    why: 'does not check W_q and W_k against the queries and keys, so tfjs fails with its own message',
    replace: [
      ['  if (W_q.shape[0] !== queries.shape[2])\n', '  if (false)\n'],
      ['  if (W_k.shape[0] !== keys.shape[2])\n', '  if (false)\n'],
    ],
  },
  {
    name: 'frees-params',
    why: 'disposes the projection weights after use, though they belong to the caller',
    replace: [['const features = tf.tanh(sum);', 'const features = tf.tanh(sum);\n    tf.dispose([W_q, W_k]);']],
  },
  {
    name: 'no-tidy',
    why: 'computes the projections and features outside tf.tidy, leaking them',
    replace: [
      ['  return tf.tidy(() => {\n    const q =', '  return (() => {\n    const q ='],
      [
        'return scores.reshape([b, n, m]) as tf.Tensor3D;\n  });',
        'return scores.reshape([b, n, m]) as tf.Tensor3D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
