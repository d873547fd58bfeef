import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..', '..');

export interface BenchOptions {
  runs: number;
  exercise: string;
  /** OpenBLAS threads of the PyTorch peers (--blas-threads). */
  blasThreads: number;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One line of figures: median, min and max of wall seconds. */
export function row(name: string, xs: number[], unit = 's'): void {
  console.log(
    `${name.padEnd(52)} median ${median(xs).toFixed(2)} ${unit}   min ${Math.min(...xs).toFixed(2)}   max ${Math.max(...xs).toFixed(2)}   (n=${xs.length})`,
  );
}

/** The machine's load: the 1-minute load average against its cores (timings on a shared machine are noisy). */
export function load(): string {
  const [one, five] = loadavg();
  return `load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) on ${cpus().length} cores`;
}
