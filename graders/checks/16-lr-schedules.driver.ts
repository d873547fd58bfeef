/**
 * The driver of exercise 16 (see Exercise.driver): evaluates one of the student's schedules at
 * many steps in one call, so a property can look at a whole curve.
 */
import * as student from 'd2l-ts/student';
import type { ScheduleName, ScheduleOptions } from '../../reference/16-lr-schedules';
import type * as Solution from '../../solutions/16-lr-schedules/schedules';

const schedules = student as typeof Solution;

/** The learning rate of schedule `name` at each of `steps`. */
export function driveSchedule(name: ScheduleName, options: ScheduleOptions, steps: number[]): number[] {
  const f = schedules[name] as (t: number, o: ScheduleOptions) => number;
  return steps.map((t) => f(t, options));
}
