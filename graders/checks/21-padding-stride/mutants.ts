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
] satisfies Mutant[];
