import * as tf from '@tensorflow/tfjs';

type Save = (tensors: tf.Tensor[]) => void;

/** The engine's entry that tf.customGrad is built on (tfjs-core 4.x engine.runKernelFunc; private in its types). */
interface KernelFuncEngine {
  runKernelFunc(params: {
    forwardFunc: (backend: unknown, save: Save) => tf.Tensor | tf.Tensor[];
    backwardsFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => Record<string, () => tf.Tensor>;
    inputs: Record<string, tf.Tensor>;
  }): tf.Tensor | tf.Tensor[];
}

/**
 * An op with a hand-written backward pass, as tf.customGrad, except that the backward pass gives
 * each input's gradient as a function, and tfjs's tape calls it only for inputs on the path from
 * what is differentiated (tape.ts prunes the others): a recurrent layer over one-hot characters
 * does not pay for the gradient of its constant inputs (at d2l's language-model size, a
 * [1120, 768] by [768, 28] product per minibatch). `backward` runs what every gradient shares
 * eagerly and returns one function per input, in the order of `inputs`. The op may have several
 * outputs; `backward` then receives one gradient per output (zeros for an unused one).
 */
export function customOp<O extends tf.Tensor | tf.Tensor[]>(
  inputs: readonly tf.Tensor[],
  forward: (save: Save) => O,
  backward: (dy: O, saved: tf.Tensor[]) => (() => tf.Tensor)[],
): O {
  const engine = tf.engine() as unknown as KernelFuncEngine;
  return engine.runKernelFunc({
    forwardFunc: (_backend, save) => forward(save),
    backwardsFunc: (dy, saved) => Object.fromEntries(backward(dy as O, saved).map((grad, i) => [String(i), grad])),
    inputs: Object.fromEntries(inputs.map((x, i) => [String(i), x])),
  }) as O;
}
