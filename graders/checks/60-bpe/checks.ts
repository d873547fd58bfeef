import * as fc from 'fast-check';
import * as ref from '../../../reference/60-bpe';
import { defineExercise, example, property, reference, rejects } from '../../lib/checks';
import { CheckFailure, ensure } from '../../lib/failure';
import type { Subject } from '../../lib/subject';

const show = (v: unknown) => JSON.stringify(v, (_, x) => (x instanceof Map ? [...x] : x));
const SYMBOLS = [...ref.D2L_SYMBOLS];
const BOOK = new Map([
  ['fast_', 4],
  ['faster_', 3],
  ['tall_', 5],
  ['taller_', 4],
]);

interface Learned {
  merges: [string, string][];
  symbols: string[];
  tokenFreqs: Map<string, number>;
}

async function learn(s: Subject, raw: Map<string, number>, numMerges: number, symbols = SYMBOLS): Promise<Learned> {
  const out = (await s.call('learnBpe', raw, numMerges, symbols)) as Partial<Learned> | null;
  if (
    out === null ||
    typeof out !== 'object' ||
    !Array.isArray(out.merges) ||
    !Array.isArray(out.symbols) ||
    !(out.tokenFreqs instanceof Map)
  )
    throw new CheckFailure(
      'learnBpe should return { merges: [a, b][], symbols: string[], tokenFreqs: Map<string, number> }',
    );
  return out as Learned;
}

async function segment(s: Subject, tokens: string[], symbols: string[]): Promise<string[]> {
  const out = await s.call('segmentBpe', tokens, symbols);
  if (!Array.isArray(out) || out.length !== tokens.length || !out.every((x) => typeof x === 'string'))
    throw new CheckFailure(`segmentBpe(${show(tokens)}, symbols) should return one string per token, got ${show(out)}`);
  return out as string[];
}

/** Words over a, b, c (so pairs repeat and tie) ending in '_', with frequencies. */
const rawArb = fc
  .uniqueArray(
    fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 6 }).map((cs) => `${cs.join('')}_`),
    { minLength: 1, maxLength: 6 },
  )
  .chain((words) =>
    fc
      .array(fc.integer({ min: 1, max: 9 }), { minLength: words.length, maxLength: words.length })
      .map((f) => new Map(words.map((w, i) => [w, f[i]!]))),
  );
const learnArb = fc.tuple(rawArb, fc.integer({ min: 0, max: 14 }));

/** The pair counts of a state (words as symbol lists), in the order first counted. */
function pairCounts(words: [string[], number][]): [string, string, number][] {
  const out: [string, string, number][] = [];
  for (const [s, f] of words)
    for (let i = 1; i < s.length; i++) {
      const e = out.find(([a, b]) => a === s[i - 1] && b === s[i]);
      if (e) e[2] += f;
      else out.push([s[i - 1]!, s[i]!, f]);
    }
  return out;
}

/** Whole symbols (a, b), left to right, become a + b: the check's own merge. */
function applyMerge(words: [string[], number][], [a, b]: [string, string]): [string[], number][] {
  return words.map(([s, f]) => {
    const out: string[] = [];
    for (let i = 0; i < s.length; i++) {
      if (s[i] === a && s[i + 1] === b && i + 1 < s.length) {
        out.push(a + b);
        i++;
      } else out.push(s[i]!);
    }
    return [out, f];
  });
}

