/**
 * What the checks of chapters 7 and 8 (machine translation) share: the committed texts they train
 * and test on, read by path (the checks run bundled, where the fixtures' own import.meta paths do
 * not hold), and comparisons of plain data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../../bin/project.mjs';
import { ensure } from './failure';

/** The first lines of d2l's fra.txt (fixtures/data/fra-eng-excerpt.txt), as d2l's copy has them. */
export const fraEngExcerpt = (): string => readFileSync(join(root, 'fixtures', 'data', 'fra-eng-excerpt.txt'), 'utf8');

/** A split of the course's translation corpus (fixtures/data/translation-corpus.ts): fra.txt's format. */
export const translationCorpus = (split: 'train' | 'heldout'): string =>
  readFileSync(join(root, 'fixtures', 'data', 'translation-corpus', `${split}.txt`), 'utf8');

/** JSON with Maps written as their entries, so a Map's order and contents show and compare. */
export const show = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x instanceof Map ? { Map: [...x] } : x instanceof Set ? { Set: [...x] } : x));

/** Plain data (strings, numbers, arrays, records, Maps) equal to what was expected, shown in full otherwise. */
export function expectSameData(got: unknown, expected: unknown, what: string): void {
  ensure(show(got) === show(expected), `${what} is ${show(got)}, expected ${show(expected)}`);
}
