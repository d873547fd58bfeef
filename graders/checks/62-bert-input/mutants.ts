import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'middle-sep-in-segment-B',
    why: 'gives the <sep> between the two texts segment 1 instead of 0',
    replace: [
      [
        'const segments = new Array<number>(tokensA.length + 2).fill(0);',
        'const segments = new Array<number>(tokensA.length + 1).fill(0);',
      ],
      [
        'segments.push(...new Array<number>(tokensB.length + 1).fill(1));',
        'segments.push(...new Array<number>(tokensB.length + 2).fill(1));',
      ],
    ],
  },
  {
    name: 'no-final-sep',
    why: 'forgets the <sep> after the second text',
    replace: [
      ["tokens.push(...tokensB, '<sep>');", 'tokens.push(...tokensB);'],
      [
        'segments.push(...new Array<number>(tokensB.length + 1).fill(1));',
        'segments.push(...new Array<number>(tokensB.length).fill(1));',
      ],
    ],
  },
  {
    name: 'single-text-without-sep',
    why: 'ends a single text without its <sep>',
    replace: [
      [
        "  const tokens = ['<cls>', ...tokensA, '<sep>'];\n  const segments = new Array<number>(tokensA.length + 2).fill(0);\n  if (tokensB !== undefined) {\n    tokens.push(",
        "  const tokens = ['<cls>', ...tokensA];\n  const segments = new Array<number>(tokensA.length + 1).fill(0);\n  if (tokensB !== undefined) {\n    tokens.push('<sep>', ",
      ],
      [
        'segments.push(...new Array<number>(tokensB.length + 1).fill(1));',
        'segments.push(0, ...new Array<number>(tokensB.length + 1).fill(1));',
      ],
    ],
  },
  {
    name: 'shared-seed',
    why: 'draws all three tables with the same seed',
    replace: [
      [
        "segmentEmbedding: tf.randomNormal([2, numHiddens], 0, 1, 'float32', seed + 2)",
        "segmentEmbedding: tf.randomNormal([2, numHiddens], 0, 1, 'float32', seed + 1)",
      ],
      [
        "posEmbedding: tf.randomNormal([maxLen, numHiddens], 0, 1, 'float32', seed + 3)",
        "posEmbedding: tf.randomNormal([maxLen, numHiddens], 0, 1, 'float32', seed + 1)",
      ],
    ],
  },
  {
    name: 'small-init',
    why: "draws the token embeddings from N(0, 0.01²), the recurrent layers' habit, instead of N(0, 1)",
    replace: [
      [
        "tokenEmbedding: tf.randomNormal([vocabSize, numHiddens], 0, 1, 'float32', seed + 1)",
        "tokenEmbedding: tf.randomNormal([vocabSize, numHiddens], 0, 0.01, 'float32', seed + 1)",
      ],
    ],
  },
  {
    name: 'no-segment-embedding',
    why: 'leaves the segment embeddings out of the sum',
    replace: [
      [
        'const X = lookup(params.tokenEmbedding, tokens).add(lookup(params.segmentEmbedding, segments));',
        'const X = lookup(params.tokenEmbedding, tokens);',
      ],
    ],
  },
  {
    name: 'positions-reversed',
    why: 'adds the position embeddings from the last row down (posEmbedding[T − 1 − t])',
    replace: [
      ['.add(params.posEmbedding.slice([0, 0], [T, h]))', '.add(params.posEmbedding.slice([0, 0], [T, h]).reverse(0))'],
    ],
  },
  {
    name: 'positions-by-token',
    why: 'looks the position embedding up by the token id instead of the position',
    replace: [
      [
        'return X.reshape([n, T, h]).add(params.posEmbedding.slice([0, 0], [T, h])) as tf.Tensor3D;',
        'return X.add(lookup(params.posEmbedding.pad([[0, Math.max(0, params.tokenEmbedding.shape[0] - maxLen)], [0, 0]]), tokens)).reshape([n, T, h]) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'fixed-positions',
    why: 'adds pos_embedding.data as d2l-zh does, so no gradient reaches the position embeddings',
    replace: [
      [
        '.add(params.posEmbedding.slice([0, 0], [T, h]))',
        '.add(tf.tensor(params.posEmbedding.slice([0, 0], [T, h]).dataSync(), [T, h]))',
      ],
    ],
  },
  {
    name: 'no-length-check',
    why: 'does not check T against maxLen (slice then fails with a message about sizes)',
    replace: [
      [
        '  if (T > maxLen)\n    throw new HyperparameterError(`the sequences have ${T} positions, but maxLen = ${maxLen} position embeddings`);\n',
        '',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'frees the token ids when done, though they belong to the caller',
    replace: [
      ['  return tf.tidy(() => {\n    const lookup', '  const out = tf.tidy(() => {\n    const lookup'],
      [
        '    return X.reshape([n, T, h]).add(params.posEmbedding.slice([0, 0], [T, h])) as tf.Tensor3D;\n  });',
        '    return X.reshape([n, T, h]).add(params.posEmbedding.slice([0, 0], [T, h])) as tf.Tensor3D;\n  });\n  tokens.dispose();\n  return out;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the one-hot matrices and partial sums are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const lookup', '  return (() => {\n    const lookup'],
      [
        '    return X.reshape([n, T, h]).add(params.posEmbedding.slice([0, 0], [T, h])) as tf.Tensor3D;\n  });',
        '    return X.reshape([n, T, h]).add(params.posEmbedding.slice([0, 0], [T, h])) as tf.Tensor3D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
