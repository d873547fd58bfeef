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
  throw new Error('Not implemented: checkCommon (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}

/** Decay factors lie in (0, 1]. */
function checkGamma(gamma: number): void {
  throw new Error('Not implemented: checkGamma (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}

/** Step decay: every stepSize updates the rate is multiplied by gamma, baseLr · gamma^⌊t / stepSize⌋. */
export function stepDecay(t: number, o: { baseLr: number; stepSize: number; gamma: number }): number {
  throw new Error('Not implemented: stepDecay (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}

/** Exponential decay: multiplied by gamma at every update, baseLr · gamma^t. */
export function exponentialDecay(t: number, o: { baseLr: number; gamma: number }): number {
  throw new Error('Not implemented: exponentialDecay (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}

/** Inverse square root (d2l's SquareRootScheduler): baseLr / √(t + 1). */
export function inverseSqrt(t: number, o: { baseLr: number }): number {
  throw new Error('Not implemented: inverseSqrt (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}

/**
 * Cosine annealing (d2l's CosineScheduler without warm-up): from baseLr at t = 0 down to finalLr
 * at t = maxSteps along half a cosine, finalLr + (baseLr − finalLr)(1 + cos(π t / maxSteps)) / 2;
 * finalLr after maxSteps. finalLr must lie in [0, baseLr] and maxSteps be an integer >= 1.
 */
export function cosineAnnealing(t: number, o: { baseLr: number; finalLr: number; maxSteps: number }): number {
  throw new Error('Not implemented: cosineAnnealing (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
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
  throw new Error('Not implemented: warmupCosine (16-lr-schedules). The task is in exercises/16-lr-schedules/README.md');
}
