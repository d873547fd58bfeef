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
  {
    name: 'dy-shape-unchecked',
    why: 'takes the loop bounds from dY without comparing its shape with the output’s, so a dY one row short silently drops a row of gradients',
    replace: [
      [
        "  if (dY.shape[0] !== oh || dY.shape[1] !== ow)\n    throw new ShapeMismatchError(`dY is ${dY.shape.join('x')}, but the output of corr2d(X, K) is ${oh}x${ow}`);\n",
        '',
      ],
      [
        '  for (let i = 0; i < oh; i++) {\n    for (let j = 0; j < ow; j++) {',
        '  for (let i = 0; i < dY.shape[0]; i++) {\n    for (let j = 0; j < dY.shape[1]; j++) {',
      ],
    ],
  },
  {
    name: 'dy-size-checked',
    why: 'compares dY’s number of elements with the output’s, so a transposed dY gets through and is read row by row as if it were not',
    replace: [
      ['if (dY.shape[0] !== oh || dY.shape[1] !== ow)', 'if (dY.size !== oh * ow)'],
      ['const dy = dY.arraySync();', 'const dy = dY.reshape([oh, ow]).arraySync() as number[][];'],
    ],
  },
  {
    name: 'kernel-size-unchecked',
    why: 'never compares the kernel with X, so a kernel larger than X is reported as a dY of the wrong shape',
    replace: [['  if (oh < 1 || ow < 1)\n', '  if (oh < -1e9)\n']],
  },
  {
    name: 'disposes-upstream',
    why: 'disposes dY once it is read into an array, “it is only needed once”: it is the caller’s',
    replace: [['  const dy = dY.arraySync();\n', '  const dy = dY.arraySync();\n  dY.dispose();\n']],
  },
  {
    name: 'identity-kernel-passes-dy',
    why: 'returns dY itself as dX for the kernel [[1]], where dX equals dY, so disposing dX disposes the caller’s dY',
    replace: [
      [
        '  return [tf.tensor2d(dX, X.shape), tf.tensor2d(dK, K.shape)];',
        '  const passThrough = kh === 1 && kw === 1 && k[0]![0] === 1;\n  return [passThrough ? dY : tf.tensor2d(dX, X.shape), tf.tensor2d(dK, K.shape)];',
      ],
    ],
  },
] satisfies Mutant[];
