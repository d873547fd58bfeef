/**
 * The guarantees of the generated corpora, checked on the committed files (the drift check of
 * scripts/generate-fixtures.ts proves they are what the generators make):
 *   translation corpus: fra.txt's format, lengths, unique pairs, held-out sentences never in
 *   training but all their words in its min_freq-2 vocabulary, and every agreement rule on every
 *   pair, by a parser of the French written here from the rules, not from the generator's code;
 *   paragraphs: WikiText's format, topics that persist, planted analogy pairs with their counts,
 *   the min_freq-5 vocabulary, the held-out paragraphs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeRng } from '../reference/random';
import { preprocessNmt, tokenizeNmt } from '../reference/nmt-text';
import { ADJECTIVES, NOUNS, VERBS } from '../fixtures/data/translation-grammar';
import { readTranslationCorpus, statistics } from '../fixtures/data/translation-corpus';
import { COUNTRIES, TOPICS } from '../fixtures/data/paragraph-grammar';
import {
  analogyQuestions,
  PARAGRAPHS_DIR,
  readParagraphs,
  RELATIONS,
  statistics as paragraphStatistics,
} from '../fixtures/data/paragraphs';

describe('translation corpus', () => {
  const texts = { train: readTranslationCorpus('train'), heldout: readTranslationCorpus('heldout') };
  const lines = (text: string) =>
    text
      .split('\n')
      .slice(0, -1)
      .map((l) => l.split('\t') as [string, string]);
  const train = lines(texts.train);
  const heldout = lines(texts.heldout);
  const all = [...train, ...heldout];
  const toks = (side: string) => preprocessNmt(side).split(' ');
  const words = (side: string) => toks(side).filter((t) => !/^[,.!?]$/.test(t));

  test("the statistics are the header's", () => {
    expect(statistics(texts)).toEqual({
      pairs: { train: 4500, heldout: 500 },
      words: { en: 73, fr: 120 },
      vocab: { en: 81, fr: 128 },
      meanTokens: { en: 6.75, fr: 6.52 },
      maxTokens: { en: 9, fr: 9 },
    });
  });

  test("every line is fra.txt's: two columns, Tatoeba's punctuation, 2-8 English words, at most 9 tokens a side", () => {
    for (const text of [texts.train, texts.heldout]) {
      expect(text.endsWith('\n')).toBe(true);
      for (const line of text.slice(0, -1).split('\n')) expect(line.split('\t')).toHaveLength(2);
    }
    for (const [en, fr] of all) {
      expect(en).toMatch(/^[A-Z][A-Za-z ,]*[a-z][.!?]$/);
      expect(fr).toMatch(/^\p{Lu}[^\s,.!?]*( [^\s,.!?]+|, [^\s,.!?]+)*(\.|[\u202f\u00a0][!?])$/u);
      expect(words(en).length).toBeGreaterThanOrEqual(2);
      expect(words(en).length).toBeLessThanOrEqual(8);
      expect(Math.max(toks(en).length, toks(fr).length)).toBeLessThanOrEqual(9);
    }
    // Both no-break spaces occur, so preprocessing has both to replace.
    expect(all.filter(([, fr]) => fr.includes('\u00a0')).length).toBeGreaterThan(100);
    expect(all.filter(([, fr]) => fr.includes('\u202f')).length).toBeGreaterThan(500);
  });

  test('no two pairs share their English words or their French words; held-out sentences never occur in training', () => {
    for (const s of [0, 1] as const) {
      const keys = all.map((p) => words(p[s]).join(' '));
      expect(new Set(keys).size).toBe(all.length);
    }
    const trainKeys = new Set(train.flatMap(([en, fr]) => [words(en).join(' '), words(fr).join(' ')]));
    for (const [en, fr] of heldout) {
      expect(trainKeys.has(words(en).join(' '))).toBe(false);
      expect(trainKeys.has(words(fr).join(' '))).toBe(false);
    }
  });

  test("every held-out token occurs at least twice in training, so d2l's min_freq-2 vocabulary has it", () => {
    const { source, target } = tokenizeNmt(preprocessNmt(texts.train));
    const held = tokenizeNmt(preprocessNmt(texts.heldout));
    for (const [trainSide, heldSide] of [
      [source, held.source],
      [target, held.target],
    ]) {
      const counts = new Map<string, number>();
      for (const t of trainSide!.flat()) counts.set(t, (counts.get(t) ?? 0) + 1);
      const rare = [...new Set(heldSide!.flat())].filter((t) => (counts.get(t) ?? 0) < 2);
      expect(rare).toEqual([]);
    }
  });

  test('every pair keeps the agreement rules: articles, adjectives, verbs, être, pronouns, negation', () => {
    const problems = all.flatMap(([en, fr]) => frenchProblems(toks(fr)).map((p) => `${fr}: ${p} (${en})`));
    expect(problems.slice(0, 10)).toEqual([]);
  });

  test('the parser finds each kind of broken rule', () => {
    const broken = {
      'le filles chantent .': 'article and noun disagree',
      'la fille noir chante .': 'adjective and noun disagree',
      'les filles chante .': 'verb does not agree',
      'je chantes .': 'verb does not agree',
      'les filles sont fatigués .': 'predicate adjective',
      'le garçon et la fille sont fatiguées .': 'predicate adjective',
      'les filles sont contentes , ils chantent .': 'take up',
      'le chat ne joue .': 'ne without pas',
      'le chat joue pas .': 'ne without pas',
      'la fille ne est pas contente .': 'ne before a vowel',
      'chantes !': 'imperative',
      'où est les chats ?': 'où',
    };
    for (const [sentence, problem] of Object.entries(broken))
      expect(frenchProblems(sentence.split(' ')).join('; '), sentence).toMatch(
        new RegExp(problem.split(' ').join('.*')),
      );
    expect(frenchProblems("non , le chat n'est pas noir .".split(' '))).toEqual([]);
  });

  test("every pair's nouns, adjectives and verbs are the lexicon's counterparts, in the same order", () => {
    const nounEn = new Map(
      NOUNS.flatMap((n) => [
        [n.en[0], n.fr],
        [n.en[1], `${n.fr}s`],
      ]),
    );
    const nounFr = new Set(NOUNS.flatMap((n) => [n.fr, `${n.fr}s`]));
    const adjEn = new Map(ADJECTIVES.map((a) => [a.en, a.fr]));
    const adjFr = new Map(ADJECTIVES.flatMap((a) => ['', 'e', 's', 'es'].map((e) => [a.fr + e, a.fr])));
    const verbEn = new Map(VERBS.flatMap((v) => v.en.map((f) => [f.split(' ')[0]!, v.fr])));
    const verbFr = new Map(VERBS.flatMap((v) => ['e', 'es', 'ons', 'ez', 'ent'].map((e) => [v.fr + e, v.fr])));
    for (const [en, fr] of all) {
      const e = words(en);
      const f = toks(fr);
      expect(
        f.filter((t) => nounFr.has(t)),
        en,
      ).toEqual(e.filter((t) => nounEn.has(t)).map((t) => nounEn.get(t)));
      expect(
        f.filter((t) => adjFr.has(t)).map((t) => adjFr.get(t)),
        en,
      ).toEqual(e.filter((t) => adjEn.has(t)).map((t) => adjEn.get(t)));
      expect(
        f.filter((t) => verbFr.has(t)).map((t) => verbFr.get(t)),
        en,
      ).toEqual(e.filter((t) => verbEn.has(t)).map((t) => verbEn.get(t)));
    }
  });

  test('every rule is exercised by many pairs', () => {
    const count = (re: RegExp) => all.filter(([en, fr]) => re.test(`${en}\t${fr}`)).length;
    expect(count(/they \w+\.\t.*, elles/)).toBeGreaterThan(20);
    expect(count(/\bn'(est|es|êtes)\b/)).toBeGreaterThan(50);
    expect(count(/\bne \w+ jamais\b/)).toBeGreaterThan(50);
    expect(count(/ (him|her|them)[.!?]/)).toBeGreaterThan(200);
    expect(count(/^(Do|Does|Is|Are) /)).toBeGreaterThan(300);
    expect(count(/^Where /)).toBeGreaterThan(50);
    expect(count(/^(Yes|No), /)).toBeGreaterThan(300);
    expect(count(/^(Do not|Sing|Dance|Walk|Play|Watch|Look|Push|Wash)\b.*!\t/)).toBeGreaterThan(200);
    expect(count(/ and the /)).toBeGreaterThan(50);
  });

  test('readTranslationCorpus refuses a split it does not have', () => {
    expect(() => readTranslationCorpus('test' as 'train')).toThrow(RangeError);
  });
});

// ---- A parser of the French, from the rules in translation-grammar.ts's header ----

type F = { person: number; number: 'sg' | 'pl'; gender?: 'm' | 'f' };
const ARTICLE: Record<string, { number: 'sg' | 'pl'; gender?: 'm' | 'f' }> = {
  le: { number: 'sg', gender: 'm' },
  la: { number: 'sg', gender: 'f' },
  les: { number: 'pl' },
  un: { number: 'sg', gender: 'm' },
  une: { number: 'sg', gender: 'f' },
  des: { number: 'pl' },
};
const PRONOUN: Record<string, F> = {
  je: { person: 1, number: 'sg', gender: 'm' },
  tu: { person: 2, number: 'sg', gender: 'm' },
  il: { person: 3, number: 'sg', gender: 'm' },
  elle: { person: 3, number: 'sg', gender: 'f' },
  nous: { person: 1, number: 'pl', gender: 'm' },
  vous: { person: 2, number: 'pl', gender: 'm' },
  ils: { person: 3, number: 'pl', gender: 'm' },
  elles: { person: 3, number: 'pl', gender: 'f' },
};
const ETRE: Record<string, F> = {
  suis: { person: 1, number: 'sg' },
  es: { person: 2, number: 'sg' },
  est: { person: 3, number: 'sg' },
  sommes: { person: 1, number: 'pl' },
  êtes: { person: 2, number: 'pl' },
  sont: { person: 3, number: 'pl' },
};
type GN = { number: 'sg' | 'pl'; gender: 'm' | 'f' };
const NOUN = new Map<string, GN>(
  NOUNS.flatMap((n) => [
    [n.fr, { number: 'sg', gender: n.gender }],
    [`${n.fr}s`, { number: 'pl', gender: n.gender }],
  ]),
);
const ADJ = new Map<string, GN>(
  ADJECTIVES.flatMap((a) => [
    [a.fr, { number: 'sg', gender: 'm' }],
    [`${a.fr}e`, { number: 'sg', gender: 'f' }],
    [`${a.fr}s`, { number: 'pl', gender: 'm' }],
    [`${a.fr}es`, { number: 'pl', gender: 'f' }],
  ]),
);
/** Verb forms: which persons each ending serves (-e: je, il/elle and the imperative). */
const VERB = new Map(
  VERBS.flatMap((v) =>
    (
      [
        [
          'e',
          [
            { person: 1, number: 'sg' },
            { person: 3, number: 'sg' },
          ],
        ],
        ['es', [{ person: 2, number: 'sg' }]],
        ['ons', [{ person: 1, number: 'pl' }]],
        ['ez', [{ person: 2, number: 'pl' }]],
        ['ent', [{ person: 3, number: 'pl' }]],
      ] as const
    ).map(([e, fs]) => [v.fr + e, fs] as const),
  ),
);
const agrees = (a: F, b: F) => a.person === b.person && a.number === b.number;
const sameGN = (a: { gender?: string; number: string }, b: { gender?: string; number: string }) =>
  a.number === b.number && a.gender === b.gender;

