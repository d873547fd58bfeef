import * as tf from '@tensorflow/tfjs';

/** The optimisers of exercise 17 as tfjs builds them (Adam's defaults: lr 0.001, β 0.9 and 0.999, ε 1e-8). */
export const optimizers = {
  sgd: (c: { lr: number }) => tf.train.sgd(c.lr),
  momentum: (c: { lr: number; momentum: number }) => tf.train.momentum(c.lr, c.momentum),
  adam: (c: { lr?: number; beta1?: number; beta2?: number; epsilon?: number }) =>
    tf.train.adam(c.lr ?? 0.001, c.beta1 ?? 0.9, c.beta2 ?? 0.999, c.epsilon ?? 1e-8),
};

/**
 * `steps` steps of a tfjs optimiser minimising loss(params), the parameters held as variables;
 * returns the parameters after the last step. `params` are left alone.
 */
export function optimize(
  optimizer: tf.Optimizer,
  params: tf.Tensor[],
  loss: (ps: tf.Tensor[]) => tf.Scalar,
  steps: number,
): tf.Tensor[] {
  const vars = params.map((p) => tf.variable(p));
  for (let k = 0; k < steps; k++) optimizer.minimize(() => loss(vars), false, vars);
  const out = vars.map((v) => v.clone());
  tf.dispose(vars);
  optimizer.dispose();
  return out;
}
