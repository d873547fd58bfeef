import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'step-decay-without-floor',
    why: 'decays by gamma^(t / stepSize) at every step instead of dropping once every stepSize steps',
    replace: [
      ['return o.baseLr * o.gamma ** Math.floor(t / o.stepSize);', 'return o.baseLr * o.gamma ** (t / o.stepSize);'],
    ],
  },
  {
    name: 'exponential-one-step-ahead',
    why: 'starts at baseLr · gamma instead of baseLr (gamma^(t + 1))',
    replace: [['return o.baseLr * o.gamma ** t;', 'return o.baseLr * o.gamma ** (t + 1);']],
  },
  {
    name: 'inverse-sqrt-of-t',
    why: 'divides by √t instead of √(t + 1), which is Infinity at t = 0',
    replace: [['return o.baseLr / Math.sqrt(t + 1);', 'return o.baseLr / Math.sqrt(t);']],
  },
  {
    name: 'cosine-without-half',
    why: 'forgets the / 2 of (1 + cos), starting at 2 baseLr − finalLr',
    replace: [
      [
        'return o.finalLr + ((o.baseLr - o.finalLr) * (1 + Math.cos(Math.PI * progress))) / 2;',
        'return o.finalLr + (o.baseLr - o.finalLr) * (1 + Math.cos(Math.PI * progress));',
      ],
    ],
  },
  {
    name: 'cosine-not-held-after-max',
    why: 'keeps following the cosine after maxSteps, so the rate climbs back up',
    replace: [['  if (t > o.maxSteps) return o.finalLr;\n', '']],
  },
  {
    name: 'cosine-upside-down',
    why: 'uses 1 − cos, so the rate climbs from finalLr to baseLr',
    replace: [['(1 + Math.cos(Math.PI * progress))', '(1 - Math.cos(Math.PI * progress))']],
  },
  {
    name: 'warmup-from-zero',
    why: 'ramps up from 0 whatever warmupBeginLr says',
    replace: [
      [
        'if (t < o.warmupSteps) return o.warmupBeginLr + ((o.baseLr - o.warmupBeginLr) * t) / o.warmupSteps;',
        'if (t < o.warmupSteps) return (o.baseLr * t) / o.warmupSteps;',
      ],
    ],
  },
  {
    name: 'cosine-over-all-steps',
    why: 'spreads the cosine over all maxSteps updates instead of those left after warm-up, so it jumps down after warm-up',
    replace: [
      ['const progress = (t - o.warmupSteps) / (o.maxSteps - o.warmupSteps);', 'const progress = t / o.maxSteps;'],
    ],
  },
  {
    name: 'no-gamma-check',
    why: 'accepts gamma > 1, which makes the rate grow',
    replace: [
      [
        '  if (!(gamma > 0 && gamma <= 1))\n    throw new HyperparameterError(`the decay factor gamma must be in (0, 1], got ${gamma}`);\n',
        '',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a bad step or learning rate instead of the course's HyperparameterError",
    replace: [
      ['if (!(t >= 0)) throw new HyperparameterError(', 'if (!(t >= 0)) throw new Error('],
      ['if (!(baseLr >= 0)) throw new HyperparameterError(', 'if (!(baseLr >= 0)) throw new Error('],
    ],
  },
] satisfies Mutant[];
