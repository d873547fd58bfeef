import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'lengths-tiled',
    why: 'repeats the list of 1-D lengths as a whole (torch.repeat / tf.tile) instead of each length per query row (repeat_interleave)',
    replace: [
      ['lens.flatMap((v) => new Array<number>(queries).fill(v))', 'Array.from({ length: queries }, () => lens).flat()'],
    ],
  },
  {
    name: 'mask-on-query-axis',
    why: 'compares the position of the query, not of the key, with the valid length',
    replace: [
      [
        'const positions = tf.range(0, keys).reshape([1, keys]);',
        'const positions = tf.range(0, batch * queries).reshape([-1, 1]).mod(queries);',
      ],
    ],
  },
  {
    name: 'two-d-transposed',
    why: 'reads 2-D lengths column by column, as if they were [queries, batch]',
    replace: [
      [
        ': lens;\n',
        ': Array.from({ length: batch * queries }, (_, r) => lens[(r % batch) * queries + Math.floor(r / batch)]);\n',
      ],
    ],
  },
  {
    name: 'fill-minus-infinity',
    why: 'masks with −∞ instead of −1e6, so a row of valid length 0 is NaN',
    replace: [['tf.fill(flat.shape, -1e6)', 'tf.fill(flat.shape, -Infinity)']],
  },
  {
    name: 'fill-zero',
    why: 'sets the masked scores to 0 (sequence_mask with its default value) instead of −1e6',
    replace: [['tf.fill(flat.shape, -1e6)', 'tf.fill(flat.shape, 0)']],
  },
  {
    name: 'length-inclusive',
    why: 'keeps key j when j <= length: one key too many',
    replace: [['const mask = positions.less(', 'const mask = positions.lessEqual(']],
  },
  {
    name: 'softmax-over-queries',
    why: 'without valid lengths, normalises over the queries (axis 1) instead of the keys',
    replace: [
      [
        'return tf.tidy(() => tf.softmax(X));',
        'return tf.tidy(() => tf.softmax(X.transpose([0, 2, 1])).transpose([0, 2, 1]) as tf.Tensor3D);',
      ],
    ],
  },
  {
    name: 'weights-masked-after-softmax',
    why: 'zeroes the weights of the masked keys after a softmax over all keys, so the rows no longer sum to 1',
    replace: [
      [
        'const masked = tf.where(mask, flat, tf.fill(flat.shape, -1e6));\n    return tf.softmax(masked)',
        'const masked = tf.where(mask, tf.softmax(flat), tf.zerosLike(flat));\n    return masked',
      ],
    ],
  },
  {
    name: 'no-length-check',
    why: 'never checks the lengths, so a negative or too long one passes silently',
    replace: [['    if (!Number.isInteger(v) || v < 0 || v > keys)\n', '    if (false)\n']],
  },
  {
    name: 'disposes-valid-lens',
    why: 'frees the valid lengths after reading them, though they belong to the caller',
    replace: [
      [
        'const lens = Array.from(validLens.dataSync());',
        'const lens = Array.from(validLens.dataSync());\n  validLens.dispose();',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'builds the mask and the masked scores outside tf.tidy, leaking them',
    replace: [
      ['  return tf.tidy(() => {\n    // One length', '  return (() => {\n    // One length'],
      [
        '.reshape([batch, queries, keys]) as tf.Tensor3D;\n  });',
        '.reshape([batch, queries, keys]) as tf.Tensor3D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
