import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { honestyEntries, renderJson, renderMarkdown, TABLE_JSON, TABLE_MD } from '../scripts/honesty-table';

/**
 * Runs after the honesty suite (its own vitest project, a later group): the committed honesty
 * table must be what this run of the suite proved about every exercise's current sources.
 */
test('docs/honesty.md and docs/honesty.json are what the honesty suite proved', () => {
  const { entries, missing } = honestyEntries();
  expect(missing, 'exercises whose honesty suite did not pass on their current sources in this run').toEqual([]);
  const stale = 'the honesty table is stale: run `npx tsx scripts/honesty-table.ts --write` and commit docs/honesty.*';
  expect(readFileSync(TABLE_MD, 'utf8'), stale).toBe(renderMarkdown(entries));
  expect(readFileSync(TABLE_JSON, 'utf8'), stale).toBe(renderJson(entries));
});
