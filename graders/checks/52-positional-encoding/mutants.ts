import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'sin-cos-swapped',
    why: 'puts the cosine in the even columns and the sine in the odd ones',
    replace: [['tf.stack([tf.sin(X), tf.cos(X)], 2)', 'tf.stack([tf.cos(X), tf.sin(X)], 2)']],
  },
  {
    name: 'halves-not-interleaved',
    why: 'puts all sines in the first half of the columns and all cosines in the second',
    replace: [
      ['tf.stack([tf.sin(X), tf.cos(X)], 2).reshape([maxLen, numHiddens])', 'tf.concat([tf.sin(X), tf.cos(X)], 1)'],
    ],
  },
  {
    name: 'exponent-j-over-d',
    why: 'divides by 10000^(j/d) with j = 0, 1, 2, ... instead of 10000^(2j/d)',
    replace: [['tf.range(0, numHiddens, 2).div(numHiddens)', 'tf.range(0, numHiddens / 2).div(numHiddens)']],
  },
  {
    name: 'base-1000',
    why: 'uses 1000 instead of 10000 as the base',
    replace: [['tf.pow(10000, ', 'tf.pow(1000, ']],
  },
  {
    name: 'positions-from-1',
    why: 'numbers the positions from 1',
    replace: [['const positions = tf.range(0, maxLen)', 'const positions = tf.range(1, maxLen + 1)']],
  },
  {
    name: 'times-not-divided',
    why: 'multiplies the position by 10000^(2j/d) instead of dividing',
    replace: [['const X = positions.div(tf.pow(', 'const X = positions.mul(tf.pow(']],
  },
  {
    name: 'scaled-by-sqrt-d',
    why: 'scales X by √d here (the Transformer scales its embeddings, not the encoding layer)',
    replace: [['dropoutLayer(X.add(P)', 'dropoutLayer(X.mul(Math.sqrt(d)).add(P)']],
  },
  {
    name: 'dropout-in-evaluation',
    why: 'applies dropout whether training or not',
    replace: [['opts.seed ?? 0, opts.training ?? false)', 'opts.seed ?? 0, true)']],
  },
  {
    name: 'dropout-before-adding',
    why: 'drops out X and then adds the encoding',
    replace: [
      [
        'dropoutLayer(X.add(P), opts.dropout ?? 0, opts.seed ?? 0, opts.training ?? false)',
        'dropoutLayer(X, opts.dropout ?? 0, opts.seed ?? 0, opts.training ?? false).add(P)',
      ],
    ],
  },
  {
    name: 'offset-ignored',
    why: "always adds the first T rows, whatever the offset (d2l's code in step-by-step prediction)",
    replace: [
      [
        'positionalEncodingTable(maxLen, d).slice([offset, 0], [T, d])',
        'positionalEncodingTable(maxLen, d).slice([0, 0], [T, d])',
      ],
    ],
  },
  {
    name: 'length-checked-without-offset',
    why: 'checks T against maxLen but forgets the offset',
    replace: [['  if (offset + T > maxLen)\n', '  if (T > maxLen)\n']],
  },
  {
    name: 'no-odd-check',
    why: 'does not check that numHiddens is even',
    replace: [['  if (numHiddens % 2 !== 0) throw', '  if (false) throw']],
  },
  {
    name: 'no-max-len-check',
    why: 'does not check the length against maxLen, so tfjs fails with its own message',
    replace: [['  if (offset + T > maxLen)\n', '  if (false)\n']],
  },
  {
    name: 'frees-input',
    why: 'disposes X after adding the encoding, though it belongs to the caller',
    replace: [
      [
        '    return dropoutLayer(X.add(P), opts.dropout ?? 0, opts.seed ?? 0, opts.training ?? false) as tf.Tensor3D;',
        '    const sum = X.add(P);\n    X.dispose();\n    return dropoutLayer(sum, opts.dropout ?? 0, opts.seed ?? 0, opts.training ?? false) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'table-scaled-by-sqrt-d',
    why: 'scales the table by √d (the Transformer scales the embeddings, not the encoding)',
    replace: [
      [
        'return tf.stack([tf.sin(X), tf.cos(X)], 2).reshape([maxLen, numHiddens]) as tf.Tensor2D;',
        'return tf.stack([tf.sin(X), tf.cos(X)], 2).reshape([maxLen, numHiddens]).mul(Math.sqrt(numHiddens)) as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'builds the table outside tf.tidy, leaking its intermediates',
    replace: [
      ['  return tf.tidy(() => {\n    const positions = tf.range', '  return (() => {\n    const positions = tf.range'],
      [
        '.reshape([maxLen, numHiddens]) as tf.Tensor2D;\n  });',
        '.reshape([maxLen, numHiddens]) as tf.Tensor2D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
