import { HyperparameterError } from 'd2l-ts/reference/errors';

/**
 * Learning-rate schedules (学习率调度): the learning rate for update number t = 0, 1, 2, …
 * Each throws a HyperparameterError, naming the setting, for a step t that is not an integer >= 0
 * or a setting out of range: baseLr <= 0, gamma outside (0, 1], a step size that is not an
 * integer >= 1, finalLr or warmupBeginLr outside [0, baseLr], warmupSteps and maxSteps that are
 * not integers with 0 <= warmupSteps < maxSteps. The options object is only read, never changed.
 */

/** Checks what every schedule needs: a step t that is an integer >= 0 and a base learning rate > 0. */
function checkCommon(t: number, baseLr: number): void {
  // BEGIN SOLUTION
  if (!(Number.isInteger(t) && t >= 0)) throw new HyperparameterError(`the step t must be an integer >= 0, got ${t}`);
  if (!(baseLr > 0)) throw new HyperparameterError(`the learning rate baseLr must be > 0, got ${baseLr}`);
  // END SOLUTION
}

/** Decay factors lie in (0, 1]. */
function checkGamma(gamma: number): void {
  // BEGIN SOLUTION
  if (!(gamma > 0 && gamma <= 1))
    throw new HyperparameterError(`the decay factor gamma must be in (0, 1], got ${gamma}`);
  // END SOLUTION
}

/** Step decay: every stepSize updates the rate is multiplied by gamma, baseLr · gamma^⌊t / stepSize⌋. */
export function stepDecay(t: number, o: { baseLr: number; stepSize: number; gamma: number }): number {
  // BEGIN SOLUTION
  checkCommon(t, o.baseLr);
  checkGamma(o.gamma);
  if (!(Number.isInteger(o.stepSize) && o.stepSize >= 1))
    throw new HyperparameterError(`stepSize must be an integer >= 1, got ${o.stepSize}`);
  return o.baseLr * o.gamma ** Math.floor(t / o.stepSize);
  // END SOLUTION
}

/** Exponential decay: multiplied by gamma at every update, baseLr · gamma^t. */
export function exponentialDecay(t: number, o: { baseLr: number; gamma: number }): number {
  // BEGIN SOLUTION
  checkCommon(t, o.baseLr);
  checkGamma(o.gamma);
  return o.baseLr * o.gamma ** t;
  // END SOLUTION
}

/** Inverse square root (d2l's SquareRootScheduler): baseLr / √(t + 1). */
export function inverseSqrt(t: number, o: { baseLr: number }): number {
  // BEGIN SOLUTION
  checkCommon(t, o.baseLr);
  return o.baseLr / Math.sqrt(t + 1);
  // END SOLUTION
}

/**
 * Cosine annealing (d2l's CosineScheduler without warm-up): from baseLr at t = 0 down to finalLr
 * at t = maxSteps along half a cosine, finalLr + (baseLr − finalLr)(1 + cos(π t / maxSteps)) / 2;
 * finalLr after maxSteps. finalLr must lie in [0, baseLr] and maxSteps be an integer >= 1.
 */
export function cosineAnnealing(t: number, o: { baseLr: number; finalLr: number; maxSteps: number }): number {
  // BEGIN SOLUTION
  return warmupCosine(t, { ...o, warmupSteps: 0, warmupBeginLr: 0 });
  // END SOLUTION
}

/**
 * Linear warm-up, then cosine annealing (d2l's CosineScheduler with warmup_steps): for
 * t < warmupSteps the rate climbs linearly from warmupBeginLr to baseLr,
 * warmupBeginLr + (baseLr − warmupBeginLr) t / warmupSteps; from t = warmupSteps it follows the
 * cosine from baseLr to finalLr over the maxSteps − warmupSteps updates left, and stays at finalLr
 * after maxSteps. warmupBeginLr and finalLr must lie in [0, baseLr], and warmupSteps and maxSteps
 * be integers with 0 <= warmupSteps < maxSteps.
 */
export function warmupCosine(
  t: number,
  o: { baseLr: number; finalLr: number; maxSteps: number; warmupSteps: number; warmupBeginLr: number },
): number {
  // BEGIN SOLUTION
  checkCommon(t, o.baseLr);
  for (const name of ['finalLr', 'warmupBeginLr'] as const) {
    if (!(o[name] >= 0 && o[name] <= o.baseLr))
      throw new HyperparameterError(`${name} must lie in [0, baseLr = ${o.baseLr}], got ${o[name]}`);
  }
  const steps = [o.warmupSteps, o.maxSteps];
  if (!(steps.every(Number.isInteger) && o.warmupSteps >= 0 && o.maxSteps > o.warmupSteps)) {
    throw new HyperparameterError(
      `need integers 0 <= warmupSteps < maxSteps, got warmupSteps = ${o.warmupSteps}, maxSteps = ${o.maxSteps}`,
    );
  }
  if (t < o.warmupSteps) return o.warmupBeginLr + ((o.baseLr - o.warmupBeginLr) * t) / o.warmupSteps;
  if (t > o.maxSteps) return o.finalLr;
  const progress = (t - o.warmupSteps) / (o.maxSteps - o.warmupSteps);
  return o.finalLr + ((o.baseLr - o.finalLr) * (1 + Math.cos(Math.PI * progress))) / 2;
  // END SOLUTION
}
