import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checksDir, d2lDir } from '../../bin/project.mjs';
import type { Lang } from './language';

/**
 * Graded hints of an exercise: graders/checks/<id>/hints.md (English) and, optionally,
 * hints.zh.md, each a Markdown file of sections headed "## Hint 1", "## Hint 2", ... from a nudge
 * to nearly the answer. `npm run hint -- <id>` shows one more per call; how many were shown is kept
 * per exercise in .d2l/hints.json.
 */
export const hintsFile = (id: string, l: Lang) => join(checksDir, id, l === 'en' ? 'hints.md' : `hints.${l}.md`);
/** D2L_HINTS_FILE moves it (the self-test's hint counts must not touch a learner's). */
const STATE = process.env.D2L_HINTS_FILE || join(d2lDir, 'hints.json');

/** The sections of a hints file, in order; throws when they are not numbered 1, 2, 3, ... */
export function parseHints(text: string, file: string): string[] {
  const parts = text.split(/^## +/m).slice(1);
  return parts.map((part, i) => {
    const [head, ...body] = part.split('\n');
    const n = /^Hint (\d+)\s*$/.exec(head ?? '')?.[1];
    if (Number(n) !== i + 1)
      throw new Error(`${file}: section ${i + 1} must be headed "## Hint ${i + 1}", not "## ${head}"`);
    return body.join('\n').trim();
  });
}

/** An exercise's hints in language `l`, falling back to English; none when it has no hints file. */
export function hintsOf(id: string, l: Lang): string[] {
  const file = [hintsFile(id, l), hintsFile(id, 'en')].find((f) => existsSync(f));
  return file ? parseHints(readFileSync(file, 'utf8'), file) : [];
}

type State = Record<string, number>;

function readState(): State {
  try {
    return JSON.parse(readFileSync(STATE, 'utf8')) as State;
  } catch {
    return {};
  }
}

export function hintsShown(id: string): number {
  return readState()[id] ?? 0;
}

export function setHintsShown(id: string, n: number): void {
  const state = { ...readState(), [id]: n };
  mkdirSync(dirname(STATE), { recursive: true });
  const tmp = `${STATE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 1));
  renameSync(tmp, STATE);
}
