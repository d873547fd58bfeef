import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'fan-out-h',
    why: "takes Xavier's fan-out as h, as if each gate's weight were its own matrix (nn.GRU holds all three: 3h)",
    replace: [['const a = Math.sqrt(6 / (fanIn + 3 * h));', 'const a = Math.sqrt(6 / (fanIn + h));']],
  },
  {
    name: 'uniform-embedding',
    why: 'draws the embedding Xavier-uniform too, where nn.Embedding starts at N(0, 1)',
    replace: [
      [
        "return { embedding: tf.randomNormal([vocabSize, embedSize], 0, 1, 'float32', seed + 1), layers };",
        "return { embedding: tf.randomUniform([vocabSize, embedSize], -1, 1, 'float32', seed + 1), layers };",
      ],
    ],
  },
  {
    name: 'layers-share-seeds',
    why: 'draws every layer with the same seeds, so the layers above the first start equal',
    replace: [['const s = seed + 2 + 6 * l;', 'const s = seed + 2;']],
  },
  {
    name: 'batch-major-embeddings',
    why: 'feeds the embeddings batch-major [n, T, e], so the GRU runs over the batch instead of over time',
    replace: [
      [
        'const embs = embedding(params.embedding, X.transpose()) as tf.Tensor3D;',
        'const embs = embedding(params.embedding, X) as tf.Tensor3D;',
      ],
    ],
  },
  {
    name: 'layers-read-inputs',
    why: 'feeds every layer the inputs instead of the states of the layer below',
    replace: [['          : Hs;\n    });', '          : xs;\n    });']],
  },
  {
    name: 'state-of-top-only',
    why: "returns the top layer's last state for every layer",
    replace: [['finals.push(H);', 'finals.push(H);\n      finals.fill(H);']],
  },
  {
    name: 'h0-ignored',
    why: 'starts every layer from zeros even when H0 is given',
    replace: [
      [
        '      H0 ? H0.slice([l, 0, 0], [1, n, h]).reshape([n, h]) : tf.zeros<tf.Rank.R2>([n, h]),',
        '      tf.zeros<tf.Rank.R2>([n, h]),',
      ],
    ],
  },
  {
    name: 'dropout-on-top-layer',
    why: "applies dropout to the top layer's outputs too",
    replace: [['opts && opts.dropout > 0 && l < layers.length - 1', 'opts && opts.dropout > 0']],
  },
  {
    name: 'dropout-one-seed',
    why: "draws every layer's mask with opts.seed, so they are all the same",
    replace: [
      [
        'tf.dropout(tf.stack(Hs), opts.dropout, undefined, opts.seed + l)',
        'tf.dropout(tf.stack(Hs), opts.dropout, undefined, opts.seed)',
      ],
    ],
  },
  {
    name: 'state-after-dropout',
    why: 'takes the last state of a layer from its dropped-out outputs',
    replace: [
      ['      finals.push(H);\n', ''],
      ['          : Hs;\n    });', '          : Hs;\n      finals.push(xs[xs.length - 1]);\n    });'],
    ],
  },
  {
    name: 'decoder-same-seed',
    why: "gives the decoder the encoder's seed, so their dropout masks are drawn alike",
    replace: [['seed: opts.seed + DECODER_SEED_OFFSET', 'seed: opts.seed']],
  },
  {
    name: 'init-state-without-valid-len',
    why: "calls the decoder's initState without the valid lengths",
    replace: [
      [
        'const state = model.decoder.initState(encOutputs, validLen);',
        'const state = model.decoder.initState(encOutputs, undefined as unknown as tf.Tensor1D);',
      ],
    ],
  },
  {
    name: 'decodes-source',
    why: 'feeds the source encX to the decoder instead of decX',
    replace: [
      [
        'return model.decoder.forward(params.decoder, decX, state, decOpts)',
        'return model.decoder.forward(params.decoder, encX, state, decOpts)',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: "forgets tf.tidy in encoderDecoder, leaking the encoder's outputs and the first state",
    replace: [
      [
        '  return tf.tidy(() => {\n    const encOutputs = model.encoder.forward(params.encoder, encX, validLen, opts);',
        '  return ((f: () => { Y: tf.Tensor3D; state: S }) => f())(() => {\n    const encOutputs = model.encoder.forward(params.encoder, encX, validLen, opts);',
      ],
    ],
  },
  {
    name: 'disposes-inputs',
    why: "disposes the caller's inputs once they are unstacked",
    replace: [
      [
        'let xs = tf.unstack(inputs) as tf.Tensor2D[];',
        'let xs = tf.unstack(inputs) as tf.Tensor2D[];\n    inputs.dispose();',
      ],
    ],
  },
  {
    name: 'shape-check-missing',
    why: 'does not check H0: a wrong batch size fails deep inside tfjs instead of naming H0',
    replace: [
      [
        '  if (H0 && (H0.shape[0] !== layers.length || H0.shape[1] !== n || H0.shape[2] !== h))\n    throw new ShapeMismatchError(`H0 has shape [${H0.shape}], expected [${layers.length}, ${n}, ${h}]`);\n',
        '',
      ],
    ],
  },
] satisfies Mutant[];
