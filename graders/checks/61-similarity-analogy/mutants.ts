import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'dot-product-not-cosine',
    why: 'ranks by the dot product wᵀx, forgetting to divide by the lengths of the rows',
    replace: [
      [
        '.div(tf.sqrt(W.square().sum(1).add(1e-9)).mul(tf.sqrt(x.square().sum()))),',
        '.div(tf.sqrt(x.square().sum())),',
      ],
    ],
  },
  {
    name: 'query-length-kept',
    why: "divides by the rows' lengths but not by the query's, so the cosines are scaled by ‖x‖",
    replace: [
      [
        '.div(tf.sqrt(W.square().sum(1).add(1e-9)).mul(tf.sqrt(x.square().sum()))),',
        '.div(tf.sqrt(W.square().sum(1).add(1e-9))),',
      ],
    ],
  },
  {
    name: 'ascending',
    why: 'sorts the cosines in ascending order, giving the least similar rows',
    replace: [['.sort((i, j) => cos[j] - cos[i] || i - j)', '.sort((i, j) => cos[i] - cos[j] || i - j)']],
  },
  {
    name: 'ties-to-the-higher-index',
    why: 'breaks ties by the higher index',
    replace: [['.sort((i, j) => cos[j] - cos[i] || i - j)', '.sort((i, j) => cos[j] - cos[i] || j - i)']],
  },
  {
    name: 'd2l-drops-the-first',
    why: 'drops the first of the k + 1 nearest as d2l does, which is another word when it points exactly as the query and has a lower index',
    replace: [['    .filter(([i]) => i !== q)\n    .slice(0, k)', '    .slice(1)']],
  },
  {
    name: 'query-kept',
    why: 'returns the k nearest with the query itself among them',
    replace: [['    .filter(([i]) => i !== q)\n', '']],
  },
  {
    name: 'analogy-sign',
    why: 'searches near b + a − c instead of b − a + c',
    replace: [['row(b).sub(row(a)).add(row(c))', 'row(b).add(row(a)).sub(row(c))']],
  },
  {
    name: 'analogy-excludes-question-words',
    why: "leaves a, b and c out of the candidates (the usual evaluation, not d2l's get_analogy)",
    replace: [
      [
        '  const { indices } = knn(W, x, 1);\n  x.dispose();\n  return idxToToken[indices[0]];',
        '  const { indices } = knn(W, x, 4);\n  x.dispose();\n  return idxToToken[indices.find((i) => i !== a && i !== b && i !== c)];',
      ],
    ],
  },
  {
    name: 'unknown-is-row-0',
    why: "uses row 0 (d2l's <unk>) for a word outside the vocabulary instead of saying so",
    replace: [
      [
        "    if (i < 0) throw new UnknownTokenError(`'${t}' is not in the vocabulary: it has no vector`);\n    return i;",
        '    return Math.max(i, 0);',
      ],
    ],
  },
  {
    name: 'no-k-check',
    why: 'accepts k = 0 or k larger than the vocabulary',
    replace: [
      [
        '  if (!Number.isInteger(k) || k < 1 || k > W.shape[0])\n    throw new HyperparameterError(`k = ${k}: it must be a whole number from 1 to the ${W.shape[0]} rows of W`);\n',
        '',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the query vector x when done, though it belongs to the caller',
    replace: [
      [
        '  const cos = Array.from(cosT.dataSync());\n  cosT.dispose();',
        '  const cos = Array.from(cosT.dataSync());\n  cosT.dispose();\n  x.dispose();',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the cosines without tf.tidy, so the products and norms are never disposed',
    replace: [
      [
        '  const cosT = tf.tidy(() =>\n    W.matMul(x.reshape([-1, 1]))\n      .reshape([-1])\n      .div(tf.sqrt(W.square().sum(1).add(1e-9)).mul(tf.sqrt(x.square().sum()))),\n  );',
        '  const cosT = W.matMul(x.reshape([-1, 1]))\n    .reshape([-1])\n    .div(tf.sqrt(W.square().sum(1).add(1e-9)).mul(tf.sqrt(x.square().sum())));',
      ],
    ],
  },
] satisfies Mutant[];
