import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'heads-strided',
    why: 'splits the heads along the wrong axis: reshapes to [b, n, h/H, H], so head i takes every H-th feature',
    replace: [
      [
        'const split = X.reshape([b, n, numHeads, h / numHeads]); // head i: features i·h/H ..\n    return split.transpose([0, 2, 1, 3])',
        'const split = X.reshape([b, n, h / numHeads, numHeads]);\n    return split.transpose([0, 3, 1, 2])',
      ],
      ['return heads.transpose([0, 2, 1, 3])', 'return heads.transpose([0, 2, 3, 1])'],
    ],
  },
  {
    name: 'no-transpose',
    why: 'reshapes [b, n, h] straight to [b·H, n, h/H] without moving the heads before the steps',
    replace: [
      ['return split.transpose([0, 2, 1, 3]).reshape(', 'return split.reshape('],
      ['return heads.transpose([0, 2, 1, 3]).reshape(', 'return heads.reshape('],
    ],
  },
  {
    name: 'output-not-transposed-back',
    why: 'transposeOutput reshapes [b·H, n, h/H] straight to [b, n, h]',
    replace: [['return heads.transpose([0, 2, 1, 3]).reshape(', 'return heads.reshape(']],
  },
  {
    name: 'lengths-tiled',
    why: 'repeats the list of valid lengths H times (tile) instead of each length H times (repeat_interleave)',
    replace: [
      [
        'const repeated = validLens.expandDims(1).tile([1, numHeads, ...rest.map(() => 1)]);',
        'const repeated = validLens.expandDims(0).tile([numHeads, 1, ...rest.map(() => 1)]);',
      ],
    ],
  },
  {
    name: 'no-output-projection',
    why: 'forgets W_o: returns the concatenated heads',
    replace: [
      ['output: dense(transposeOutput(output, numHeads), params.W_o)', 'output: transposeOutput(output, numHeads)'],
    ],
  },
  {
    name: 'keys-values-swapped',
    why: 'passes the values where the keys go and the keys where the values go',
    replace: [['dotProductAttention(q, k, v, lens, opts)', 'dotProductAttention(q, v, k, lens, opts)']],
  },
  {
    name: 'value-projected-with-w-k',
    why: 'projects the values with W_k',
    replace: [
      [
        'const v = transposeQkv(dense(values, params.W_v), numHeads);',
        'const v = transposeQkv(dense(values, params.W_k), numHeads);',
      ],
    ],
  },
  {
    name: 'options-dropped',
    why: 'does not pass the dropout options on, so dropout never acts',
    replace: [['dotProductAttention(q, k, v, lens, opts)', 'dotProductAttention(q, k, v, lens)']],
  },
  {
    name: 'no-head-check',
    why: 'does not check that numHeads divides numHiddens',
    replace: [
      [
        '  if (h % numHeads !== 0)\n    throw new HyperparameterError(`numHeads (${numHeads}) must divide the number',
        '  if (false)\n    throw new HyperparameterError(`numHeads (${numHeads}) must divide the number',
      ],
      [
        '  if (h % numHeads !== 0)\n    throw new HyperparameterError(`numHeads (${numHeads}) must divide numHiddens',
        '  if (false)\n    throw new HyperparameterError(`numHeads (${numHeads}) must divide numHiddens',
      ],
    ],
  },
  {
    name: 'frees-inputs',
    why: 'disposes the queries, keys and values once projected, though they belong to the caller',
    replace: [
      [
        '    let lens: tf.Tensor1D | tf.Tensor2D | null = null;',
        '    tf.dispose([queries, keys, values]);\n    let lens: tf.Tensor1D | tf.Tensor2D | null = null;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'runs transposeQkv outside tf.tidy, leaking the reshaped intermediates',
    replace: [
      ['  return tf.tidy(() => {\n    const split =', '  return (() => {\n    const split ='],
      [
        '.reshape([b * numHeads, n, h / numHeads]) as tf.Tensor3D;\n  });',
        '.reshape([b * numHeads, n, h / numHeads]) as tf.Tensor3D;\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
