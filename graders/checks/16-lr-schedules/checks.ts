import * as fc from 'fast-check';
import {
  SCHEDULES,
  schedules as ref,
  type ScheduleName,
  type ScheduleOptions,
} from '../../../reference/16-lr-schedules';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { expectNumberClose, type Tolerance } from '../../lib/compare';
import { ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';
import { formatNumber } from '../../lib/tensor-data';
import type { driveSchedule } from './driver';

/** Every schedule's settings, drawn together; each schedule reads the ones it needs. */
const options: fc.Arbitrary<ScheduleOptions> = fc
  .record({
    baseLr: fc.double({ min: 1e-3, max: 1, noNaN: true }),
    finalShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    beginShare: fc.double({ min: 0, max: 0.5, noNaN: true }),
    stepSize: fc.integer({ min: 1, max: 10 }),
    gamma: fc.double({ min: 0.1, max: 0.99, noNaN: true }),
    warmupSteps: fc.integer({ min: 1, max: 20 }),
    cosineSteps: fc.integer({ min: 1, max: 60 }),
  })
  .map((o) => ({
    baseLr: o.baseLr,
    stepSize: o.stepSize,
    gamma: o.gamma,
    finalLr: o.finalShare * o.baseLr,
    warmupBeginLr: o.beginShare * o.baseLr,
    warmupSteps: o.warmupSteps,
    maxSteps: o.warmupSteps + o.cosineSteps,
  }));

/** What each schedule is given: only its own settings, so a forgotten one shows. */
const own: Record<ScheduleName, (keyof ScheduleOptions)[]> = {
  stepDecay: ['baseLr', 'stepSize', 'gamma'],
  exponentialDecay: ['baseLr', 'gamma'],
  inverseSqrt: ['baseLr'],
  cosineAnnealing: ['baseLr', 'finalLr', 'maxSteps'],
  warmupCosine: ['baseLr', 'finalLr', 'maxSteps', 'warmupSteps', 'warmupBeginLr'],
};
const settings = (name: ScheduleName, o: ScheduleOptions) =>
  Object.fromEntries(own[name].map((k) => [k, o[k]])) as unknown as ScheduleOptions;
const describe = (name: ScheduleName, o: ScheduleOptions) =>
  `${name}(t, { ${own[name].map((k) => `${k}: ${formatNumber(o[k])}`).join(', ')} })`;

/** The schedule's learning rate at each step, evaluated in the student's process. */
async function curve(s: Subject, name: ScheduleName, o: ScheduleOptions, steps: number[]): Promise<number[]> {
  const out = (await s.call('driveSchedule', name, settings(name, o), steps)) as ReturnType<typeof driveSchedule>;
  ensure(Array.isArray(out) && out.every((v) => typeof v === 'number'), `${name} should return a number`);
  const bad = out.findIndex((v) => !Number.isFinite(v));
  ensure(bad < 0, `${describe(name, o)} is ${formatNumber(out[bad]!)} at t = ${steps[bad]}`);
  return out;
}

/** Steps 0 … maxSteps + 20: the whole of every schedule, and beyond its end. */
const allSteps = (o: ScheduleOptions) => Array.from({ length: o.maxSteps + 21 }, (_, t) => t);

/** Plain float64 arithmetic on both sides; the reference takes other routes (exp/log, cos²). */
const SAME: Tolerance = { atol: 1e-12, rtol: 1e-9 };

export default defineExercise({
  id: '16-lr-schedules',
  title: 'Learning-rate schedules',
  file: 'schedules.ts',
  tensors: false,
  checks: [
    example(
      "worked values, among them d2l's CosineScheduler(20, base 0.3, final 0.01) with and without 5 warm-up steps",
      async (s) => {
        const o: ScheduleOptions = {
          baseLr: 0.3,
          finalLr: 0.01,
          maxSteps: 20,
          warmupSteps: 5,
          warmupBeginLr: 0,
          stepSize: 10,
          gamma: 0.5,
        };
        const cases: [ScheduleName, number[], number[]][] = [
          ['stepDecay', [0, 9, 10, 25], [0.3, 0.3, 0.15, 0.075]],
          ['exponentialDecay', [0, 1, 3], [0.3, 0.15, 0.0375]],
          ['inverseSqrt', [0, 3, 8], [0.3, 0.15, 0.1]],
          ['cosineAnnealing', [0, 10, 20, 30], [0.3, 0.155, 0.01, 0.01]],
          ['warmupCosine', [0, 2, 5, 20, 30], [0, 0.12, 0.3, 0.01, 0.01]],
        ];
        for (const [name, steps, expected] of cases) {
          const got = await curve(s, name, o, steps);
          steps.forEach((t, i) => expectNumberClose(got[i], expected[i]!, `${describe(name, o)} at t = ${t}`, SAME));
        }
      },
    ),
    property(
      'endpoints: every schedule starts at baseLr (warm-up at warmupBeginLr, reaching baseLr at t = warmupSteps); cosine ends at finalLr at t = maxSteps',
      options,
      async (s, o) => {
        for (const name of SCHEDULES) {
          const [start] = await curve(s, name, o, [0]);
          expectNumberClose(
            start,
            name === 'warmupCosine' ? o.warmupBeginLr : o.baseLr,
            `${describe(name, o)} at t = 0`,
            SAME,
          );
        }
        expectNumberClose(
          (await curve(s, 'warmupCosine', o, [o.warmupSteps]))[0],
          o.baseLr,
          `${describe('warmupCosine', o)} at t = warmupSteps`,
          SAME,
        );
        for (const name of ['cosineAnnealing', 'warmupCosine'] as const) {
          expectNumberClose(
            (await curve(s, name, o, [o.maxSteps]))[0],
            o.finalLr,
            `${describe(name, o)} at t = maxSteps`,
            SAME,
          );
        }
      },
    ),
    property(
      'monotonicity: the decays never rise; warm-up rises, then the cosine never rises, past maxSteps too',
      options,
      async (s, o) => {
        const steps = allSteps(o);
        for (const name of SCHEDULES) {
          const lr = await curve(s, name, o, steps);
          const rising = (t: number) => (name === 'warmupCosine' && t < o.warmupSteps ? -1 : 1);
          const bad = steps.findIndex((t) => t > 0 && rising(t - 1) * (lr[t]! - lr[t - 1]!) > 1e-12 * o.baseLr);
          ensure(
            bad < 0,
            `${describe(name, o)} goes from ${formatNumber(lr[bad - 1]!)} at t = ${bad - 1} to ${formatNumber(lr[bad]!)} at t = ${bad}: it should ${rising(bad - 1) > 0 ? 'not rise' : 'rise during warm-up'}`,
          );
        }
      },
    ),
    property(
      'bounds: every rate lies in [0, baseLr]; cosine annealing never goes below finalLr, warm-up + cosine never below the smaller of finalLr and warmupBeginLr',
      options,
      async (s, o) => {
        const steps = allSteps(o);
        for (const name of SCHEDULES) {
          const lr = await curve(s, name, o, steps);
          const low =
            name === 'cosineAnnealing' ? o.finalLr : name === 'warmupCosine' ? Math.min(o.finalLr, o.warmupBeginLr) : 0;
          const bad = lr.findIndex((v) => v > o.baseLr * (1 + 1e-12) || v < low * (1 - 1e-12));
          ensure(
            bad < 0,
            `${describe(name, o)} is ${formatNumber(lr[bad]!)} at t = ${bad}, outside [${formatNumber(low)}, ${formatNumber(o.baseLr)}]`,
          );
        }
      },
    ),
    reference('every schedule matches the reference at every step, past maxSteps too', options, async (s, o) => {
      const steps = allSteps(o);
      for (const name of SCHEDULES) {
        const lr = await curve(s, name, o, steps);
        steps.forEach((t) => expectNumberClose(lr[t], ref[name](t, o), `${describe(name, o)} at t = ${t}`, SAME));
      }
    }),
    // The ends of every range, which the random settings never reach: each is allowed.
    example(
      'the edges of every range are accepted: γ = 1, stepSize = 1, finalLr = 0 and = baseLr, warmupBeginLr = baseLr, warmupSteps = 0 and = maxSteps − 1, maxSteps = 1',
      async (s) => {
        const base: ScheduleOptions = {
          baseLr: 0.2,
          stepSize: 3,
          gamma: 0.5,
          finalLr: 0.02,
          maxSteps: 6,
          warmupSteps: 2,
          warmupBeginLr: 0.05,
        };
        const cases: [ScheduleName, Partial<ScheduleOptions>][] = [
          ['stepDecay', { gamma: 1 }],
          ['exponentialDecay', { gamma: 1 }],
          ['stepDecay', { stepSize: 1 }],
          ['cosineAnnealing', { finalLr: 0 }],
          ['cosineAnnealing', { finalLr: 0.2 }],
          ['cosineAnnealing', { maxSteps: 1 }],
          ['warmupCosine', { finalLr: 0 }],
          ['warmupCosine', { finalLr: 0.2 }],
          ['warmupCosine', { warmupBeginLr: 0.2 }],
          ['warmupCosine', { warmupSteps: 0 }],
          ['warmupCosine', { warmupSteps: 5 }],
        ];
        for (const [name, change] of cases) {
          const o = { ...base, ...change };
          const steps = allSteps(o).slice(0, o.maxSteps + 3);
          const lr = await curve(s, name, o, steps);
          steps.forEach((t) => expectNumberClose(lr[t], ref[name](t, o), `${describe(name, o)} at t = ${t}`, SAME));
        }
      },
    ),
    // Each setting just past the edge of its range, in every schedule that takes it.
    rejects(
      'a step t or a setting just outside its range gives a HyperparameterError naming it, in every schedule: t = -1 or 2.5, baseLr = 0, γ = 0 or 1.0001, stepSize = 0 or 2.5, finalLr or warmupBeginLr outside [0, baseLr], warmupSteps = -1, 1.5 or maxSteps, maxSteps = 0 or 2.5',
      async (s) => {
        const good: ScheduleOptions = {
          baseLr: 0.1,
          stepSize: 2,
          gamma: 0.5,
          finalLr: 0.01,
          maxSteps: 5,
          warmupSteps: 2,
          warmupBeginLr: 0,
        };
        const cases: [ScheduleName[], number, Partial<ScheduleOptions>, RegExp, string][] = [
          [[...SCHEDULES], -1, {}, /\bt\b|step/, 't = -1'],
          [[...SCHEDULES], 2.5, {}, /\bt\b|step/, 't = 2.5'],
          [[...SCHEDULES], 0, { baseLr: 0 }, /baseLr|learning rate/, 'baseLr = 0'],
          [[...SCHEDULES], 0, { baseLr: -0.1 }, /baseLr|learning rate/, 'baseLr = -0.1'],
          [['stepDecay', 'exponentialDecay'], 0, { gamma: 0 }, /gamma|γ/, 'gamma = 0'],
          [['stepDecay', 'exponentialDecay'], 0, { gamma: 1.0001 }, /gamma|γ/, 'gamma = 1.0001'],
          [['stepDecay'], 0, { stepSize: 0 }, /stepSize|step size/, 'stepSize = 0'],
          [['stepDecay'], 0, { stepSize: 2.5 }, /stepSize|step size/, 'stepSize = 2.5'],
          [['cosineAnnealing', 'warmupCosine'], 0, { finalLr: -0.001 }, /finalLr/, 'finalLr = -0.001'],
          [['cosineAnnealing', 'warmupCosine'], 0, { finalLr: 0.11 }, /finalLr/, 'finalLr = 0.11 > baseLr = 0.1'],
          [['warmupCosine'], 0, { warmupBeginLr: -0.001 }, /warmupBeginLr/, 'warmupBeginLr = -0.001'],
          [['warmupCosine'], 0, { warmupBeginLr: 0.11 }, /warmupBeginLr/, 'warmupBeginLr = 0.11 > baseLr = 0.1'],
          [['warmupCosine'], 0, { warmupSteps: -1 }, /warmupSteps/, 'warmupSteps = -1'],
          [['warmupCosine'], 0, { warmupSteps: 1.5 }, /warmupSteps/, 'warmupSteps = 1.5'],
          [['warmupCosine'], 0, { warmupSteps: 5 }, /maxSteps|warmupSteps/, 'warmupSteps = maxSteps = 5'],
          [['cosineAnnealing', 'warmupCosine'], 0, { maxSteps: 2.5, warmupSteps: 0 }, /maxSteps/, 'maxSteps = 2.5'],
          [['cosineAnnealing'], 0, { maxSteps: 0 }, /maxSteps/, 'maxSteps = 0'],
        ];
        for (const [names, t, change, pattern, why] of cases)
          for (const name of names)
            await s.rejects(
              name,
              [t, settings(name, { ...good, ...change })],
              pattern,
              `when ${why}`,
              'HyperparameterError',
            );
      },
    ),
  ],
});
