import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'mean-over-channels',
    why: 'averages the input channels’ correlations instead of summing them',
    replace: [['return tf.addN(perChannel) as tf.Tensor2D;', 'return tf.addN(perChannel).div(ci) as tf.Tensor2D;']],
  },
  {
    name: 'first-kernel-only',
    why: 'correlates every input channel with the first channel’s kernel',
    replace: [['corr2d(channel(X, c), channel(K, c))', 'corr2d(channel(X, c), channel(K, 0))']],
  },
  {
    name: 'channels-last',
    why: 'stacks the output channels on the last axis, [o_h, o_w, c_o], instead of first as d2l',
    replace: [['corr2dMultiIn(X, kernels(o)))) as tf.Tensor3D;', 'corr2dMultiIn(X, kernels(o))), 2) as tf.Tensor3D;']],
  },
  {
    name: '1x1-kernel-as-ci-by-co',
    why: 'reshapes the 1 × 1 kernels to c_i × c_o and transposes, scrambling which weight meets which channel',
    replace: [
      [
        'tf.matMul(K.reshape([co, ci]), X.reshape([ci, h * w]))',
        'tf.matMul(K.reshape([ci, co]).transpose(), X.reshape([ci, h * w]))',
      ],
    ],
  },
  {
    name: 'detached-channels',
    why: "reads each channel's correlation into JavaScript numbers (as exercise 19's loop corr2d does) and makes a new tensor, which tfjs cannot differentiate",
    replace: [
      ['corr2d(channel(X, c), channel(K, c))', 'tf.tensor2d(corr2d(channel(X, c), channel(K, c)).arraySync())'],
    ],
  },
  {
    name: 'no-tidy',
    why: 'forgets tf.tidy in corr2dMultiIn, so the channel slices and per-channel results are never disposed',
    replace: [
      ['  return tf.tidy(() => {\n    const channel =', '  {\n    const channel ='],
      ['    return tf.addN(perChannel) as tf.Tensor2D;\n  });', '    return tf.addN(perChannel) as tf.Tensor2D;\n  }'],
    ],
  },
  {
    name: 'unstack-channels',
    why: 'takes the channels with tf.unstack, which tfjs cannot differentiate when it gives a single tensor (an input of one channel)',
    replace: [
      [
        '      T.slice([c, 0, 0], [1, T.shape[1], T.shape[2]]).reshape([T.shape[1], T.shape[2]]) as tf.Tensor2D;',
        '      T.unstack()[c] as tf.Tensor2D;',
      ],
    ],
  },
  {
    name: 'kernel-channels-unchecked',
    why: 'loops over X’s channels without comparing them with the kernel’s (d2l’s zip), so extra kernel channels are silently dropped',
    replace: [
      [
        '  if (K.shape[0] !== X.shape[0])\n    throw new ShapeMismatchError(`the kernel has ${K.shape[0]} input channels, X has ${X.shape[0]}`);\n',
        '',
      ],
    ],
  },
  {
    name: '1x1-shape-unchecked',
    why: 'reshapes whatever kernel it is given, so a mismatch surfaces as tfjs’s untyped reshape error',
    replace: [
      ['  if (K.shape[1] !== X.shape[0] || K.shape[2] !== 1 || K.shape[3] !== 1)\n', '  if (K.shape.length !== 4)\n'],
    ],
  },
  {
    name: '1x1-disposes-input',
    why: 'disposes X once it is reshaped into a matrix, “the reshaped copy is all it needs”: X is the caller’s',
    replace: [
      [
        '    return tf.matMul(K.reshape([co, ci]), X.reshape([ci, h * w])).reshape([co, h, w]) as tf.Tensor3D;',
        '    const Xm = X.reshape([ci, h * w]);\n    X.dispose();\n    return tf.matMul(K.reshape([co, ci]), Xm).reshape([co, h, w]) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'disposes-kernels',
    why: 'disposes K once every output channel is computed, to free memory: K is the caller’s',
    replace: [
      [
        '    return tf.stack(Array.from({ length: co }, (_, o) => corr2dMultiIn(X, kernels(o)))) as tf.Tensor3D;',
        '    const Y = tf.stack(Array.from({ length: co }, (_, o) => corr2dMultiIn(X, kernels(o)))) as tf.Tensor3D;\n    K.dispose();\n    return Y;',
      ],
    ],
  },
] satisfies Mutant[];
