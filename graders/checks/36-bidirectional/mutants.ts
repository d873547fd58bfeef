import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'backward-not-reversed-back',
    why: 'keeps the backward states in the order they were computed, so ←H_t sits at step T − 1 − t',
    replace: [
      [
        'const backward = run(params.bwd, [...steps].reverse()).reverse();',
        'const backward = run(params.bwd, [...steps].reverse());',
      ],
    ],
  },
  {
    name: 'backward-runs-forward',
    why: 'runs the backward layer from the first step, like the forward one',
    replace: [
      ['const backward = run(params.bwd, [...steps].reverse()).reverse();', 'const backward = run(params.bwd, steps);'],
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
    replace: [['run(params.bwd, [...steps].reverse())', 'run(params.fwd, [...steps].reverse())']],
  },
  {
    name: 'backward-state-from-before',
    why: 'feeds the backward layer ←H_{t−1} (the state of the step before in time) by reversing only its outputs',
    replace: [
      [
        'const backward = run(params.bwd, [...steps].reverse()).reverse();',
        'const backward = run(params.bwd, steps).reverse();',
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
] satisfies Mutant[];
