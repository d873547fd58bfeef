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
] satisfies Mutant[];
