/**
 * Sweeps exercises' honesty suites over seeds: at each seed the solution must pass every check,
 * every mutant must be rejected, no check may be vacuous and a trivial answer must score 0. The
 * seeds at which all of that held are kept in fixtures/seed-sweeps.json with the hash of the
 * sources they were run on, for the honesty table. A seed at which something failed is printed.
 *   npx tsx scripts/sweep.ts [exercises or chapters...] [--seeds 1-8]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, root } from '../bin/project.mjs';
import { resolveTargets } from '../graders/cli/targets';
import { availableIds } from '../graders/registry';
import { sourceHash } from '../selftest/honesty-record';
import { readSweeps, SWEEPS } from './sweep-record';

const { values, positionals } = parseArgs({
  options: { seeds: { type: 'string', default: '1-8' } },
  allowPositionals: true,
});
const targets = positionals.length
  ? resolveTargets(positionals, new Set(availableIds))
  : { ok: true as const, ids: [...availableIds] };
if (!targets.ok) {
  console.error(targets.error);
  process.exit(2);
}
const [from, to] = values.seeds.split('-').map(Number) as [number, number?];
const seeds = Array.from({ length: (to ?? from) - from + 1 }, (_, i) => from + i);

interface JsonReport {
  testResults: { assertionResults: { ancestorTitles: string[]; status: string; title: string }[] }[];
}

const passedAt = new Map<string, number[]>(targets.ids.map((id) => [id, [DEFAULT_SEED]]));
const out = mkdtempSync(join(tmpdir(), 'd2l-sweep-'));
for (const seed of seeds) {
  const file = join(out, `seed-${seed}.json`);
  const pattern = `^(${targets.ids.join('|')}) `;
  spawnSync(
    join(root, 'node_modules', '.bin', 'vitest'),
    ['run', '--project', 'honesty', '-t', pattern, '--reporter=json', `--outputFile=${file}`],
    {
      cwd: root,
      env: { ...process.env, D2L_SEED: String(seed) },
      stdio: 'ignore',
    },
  );
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const results = report.testResults.flatMap((f) => f.assertionResults);
  for (const id of targets.ids) {
    const mine = results.filter((r) => r.ancestorTitles.includes(id));
    const failed = mine.filter((r) => r.status !== 'passed' && r.status !== 'skipped');
    if (mine.length > 0 && failed.length === 0) passedAt.get(id)!.push(seed);
    else
      console.log(
        `seed ${seed}: ${id} ${mine.length === 0 ? 'did not run' : `failed: ${failed.map((r) => r.title).join('; ')}`}`,
      );
  }
  console.log(`seed ${seed}: done`);
}
const sweeps = readSweeps();
for (const id of targets.ids)
  sweeps[id] = { sourceHash: sourceHash(id), seeds: passedAt.get(id)!.sort((a, b) => a - b) };
writeFileSync(SWEEPS, `${JSON.stringify(Object.fromEntries(Object.entries(sweeps).sort()), null, 1)}\n`);
console.log(`wrote ${SWEEPS}`);
