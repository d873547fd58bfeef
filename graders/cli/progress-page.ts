import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { lang, m } from './messages';
import { strengthOf } from '../lib/strength';
import { implName, latestPicture } from './pictures';
import type { ChapterStatus, Status } from './progress-model';

/** Everything on the page comes from files a learner wrote or names they chose: escaped. */
const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
h1 { margin-bottom: .2rem; } .dim { color: #666; }
section.chapter { border: 1px solid #ddd; border-radius: 8px; padding: .6rem 1rem; margin: 1rem 0; }
section.chapter.done { border-color: #2e7d32; background: #f3faf3; }
section.chapter h2 { font-size: 1.1rem; margin: .2rem 0; display: flex; justify-content: space-between; }
.badge { font-size: .85rem; padding: .1rem .5rem; border-radius: 1rem; background: #eee; }
.done .badge { background: #2e7d32; color: white; }
table { border-collapse: collapse; width: 100%; } td { padding: .2rem .4rem; border-top: 1px solid #eee; vertical-align: top; }
.passing { color: #1b5e20; } .failing, .missing { color: #b3261e; } .changed, .unverified { color: #8a6d00; } .not-started { color: #777; }
img.picture { max-width: 100%; margin: .3rem 0; border: 1px solid #eee; }`;

const LABEL: Record<Status, keyof typeof m> = {
  passing: 'statusPassing',
  failing: 'statusFailing',
  'not started': 'statusNotStarted',
  missing: 'statusMissing',
  changed: 'statusChanged',
  unverified: 'statusUnverified',
};

function picture(id: string, impl: string): string {
  const file = latestPicture(id, impl);
  if (!file) return '';
  // Inlined as a data URL: the page is one file, and the SVG's ids cannot clash with the page's.
  const data = readFileSync(file).toString('base64');
  return `<br><img class="picture" alt="${esc(`training curves of ${id}`)}" src="data:image/svg+xml;base64,${data}"><br><span class="dim">${esc(basename(file))}</span>`;
}

/** The progress page as one self-contained HTML file: no script, no external resource. */
export function progressPage(
  model: ChapterStatus[],
  o: { dir: string; impl: string; next?: { id: string; title: string }; now?: Date },
): string {
  const available = model.flatMap((c) => c.exercises);
  const passing = available.filter((e) => e.status === 'passing').length;
  const chapters = model.map((c) => {
    const count = c.exercises.length === 0 ? m.coming : `${c.passing}/${c.size}`;
    const rows = c.exercises
      .map((e) => {
        const r = e.record;
        const status = String(m[LABEL[e.status]]);
        const checks = e.status === 'failing' && r ? ` ${m.checksOf(r.passedChecks, r.totalChecks)}` : '';
        const last = r ? `<time datetime="${esc(r.at)}">${esc(r.at.replace('T', ' ').slice(0, 16))}</time>` : '';
        const st = strengthOf(e.id);
        const strength = st
          ? `<br><span class="dim strength">${esc(m.strengthShort(st.checks, st.mutants, st.allRejected))}</span>`
          : '';
        return `<tr data-exercise="${esc(e.id)}" data-status="${esc(e.status)}"><td><b>${esc(e.id)}</b><br><span class="dim">${esc(e.title)}</span>${strength}${picture(e.id, o.impl)}</td>
<td class="${e.status.replace(' ', '-')}">${esc(status + checks)}</td><td class="dim">${last}</td></tr>`;
      })
      .join('\n');
    return `<section class="chapter${c.checkpoint ? ' done' : ''}" data-chapter="${c.number}" data-passing="${c.passing}" data-size="${c.size}">
<h2><span>${esc(m.chapter(c.number, c.title))} <span class="dim">${esc(c.notes)}</span></span><span class="badge">${esc(count)}${c.checkpoint ? ` · ${esc(m.checkpointReached)}` : ''}</span></h2>
${rows ? `<table>${rows}</table>` : ''}</section>`;
  });
  const next = o.next ? `${m.next}: <b>${esc(o.next.id)}</b> · ${esc(o.next.title)}` : esc(m.courseComplete);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>d2l-ts progress</title><style>${STYLE}</style></head><body>
<h1>d2l-ts</h1>
<p class="dim">${esc(m.progressOf(o.dir))} · ${esc((o.now ?? new Date()).toISOString().replace('T', ' ').slice(0, 16))}</p>
<p id="summary" data-passing="${passing}" data-available="${available.length}"><b>${passing}</b> / ${available.length} ✓ · <span id="next">${next}</span></p>
${chapters.join('\n')}
</body></html>
`;
}

/** Writes the page (default out/progress-<implementation>.html) and returns its path. */
export async function writeProgressPage(
  model: ChapterStatus[],
  o: { dir: string; impl: string; next?: { id: string; title: string }; out?: string },
): Promise<string> {
  const file = o.out ?? join(root, 'out', `progress-${implName(o.impl)}.html`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, progressPage(model, o));
  return file;
}
