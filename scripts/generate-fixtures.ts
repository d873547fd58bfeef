/**
 * Writes every generated fixture from its committed generator, or with --check proves the
 * committed files are what the generators make (the self-test runs the check).
 *   npx tsx scripts/generate-fixtures.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate as gaussianClasses } from '../fixtures/data/gaussian-classes';

const root = join(import.meta.dirname, '..');

/** Each fixture file and the text its generator makes. */
export function fixtures(): Record<string, () => string> {
  return {
    'fixtures/data/gaussian-classes.json': () => `${JSON.stringify(gaussianClasses())}\n`,
  };
}

if (process.argv[1] === import.meta.filename) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, make] of Object.entries(fixtures())) {
    const text = make();
    const path = join(root, file);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing: written below, or reported as stale
    }
    if (current === text) continue;
    stale++;
    if (check) console.log(`stale: ${file}`);
    else {
      writeFileSync(path, text);
      console.log(`wrote ${file}`);
    }
  }
  if (check && stale > 0) process.exitCode = 1;
  else if (stale === 0) console.log('every fixture is what its generator makes');
}
