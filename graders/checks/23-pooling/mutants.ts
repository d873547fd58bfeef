import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'max-first-element',
    why: "takes each window's first (top-left) element instead of its maximum",
    replace: [
      [
        "row.push(mode === 'max' ? window.max([1, 2]) : window.mean([1, 2]));",
        "row.push(mode === 'max' ? window.slice([0, 0, 0], [c, 1, 1]).reshape([c]) : window.mean([1, 2]));",
      ],
    ],
  },
  {
    name: 'zero-padding-for-max',
    why: 'pads max pooling with zeros, which win every window of negatives at the border',
    replace: [["mode === 'max' ? -Infinity : 0", '0']],
  },
  {
    name: 'sum-pooling',
    why: 'sums each window instead of averaging it',
    replace: [['window.mean([1, 2])', 'window.sum([1, 2])']],
  },
  {
    name: 'stride-ignored',
    why: 'moves the window by one element per output instead of by the stride',
    replace: [
      [
        'padded.slice([0, i * stride, j * stride], [c, poolSize, poolSize])',
        'padded.slice([0, i, j], [c, poolSize, poolSize])',
      ],
    ],
  },
  {
    name: 'padding-one-side',
    why: 'pads only the top and the left',
    replace: [['        [p, p],\n        [p, p],\n', '        [p, 0],\n        [p, 0],\n']],
  },
  {
    name: 'output-one-short',
    why: 'forgets the + 1 in the output size, dropping the last row and column of windows',
    replace: [
      ['const oh = Math.floor((h - poolSize) / stride) + 1;', 'const oh = Math.floor((h - poolSize) / stride);'],
      ['const ow = Math.floor((w - poolSize) / stride) + 1;', 'const ow = Math.floor((w - poolSize) / stride);'],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the padded input, the windows and the rows are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const p = padding;', '  {\n    const p = padding;'],
      ['    return tf.stack(rows, 1) as tf.Tensor3D;\n  });', '    return tf.stack(rows, 1) as tf.Tensor3D;\n  }'],
    ],
  },
] satisfies Mutant[];
