/**
 * Writes every generated fixture from its committed generator, or with --check proves the
 * committed files are what the generators make (the self-test runs the check).
 *   npx tsx scripts/generate-fixtures.ts [--check]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sampleClass } from '../fixtures/sample-class';
import { generate as gaussianClasses } from '../fixtures/data/gaussian-classes';
import { generate as markovCorpus } from '../fixtures/data/markov-corpus';
import { generate as translationCorpus } from '../fixtures/data/translation-corpus';
import { generate as paragraphs } from '../fixtures/data/paragraphs';

const root = join(import.meta.dirname, '..');

type Made = string | Buffer;

/** Each fixture file and what its generator makes. */
export async function fixtures(): Promise<Record<string, () => Made>> {
  const sample = await sampleClass();
  return {
    ...Object.fromEntries(Object.entries(sample).map(([file, content]) => [file, () => content])),
    'fixtures/data/gaussian-classes.json': () => `${JSON.stringify(gaussianClasses())}\n`,
    'fixtures/data/markov-corpus.json': () => `${JSON.stringify(markovCorpus())}\n`,
    'fixtures/data/translation-corpus/train.txt': () => translationCorpus().train,
    'fixtures/data/translation-corpus/heldout.txt': () => translationCorpus().heldout,
    'fixtures/data/paragraphs/wiki.train.tokens': () => paragraphs().train.text,
    'fixtures/data/paragraphs/wiki.valid.tokens': () => paragraphs().heldout.text,
  };
}

/** The committed bytes of a fixture, or undefined when it is missing. */
export function committed(file: string): Buffer | undefined {
  try {
    return readFileSync(join(root, file));
  } catch {
    return undefined;
  }
}

export const same = (a: Buffer | undefined, b: Made) => a?.equals(Buffer.from(b)) ?? false;

if (process.argv[1] === import.meta.filename) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, make] of Object.entries(await fixtures())) {
    const made = make();
    if (same(committed(file), made)) continue;
    stale++;
    if (check) console.log(`stale: ${file}`);
    else {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), made);
      console.log(`wrote ${file}`);
    }
  }
  if (check && stale > 0) process.exitCode = 1;
  else if (stale === 0) console.log('every fixture is what its generator makes');
}
