import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'causal-mask-off-by-one-short',
    why: 'gives query t the keys 0..t − 1 (valid lengths 0..T − 1), so the first row sees nothing and is uniform over every step',
    replace: [
      ['const lengths = tf.range(1, T + 1).reshape([1, T]);', 'const lengths = tf.range(0, T).reshape([1, T]);'],
    ],
  },
  {
    name: 'causal-mask-off-by-one-long',
    why: 'gives query t the keys 0..t + 1 (valid lengths 2..T + 1 capped), so each step sees the next',
    replace: [
      [
        'const lengths = tf.range(1, T + 1).reshape([1, T]);',
        'const lengths = tf.range(2, T + 2).minimum(T).reshape([1, T]);',
      ],
    ],
  },
  {
    name: 'no-causal-mask',
    why: 'lets every query of the target sequence see every step in training',
    replace: [['const decValidLens = training ? causal : null;', 'const decValidLens = null;']],
  },
  {
    name: 'causal-mask-in-prediction',
    why: 'keeps the causal mask when predicting one step at a time, so the step sees only the oldest cached key',
    replace: [['const decValidLens = training ? causal : null;', 'const decValidLens = causal;']],
  },
  {
    name: 'cache-not-concatenated',
    why: 'forgets the cache: each predicted step attends to itself alone',
    replace: [
      ['state.keyValues === null ? X.clone() : (tf.concat([state.keyValues, X], 1) as tf.Tensor3D)', 'X.clone()'],
    ],
  },
  {
    name: 'cache-appended-in-front',
    why: 'puts the new step before the cached ones',
    replace: [['tf.concat([state.keyValues, X], 1)', 'tf.concat([X, state.keyValues], 1)']],
  },
  {
    name: 'keys-values-swapped-in-cross-attention',
    why: 'lets the decoder attend to itself in the second attention instead of the encoder outputs',
    replace: [
      [
        'multiHeadAttention(params.attention2, Y, encOutputs, encOutputs, encValidLens, numHeads',
        'multiHeadAttention(params.attention2, Y, Y, Y, null, numHeads',
      ],
    ],
  },
  {
    name: 'encoder-valid-lengths-ignored',
    why: "lets the decoder attend to the encoder's padding",
    replace: [['Y, encOutputs, encOutputs, encValidLens, numHeads', 'Y, encOutputs, encOutputs, null, numHeads']],
  },
  {
    name: 'second-residual-from-x',
    why: 'adds X instead of Y around the encoder-decoder attention: AddNorm2(X, Y2)',
    replace: [
      ['const Z = addNorm(params.addNorm2, Y, cross.output', 'const Z = addNorm(params.addNorm2, X, cross.output'],
    ],
  },
  {
    name: 'ffn-on-the-block-input',
    why: "feeds the encoder block's input X to the FFN instead of Y",
    replace: [
      [
        'addNorm(params.addNorm2, Y, positionWiseFfn(params.ffn, Y)',
        'addNorm(params.addNorm2, Y, positionWiseFfn(params.ffn, X)',
      ],
    ],
  },
  {
    name: 'add-norms-swapped',
    why: "uses the second AddNorm's gamma and beta in the first",
    replace: [['const Y = addNorm(params.addNorm1, X, att.output', 'const Y = addNorm(params.addNorm2, X, att.output']],
  },
  {
    name: 'encoder-padding-not-masked',
    why: 'ignores the valid lengths in the encoder self-attention',
    replace: [
      [
        'multiHeadAttention(params.attention, X, X, X, validLens, numHeads',
        'multiHeadAttention(params.attention, X, X, X, null, numHeads',
      ],
    ],
  },
  {
    name: 'embeddings-not-scaled',
    why: 'forgets to multiply the embeddings by √d before the positional encoding',
    replace: [
      [
        'const embedded = embedding(params.embedding, tokens).mul(Math.sqrt(d)) as tf.Tensor3D;\n    let X = positionalEncoding(embedded, { dropout: opts.dropout, training: opts.training, seed });',
        'const embedded = embedding(params.embedding, tokens) as tf.Tensor3D;\n    let X = positionalEncoding(embedded, { dropout: opts.dropout, training: opts.training, seed });',
      ],
    ],
  },
  {
    name: 'positions-restart-every-step',
    why: "encodes every predicted step as position 0, as d2l's code does (no offset from the cache)",
    replace: [['const offset = state.keyValues[0] ? state.keyValues[0].shape[1] : 0;', 'const offset = 0;']],
  },
  {
    name: 'every-block-reads-block-0-cache',
    why: "gives every decoder block the first block's cache",
    replace: [['const cache = state.keyValues[i];', 'const cache = state.keyValues[0];']],
  },
  {
    name: 'decoder-blocks-read-the-embeddings',
    why: 'feeds the embedded tokens to every decoder block instead of the previous block’s output',
    replace: [['      X = out.output;\n      keyValues.push(out.keyValues);', '      keyValues.push(out.keyValues);']],
  },
  {
    name: 'no-dropout-in-training',
    why: 'never passes the training flag on, so dropout never acts',
    replace: [
      [
        'const { numHeads, dropout, training } = opts;\n  const seed = opts.seed ?? 0;\n  return tf.tidy(() => {\n    const att',
        'const { numHeads, dropout } = opts;\n  const training = false;\n  const seed = opts.seed ?? 0;\n  return tf.tidy(() => {\n    const att',
      ],
    ],
  },
  {
    name: 'dropout-in-evaluation',
    why: 'applies dropout in the encoder block whether training or not',
    replace: [
      [
        'const { numHeads, dropout, training } = opts;\n  const seed = opts.seed ?? 0;\n  return tf.tidy(() => {\n    const att',
        'const { numHeads, dropout } = opts;\n  const training = true;\n  const seed = opts.seed ?? 0;\n  return tf.tidy(() => {\n    const att',
      ],
    ],
  },
  {
    name: 'cache-is-the-input',
    why: 'returns X itself as the new cache when there is none, so disposing the cache disposes the caller’s input',
    replace: [['state.keyValues === null ? X.clone() :', 'state.keyValues === null ? X :']],
  },
  {
    name: 'no-tidy',
    why: 'runs the encoder block outside tf.tidy, leaking every intermediate',
    replace: [
      ['  return tf.tidy(() => {\n    const att = ', '  return (() => {\n    const att = '],
      [
        '    return { output, attentionWeights: att.attentionWeights };\n  });',
        '    return { output, attentionWeights: att.attentionWeights };\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
