import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'every-layer-reads-the-input',
    why: 'feeds the input X_t to every layer instead of the hidden state of the layer below',
    replace: [['S[l] = layerStep(cell, below, S[l]!, layer);', 'S[l] = layerStep(cell, X, S[l]!, layer);']],
  },
  {
    name: 'notes-typo',
    why: "follows the notes' formula as printed, H_t^(l−1) W_hh^(l), so no layer sees its own previous state",
    replace: [['.add(state[0]!.matMul(l.W_hh))', '.add(X.matMul(l.W_hh))']],
  },
  {
    name: 'output-from-first-layer',
    why: 'computes the output from the first layer instead of the last',
    replace: [['outputs.push(below.matMul(params.W_hq)', 'outputs.push(S[0]![0]!.matMul(params.W_hq)']],
  },
  {
    name: 'states-reversed',
    why: "returns the layers' final states top layer first",
    replace: [
      ['return { Y: tf.concat(outputs, 0), state: S };', 'return { Y: tf.concat(outputs, 0), state: S.reverse() };'],
    ],
  },
  {
    name: 'one-state-for-all-layers',
    why: 'makes a single zero state for the whole stack',
    replace: [['  return numHiddens.map((h) => {', '  return numHiddens.slice(0, 1).map((h) => {']],
  },
  {
    name: 'cell-ignored',
    why: 'runs every stack as tanh layers, whatever the cell (a GRU layer has a W_xh, W_hh and b_h too)',
    replace: [['S[l] = layerStep(cell, below, S[l]!, layer);', "S[l] = layerStep('rnn', below, S[l]!, layer);"]],
  },
  {
    name: 'lstm-memory-not-carried',
    why: "never updates an LSTM layer's memory cell: each step starts again from C₀",
    replace: [['    return [H, C];', '    return [H, state[1]!];']],
  },
  {
    name: 'lstm-passes-memory-up',
    why: "passes the last tensor of a layer's state up the stack, which for the LSTM is C instead of H",
    replace: [['below = S[l]![0]!;', 'below = S[l]!.at(-1)!;']],
  },
  {
    name: 'lstm-state-one-tensor',
    why: 'gives an LSTM layer a single zero tensor as its state, as for the RNN',
    replace: [["return cell === 'lstm' ? [zeros(), zeros()] : [zeros()];", 'return [zeros()];']],
  },
  {
    name: 'tanh-as-one-minus-reciprocal',
    why: 'writes tanh as 1 − 2 / (e^{2a} + 1): its value saturates correctly, but its gradient is 0 · ∞ = NaN once e^{2a} overflows',
    replace: [
      [
        'return [tf.tanh(X.matMul(l.W_xh).add(state[0]!.matMul(l.W_hh)).add(l.b_h))];',
        'return [tf.sub(1, tf.div(2, tf.exp(X.matMul(l.W_xh).add(state[0]!.matMul(l.W_hh)).add(l.b_h).mul(2)).add(1)))];',
      ],
    ],
  },
  {
    name: 'detached-between-layers',
    why: 'copies each hidden state out of the graph before the layer above reads it, so no gradient reaches the layers below',
    replace: [['below = S[l]![0]!;', 'below = tf.tensor2d(S[l]![0]!.arraySync() as number[][]);']],
  },
  {
    name: 'unknown-cell-as-rnn',
    why: 'runs an unknown cell name as the tanh RNN (the last branch) instead of rejecting it',
    replace: [
      [
        "  if (cell !== 'rnn' && cell !== 'gru' && cell !== 'lstm')\n    throw new HyperparameterError(`unknown cell \"${cell}\": a deep RNN stacks 'rnn', 'gru' or 'lstm' layers`);\n",
        '',
      ],
    ],
  },
  {
    name: 'no-layers-accepted',
    why: 'accepts a stack of no layers (the output layer then reads the inputs, or the state is empty)',
    replace: [['  if (numLayers < 1) throw', '  if (numLayers < 0) throw']],
  },
  {
    name: 'zero-units-accepted',
    why: 'accepts a layer of 0 units',
    replace: [['!Number.isInteger(h) || h < 1', '!Number.isInteger(h) || h < 0']],
  },
  {
    name: 'batch-size-unchecked',
    why: 'makes a state of 0 examples without complaint',
    replace: [
      ['if (!Number.isInteger(batchSize) || batchSize < 1)', 'if (!Number.isInteger(batchSize) || batchSize < 0)'],
    ],
  },
  {
    name: 'caller-state-changed',
    why: "updates the state list it was given (no copy), so the caller's list holds the final states afterwards",
    replace: [['    const S = [...state];', '    const S = state;']],
  },
  {
    name: 'no-tidy',
    why: 'runs the loops without tf.tidy, so every intermediate tensor stays in memory',
    replace: [
      ['  return tf.tidy(() => {\n    const S = [...state];', '  return (() => {\n    const S = [...state];'],
      [
        '    return { Y: tf.concat(outputs, 0), state: S };\n  });',
        '    return { Y: tf.concat(outputs, 0), state: S };\n  })();',
      ],
    ],
  },
] satisfies Mutant[];
