import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'right-context-only',
    why: 'counts only the words after the center, so X is not symmetric',
    replace: [['for (let s = Math.max(0, t - windowSize);', 'for (let s = t;']],
  },
  {
    name: 'window-off-by-one',
    why: 'stops the window at distance windowSize − 1',
    replace: [
      [
        's <= Math.min(line.length - 1, t + windowSize); s++) {',
        's < Math.min(line.length, t + windowSize); s++) {\n        if (Math.abs(s - t) >= windowSize) continue;',
      ],
    ],
  },
  {
    name: 'across-sentences',
    why: 'runs the window across sentence boundaries, as if the corpus were one long sentence',
    replace: [
      [
        '  for (const line of corpus) {\n    for (let t = 0;',
        '  for (const line of [corpus.flat()]) {\n    for (let t = 0;',
      ],
    ],
  },
  {
    name: 'distance-weight-squared',
    why: 'weights a pair by 1 / |s − t|² instead of 1 / |s − t|',
    replace: [['distanceWeighted ? 1 / Math.abs(s - t) : 1', 'distanceWeighted ? 1 / (s - t) ** 2 : 1']],
  },
  {
    name: 'weight-uncapped',
    why: 'forgets that h(x) = 1 from x = c on, letting it grow past 1',
    replace: [
      [
        'return tf.tidy(() => tf.minimum(tf.pow(X.div(c), alpha), 1));',
        'return tf.tidy(() => tf.pow(X.div(c), alpha));',
      ],
    ],
  },
  {
    name: 'weight-inverted-exponent',
    why: 'raises x / c to 1 / α instead of α',
    replace: [['tf.minimum(tf.pow(X.div(c), alpha), 1)', 'tf.minimum(tf.pow(X.div(c), 1 / alpha), 1)']],
  },
  {
    name: 'log-of-zero-counts',
    why: 'takes log x_ij of every count, so a zero count gives h(0) · ∞ = NaN',
    replace: [['const logX = tf.log(tf.where(X.greater(0), X, tf.onesLike(X)));', 'const logX = tf.log(X);']],
  },
  {
    name: 'masked-value-nan-gradient',
    why: 'masks the zero counts out of the value with tf.where, but log 0 = −∞ stays inside, so the gradient is NaN',
    replace: [
      [
        'return gloveWeight(X).mul(S.sub(logX).square()).sum() as tf.Scalar;',
        'return tf.where(X.greater(0), gloveWeight(X).mul(S.sub(tf.log(X)).square()), tf.zerosLike(X)).sum() as tf.Scalar;',
      ],
    ],
  },
  {
    name: 'no-weight',
    why: 'leaves out the weight h(x_ij) (every nonzero pair counts fully)',
    replace: [
      [
        'return gloveWeight(X).mul(S.sub(logX).square()).sum() as tf.Scalar;',
        "return X.greater(0).cast('float32').mul(S.sub(logX).square()).sum() as tf.Scalar;",
      ],
    ],
  },
  {
    name: 'biases-swapped',
    why: 'adds b_j + c_i instead of b_i + c_j',
    replace: [['.add(b.expandDims(1)).add(c.expandDims(0));', '.add(b.expandDims(0)).add(c.expandDims(1));']],
  },
  {
    name: 'detached-scores',
    why: 'computes u_jᵀ v_i in plain JavaScript (dataSync), which cuts the gradient with respect to V and U',
    replace: [
      [
        'const S = V.matMul(U, false, true).add(b.expandDims(1))',
        'const S = tf.tensor(V.matMul(U, false, true).dataSync(), X.shape).add(b.expandDims(1))',
      ],
    ],
  },
  {
    name: 'no-window-check',
    why: 'accepts windowSize = 0 and returns zeros',
    replace: [
      [
        '  if (!Number.isInteger(windowSize) || windowSize < 1)\n    throw new HyperparameterError(`windowSize = ${windowSize}: it must be a whole number >= 1`);\n',
        '',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the counts X after computing their weights, though they belong to the caller',
    replace: [
      [
        '  return tf.tidy(() => tf.minimum(tf.pow(X.div(c), alpha), 1));',
        '  const h = tf.tidy(() => tf.minimum(tf.pow(X.div(c), alpha), 1));\n  X.dispose();\n  return h;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in gloveLoss, so the scores, logs and weights are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    // log 1 = 0', '  return (() => {\n    // log 1 = 0'],
      [
        '    return gloveWeight(X).mul(S.sub(logX).square()).sum() as tf.Scalar;\n  });',
        '    return gloveWeight(X).mul(S.sub(logX).square()).sum() as tf.Scalar;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
