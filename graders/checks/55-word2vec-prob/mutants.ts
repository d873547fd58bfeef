import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'softmax-over-centers',
    why: 'normalises over the centers (axis 0) instead of over the vocabulary',
    replace: [
      [
        'return tf.tidy(() => tf.softmax(rowsOf(V, centers).matMul(U, false, true) as tf.Tensor2D));',
        'return tf.tidy(() => tf.softmax(rowsOf(V, centers).matMul(U, false, true).transpose()).transpose() as tf.Tensor2D);',
      ],
    ],
  },
  {
    name: 'center-vectors-from-U',
    why: "takes the center word's vector from U (the context vectors) in the skip-gram",
    replace: [
      [
        'tf.softmax(rowsOf(V, centers).matMul(U, false, true) as tf.Tensor2D)',
        'tf.softmax(rowsOf(U, centers).matMul(U, false, true) as tf.Tensor2D)',
      ],
    ],
  },
  {
    name: 'cbow-unnormalised',
    why: 'takes exp(u_cᵀ v̄) without dividing by the sum over the vocabulary',
    replace: [
      [
        '    return tf.softmax(vBar.matMul(U, false, true) as tf.Tensor2D);',
        '    return tf.exp(vBar.matMul(U, false, true) as tf.Tensor2D);',
      ],
    ],
  },
  {
    name: 'cbow-sum',
    why: 'adds the context vectors instead of averaging them (forgets the 1/2m)',
    replace: [['.reshape([n, k, V.shape[1]]).mean(1)', '.reshape([n, k, V.shape[1]]).sum(1)']],
  },
  {
    name: 'cbow-first-context-word',
    why: "uses only the first context word's vector instead of the mean of all of them",
    replace: [
      [
        'const vBar = rowsOf(V, contexts).reshape([n, k, V.shape[1]]).mean(1) as tf.Tensor2D;',
        'const vBar = rowsOf(V, contexts.slice([0, 0], [n, 1])).reshape([n, V.shape[1]]) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'window-off-by-one',
    why: 'stops the skip-gram window at j < m, leaving out the words at distance m',
    replace: [
      [
        '    for (let j = -m; j <= m; j++) {\n      if (j === 0',
        '    for (let j = -m; j < m; j++) {\n      if (j === 0',
      ],
    ],
  },
  {
    name: 'center-in-its-context',
    why: 'counts the center word as one of its own context words (j = 0)',
    replace: [['      if (j === 0 || t + j < 0', '      if (t + j < 0']],
  },
  {
    name: 'window-wraps-around',
    why: 'wraps the window round the ends of the sequence instead of leaving those steps out',
    replace: [
      [
        '      if (j === 0 || t + j < 0 || t + j >= sequence.length) continue;\n      centers.push(sequence[t]);\n      contexts.push(sequence[t + j]);',
        '      if (j === 0) continue;\n      centers.push(sequence[t]);\n      contexts.push(sequence[(t + j + 2 * sequence.length) % sequence.length]);',
      ],
    ],
  },
  {
    name: 'log-likelihood-not-loss',
    why: 'returns the log-likelihood Σ log P instead of its negative',
    replace: [
      [
        "    return tf.neg(logP.mul(tf.oneHot(tf.tensor1d(contexts, 'int32'), U.shape[0])).sum()) as tf.Scalar;",
        "    return logP.mul(tf.oneHot(tf.tensor1d(contexts, 'int32'), U.shape[0])).sum() as tf.Scalar;",
      ],
    ],
  },
  {
    name: 'cbow-full-windows-only',
    why: 'leaves out the words whose window is cut by the ends of the sequence (fewer than 2m context words)',
    replace: [['    if (context.length === 0) continue;', '    if (context.length < 2 * m) continue;']],
  },
  {
    name: 'cbow-detached-context',
    why: 'averages the context vectors in plain JavaScript (dataSync), which cuts the gradient with respect to V',
    replace: [
      [
        '    const vBar = tf.tensor2d(A).matMul(V);',
        '    const vBar = tf.tensor(tf.tensor2d(A).matMul(V).dataSync(), [A.length, V.shape[1]]);',
      ],
    ],
  },
  {
    name: 'no-m-check',
    why: 'accepts m = 0 or a fractional m, and quietly returns a loss',
    replace: [
      [
        '  if (!Number.isInteger(m) || m < 1)\n    throw new HyperparameterError(`m = ${m}: the context window m must be a whole number >= 1`);\n  const centers: number[] = [];',
        '  const centers: number[] = [];',
      ],
      [
        '  if (!Number.isInteger(m) || m < 1)\n    throw new HyperparameterError(`m = ${m}: the context window m must be a whole number >= 1`);\n  const N = V.shape[0];',
        '  const N = V.shape[0];',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the vectors V when done with them, though they belong to the caller',
    replace: [
      [
        '  return tf.tidy(() => tf.softmax(rowsOf(V, centers).matMul(U, false, true) as tf.Tensor2D));',
        '  const P = tf.tidy(() => tf.softmax(rowsOf(V, centers).matMul(U, false, true) as tf.Tensor2D));\n  V.dispose();\n  return P;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in cbowProbs, so the looked-up rows and their mean are never disposed',
    replace: [
      [
        '  return tf.tidy(() => {\n    const [n, k] = contexts.shape;',
        '  return (() => {\n    const [n, k] = contexts.shape;',
      ],
      [
        '    return tf.softmax(vBar.matMul(U, false, true) as tf.Tensor2D);\n  });',
        '    return tf.softmax(vBar.matMul(U, false, true) as tf.Tensor2D);\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
