import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { root } from '../bin/project.mjs';

/** Debian's chromium (apt-get install chromium); .ci/run installs it. Without it the test is skipped with one line. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe.skipIf(!existsSync(CHROMIUM))(`the progress page in a real browser (skipped: no ${CHROMIUM})`, () => {
  test('renders without console errors, with the CLI numbers, the checkpoints and the latest training picture', async () => {
    // A learner: chapter 1's exercise 01 passing, 05 failing, the rest missing; and a picture of 10.
    const dir = mkdtempSync(join(tmpdir(), 'd2l-page-'));
    cpSync(join(root, 'solutions', '01-synthetic-data'), join(dir, '01-synthetic-data'), { recursive: true });
    mkdirSync(join(dir, '05-softmax'));
    cpSync(join(root, 'fixtures', 'student-errors', 'throws.ts'), join(dir, '05-softmax', 'softmax.ts'));
    const name = dir.split('/').at(-1)!;
    const pictures = join(root, 'out', '10-mlp-train');
    mkdirSync(pictures, { recursive: true });
    const picture = join(pictures, `2099-01-01T00-00-00-000Z-${name}.svg`);
    writeFileSync(
      picture,
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="teal"/></svg>',
    );
    const page = join(dir, 'page.html');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'd2l.mjs'), 'progress', '--impl', dir, '--html', page], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, D2L_LANG: 'en' },
    });
    expect(r.status, r.stderr).toBe(0);
    const cli = r.stdout;
    expect(cli).toContain('progress page: ');
    const chapterOne = /Chapter 1 · Linear networks .* {2}(\d+)\/(\d+)/.exec(cli)!;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // playwright gives the browser a new, empty profile of its own (its --user-data-dir).
      args: FLAGS,
    });
    try {
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      tab.on('pageerror', (e) => problems.push(e.message));
      tab.on('requestfailed', (q) => problems.push(`failed: ${q.url()}`));
      await tab.goto(pathToFileURL(page).href);
      expect(await tab.title()).toBe('d2l-ts progress');
      const one = tab.locator('section[data-chapter="1"]');
      expect(await one.getAttribute('data-passing')).toBe(chapterOne[1]);
      expect(await one.getAttribute('data-size')).toBe(chapterOne[2]);
      expect(await one.locator('.badge').textContent()).toBe(`${chapterOne[1]}/${chapterOne[2]}`);
      expect(await tab.locator('tr[data-exercise="01-synthetic-data"]').getAttribute('data-status')).toBe('passing');
      expect(await tab.locator('tr[data-exercise="05-softmax"] td').nth(1).textContent()).toBe(
        /05-softmax\s+(✗ failing \(\d+ of \d+ checks\))/.exec(cli)![1],
      );
      expect(await tab.locator('tr[data-exercise="02-linear-closed-form"]').getAttribute('data-status')).toBe(
        'missing',
      );
      const next = /next: (\S+) · (.*?) {2}\(task/.exec(cli)!;
      expect(await tab.locator('#next').textContent()).toBe(`next: ${next[1]} · ${next[2]}`);
      expect(await tab.locator('section[data-chapter="9"] .badge').textContent()).toBe('0/9');
      // What the self-test proved of each exercise's checks (docs/honesty.json), under its title.
      expect(await tab.locator('tr[data-exercise="33-gru"] .strength').textContent()).toMatch(
        /^\d+ checks · \d+ known wrong answers, all rejected$/,
      );
      // The picture is inlined, decoded and drawn by the browser.
      const img = tab.locator('tr[data-exercise="10-mlp-train"] img.picture');
      expect(
        await img.evaluate((i) => {
          const image = i as unknown as { complete: boolean; naturalWidth: number };
          return image.complete && image.naturalWidth;
        }),
      ).toBe(40);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      rmSync(picture, { force: true });
    }
  });
});
