/**
 * The driver of exercise 16 (graders/registry.ts): evaluates one of the student's schedules at
 * many steps in one call, so a property can look at a whole curve.
 */
import * as student from 'd2l-ts/student';
import type {
  schedules as referenceSchedules,
  ScheduleName,
  ScheduleOptions,
} from '../../../reference/16-lr-schedules';

/** One exported function per schedule, as the reference has them. */
const schedules = student as typeof referenceSchedules;

/** The learning rate of schedule `name` at each of `steps`. */
export function driveSchedule(name: ScheduleName, options: ScheduleOptions, steps: number[]): number[] {
  const f = schedules[name];
  return steps.map((t) => f(t, options));
}
