import * as tf from '@tensorflow/tfjs';
import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * Optimisers as pure functions: parameters, gradients and the optimiser's state in, new
 * parameters and new state out (tfjs tensors are immutable; nothing is updated in place).
 * A learning rate that is not > 0 (a rate of 0 never moves), or a decay rate (momentum, beta1,
 * beta2) outside [0, 1), is a HyperparameterError naming it; so are Adam's epsilon <= 0 and a
 * step count t that is not an integer >= 0.
 */

/** Throws a HyperparameterError unless lr > 0. */
function checkLr(lr: number): void {
  // BEGIN SOLUTION
  if (!(lr > 0)) throw new HyperparameterError(`the learning rate lr must be > 0, got ${lr}`);
  // END SOLUTION
}

/** Throws a HyperparameterError unless 0 <= value < 1. */
function checkRate(name: string, value: number): void {
  // BEGIN SOLUTION
  if (!(value >= 0 && value < 1)) throw new HyperparameterError(`${name} must be in [0, 1), got ${value}`);
  // END SOLUTION
}

/** Stochastic gradient descent: p ← p − η g for each parameter. */
export function sgdStep(params: tf.Tensor[], grads: tf.Tensor[], config: { lr: number }): tf.Tensor[] {
  // BEGIN SOLUTION
  checkLr(config.lr);
  return tf.tidy(() => params.map((p, i) => p.sub(grads[i]!.mul(config.lr))));
  // END SOLUTION
}

/**
 * SGD with momentum (d2l 12.6): a velocity accumulates the gradients, v ← β v + g, and the
 * parameters move along it, p ← p − η v. Start from velocities of zeros.
 */
export function momentumStep(
  params: tf.Tensor[],
  grads: tf.Tensor[],
  velocities: tf.Tensor[],
  config: { lr: number; momentum: number },
): { params: tf.Tensor[]; velocities: tf.Tensor[] } {
  // BEGIN SOLUTION
  checkLr(config.lr);
  checkRate('momentum', config.momentum);
  return tf.tidy(() => {
    const v = velocities.map((vi, i) => vi.mul(config.momentum).add(grads[i]!));
    return { params: params.map((p, i) => p.sub(v[i]!.mul(config.lr))), velocities: v };
  });
  // END SOLUTION
}

/** Adam's state: first and second moment estimates per parameter, and the number of steps taken. */
export interface AdamState {
  m: tf.Tensor[];
  v: tf.Tensor[];
  t: number;
}

/**
 * Adam (d2l 12.10): with t ← t + 1,
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²,
 *   m̂ = m / (1 − β1^t),     v̂ = v / (1 − β2^t)       (bias correction: m and v start at 0),
 *   p ← p − η m̂ / (√v̂ + ε).
 * Defaults: η = 0.001 (the notes: Adam's usual starting rate), β1 = 0.9, β2 = 0.999, ε = 1e-8.
 * Start from m and v of zeros and t = 0. ε must be > 0 (with ε = 0 a zero gradient gives 0 / 0)
 * and state.t an integer >= 0, or it is a HyperparameterError naming it.
 */
export function adamStep(
  params: tf.Tensor[],
  grads: tf.Tensor[],
  state: AdamState,
  config: { lr?: number; beta1?: number; beta2?: number; epsilon?: number } = {},
): { params: tf.Tensor[]; state: AdamState } {
  // BEGIN SOLUTION
  const { lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = config;
  checkLr(lr);
  checkRate('beta1', beta1);
  checkRate('beta2', beta2);
  if (!(epsilon > 0)) throw new HyperparameterError(`epsilon must be > 0, got ${epsilon}`);
  if (!(Number.isInteger(state.t) && state.t >= 0))
    throw new HyperparameterError(`the step count t must be an integer >= 0, got ${state.t}`);
  const t = state.t + 1;
  return tf.tidy(() => {
    const m = state.m.map((mi, i) => mi.mul(beta1).add(grads[i]!.mul(1 - beta1)));
    const v = state.v.map((vi, i) => vi.mul(beta2).add(grads[i]!.square().mul(1 - beta2)));
    const next = params.map((p, i) => {
      const mHat = m[i]!.div(1 - beta1 ** t);
      const vHat = v[i]!.div(1 - beta2 ** t);
      return p.sub(mHat.div(vHat.sqrt().add(epsilon)).mul(lr));
    });
    return { params: next, state: { m, v, t } };
  });
  // END SOLUTION
}
