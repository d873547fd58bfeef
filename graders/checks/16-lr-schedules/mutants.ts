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
    name: 'fractional-t-accepted',
    why: 'checks only t >= 0, so a fractional update count t = 2.5 passes',
    replace: [['if (!(Number.isInteger(t) && t >= 0)) throw', 'if (!(t >= 0)) throw']],
  },
  {
    name: 'base-lr-zero-accepted',
    why: 'accepts baseLr = 0, a schedule that never trains',
    replace: [['if (!(baseLr > 0)) throw', 'if (!(baseLr >= 0)) throw']],
  },
  {
    name: 'gamma-one-rejected',
    why: 'takes (0, 1) for gamma, rejecting gamma = 1 (a constant rate)',
    replace: [['if (!(gamma > 0 && gamma <= 1))', 'if (!(gamma > 0 && gamma < 1))']],
  },
  {
    name: 'gamma-zero-accepted',
    why: 'takes [0, 1] for gamma, so gamma = 0 drops the rate to 0 after one step',
    replace: [['if (!(gamma > 0 && gamma <= 1))', 'if (!(gamma >= 0 && gamma <= 1))']],
  },
  {
    name: 'fractional-step-size',
    why: 'checks stepSize >= 1 but not that it is an integer',
    replace: [['if (!(Number.isInteger(o.stepSize) && o.stepSize >= 1))', 'if (!(o.stepSize >= 1))']],
  },
  {
    name: 'final-lr-above-base-accepted',
    why: 'checks only that finalLr and warmupBeginLr are >= 0, so a final rate above baseLr makes the cosine rise',
    replace: [['if (!(o[name] >= 0 && o[name] <= o.baseLr))', 'if (!(o[name] >= 0))']],
  },
  {
    name: 'final-lr-equal-base-rejected',
    why: 'demands finalLr < baseLr, rejecting a flat schedule finalLr = baseLr',
    replace: [['if (!(o[name] >= 0 && o[name] <= o.baseLr))', 'if (!(o[name] >= 0 && o[name] < o.baseLr))']],
  },
  {
    name: 'negative-warmup-accepted',
    why: 'checks only warmupSteps < maxSteps, so warmupSteps = -1 stretches the cosine over more steps than there are',
    replace: [
      [
        'if (!(steps.every(Number.isInteger) && o.warmupSteps >= 0 && o.maxSteps > o.warmupSteps))',
        'if (!(steps.every(Number.isInteger) && o.maxSteps > o.warmupSteps))',
      ],
    ],
  },
  {
    name: 'fractional-steps-accepted',
    why: 'does not ask warmupSteps and maxSteps to be integers',
    replace: [
      [
        'if (!(steps.every(Number.isInteger) && o.warmupSteps >= 0 && o.maxSteps > o.warmupSteps))',
        'if (!(o.warmupSteps >= 0 && o.maxSteps > o.warmupSteps))',
      ],
    ],
  },
  {
    name: 'warmup-equal-max-accepted',
    why: 'allows warmupSteps = maxSteps, which leaves the cosine no steps (0 / 0 at t = maxSteps)',
    replace: [
      [
        'if (!(steps.every(Number.isInteger) && o.warmupSteps >= 0 && o.maxSteps > o.warmupSteps))',
        'if (!(steps.every(Number.isInteger) && o.warmupSteps >= 0 && o.maxSteps >= o.warmupSteps))',
      ],
    ],
  },
  {
    name: 'cosine-annealing-unchecked',
    why: 'writes cosine annealing out on its own without checking its settings',
    replace: [
      [
        '  return warmupCosine(t, { ...o, warmupSteps: 0, warmupBeginLr: 0 });',
        '  return o.finalLr + ((o.baseLr - o.finalLr) * (1 + Math.cos((Math.PI * Math.min(t, o.maxSteps)) / o.maxSteps))) / 2;',
      ],
    ],
  },
  {
    name: 'exponential-unchecked',
    why: 'forgets the common checks in exponential decay, so t = -1 gives a rate above baseLr',
    replace: [
      [
        '  checkCommon(t, o.baseLr);\n  checkGamma(o.gamma);\n  return o.baseLr * o.gamma ** t;',
        '  checkGamma(o.gamma);\n  return o.baseLr * o.gamma ** t;',
      ],
    ],
  },
  {
    name: 'cosine-fills-in-options',
    why: "adds the warm-up settings to the caller's options object to reuse warmupCosine",
    replace: [
      [
        '  return warmupCosine(t, { ...o, warmupSteps: 0, warmupBeginLr: 0 });',
        '  return warmupCosine(t, Object.assign(o, { warmupSteps: 0, warmupBeginLr: 0 }));',
      ],
    ],
  },
  {
    name: 'plain-error',
    why: "throws a plain Error for a bad step or learning rate instead of the course's HyperparameterError",
    replace: [
      [
        'if (!(Number.isInteger(t) && t >= 0)) throw new HyperparameterError(',
        'if (!(Number.isInteger(t) && t >= 0)) throw new Error(',
      ],
      ['if (!(baseLr > 0)) throw new HyperparameterError(', 'if (!(baseLr > 0)) throw new Error('],
    ],
  },
] satisfies Mutant[];
