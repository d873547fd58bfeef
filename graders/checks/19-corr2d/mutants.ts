import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'convolution',
    why: 'flips the kernel (a true convolution, as in signal processing) instead of cross-correlating',
    replace: [['sum += x[i + a]![j + b]! * k[a]![b]!;', 'sum += x[i + a]![j + b]! * k[kh - 1 - a]![kw - 1 - b]!;']],
  },
  {
    name: 'output-one-short',
    why: 'takes n − k windows per axis instead of n − k + 1, dropping the last row and column',
    replace: [
      ['const oh = X.shape[0] - kh + 1;', 'const oh = X.shape[0] - kh;'],
      ['const ow = X.shape[1] - kw + 1;', 'const ow = X.shape[1] - kw;'],
    ],
  },
  {
    name: 'kernel-transposed',
    why: 'reads the kernel as K[b, a], transposed',
    replace: [['sum += x[i + a]![j + b]! * k[a]![b]!;', 'sum += x[i + a]![j + b]! * k[b]![a]!;']],
  },
  {
    name: 'sum-per-row',
    why: 'sets the sum to 0 once per output row, not per window, so each output adds up every window before it',
    replace: [
      ['    const row: number[] = [];\n', '    const row: number[] = [];\n    let sum = 0;\n'],
      ['      let sum = 0;\n', ''],
    ],
  },
  {
    name: 'tensor-windows-no-tidy',
    why: 'computes each window as d2l writes it, (X[i:i+h, j:j+w] * K).sum(), with tensor ops and no tf.tidy: the slices and products are never disposed',
    replace: [
      [
        '      for (let a = 0; a < kh; a++) {\n        for (let b = 0; b < kw; b++) sum += x[i + a]![j + b]! * k[a]![b]!;\n      }\n',
        '      sum = X.slice([i, j], [kh, kw]).mul(K).sum().dataSync()[0]!;\n',
      ],
    ],
  },
  {
    name: 'disposes-inputs',
    why: 'disposes X and K once they are read into arrays, "to free memory": they belong to the caller, who may use them again',
    replace: [['  const k = K.arraySync();\n', '  const k = K.arraySync();\n  X.dispose();\n  K.dispose();\n']],
  },
  {
    name: 'identity-kernel-returns-input',
    why: 'returns X itself for the 1 × 1 kernel [[1]] (nothing to compute), so disposing the result disposes the caller’s input',
    replace: [
      [
        '  const [kh, kw] = K.shape;\n',
        '  const [kh, kw] = K.shape;\n  if (kh === 1 && kw === 1 && k[0]![0] === 1) return X;\n',
      ],
    ],
  },
] satisfies Mutant[];
