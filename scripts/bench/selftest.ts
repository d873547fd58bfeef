import { spawnSync } from 'node:child_process';
import { root } from './common';

/** The whole self-test, once (what CI runs). */
export async function selftest(): Promise<void> {
  const t = performance.now();
  const r = spawnSync('npm', ['run', 'selftest'], { cwd: root, stdio: 'ignore' });
  console.log(`${'npm run selftest'.padEnd(52)} ${((performance.now() - t) / 1000).toFixed(1)} s (exit ${r.status})`);
}
