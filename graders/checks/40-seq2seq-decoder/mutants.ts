import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'context-from-own-state',
    why: "takes the context from the state's top layer at every call (d2l-zh 0.17): right for a whole sequence, wrong one token at a time",
    replace: [
      [
        '    const contexts = tf.stack(new Array(T).fill(state.context)) as tf.Tensor3D;',
        '    const top = (tf.unstack(state.H) as tf.Tensor2D[])[state.H.shape[0] - 1];\n    const contexts = tf.stack(new Array(T).fill(top)) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'context-from-bottom-layer',
    why: "takes the encoder's first layer's last state as the context instead of the top layer's",
    replace: [['encOutputs.state.slice([L - 1, 0, 0], [1, n, h])', 'encOutputs.state.slice([0, 0, 0], [1, n, h])']],
  },
  {
    name: 'context-first',
    why: 'concatenates the context before the embedding, [c, emb_t], so layer 0 reads its weights the wrong way round',
    replace: [
      [
        'const inputs = tf.concat([embs, contexts], 2) as tf.Tensor3D;',
        'const inputs = tf.concat([contexts, embs], 2) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'context-at-first-step-only',
    why: 'feeds the context with the first token only, zeros after it',
    replace: [
      [
        '    const contexts = tf.stack(new Array(T).fill(state.context)) as tf.Tensor3D;',
        '    const contexts = tf.stack([state.context, ...new Array(T - 1).fill(tf.zerosLike(state.context))]) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'gru-from-zeros',
    why: "starts the decoder's GRU from zeros instead of the encoder's last states",
    replace: [['gruStack(params.layers, inputs, state.H, opts)', 'gruStack(params.layers, inputs, undefined, opts)']],
  },
  {
    name: 'old-state-returned',
    why: "returns the state it was given instead of the GRU's last states",
    replace: [
      [
        'return { Y, state: { context: state.context.clone(), H } };',
        'return { Y, state: { context: state.context.clone(), H: state.H.clone() } };',
      ],
    ],
  },
  {
    name: 'context-returned-itself',
    why: "puts the caller's context tensor itself into the new state instead of a copy",
    replace: [
      [
        'return { Y, state: { context: state.context.clone(), H } };',
        'return { Y, state: { context: state.context, H } };',
      ],
    ],
  },
  {
    name: 'time-major-logits',
    why: 'returns the logits time-major [T, n, V], forgetting d2l’s permute(1, 0, 2)',
    replace: [
      [
        '      .reshape([T, n, -1])\n      .transpose([1, 0, 2]) as tf.Tensor3D;',
        '      .reshape([T, n, -1]) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'no-output-bias',
    why: 'forgets the bias b_q of the dense layer',
    replace: [['      .matMul(params.W_hq)\n      .add(params.b_q)', '      .matMul(params.W_hq)']],
  },
  {
    name: 'no-dropout-passed',
    why: 'does not hand opts to gruStack, so the decoder never uses dropout in training',
    replace: [['gruStack(params.layers, inputs, state.H, opts)', 'gruStack(params.layers, inputs, state.H)']],
  },
  {
    name: 'layer0-on-embedding-size',
    why: 'draws layer 0 for e inputs, forgetting that it also reads the context',
    replace: [
      [
        'layers.push(initGruLayer(l === 0 ? embedSize + numHiddens : numHiddens',
        'layers.push(initGruLayer(l === 0 ? embedSize : numHiddens',
      ],
    ],
  },
  {
    name: 'dense-seed-reused',
    why: "draws W_hq with the seed of layer 0's first weight",
    replace: [
      [
        'xavierUniform([numHiddens, vocabSize], numHiddens, vocabSize, seed + 2 + 6 * numLayers)',
        'xavierUniform([numHiddens, vocabSize], numHiddens, vocabSize, seed + 2)',
      ],
    ],
  },
  {
    name: 'no-batch-check',
    why: 'does not compare the batch sizes: a state for another batch fails deep inside tfjs',
    replace: [
      [
        '  if (state.context.shape[0] !== n || state.H.shape[1] !== n)\n    throw new ShapeMismatchError(\n      `the state holds a batch of ${state.H.shape[1]} but X a batch of ${n}: encoder and decoder batch sizes differ`,\n    );\n',
        '',
      ],
    ],
  },
  {
    name: 'no-tidy-init-state',
    why: 'forgets tf.tidy in seq2seqDecoderInitState, leaking the slice it reshapes',
    replace: [
      [
        '  return tf.tidy(() => {\n    const [L, n, h] = encOutputs.state.shape;',
        '  return ((f: () => Seq2SeqDecoderState) => f())(() => {\n    const [L, n, h] = encOutputs.state.shape;',
      ],
    ],
  },
] satisfies Mutant[];
