import pc from 'picocolors';
import { availableIds } from '../registry';
import { hintsOf, hintsShown, setHintsShown } from './hints';
import { lang, m } from './messages';
import { out } from './report';
import { resolveTargets } from './targets';

/** `npm run hint -- <id>`: the hints shown so far and one more; --reset starts again. */
export function hintCommand(word: string, opts: { reset?: boolean }): number {
  const t = resolveTargets([word], new Set(availableIds));
  if (!t.ok || t.ids.length !== 1) {
    process.stderr.write(`${t.ok ? `name one exercise, not a chapter: ${word}` : t.error}\n`);
    return 2;
  }
  const id = t.ids[0]!;
  if (opts.reset) {
    setHintsShown(id, 0);
    out(m.hintsReset(id));
    return 0;
  }
  const hints = hintsOf(id, lang);
  if (hints.length === 0) {
    out(m.noHints(id));
    return 0;
  }
  const before = hintsShown(id);
  const shown = Math.min(hints.length, before + 1);
  hints.slice(0, shown).forEach((h, i) => {
    out(pc.bold(`${id} · ${m.hint(i + 1, hints.length)}`));
    out(i < before ? pc.dim(h) : h);
    out();
  });
  if (before >= hints.length) out(pc.dim(m.allHintsShown(hints.length, id)));
  setHintsShown(id, shown);
  return 0;
}
