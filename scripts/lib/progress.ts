import { SingleBar } from 'cli-progress';

/** Seconds as the user reads them: 42 s, 3 min 5 s, 1 h 02 min. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${Math.max(seconds, 0).toPrecision(2)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Seconds one call of `f` takes: the faster of `times` calls (the first also warms up: the
 * backend's kernels, wasm's packed weights), so the estimate is of the steady pace.
 */
export function timeOnce(f: () => void, times = 3): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

/**
 * Prints, before a long run starts, how long it should take: each part is `count` units of
 * `seconds` each, timed on a first unit (timeOnce). A script that runs minutes says so at once.
 */
export function expectDuration(parts: { name: string; seconds: number; count: number }[], unit: string): number {
  const total = parts.reduce((s, p) => s + p.seconds * p.count, 0);
  const each = parts.map((p) => `${p.name} ${duration(p.seconds)} × ${p.count}`).join(', ');
  console.log(`expected duration: about ${duration(total)} (a first ${unit} timed: ${each})`);
  return total;
}

/**
 * A progress bar for a training run: `bar.tick({ loss })` after each epoch, `bar.stop()` at the end.
 * On a terminal, a bar redrawn in place; otherwise (a log file, a pipe, CI) one line per tick,
 * with the time so far and the time left, so that a long run is never silent.
 */
export function progressBar(
  total: number,
  label: string,
  fields: string[],
): { tick(values: Record<string, number>): void; stop(): void } {
  const shown = (values: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v.toPrecision(4))]));
  if (!process.stdout.isTTY) {
    const start = performance.now();
    let done = 0;
    return {
      tick: (values) => {
        done++;
        const elapsed = (performance.now() - start) / 1000;
        const v = shown(values);
        console.log(
          `${label} ${done}/${total} ${fields.map((f) => `${f} ${v[f] ?? '…'}`).join(' · ')} · ${duration(elapsed)}${done < total ? `, about ${duration((elapsed / done) * (total - done))} left` : ''}`,
        );
      },
      stop: () => {},
    };
  }
  const format = `${label} [{bar}] {value}/{total} ${fields.map((f) => `${f} {${f}}`).join(' · ')} · {duration_formatted}, {eta_formatted} left`;
  const bar = new SingleBar({ format, hideCursor: true, clearOnComplete: false, etaBuffer: 20 });
  bar.start(total, 0, Object.fromEntries(fields.map((f) => [f, '…'])));
  return {
    tick: (values) => bar.increment(1, shown(values)),
    stop: () => bar.stop(),
  };
}
