import type { ClassResult, StudentResult } from '../result';
import { strengthOf } from '../../lib/strength';
import type { SimilarPair } from '../similarity';
import { renderSvg } from './chart';
import { checkText, points } from './gradescope';

/** Everything in the report that comes from a submission is escaped: names, messages, output. */
const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: .5rem 0 1.5rem; } th, td { padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } .pass { color: #176f2c; } .fail { color: #b3261e; }
pre { background: #f6f6f6; padding: .5rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0 .5rem; }
details { margin: .3rem 0; } summary { cursor: pointer; } .dim { color: #666; }`;

async function histogram(run: ClassResult): Promise<string> {
  const max = run.students[0]?.maxScore ?? 0;
  if (run.students.length === 0 || max === 0) return '';
  return renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: 180,
    data: { values: run.students.map((s) => ({ percent: (100 * s.score) / s.maxScore })) },
    mark: 'bar',
    encoding: {
      x: {
        field: 'percent',
        type: 'quantitative',
        bin: { extent: [0, 100], step: 10 },
        title: 'score (% of the maximum)',
      },
      y: { aggregate: 'count', type: 'quantitative', title: 'students' },
    },
  });
}

function exerciseTable(run: ClassResult): string {
  const rows = run.exercises.map((id) => {
    const grades = run.students.map((s) => s.exercises.find((e) => e.id === id)!).filter(Boolean);
    const max = grades[0]?.maxScore ?? 0;
    const mean = grades.reduce((a, g) => a + g.score, 0) / Math.max(1, grades.length);
    const full = grades.filter((g) => max > 0 && g.score >= max - 1e-9).length;
    const missing = grades.filter((g) => g.status !== 'graded').length;
    const names = grades.find((g) => g.checks.length > 0)?.checks.map((c) => c.name) ?? [];
    const checkRows = names
      .map((name) => {
        const ran = grades.map((g) => g.checks.find((c) => c.name === name)).filter((c) => c !== undefined);
        return `<tr><td>${esc(name)}</td><td class="n">${pct(ran.filter((c) => c.passed).length / Math.max(1, grades.length))}</td></tr>`;
      })
      .join('');
    // What the self-test proved of these checks, so an instructor knows how far to trust the column.
    const st = strengthOf(id);
    const proven = st
      ? `${st.checks} checks, ${st.mutants} mutants, ${st.allRejected ? 'all rejected' : 'NOT all rejected'}`
      : 'no record';
    return `<tr><td><details><summary>${esc(id)}</summary><table><tr><th>check</th><th>passed by</th></tr>${checkRows}</table></details></td>
      <td class="n">${points(mean)} / ${points(max)}</td><td class="n">${pct(full / Math.max(1, grades.length))}</td><td class="n">${missing}</td><td>${esc(proven)}</td></tr>`;
  });
  return `<table><tr><th>exercise</th><th>mean</th><th>full marks</th><th>not graded</th><th>checks proven (docs/honesty.md)</th></tr>${rows.join('')}</table>`;
}

function similarityTable(pairs: SimilarPair[]): string {
  if (pairs.length === 0)
    return '<p class="dim">No pair of submissions, and no submission and the model solution or the reference, shares 70% or more of its own code on any exercise.</p>';
  const rows = pairs.map(
    (p) =>
      `<tr><td>${esc(p.exercise)}</td><td>${esc(p.a)}</td><td>${esc(p.b)}</td><td class="n">${pct(p.score)}</td><td class="n dim">${p.sizes.join(' / ')}</td></tr>`,
  );
  return `<p class="dim">Shared winnowed fingerprints of the code each wrote (the stub removed), over the smaller submission; every submission is also compared with the model solution and the reference (the oracle), shown as ${esc('(model solution)')} and ${esc('(reference)')}. Evidence to look at, not a verdict.</p>
    <table><tr><th>exercise</th><th>student</th><th>student</th><th>similarity</th><th>fingerprints</th></tr>${rows.join('')}</table>`;
}

function studentSection(s: StudentResult): string {
  const problems = s.problems.length ? `<pre>${esc(s.problems.join('\n'))}</pre>` : '';
  const exercises = s.exercises
    .map((e) => {
      const head = `${esc(e.id)}: ${points(e.score)} / ${points(e.maxScore)}${e.status === 'graded' ? '' : ` <span class="fail">(${esc(e.reason ?? e.status)})</span>`}`;
      const checks = e.checks
        .map(
          (c) =>
            `<li class="${c.passed ? 'pass' : 'fail'}">${c.passed ? '✓' : '✗'} ${esc(c.name)} <span class="dim">${points(c.score)}/${points(c.maxScore)}</span>${c.passed ? '' : `<pre>${esc(checkText(c))}</pre>`}</li>`,
        )
        .join('');
      const types = e.typeErrors?.length
        ? `<pre>${esc(`type errors (no points deducted):\n${e.typeErrors.join('\n')}`)}</pre>`
        : '';
      return `<details><summary>${head}</summary><ul>${checks}</ul>${types}</details>`;
    })
    .join('');
  return `<details><summary><b>${esc(s.student)}</b>: ${points(s.score)} / ${points(s.maxScore)}</summary><div style="margin-left:1.2rem">${problems}${exercises}</div></details>`;
}

/** The class report: distribution, per-exercise pass rates, similar pairs, and every student's feedback. */
export async function htmlReport(run: ClassResult, pairs: SimilarPair[]): Promise<string> {
  const totals = run.students.map((s) => s.score);
  const max = run.students[0]?.maxScore ?? 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>d2l-ts grades, seed ${run.seed}</title><style>${STYLE}</style></head><body>
<h1>Grades</h1>
<p>${run.students.length} submissions, exercises ${esc(run.exercises.join(', '))}; median ${points(median(totals))} and mean ${points(totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length))} of ${points(max)} points.</p>
<p class="dim">Seed ${run.seed} (regrade with <code>--seed ${run.seed}</code> for the same inputs), runs × ${run.runsScale}, rubric ${esc(run.rubric)}${run.shard ? `, shard ${run.shard.index}/${run.shard.count}` : ''}, started ${esc(run.startedAt)}, ${(run.ms / 1000).toFixed(1)} s.<br>
Sandbox: ${esc(run.sandbox.active.join('; '))}${run.sandbox.missing.length ? `. <span class="fail">Missing: ${esc(run.sandbox.missing.join('; '))}</span>` : ''}.</p>
${run.problems.length ? `<h2>The submissions folder</h2><pre>${esc(run.problems.join('\n'))}</pre>` : ''}
<h2>Distribution</h2>${await histogram(run)}
<h2>Exercises</h2>${exerciseTable(run)}
<h2>Similar code</h2>${similarityTable(pairs)}
<h2>Students</h2>${run.students.map(studentSection).join('\n')}
</body></html>
`;
}
