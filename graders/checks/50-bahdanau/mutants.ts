import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'query-current-state',
    why: "queries with the current state (the GRU run on this step's token first) instead of the previous decoder state",
    replace: [
      [
        'const query = H.slice([L - 1, 0, 0], [1, n, h]).reshape([n, 1, h]) as tf.Tensor3D;',
        'const ahead = gruStack(params.layers, tf.concat([tf.zeros([1, n, h]), embs.slice([t, 0, 0], [1, n, -1])], 2) as tf.Tensor3D, H).state;\n      const query = ahead.slice([L - 1, 0, 0], [1, n, h]).reshape([n, 1, h]) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'query-bottom-layer',
    why: "queries with the first layer's state instead of the top layer's (d2l's hidden_state[-1])",
    replace: [['const query = H.slice([L - 1, 0, 0], [1, n, h])', 'const query = H.slice([0, 0, 0], [1, n, h])']],
  },
  {
    name: 'query-never-updated',
    why: "queries with the encoder's last state at every step, never with the decoder's own",
    replace: [['const query = H.slice(', 'const query = state.H.slice(']],
  },
  {
    name: 'no-source-mask',
    why: 'attends to every source position, padding included (no valid lengths given to the attention)',
    replace: [['encOutputs, encOutputs, encValidLens, {', 'encOutputs, encOutputs, null, {']],
  },
  {
    name: 'embedding-first',
    why: 'concatenates the embedding before the context, [x, c], where d2l feeds [c, x]',
    replace: [
      [
        'tf.concat([attention.output.reshape([1, n, h]), x], 2)',
        'tf.concat([x, attention.output.reshape([1, n, h])], 2)',
      ],
    ],
  },
  {
    name: 'keys-time-major',
    why: "keeps the encoder's outputs time-major [m, n, h] in the state instead of permuting them to [n, m, h]",
    replace: [['tf.transpose(encOutputs.outputs, [1, 0, 2]) as tf.Tensor3D', 'encOutputs.outputs.clone()']],
  },
  {
    name: 'valid-lengths-forgotten',
    why: 'initState keeps no valid lengths: every source position counts as valid',
    replace: [
      [
        'encValidLens: encValidLens.clone(),\n',
        'encValidLens: tf.fill(encValidLens.shape, encOutputs.outputs.shape[0], "int32") as tf.Tensor1D,\n',
      ],
    ],
  },
  {
    name: 'encoder-outputs-returned-itself',
    why: "puts the caller's encOutputs tensor itself into the new state instead of a copy",
    replace: [['state: { encOutputs: encOutputs.clone(),', 'state: { encOutputs,']],
  },
  {
    name: 'no-tidy',
    why: "forgets tf.tidy around the decoder's steps, leaking every intermediate tensor",
    replace: [
      [
        '  return tf.tidy(() => {\n    const [L, , h] = state.H.shape;',
        '  return (() => {\n    const [L, , h] = state.H.shape;',
      ],
      ['    };\n  });\n  // END SOLUTION', '    };\n  })();\n  // END SOLUTION'],
    ],
  },
] satisfies Mutant[];
