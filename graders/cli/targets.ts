import { distance } from 'fastest-levenshtein';
import { allExerciseIds, chapters } from '../curriculum';

export type Targets = { ok: true; ids: string[] } | { ok: false; error: string };

const slugOf = (id: string) => id.slice(3);

/**
 * The closest exercise ids to a mistyped one, best first: ids whose name contains the word (part
 * of a name, "synthetic" for 01-synthetic-data) first, then those within a few typos of it.
 */
export function suggest(word: string, limit = 3): string[] {
  const w = word.toLowerCase();
  const contained = w.length >= 3 ? allExerciseIds.filter((id) => slugOf(id).includes(w)) : [];
  if (contained.length > 0) return contained.slice(0, limit);
  return allExerciseIds
    .map((id) => ({ id, d: Math.min(distance(w, id), distance(w, slugOf(id))) }))
    .filter(({ id, d }) => d <= Math.max(2, Math.floor(slugOf(id).length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map(({ id }) => id);
}

/**
 * What the student typed after `npm test --`: exercise ids (05-softmax), their numbers (05),
 * their names (softmax), or chapters (1, ch1, chapter1). Unknown words get the closest ids.
 */
export function resolveTargets(words: string[], implemented: ReadonlySet<string>): Targets {
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const word of words) {
    const w = word.trim().toLowerCase();
    const chapter = /^(?:ch(?:apter)?)?([1-9])$/.exec(w);
    if (chapter) {
      const c = chapters.find((x) => x.number === Number(chapter[1]))!;
      const available = c.exercises.filter((id) => implemented.has(id));
      if (available.length === 0) return { ok: false, error: `chapter ${c.number} (${c.title}) has no exercises yet` };
      available.forEach(add);
      continue;
    }
    const id = allExerciseIds.find((x) => x === w || x.slice(0, 2) === w || slugOf(x) === w);
    if (!id) {
      const close = suggest(w);
      return {
        ok: false,
        error: `unknown exercise "${word}"; ${close.length ? `did you mean ${close.join(', ')}?` : 'run `npm run progress` to list the exercises'}`,
      };
    }
    if (!implemented.has(id)) return { ok: false, error: `exercise ${id} is not available yet` };
    add(id);
  }
  return { ok: true, ids };
}