export default defineExercise({
  id: '60-bpe',
  title: 'Byte-pair encoding',
  file: 'bpe.ts',
  tensors: false,
  checks: [
    example(
      "the book's fast_ ×4, faster_ ×3, tall_ ×5, taller_ ×4 with 10 merges: ('t','a'), ('ta','l'), ('tal','l'), ('f','a'), …, words fast_, fast er_, tall_, tall er_",
      async (s) => {
        const got = await learn(s, BOOK, 10);
        const merges = [
          ['t', 'a'],
          ['ta', 'l'],
          ['tal', 'l'],
          ['f', 'a'],
          ['fa', 's'],
          ['fas', 't'],
          ['e', 'r'],
          ['er', '_'],
          ['tall', '_'],
          ['fast', '_'],
        ];
        ensure(
          show(got.merges) === show(merges),
          `the merges are ${show(got.merges)}, expected the book's ${show(merges)}`,
        );
        const added = ['ta', 'tal', 'tall', 'fa', 'fas', 'fast', 'er', 'er_', 'tall_', 'fast_'];
        ensure(
          show(got.symbols) === show([...SYMBOLS, ...added]),
          `the symbols are ${show(got.symbols)}, expected d2l's 28 then ${show(added)}`,
        );
        ensure(
          show([...got.tokenFreqs.keys()]) === show(['fast_', 'fast er_', 'tall_', 'tall er_']),
          `the words are ${show([...got.tokenFreqs.keys()])}, expected ["fast_","fast er_","tall_","tall er_"]`,
        );
        ensure(
          show([...got.tokenFreqs.values()]) === show([4, 3, 5, 4]),
          `the frequencies are ${show([...got.tokenFreqs.values()])}, expected [4, 3, 5, 4]`,
        );
      },
    ),
    example(
      "the book's segmentation: tallest_ → tall e s t _, fatter_ → fa t t er_; d2l's [UNK] ends a token at an unknown character",
      async (s) => {
        const symbols = [...SYMBOLS, 'ta', 'tal', 'tall', 'fa', 'fas', 'fast', 'er', 'er_', 'tall_', 'fast_'];
        const got = await segment(s, ['tallest_', 'fatter_', 'taLlest_'], symbols);
        ensure(
          show(got) === show(['tall e s t _', 'fa t t er_', 'ta [UNK]']),
          `segmentBpe(['tallest_', 'fatter_', 'taLlest_']) is ${show(got)}, expected ["tall e s t _","fa t t er_","ta [UNK]"]`,
        );
      },
    ),
    example(
      "getMaxFreqPair gives ties to the pair counted first: in the book's words ('t','a'), ('a','l'), ('l','l') all count 9, and ('t','a') wins",
      async (s) => {
        const tokenFreqs = new Map([...BOOK].map(([w, f]) => [[...w].join(' '), f]));
        const got = await s.call('getMaxFreqPair', tokenFreqs);
        ensure(show(got) === show(['t', 'a']), `getMaxFreqPair is ${show(got)}, expected ["t","a"]`);
        const none = await s.call('getMaxFreqPair', new Map([['ab_', 2]]));
        ensure(none === null, `with every word a single symbol there is no pair: expected null, got ${show(none)}`);
      },
    ),
    reference(
      'learnBpe matches the reference: merges, symbols and the final words',
      learnArb,
      async (s, [raw, numMerges]) => {
        const got = await learn(s, raw, numMerges);
        const expected = ref.learnBpe(raw, numMerges, SYMBOLS);
        ensure(
          show(got.merges) === show(expected.merges),
          `learnBpe(${show(raw)}, ${numMerges}) merged ${show(got.merges)}, expected ${show(expected.merges)}`,
        );
        ensure(
          show(got.symbols) === show(expected.symbols),
          `the symbols are ${show(got.symbols.slice(SYMBOLS.length))} after d2l's 28, expected ${show(expected.symbols.slice(SYMBOLS.length))}`,
        );
        ensure(
          show(got.tokenFreqs) === show(expected.tokenFreqs),
          `the final words are ${show(got.tokenFreqs)}, expected ${show(expected.tokenFreqs)}`,
        );
      },
    ),
    property(
      'merges apply in learned order: each is the most frequent pair of whole symbols at its step (ties to the first counted), and applying them in order gives the final words',
      learnArb,
      async (s, [raw, numMerges]) => {
        const got = await learn(s, raw, numMerges);
        let words: [string[], number][] = [...raw].map(([w, f]) => [[...w], f]);
        got.merges.forEach((pair, k) => {
          const counts = pairCounts(words);
          const top = Math.max(...counts.map(([, , n]) => n));
          const first = counts.find(([, , n]) => n === top)!;
          ensure(
            first[0] === pair[0] && first[1] === pair[1],
            `merge ${k + 1} is ${show(pair)}, but after the merges before it the most frequent pair (first counted among ties) is ${show(first.slice(0, 2))} with ${top}`,
          );
          words = applyMerge(words, pair);
        });
        ensure(
          got.merges.length === numMerges || pairCounts(words).length === 0,
          `learnBpe made ${got.merges.length} merges of ${numMerges} while pairs were left to merge`,
        );
        const expected = new Map(words.map(([w, f]) => [w.join(' '), f]));
        ensure(
          show(got.tokenFreqs) === show(expected),
          `applying the merges ${show(got.merges)} in order gives ${show(expected)}, but learnBpe returned ${show(got.tokenFreqs)}`,
        );
      },
    ),
    property(
      'segments are symbols that concatenate back to the word, each the longest symbol the rest of the word starts with',
      fc.tuple(
        learnArb,
        fc.array(
          fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 0, maxLength: 7 }).map((cs) => `${cs.join('')}_`),
          { minLength: 1, maxLength: 5 },
        ),
      ),
      async (s, [[raw, numMerges], tokens]) => {
        const symbols = ref.learnBpe(raw, numMerges, SYMBOLS).symbols;
        const got = await segment(s, tokens, symbols);
        got.forEach((seg, k) => {
          const parts = seg.split(' ');
          ensure(
            parts.join('') === tokens[k],
            `${show(tokens[k])} was segmented into ${show(seg)}, which does not spell it`,
          );
          let rest = tokens[k]!;
          for (const p of parts) {
            const longest = symbols.filter((x) => rest.startsWith(x)).sort((a, b) => b.length - a.length)[0];
            ensure(
              p === longest,
              `in ${show(tokens[k])}, at ${show(rest)} the segment is ${show(p)}, but the longest symbol it starts with is ${show(longest)}`,
            );
            rest = rest.slice(p.length);
          }
        });
      },
    ),
    reference(
      'segmentBpe matches the reference, characters that are no symbol included',
      fc.tuple(
        learnArb,
        fc.array(
          fc
            .array(fc.constantFrom('a', 'b', 'c', 'X', '_'), { minLength: 0, maxLength: 7 })
            .map((cs) => `${cs.join('')}_`),
          { minLength: 1, maxLength: 5 },
        ),
      ),
      async (s, [[raw, numMerges], tokens]) => {
        const symbols = ref.learnBpe(raw, numMerges, SYMBOLS).symbols;
        const got = await segment(s, tokens, symbols);
        const expected = ref.segmentBpe(tokens, symbols);
        ensure(
          show(got) === show(expected),
          `segmentBpe(${show(tokens)}) is ${show(got)}, expected ${show(expected)} (symbols learned from ${show(raw)})`,
        );
      },
    ),
    rejects("a word without the end-of-word symbol '_' is an EndOfWordError naming the word", async (s) => {
      await s.rejects(
        'learnBpe',
        [
          new Map([
            ['fast_', 4],
            ['faster', 3],
          ]),
          5,
          SYMBOLS,
        ],
        /faster/,
        "when the raw words hold 'faster'",
        'EndOfWordError',
      );
      await s.rejects(
        'segmentBpe',
        [['tallest_', 'tallest'], SYMBOLS],
        /'tallest'/,
        "when the tokens hold 'tallest'",
        'EndOfWordError',
      );
    }),
    rejects(
      'a number of merges that is not a whole number >= 0 is a HyperparameterError naming numMerges',
      async (s) => {
        for (const n of [-1, 2.5])
          await s.rejects('learnBpe', [BOOK, n, SYMBOLS], /numMerges/, `when numMerges = ${n}`, 'HyperparameterError');
      },
    ),
  ],
});
