import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'input-gradient-flipped-kernel',
    why: 'spreads the flipped kernel over each window (mixing up the full-convolution formula dX = dY * rot180(K) with the scatter)',
    replace: [
      [
        'dX[i + a]![j + b]! += dy[i]![j]! * k[a]![b]!;',
        'dX[i + a]![j + b]! += dy[i]![j]! * k[kh - 1 - a]![kw - 1 - b]!;',
      ],
    ],
  },
  {
    name: 'kernel-gradient-transposed',
    why: 'writes the kernel gradient transposed, dK[b, a]',
    replace: [['dK[a]![b]! += dy[i]![j]! * x[i + a]![j + b]!;', 'dK[b]![a]! += dy[i]![j]! * x[i + a]![j + b]!;']],
  },
  {
    name: 'input-gradient-assigned',
    why: 'assigns dX instead of adding to it, so where windows overlap only the last one counts',
    replace: [['dX[i + a]![j + b]! += dy[i]![j]! * k[a]![b]!;', 'dX[i + a]![j + b]! = dy[i]![j]! * k[a]![b]!;']],
  },
  {
    name: 'kernel-gradient-from-output-position',
    why: 'multiplies dY[i, j] by X[i, j] (the window’s corner) for every kernel entry, instead of X[i + a, j + b]',
    replace: [['dK[a]![b]! += dy[i]![j]! * x[i + a]![j + b]!;', 'dK[a]![b]! += dy[i]![j]! * x[i]![j]!;']],
  },
  {
    name: 'tensor-dk-no-tidy',
    why: 'computes dK[a, b] = Σ dY · X[a:a+o_h, b:b+o_w] with tensor ops and no tf.tidy, so the slices and products are never disposed',
    replace: [
      [
        'const dK = k.map((row) => row.map(() => 0));',
        'const dK = k.map((row, a) => row.map((_, b) => X.slice([a, b], [oh, ow]).mul(dY).sum().dataSync()[0]!));',
      ],
      ['\n          dK[a]![b]! += dy[i]![j]! * x[i + a]![j + b]!;', ''],
    ],
  },
] satisfies Mutant[];
