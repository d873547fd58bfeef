/**
 * The schedules of exercise 16, written differently from the task's formulas: step decay by
 * repeated multiplication, exponential decay through exp and log, the cosine through the
 * identity (1 + cos x) / 2 = cos²(x / 2), and warm-up as d2l's CosineScheduler.__call__.
 */
export interface ScheduleOptions {
  baseLr: number;
  stepSize: number;
  gamma: number;
  finalLr: number;
  maxSteps: number;
  warmupSteps: number;
  warmupBeginLr: number;
}

export const SCHEDULES = ['stepDecay', 'exponentialDecay', 'inverseSqrt', 'cosineAnnealing', 'warmupCosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

function cosine(t: number, o: ScheduleOptions, start: number): number {
  if (t >= o.maxSteps) return o.finalLr;
  return o.finalLr + (o.baseLr - o.finalLr) * Math.cos((Math.PI * (t - start)) / (2 * (o.maxSteps - start))) ** 2;
}

export const schedules: Record<ScheduleName, (t: number, o: ScheduleOptions) => number> = {
  stepDecay: (t, o) => {
    let lr = o.baseLr;
    for (let k = o.stepSize; k <= t; k += o.stepSize) lr *= o.gamma;
    return lr;
  },
  exponentialDecay: (t, o) => o.baseLr * Math.exp(t * Math.log(o.gamma)),
  inverseSqrt: (t, o) => o.baseLr * (t + 1) ** -0.5,
  cosineAnnealing: (t, o) => cosine(t, o, 0),
  warmupCosine: (t, o) =>
    t < o.warmupSteps
      ? o.warmupBeginLr + ((o.baseLr - o.warmupBeginLr) / o.warmupSteps) * t
      : cosine(t, o, o.warmupSteps),
};
