import { SingleBar } from 'cli-progress';

/** A progress bar for a training run: `bar.tick({ loss })` after each step, `bar.stop()` at the end. */
export function progressBar(
  total: number,
  label: string,
  fields: string[],
): { tick(values: Record<string, number>): void; stop(): void } {
  const format = `${label} [{bar}] {value}/{total} ${fields.map((f) => `${f} {${f}}`).join(' · ')} · {duration_formatted}`;
  const bar = new SingleBar({ format, hideCursor: true, clearOnComplete: false, etaBuffer: 20 });
  bar.start(total, 0, Object.fromEntries(fields.map((f) => [f, '…'])));
  return {
    tick: (values) =>
      bar.increment(1, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v.toPrecision(4))]))),
    stop: () => bar.stop(),
  };
}
