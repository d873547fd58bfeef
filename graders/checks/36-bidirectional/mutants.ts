import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'backward-not-reversed-back',
    why: 'keeps the backward states in the order they were computed, so ←H_t sits at step T − 1 − t',
    replace: [
      [
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();',
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]);',
      ],
    ],
  },
  {
    name: 'backward-runs-forward',
    why: 'runs the backward layer from the first step, like the forward one',
    replace: [
      [
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();',
        'const backward = run(params.bwd, steps, state?.[1]);',
      ],
    ],
  },
  {
    name: 'halves-swapped',
    why: 'concatenates [←H, →H] instead of [→H, ←H]',
    replace: [['tf.concat([forward[t]!, backward[t]!], 1)', 'tf.concat([backward[t]!, forward[t]!], 1)']],
  },
  {
    name: 'forward-weights-backward',
    why: "runs the backward pass with the forward layer's weights",
    replace: [
      ['run(params.bwd, [...steps].reverse(), state?.[1])', 'run(params.fwd, [...steps].reverse(), state?.[1])'],
    ],
  },
  {
    name: 'backward-state-from-before',
    why: 'feeds the backward layer ←H_{t−1} (the state of the step before in time) by reversing only its outputs',
    replace: [
      [
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();',
        'const backward = run(params.bwd, steps, state?.[1]).reverse();',
      ],
    ],
  },
  {
    name: 'no-tidy',
    why: 'runs without tf.tidy, leaking every intermediate tensor',
    replace: [
      ['  return tf.tidy(() => {\n    const steps', '  return (() => {\n    const steps'],
      [
        '    return { outputs: tf.stack(H) as tf.Tensor3D, Y };\n  });',
        '    return { outputs: tf.stack(H) as tf.Tensor3D, Y };\n  })();',
      ],
    ],
  },
  {
    name: 'initial-states-ignored',
    why: 'always starts both layers from zeros, ignoring the initial states it is given',
    replace: [['let H = H0 ?? tf.zeros', 'let H = undefined ?? tf.zeros']],
  },
  {
    name: 'initial-states-swapped',
    why: 'starts the forward layer from ←H_{T+1} and the backward one from →H₀',
    replace: [
      ['const forward = run(params.fwd, steps, state?.[0]);', 'const forward = run(params.fwd, steps, state?.[1]);'],
      [
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();',
        'const backward = run(params.bwd, [...steps].reverse(), state?.[0]).reverse();',
      ],
    ],
  },
  {
    name: 'state-required',
    why: 'reads state[0] and state[1] without a default, so a call without initial states fails',
    replace: [
      ['const forward = run(params.fwd, steps, state?.[0]);', 'const forward = run(params.fwd, steps, state![0]);'],
      [
        'const backward = run(params.bwd, [...steps].reverse(), state?.[1]).reverse();',
        'const backward = run(params.bwd, [...steps].reverse(), state![1]).reverse();',
      ],
    ],
  },
  {
    name: 'tanh-as-one-minus-reciprocal',
    why: 'writes tanh as 1 − 2 / (e^{2a} + 1): its value saturates correctly, but its gradient is 0 · ∞ = NaN once e^{2a} overflows',
    replace: [
      [
        '(H = tf.tanh(X.matMul(layer.W_xh).add(H.matMul(layer.W_hh)).add(layer.b_h)))',
        '(H = tf.sub(1, tf.div(2, tf.exp(X.matMul(layer.W_xh).add(H.matMul(layer.W_hh)).add(layer.b_h).mul(2)).add(1))))',
      ],
    ],
  },
  {
    name: 'disposes-inputs',
    why: 'frees the input tensor once it is split into steps, to save memory, though it belongs to the caller',
    replace: [
      [
        '    const steps = tf.unstack(inputs) as tf.Tensor2D[];\n',
        '    const steps = tf.unstack(inputs) as tf.Tensor2D[];\n    inputs.dispose();\n',
      ],
    ],
  },
] satisfies Mutant[];
