import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksDir } from '../../bin/project.mjs';
import type { Lang } from './language';

/**
 * Check names in another language. An exercise may give its checks' names in Chinese in
 * graders/checks/<id>/names.zh.json, {"<the check's English name>": "<its Chinese name>"}; a name
 * it does not give stays English. The self-test requires every key to be a check of the exercise,
 * so renaming a check cannot leave its translation behind silently.
 */
export const namesFile = (id: string, l: Lang) => join(checksDir, id, `names.${l}.json`);

/** The names every exercise gets from the check library (defineExercise adds them). */
const LIBRARY_NAMES: Record<string, Partial<Record<Lang, string>>> = {
  'leaves its arguments intact and returns new tensors': { zh: '不改动参数，并返回新的张量' },
  'leaks no tensors (wrap tensor code in tf.tidy)': { zh: '不泄漏张量（把张量代码放进 tf.tidy）' },
};

const cache = new Map<string, Record<string, string>>();

/** The translations an exercise provides (empty when none, or for English). */
export function checkNames(id: string, l: Lang): Record<string, string> {
  if (l === 'en') return {};
  const key = `${id}:${l}`;
  let names = cache.get(key);
  if (!names) {
    const file = namesFile(id, l);
    names = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
    cache.set(key, names);
  }
  return names;
}

/** A check's name in language `l`: the exercise's translation, the library's, or the English name. */
export function checkName(id: string, name: string, l: Lang): string {
  if (l === 'en') return name;
  return checkNames(id, l)[name] ?? LIBRARY_NAMES[name]?.[l] ?? name;
}

/** The task text to point to: README.zh.md beside README.md when the language is Chinese and it exists. */
export function taskFile(exerciseDir: string, l: Lang): string {
  const zh = join(exerciseDir, 'README.zh.md');
  return l === 'zh' && existsSync(zh) ? zh : join(exerciseDir, 'README.md');
}
