import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'layer-norm-over-the-batch',
    why: 'normalises each feature over the batch and positions (batch normalisation) instead of each position over its features',
    replace: [
      [
        '    const axis = X.rank - 1;\n    const mu = X.mean(axis, true);',
        '    const axis = Array.from({ length: X.rank - 1 }, (_, i) => i);\n    const mu = X.mean(axis, true);',
      ],
    ],
  },
  {
    name: 'unbiased-variance',
    why: 'divides the squared deviations by d − 1 (torch.var default) instead of d',
    replace: [
      [
        'const variance = centred.square().mean(axis, true);',
        'const variance = centred.square().sum(axis, true).div(X.shape[axis] - 1);',
      ],
    ],
  },
  {
    name: 'eps-outside-the-root',
    why: 'adds eps after the square root, and not to the variance',
    replace: [['centred.div(variance.add(eps).sqrt())', 'centred.div(variance.sqrt().add(eps))']],
  },
  {
    name: 'no-eps',
    why: 'divides by the standard deviation without eps, so a constant position gives NaN',
    replace: [['centred.div(variance.add(eps).sqrt())', 'centred.div(variance.sqrt())']],
  },
  {
    name: 'gamma-beta-swapped',
    why: 'scales by beta and shifts by gamma',
    replace: [['.mul(gamma).add(beta);', '.mul(beta).add(gamma);']],
  },
  {
    name: 'no-residual',
    why: 'forgets the residual connection: LN(dropout(Y))',
    replace: [
      [
        'return layerNorm(dropped.add(X), params.gamma, params.beta)',
        'return layerNorm(dropped, params.gamma, params.beta)',
      ],
    ],
  },
  {
    name: 'dropout-on-the-sum',
    why: 'drops out the sum X + Y instead of the sublayer output Y',
    replace: [
      ['const dropped = dropoutLayer(Y, opts.dropout', 'const dropped = dropoutLayer(Y.add(X), opts.dropout'],
      ['return layerNorm(dropped.add(X), params.gamma', 'return layerNorm(dropped, params.gamma'],
    ],
  },
  {
    name: 'norm-then-add',
    why: 'normalises the sublayer output and then adds X (X + LN(Y)), not LN(Y + X)',
    replace: [
      [
        'return layerNorm(dropped.add(X), params.gamma, params.beta) as tf.Tensor3D;',
        'return layerNorm(dropped, params.gamma, params.beta).add(X) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'ffn-without-relu',
    why: 'forgets the ReLU between the two dense layers',
    replace: [
      ['const H = tf.relu(flat.matMul(params.W1).add(params.b1));', 'const H = flat.matMul(params.W1).add(params.b1);'],
    ],
  },
  {
    name: 'ffn-relu-on-the-output',
    why: 'applies the ReLU after the second layer too',
    replace: [
      [
        'return H.matMul(params.W2).add(params.b2).reshape([b, T, -1])',
        'return tf.relu(H.matMul(params.W2).add(params.b2)).reshape([b, T, -1])',
      ],
    ],
  },
  {
    name: 'ffn-mixes-positions',
    why: 'flattens X position-major as [T·b, d] but reshapes the output back as [b, T, o]',
    replace: [['const flat = X.reshape([b * T, d]);', 'const flat = X.transpose([1, 0, 2]).reshape([b * T, d]);']],
  },
  {
    name: 'no-shape-check',
    why: 'does not check that X and Y have the same shape, so broadcasting may hide the mistake',
    replace: [['  if (X.shape.join() !== Y.shape.join())\n', '  if (false)\n']],
  },
  {
    name: 'frees-sublayer-output',
    why: 'disposes Y after adding it, though it belongs to the caller',
    replace: [
      [
        '    return layerNorm(dropped.add(X), params.gamma, params.beta) as tf.Tensor3D;',
        '    const sum = dropped.add(X);\n    Y.dispose();\n    return layerNorm(sum, params.gamma, params.beta) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'computes the layer normalisation outside tf.tidy, leaking the mean, the variance and the centred values',
    replace: [
      ['  return tf.tidy(() => {\n    const axis = X.rank - 1;', '  return (() => {\n    const axis = X.rank - 1;'],
      ['.mul(gamma).add(beta);\n  });', '.mul(gamma).add(beta);\n  })();'],
    ],
  },
] satisfies Mutant[];
