import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../bin/project.mjs';
import { hintsFile, parseHints } from '../graders/cli/hints';
import { languageOf } from '../graders/cli/language';
import { misconceptionsFile, parseMisconceptions, sourcesHash } from '../graders/cli/misconceptions';
import { namesFile } from '../graders/cli/translations';
import { availableIds, loadExercise, loadMutants } from '../graders/registry';

/** Every exercise has a Chinese task text, hints and Chinese check names (issue 17). */
const ZH_REQUIRED: readonly string[] = availableIds;

/** The functions a task text names: `name(` in inline code. */
const functionsNamed = (text: string) =>
  [...new Set([...text.matchAll(/`([A-Za-z_$][\w$]*)\(/g)].map((m) => m[1]!))].sort();

test('the language: D2L_LANG first, then a zh locale, else English', () => {
  expect(languageOf({})).toBe('en');
  expect(languageOf({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
  expect(languageOf({ LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
  expect(languageOf({ D2L_LANG: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
  expect(languageOf({ D2L_LANG: 'zh' })).toBe('zh');
});

describe.each(availableIds)('%s: translations, hints and known mistakes stay in step with the checks', (id) => {
  const readme = join(root, 'solutions', id, 'README.md');
  const zh = join(root, 'solutions', id, 'README.zh.md');

  test.runIf(existsSync(zh) || ZH_REQUIRED.includes(id))('README.zh.md names the same functions as README.md', () => {
    expect(existsSync(zh), `${id} needs solutions/${id}/README.zh.md`).toBe(true);
    expect(functionsNamed(readFileSync(zh, 'utf8'))).toEqual(functionsNamed(readFileSync(readme, 'utf8')));
  });

  test('every translated check name is a check of the exercise', async () => {
    expect(existsSync(namesFile(id, 'zh')), `${id} needs ${namesFile(id, 'zh')}`).toBe(
      ZH_REQUIRED.includes(id) || existsSync(namesFile(id, 'zh')),
    );
    if (!existsSync(namesFile(id, 'zh'))) return;
    const names = (await loadExercise(id)).checks.map((c) => c.name);
    const translated = Object.keys(JSON.parse(readFileSync(namesFile(id, 'zh'), 'utf8')) as Record<string, string>);
    expect(translated.filter((n) => !names.includes(n))).toEqual([]);
  });

  test('its hints are two or three numbered sections, in each language', () => {
    expect(existsSync(hintsFile(id, 'en')), `${id} needs ${hintsFile(id, 'en')}`).toBe(true);
    for (const l of ['en', 'zh'] as const) {
      const file = hintsFile(id, l);
      if (!existsSync(file)) continue;
      const hints = parseHints(readFileSync(file, 'utf8'), file);
      expect(hints.length).toBeGreaterThanOrEqual(2);
      expect(hints.length).toBeLessThanOrEqual(3);
      expect(hints.every((h) => h.length > 0)).toBe(true);
    }
  });

  test.runIf(existsSync(misconceptionsFile(id)))(
    'misconceptions.json is current: made from these checks and mutants, naming each mutant and real checks',
    async () => {
      const e = await loadExercise(id);
      const known = parseMisconceptions(readFileSync(misconceptionsFile(id), 'utf8'), misconceptionsFile(id));
      expect(known.sources, `stale: run npm run misconceptions -- ${id}`).toBe(sourcesHash(e));
      expect(known.mutants.map((m) => m.name)).toEqual((await loadMutants(id)).map((m) => m.name));
      const names = e.checks.map((c) => c.name);
      expect(known.mutants.flatMap((m) => m.rejectedBy).filter((n) => !names.includes(n))).toEqual([]);
    },
  );
});

test('hints files are parsed strictly: sections must be numbered from 1', () => {
  expect(parseHints('# x\n\n## Hint 1\na\n\n## Hint 2\nb\n', 'f')).toEqual(['a', 'b']);
  expect(() => parseHints('## Hint 1\na\n## Hint 3\nb\n', 'f.md')).toThrow(
    'f.md: section 2 must be headed "## Hint 2", not "## Hint 3"',
  );
});
