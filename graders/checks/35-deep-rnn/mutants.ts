import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'every-layer-reads-the-input',
    why: 'feeds the input X_t to every layer instead of the hidden state of the layer below',
    replace: [['        below = H[l]!;\n', '']],
  },
  {
    name: 'notes-typo',
    why: "follows the notes' formula as printed, H_t^(l−1) W_hh^(l), so no layer sees its own previous state",
    replace: [
      [
        'H[l] = tf.tanh(below.matMul(layer.W_xh).add(H[l]!.matMul(layer.W_hh)).add(layer.b_h));',
        'H[l] = tf.tanh(below.matMul(layer.W_xh).add(below.matMul(layer.W_hh)).add(layer.b_h));',
      ],
    ],
  },
  {
    name: 'output-from-first-layer',
    why: 'computes the output from the first layer instead of the last',
    replace: [
      [
        'outputs.push(below.matMul(params.W_hq).add(params.b_q));',
        'outputs.push(H[0]!.matMul(params.W_hq).add(params.b_q));',
      ],
    ],
  },
  {
    name: 'states-reversed',
    why: "returns the layers' final states top layer first",
    replace: [
      ['return { Y: tf.concat(outputs, 0), state: H };', 'return { Y: tf.concat(outputs, 0), state: H.reverse() };'],
    ],
  },
  {
    name: 'first-layer-weights-everywhere',
    why: "uses the first layer's recurrent weights in every layer",
    replace: [['H[l]!.matMul(layer.W_hh)', 'H[l]!.matMul(params.layers[0]!.W_hh)']],
  },
  {
    name: 'one-state-for-all-layers',
    why: 'makes a single zero state for the whole stack',
    replace: [
      [
        '  return numHiddens.map((h) => tf.zeros<tf.Rank.R2>([batchSize, h]));',
        '  return [tf.zeros<tf.Rank.R2>([batchSize, numHiddens[0]!])];',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'runs the loops without tf.tidy, so every intermediate tensor stays in memory',
    replace: [
      ['  return tf.tidy(() => {\n    const H = [...state];', '  return (() => {\n    const H = [...state];'],
      [
        '    return { Y: tf.concat(outputs, 0), state: H };\n  });',
        '    return { Y: tf.concat(outputs, 0), state: H };\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
