import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'padding-each-side',
    why: 'pads p on each side (PyTorch’s padding = p) where p is the total padding, 2p in all',
    replace: [
      [
        '    [Math.ceil(ph / 2), Math.floor(ph / 2)],\n    [Math.ceil(pw / 2), Math.floor(pw / 2)],\n',
        '    [ph, ph],\n    [pw, pw],\n',
      ],
    ],
  },
  {
    name: 'extra-padding-after',
    why: 'puts the extra row of an odd padding at the bottom and the extra column on the right (TensorFlow’s "same"), not on top and on the left as d2l',
    replace: [
      [
        '    [Math.ceil(ph / 2), Math.floor(ph / 2)],\n    [Math.ceil(pw / 2), Math.floor(pw / 2)],\n',
        '    [Math.floor(ph / 2), Math.ceil(ph / 2)],\n    [Math.floor(pw / 2), Math.ceil(pw / 2)],\n',
      ],
    ],
  },
  {
    name: 'padding-one-side',
    why: 'puts all the padding on top and on the left',
    replace: [
      [
        '    [Math.ceil(ph / 2), Math.floor(ph / 2)],\n    [Math.ceil(pw / 2), Math.floor(pw / 2)],\n',
        '    [ph, 0],\n    [pw, 0],\n',
      ],
    ],
  },
  {
    name: 'stride-divides-stride-1-size',
    why: 'divides the stride-1 output size by the stride, floor((n − k + p + 1) / s), instead of floor((n − k + p + s) / s)',
    replace: [['return Math.floor((n - k + p + s) / s);', 'return Math.floor((n - k + p + 1) / s);']],
  },
  {
    name: 'windows-not-strided',
    why: 'moves the window by one element per output instead of by the stride',
    replace: [['sum += x[i * sh + a]![j * sw + b]! * k[a]![b]!;', 'sum += x[i + a]![j + b]! * k[a]![b]!;']],
  },
  {
    name: 'no-size-check',
    why: 'never checks that the kernel fits, so a kernel larger than the input gives an empty output instead of an error',
    replace: [
      [
        '  if (n + p < k)\n    throw new KernelTooLargeError(`the kernel (${k}) is larger than the padded input (${n} + ${p} padding)`);\n',
        '',
      ],
    ],
  },
  {
    name: 'padded-not-disposed',
    why: 'never disposes the padded input tensor after reading it',
    replace: [['  padded.dispose();\n', '']],
  },
  {
    name: 'zero-stride-accepted',
    why: 'never checks the stride, so a stride of 0 gives Infinity windows (and corr2dPadStride loops for ever)',
    replace: [
      [
        '  if (!Number.isInteger(s) || s < 1) throw new HyperparameterError(`the stride must be a whole number >= 1, got ${s}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'fractional-stride-accepted',
    why: 'rejects strides below 1 but lets 1.5 through',
    replace: [['if (!Number.isInteger(s) || s < 1)', 'if (s < 1)']],
  },
  {
    name: 'negative-padding-accepted',
    why: 'never checks the padding, so a negative padding silently crops the input',
    replace: [
      [
        '  if (!Number.isInteger(p) || p < 0) throw new HyperparameterError(`the padding must be a whole number >= 0, got ${p}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'one-window-rejected',
    why: 'throws when the kernel is exactly as large as the padded input (n + p <= k), where one window fits',
    replace: [['if (n + p < k)', 'if (n + p <= k)']],
  },
  {
    name: 'kernel-check-one-late',
    why: 'throws only when the kernel is two or more larger than the padded input (n + p < k − 1): one larger gives 0 windows and an empty output',
    replace: [['if (n + p < k)', 'if (n + p < k - 1)']],
  },
  {
    name: 'no-pad-disposes-input',
    why: 'skips tf.pad when there is no padding (padded = X), then disposes “padded”, which is the caller’s X',
    replace: [
      ['  const padded = tf.pad(X, [', '  const padded =\n    ph === 0 && pw === 0\n      ? X\n      : tf.pad(X, ['],
    ],
  },
] satisfies Mutant[];
