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
    replace: [['padded.slice([0, i * sh, j * sw], [c, kh, kw])', 'padded.slice([0, i, j], [c, kh, kw])']],
  },
  {
    name: 'padding-one-side',
    why: 'pads only the top and the left',
    replace: [['        [ph, ph],\n        [pw, pw],\n', '        [ph, 0],\n        [pw, 0],\n']],
  },
  {
    name: 'output-one-short',
    why: 'forgets the + 1 in the output size, dropping the last row and column of windows',
    replace: [
      ['const oh = Math.floor((h - kh) / sh) + 1;', 'const oh = Math.floor((h - kh) / sh);'],
      ['const ow = Math.floor((w - kw) / sw) + 1;', 'const ow = Math.floor((w - kw) / sw);'],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy, so the padded input, the windows and the rows are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const padded', '  {\n    const padded'],
      ['    return tf.stack(rows, 1) as tf.Tensor3D;\n  });', '    return tf.stack(rows, 1) as tf.Tensor3D;\n  }'],
    ],
  },
  {
    name: 'square-window-from-first',
    why: 'reads only the first side of the pool size, so a (2, 3) window pools 2 × 2',
    replace: [['const [kh, kw] = pair(poolSize);', 'const [kh, kw] = [pair(poolSize)[0], pair(poolSize)[0]];']],
  },
  {
    name: 'stride-axes-swapped',
    why: 'takes the stride as [columns, rows]',
    replace: [['const [sh, sw] = pair(stride);', 'const [sw, sh] = pair(stride);']],
  },
  {
    name: 'padding-axes-swapped',
    why: 'takes the padding as [columns, rows]',
    replace: [['const [ph, pw] = pair(padding);', 'const [pw, ph] = pair(padding);']],
  },
  {
    name: 'very-negative-padding',
    why: 'pads max pooling with -1e9, “a very negative number”, which still wins a window of values below it',
    replace: [["mode === 'max' ? -Infinity : 0", "mode === 'max' ? -1e9 : 0"]],
  },
  {
    name: 'float32-lowest-padding',
    why: 'pads max pooling with the most negative float32 instead of -Infinity, which wins a window of -Infinity',
    replace: [["mode === 'max' ? -Infinity : 0", "mode === 'max' ? -3.4028234663852886e38 : 0"]],
  },
  {
    name: 'half-window-padding-rejected',
    why: 'rejects a padding of exactly half the window (p >= k / 2), which nn.MaxPool2d accepts',
    replace: [['ph > kh / 2 || pw > kw / 2', 'ph >= kh / 2 || pw >= kw / 2']],
  },
  {
    name: 'padding-unbounded',
    why: 'accepts any padding, so windows made of padding alone come out (-Infinity, or 0 for average pooling)',
    replace: [['ph > kh / 2 || pw > kw / 2', 'ph < 0 || pw < 0']],
  },
  {
    name: 'stride-unchecked',
    why: 'never checks the stride, so a stride of -1 or 1.5 fails inside tfjs with an untyped error',
    replace: [['  if (!whole(sh, 1) || !whole(sw, 1))\n', '  if (sh === undefined || sw === undefined)\n']],
  },
  {
    name: 'unknown-mode-averages',
    why: "treats any mode other than 'max' as average pooling instead of rejecting it",
    replace: [
      [
        "  if (mode !== 'max' && mode !== 'avg') throw new HyperparameterError(`unknown mode '${mode}': use 'max' or 'avg'`);\n",
        '',
      ],
    ],
  },
  {
    name: 'one-window-rejected',
    why: 'throws KernelTooLargeError when the window is exactly as large as the padded input, where one fits',
    replace: [['if (kh > n + 2 * ph || kw > m + 2 * pw)', 'if (kh >= n + 2 * ph || kw >= m + 2 * pw)']],
  },
  {
    name: 'identity-returns-input',
    why: 'returns X itself for a 1 × 1 window with stride 1 and no padding (pooling changes nothing), so disposing the result disposes the caller’s input',
    replace: [
      [
        '  return tf.tidy(() => {\n    const padded',
        '  if (kh === 1 && kw === 1 && sh === 1 && sw === 1 && ph === 0 && pw === 0) return X;\n  return tf.tidy(() => {\n    const padded',
      ],
    ],
  },
  {
    name: 'disposes-input',
    why: 'disposes X once it is padded, “the padded copy is all it needs”: X is the caller’s',
    replace: [
      [
        "      mode === 'max' ? -Infinity : 0,\n    );\n",
        "      mode === 'max' ? -Infinity : 0,\n    );\n    X.dispose();\n",
      ],
    ],
  },
] satisfies Mutant[];