/** Every broken rule of one French sentence (its tokens after d2l's preprocessing). */
function frenchProblems(tokens: string[]): string[] {
  const problems: string[] = [];
  const end = tokens.at(-1)!;
  if (!['.', '!', '?'].includes(end)) problems.push(`ends in '${end}'`);
  const clauses: string[][] = [[]];
  for (const t of tokens.slice(0, -1)) t === ',' ? clauses.push([]) : clauses.at(-1)!.push(t);
  let previousSubject: F | undefined;
  for (const clause of clauses) {
    if (clause.length === 1 && ['oui', 'non'].includes(clause[0]!)) continue;
    let i = 0;
    const problem = (what: string) => problems.push(`${what} at '${clause.slice(i).join(' ')}'`);
    /** Article, noun, optional adjective, all agreeing; returns the noun's features. */
    const nounPhrase = (): F | undefined => {
      const art = ARTICLE[clause[i]!];
      const noun = NOUN.get(clause[i + 1]!);
      if (!art || !noun) return undefined;
      if (art.number !== noun.number || (art.gender && art.gender !== noun.gender))
        problem('article and noun disagree');
      i += 2;
      const adj = ADJ.get(clause[i]!);
      if (adj) {
        if (!sameGN(adj, noun)) problem('adjective and noun disagree');
        i++;
      }
      return { person: 3, ...noun };
    };
    if (clause[0] === 'où') {
      const etre = ETRE[clause[1]!];
      i = 2;
      const np = nounPhrase();
      if (!etre || !np || !agrees(etre, np)) problem('où + être + noun phrase');
      if (i !== clause.length) problem('left over');
      continue;
    }
    // The subject: a pronoun, a noun phrase, or two joined by et (plural, masculine if either is); none in the imperative.
    let subject: F | undefined = PRONOUN[clause[0]!];
    if (subject) i = 1;
    else {
      subject = nounPhrase();
      if (subject && clause[i] === 'et') {
        i++;
        const other = nounPhrase();
        if (!other) problem('et without a second noun phrase');
        subject = { person: 3, number: 'pl', gender: subject.gender === 'm' || other?.gender === 'm' ? 'm' : 'f' };
      }
    }
    // elles/ils/elle/il after a comma takes up the noun phrase of the first clause.
    if (previousSubject && subject && PRONOUN[clause[0]!] && !sameGN(subject, previousSubject))
      problem('pronoun does not take up the first subject');
    previousSubject = subject;
    let negated = false;
    if (clause[i] === 'ne') {
      negated = true;
      i++;
      if (/^[aeiouéêè]/.test(clause[i]!)) problem("ne before a vowel, where n' belongs");
    }
    const clitic = ['le', 'la', 'les'].includes(clause[i]!) && !NOUN.has(clause[i + 1]!);
    if (clitic) i++;
    let word = clause[i]!;
    if (word.startsWith("n'")) {
      if (negated || !/^n'[aeiouéêè]/.test(word)) problem("n' where ne belongs");
      negated = true;
      word = word.slice(2);
    }
    const etre = ETRE[word];
    const verb = VERB.get(word);
    i++;
    if (!etre && !verb) {
      problem('no verb');
      continue;
    }
    if (etre && (clitic || !subject)) problem('être with an object pronoun or without a subject');
    if (subject && etre && !agrees(etre, subject)) problem('être does not agree with its subject');
    if (subject && verb && !verb.some((f) => agrees(f, subject!))) problem('verb does not agree with its subject');
    if (!subject && verb && word.endsWith('es')) problem('imperative not in -e');
    const after = clause[i];
    if (negated !== (after === 'pas' || after === 'jamais')) problem('ne without pas/jamais, or pas/jamais without ne');
    if (['pas', 'jamais', 'souvent', 'toujours'].includes(after!)) i++;
    if (etre) {
      const adj = ADJ.get(clause[i]!);
      if (!adj || !sameGN(adj, { number: subject!.number, gender: subject!.gender }))
        problem('predicate adjective does not agree with its subject');
      i++;
    } else if (i < clause.length && !nounPhrase()) problem('object is not a noun phrase');
    if (i !== clause.length) problem('left over');
  }
  return problems;
}

describe('paragraphs', () => {
  const train = readParagraphs('train');
  const heldout = readParagraphs('heldout');
  const rawTrain = readFileSync(join(PARAGRAPHS_DIR, 'wiki.train.tokens'), 'utf8');
  /** Each topic's own words, from the lexicon (names lower-cased, as d2l reads them). */
  const lexicon = new Map(
    TOPICS.map((t) => [
      t.name,
      new Set(
        [
          ...t.places.map(([p]) => p),
          ...t.people.flat(),
          ...t.couples.flat(),
          ...t.traits,
          ...t.things.flat(),
          ...t.verbs.flatMap((v) => v.forms),
          ...t.adjectives.flatMap((a) => a.forms),
          ...(t.abroad ? COUNTRIES.flat().map((x) => x.toLowerCase()) : []),
        ].flatMap((x) => x.split(' ')),
      ),
    ]),
  );
  const topicOf = (sentence: string) =>
    new Set(
      sentence.split(' ').flatMap((word) => [...lexicon].filter(([, words]) => words.has(word)).map(([name]) => name)),
    );

  test("the statistics are the header's", () => {
    expect(paragraphStatistics(train)).toEqual({
      paragraphs: 12000,
      sentences: 59921,
      tokens: 412680,
      meanSentenceTokens: 6.9,
      sentenceTokens: { min: 4, max: 10 },
      distinctTokens: 521,
      bertVocab: 526,
      rare: 0,
    });
    expect(paragraphStatistics(heldout)).toMatchObject({ paragraphs: 1200, sentences: 5938, tokens: 40906 });
  });

  test("the files have WikiText's layout: blank lines, headings, paragraphs of 3-7 sentences", () => {
    const titles = new Set(TOPICS.map((t) => t.title));
    expect(rawTrain.startsWith(' \n = ')).toBe(true);
    for (const line of rawTrain.slice(0, -1).split('\n')) {
      if (line === ' ') continue;
      const heading = /^ = (.+) = $/.exec(line);
      if (heading) expect(titles.has(heading[1]!), line).toBe(true);
      else expect(line, line).toMatch(/^ [A-Z][^.]*( \. [A-Z][^.]*){2,6} \. $/);
    }
  });

  test('no word of the lexicon belongs to two topics', () => {
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const [name, words] of lexicon)
      for (const w of words) seen.has(w) ? shared.push(`${w}: ${seen.get(w)}, ${name}`) : seen.set(w, name);
    expect(shared).toEqual([]);
  });

  test('a paragraph keeps its topic: every sentence has words of its topic and of no other', () => {
    for (const paragraph of [...train, ...heldout]) {
      const topics = new Set(paragraph.flatMap((s) => [...topicOf(s)]));
      expect(topics.size, paragraph.join(' . ')).toBe(1);
      for (const s of paragraph) expect(topicOf(s).size, s).toBe(1);
    }
    // So a random sentence of another paragraph shares the topic about one time in nine (nine topics).
    const rng = makeRng(0);
    const topicsOf = train.map((p) => [...topicOf(p[0]!)][0]);
    let same = 0;
    for (let k = 0; k < 10_000; k++) {
      const [a, b] = [rng.int(train.length), rng.int(train.length)];
      same += topicsOf[a] === topicsOf[b] ? 1 : 0;
    }
    expect(same / 10_000).toBeGreaterThan(0.08);
    expect(same / 10_000).toBeLessThan(0.15);
  });

  test('every planted pair occurs often in training, and every token at least 5 times (BERT min_freq)', () => {
    const counts = new Map<string, number>();
    for (const t of train.flat().flatMap((s) => s.split(' '))) counts.set(t, (counts.get(t) ?? 0) + 1);
    const rare = RELATIONS.flatMap((r) =>
      r.pairs
        .flat()
        .filter((w) => (counts.get(w) ?? 0) < 100)
        .map((w) => `${r.name} ${w}: ${counts.get(w) ?? 0}`),
    );
    expect(rare).toEqual([]);
    expect([...counts].filter(([, n]) => n < 5)).toEqual([]);
    // Held-out paragraphs use only the training vocabulary.
    expect(
      heldout
        .flat()
        .flatMap((s) => s.split(' '))
        .filter((t) => !counts.has(t)),
    ).toEqual([]);
  });

  test('the relations and the analogy questions', () => {
    expect(RELATIONS.map((r) => [r.name, r.pairs.length])).toEqual([
      ['singular:plural', 64],
      ['verb:past', 42],
      ['adjective:comparative', 32],
      ['male:female', 13],
      ['country:capital', 10],
    ]);
    const questions = analogyQuestions();
    expect(questions).toHaveLength(RELATIONS.reduce((n, r) => n + r.pairs.length * (r.pairs.length - 1), 0));
    expect(questions).toContainEqual({ relation: 'male:female', question: ['king', 'queen', 'father', 'mother'] });
    expect(questions).toContainEqual({ relation: 'country:capital', question: ['france', 'paris', 'italy', 'rome'] });
    for (const r of RELATIONS) expect(new Set(r.pairs.flat()).size, r.name).toBe(2 * r.pairs.length);
  });

  test('the two members of a pair are used in parallel, so they occur about equally often', () => {
    const counts = new Map<string, number>();
    for (const t of train.flat().flatMap((s) => s.split(' '))) counts.set(t, (counts.get(t) ?? 0) + 1);
    const n = (w: string) => counts.get(w) ?? 0;
    const off: string[] = [];
    // Each template draws either member with probability 1/2: the counts differ by a few standard deviations at most.
    const balanced = (x: number, y: number, what: string) =>
      Math.abs(x - y) < 5 * Math.sqrt(x + y) || off.push(`${what}: ${x} vs ${y}`);
    for (const r of RELATIONS.filter((r) => r.name !== 'verb:past'))
      for (const [a, b] of r.pairs) balanced(n(a), n(b), `${a}:${b}`);
    // The past has two present counterparts: the base form after a plural subject, the -s form after a singular one.
    for (const t of TOPICS)
      for (const {
        forms: [base, third, past],
      } of t.verbs)
        balanced(n(base) + n(third), n(past), `${base}+${third}:${past}`);
    expect(off).toEqual([]);
  });

  test('held-out paragraphs are not training paragraphs; d2l reading shuffles them with a seed', () => {
    const inTrain = new Set(train.map((p) => p.join(' . ')));
    expect(heldout.filter((p) => inTrain.has(p.join(' . ')))).toEqual([]);
    const shuffled = readParagraphs('heldout', 3);
    expect(shuffled).not.toEqual(heldout);
    expect([...shuffled].sort()).toEqual([...heldout].sort());
    expect(() => readParagraphs('test' as 'train')).toThrow(RangeError);
  });
});
