import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'heap-children-swapped',
    why: 'takes 2i + 2 as the left child and 2i + 1 as the right one',
    replace: [['turns.unshift(node === 2 * parent + 1);', 'turns.unshift(node === 2 * parent + 2);']],
  },
  {
    name: 'heap-leaf-to-root',
    why: 'lists the path from the leaf up to the root instead of from the root down',
    replace: [['      path.unshift(parent);\n      turns.unshift(', '      path.push(parent);\n      turns.push(']],
  },
  {
    name: 'heap-leaves-from-zero',
    why: 'puts word k at node k instead of N − 1 + k',
    replace: [['for (let node = numWords - 1 + k; node > 0;', 'for (let node = k; node > 0;']],
  },
  {
    name: 'huffman-largest-first',
    why: 'merges the two most frequent nodes first, so frequent words get the long paths',
    replace: [
      [
        'pool.sort((a, b) => a.count - b.count || a.id - b.id);',
        'pool.sort((a, b) => b.count - a.count || a.id - b.id);',
      ],
    ],
  },
  {
    name: 'huffman-second-on-the-left',
    why: 'makes the second node taken the left child',
    replace: [['children.push([a.id, b.id]);', 'children.push([b.id, a.id]);']],
  },
  {
    name: 'huffman-ties-by-largest-id',
    why: 'breaks ties between equal counts by the larger id',
    replace: [['a.count - b.count || a.id - b.id', 'a.count - b.count || b.id - a.id']],
  },
  {
    name: 'turns-inverted',
    why: 'multiplies by −1 on a left turn and +1 on a right one (the leaves still sum to 1)',
    replace: [['(signs[i][w] = paths.left[w][j] ? 1 : -1)', '(signs[i][w] = paths.left[w][j] ? -1 : 1)']],
  },
  {
    name: 'off-path-nodes-count',
    why: 'multiplies in σ(0) = 1/2 for every inner node off the path',
    replace: [
      [
        'return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;',
        'return tf.exp(logSigma.sum(1)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'last-node-left-out',
    why: 'stops one node short of the leaf',
    replace: [
      [
        'paths.nodes.forEach((path, w) => path.forEach((i, j) =>',
        'paths.nodes.forEach((path, w) => path.slice(0, -1).forEach((i, j) =>',
      ],
    ],
  },
  {
    name: 'detached-scores',
    why: 'computes the scores uᵀv in plain JavaScript (dataSync), which cuts the gradient',
    replace: [
      [
        'const S = vC.matMul(U, false, true).expandDims(2);',
        'const S = tf.tensor(vC.matMul(U, false, true).dataSync(), [vC.shape[0], N - 1]).expandDims(2);',
      ],
    ],
  },
  {
    name: 'no-size-check',
    why: 'accepts numWords = 1 (a tree without inner nodes) and fractional sizes',
    replace: [
      [
        '  if (!Number.isInteger(numWords) || numWords < 2)\n    throw new HyperparameterError(`numWords = ${numWords}: a tree needs a whole number of words >= 2`);\n',
        '',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the center vectors vC when done, though they belong to the caller',
    replace: [
      [
        '  return tf.tidy(() => {\n    const N = paths.nodes.length;',
        '  const out = tf.tidy(() => {\n    const N = paths.nodes.length;',
      ],
      [
        '    return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;\n  });\n  // END SOLUTION',
        '    return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;\n  });\n  vC.dispose();\n  return out;\n  // END SOLUTION',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the sign matrix and the scores are never disposed',
    replace: [
      [
        '  return tf.tidy(() => {\n    const N = paths.nodes.length;',
        '  return (() => {\n    const N = paths.nodes.length;',
      ],
      [
        '    return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;\n  });',
        '    return tf.exp(logSigma.mul(tf.abs(A)).sum(1)) as tf.Tensor2D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
