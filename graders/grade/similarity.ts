/**
 * Code similarity by winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003; the algorithm behind
 * MOSS): the code becomes a token stream with comments, layout, identifier names and literal
 * values abstracted away; every K consecutive tokens are hashed, and in every window of W hashes
 * the smallest is kept as a fingerprint. Fingerprints of the stub every student starts from are
 * removed, so only what students wrote counts. Two submissions sharing a large part of their
 * fingerprints share code, whatever the renaming and reformatting.
 *
 * (@dodona/dolos-lib does this on syntax trees, but installs tree-sitter parsers compiled by
 * node-gyp, ~70 s on every clean install; winnowing over tokens needs nothing.)
 */
const K = 12;
const W = 8;

const KEYWORDS = new Set(
  'break case catch class const continue default do else export extends false finally for function if import in instanceof let new null of return super switch this throw true try typeof undefined var void while yield async await'.split(
    ' ',
  ),
);

/** Code beyond this many characters is not compared (staged files are capped at 256 KiB anyway). */
export const MAX_TOKENIZED_CHARS = 256 * 1024;

const isIdentStart = (c: string) => /[A-Za-z_$]/.test(c);
const isIdentPart = (c: string) => /[\w$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/**
 * Tokens with names and literals abstracted: `const x = a.b(1)` → const I = I . I ( N ).
 * One pass over the characters, never looking back: linear in the length whatever the code
 * (a regular expression with alternatives backtracked quadratically on an unclosed string of
 * escaped backticks). An unclosed comment or string runs to the end of the code.
 */
export function tokens(code: string): string[] {
  const text = code.length > MAX_TOKENIZED_CHARS ? code.slice(0, MAX_TOKENIZED_CHARS) : code;
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      i++;
      out.push('S');
    } else if (isDigit(c)) {
      while (i < n && (isIdentPart(text[i]!) || text[i] === '.')) {
        // An exponent's sign belongs to the number: 1e-4.
        i += (text[i] === 'e' || text[i] === 'E') && (text[i + 1] === '-' || text[i + 1] === '+') ? 2 : 1;
      }
      out.push('N');
    } else if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text[i]!)) i++;
      const word = text.slice(start, i);
      out.push(KEYWORDS.has(word) ? word : 'I');
    } else {
      if (!/\s/.test(c)) out.push(c);
      i++;
    }
  }
  return out;
}

/** 32-bit FNV-1a of K tokens. */
function hash(parts: string[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0001')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The winnowed fingerprints of some code, without those of `stub`, sorted and unique. */
export function fingerprints(code: string, stub = ''): number[] {
  const of = (text: string) => {
    const t = tokens(text);
    const hashes = Array.from({ length: Math.max(0, t.length - K + 1) }, (_, i) => hash(t.slice(i, i + K)));
    const kept = new Set<number>();
    if (hashes.length > 0 && hashes.length < W) kept.add(Math.min(...hashes));
    for (let i = 0; i + W <= hashes.length; i++) kept.add(Math.min(...hashes.slice(i, i + W)));
    return kept;
  };
  const base = of(stub);
  return [...of(code)].filter((h) => !base.has(h)).sort((a, b) => a - b);
}

/** Shared fingerprints over the smaller set: 1 when one submission's own code is contained in the other's. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  return b.filter((h) => set.has(h)).length / Math.min(a.length, b.length);
}

export interface SimilarPair {
  exercise: string;
  a: string;
  b: string;
  score: number;
  /** Fingerprints each has of its own code (small numbers mean little code to compare). */
  sizes: [number, number];
}

/**
 * Pairs of students whose code for the same exercise is at least `threshold` similar, most
 * similar first. Submissions with fewer than `minFingerprints` of their own are too short to judge.
 */
export function similarPairs(
  byStudent: ReadonlyMap<string, Record<string, readonly number[]>>,
  threshold = 0.7,
  minFingerprints = 5,
): SimilarPair[] {
  const pairs: SimilarPair[] = [];
  const students = [...byStudent.keys()].sort();
  const exercises = new Set(students.flatMap((s) => Object.keys(byStudent.get(s)!)));
  for (const exercise of exercises) {
    for (let i = 0; i < students.length; i++) {
      for (let j = i + 1; j < students.length; j++) {
        const fa = byStudent.get(students[i]!)![exercise] ?? [];
        const fb = byStudent.get(students[j]!)![exercise] ?? [];
        if (fa.length < minFingerprints || fb.length < minFingerprints) continue;
        const score = similarity(fa, fb);
        if (score >= threshold)
          pairs.push({ exercise, a: students[i]!, b: students[j]!, score, sizes: [fa.length, fb.length] });
      }
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.exercise.localeCompare(y.exercise));
}
