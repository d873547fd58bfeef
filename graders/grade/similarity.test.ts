import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../../bin/project.mjs';
import { fingerprints, MAX_TOKENIZED_CHARS, similarPairs, similarity, tokens } from './similarity';

/** The stub every student starts 05-softmax from. */
const STUB = readFileSync(join(root, 'exercises', '05-softmax', 'softmax.ts'), 'utf8');

/** The stub filled in with tfjs, shifted by the row maximum. */
const TIDY = `import * as tf from '@tensorflow/tfjs';

/** Softmax over the last axis, shifted by each row's maximum so that exp cannot overflow. */
export function softmax(X: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const shifted = X.sub(X.max(-1, true));
    const e = shifted.exp();
    return e.div(e.sum(-1, true));
  });
}
`;

/** TIDY copied: every name changed, laid out differently, other comments, other quotes. */
const TIDY_DISGUISED = `import * as tf from "@tensorflow/tfjs";
// my own softmax!!
export function softmax(logits: tf.Tensor): tf.Tensor
{
  return tf.tidy(() => { /* stable */ const z = logits.sub(logits.max(-1, true)); const p = z.exp(); return p.div(p.sum(-1, true)); });
}
`;

/** The same function written another way: loops over the values. */
const LOOPS = `import * as tf from '@tensorflow/tfjs';

export function softmax(X: tf.Tensor): tf.Tensor {
  const shape = X.shape;
  const q = shape[shape.length - 1]!;
  const data = X.dataSync();
  const out = new Float32Array(data.length);
  for (let row = 0; row < data.length; row += q) {
    let max = -Infinity;
    for (let j = 0; j < q; j++) max = Math.max(max, data[row + j]!);
    let total = 0;
    for (let j = 0; j < q; j++) {
      out[row + j] = Math.exp(data[row + j]! - max);
      total += out[row + j]!;
    }
    for (let j = 0; j < q; j++) out[row + j] = out[row + j]! / total;
  }
  return tf.tensor(out, shape);
}
`;

/** LOOPS copied with every name changed and its last loop rewritten. */
const LOOPS_EDITED = `import * as tf from '@tensorflow/tfjs';

export function softmax(logits: tf.Tensor): tf.Tensor {
  const dims = logits.shape;
  const classes = dims[dims.length - 1]!;
  const values = logits.dataSync();
  const probs = new Float32Array(values.length);
  for (let start = 0; start < values.length; start += classes) {
    let biggest = -Infinity;
    for (let k = 0; k < classes; k++) biggest = Math.max(biggest, values[start + k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) {
      probs[start + k] = Math.exp(values[start + k]! - biggest);
      sum += probs[start + k]!;
    }
    for (let k = 0; k < classes; k++) probs[start + k] /= sum;
  }
  return tf.tensor(probs, dims);
}
`;

/** A short answer: too little code of one's own to judge. */
const ONE_LINER = STUB.replace(/throw new Error\(.*\);/, 'return tf.softmax(X);');

/** Code for another exercise. */
const KFOLD = `export function kFoldIndices(n: number, k: number): number[][] {
  const folds: number[][] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const size = Math.floor(n / k) + (i < n % k ? 1 : 0);
    folds.push(Array.from({ length: size }, (_, j) => start + j));
    start += size;
  }
  return folds;
}
`;
const KFOLD_COPY = KFOLD.replace(/folds/g, 'parts').replace(/size/g, 'len').replace(/\n\s*/g, ' ');

describe('tokens', () => {
  test('names become I, numbers N and strings S, keywords and punctuation stay', () => {
    expect(tokens('const x = a.b(1)')).toEqual(['const', 'I', '=', 'I', '.', 'I', '(', 'N', ')']);
    expect(tokens('let s = "a" + \'b\' + `c${d}` + 1e-4 + 1_000 + 0.5;')).toEqual([
      'let',
      'I',
      '=',
      'S',
      '+',
      'S',
      '+',
      'S',
      '+',
      'N',
      '+',
      'N',
      '+',
      'N',
      ';',
    ]);
    expect(tokens('if (done) return null; else throw new Error(msg);')).toEqual([
      'if',
      '(',
      'I',
      ')',
      'return',
      'null',
      ';',
      'else',
      'throw',
      'new',
      'I',
      '(',
      'I',
      ')',
      ';',
    ]);
  });

  test('comments are dropped, line and block, and a comment marker inside a string is part of the string', () => {
    expect(tokens('x // a comment\n/* a\n block */ y')).toEqual(['I', 'I']);
    expect(tokens('const url = "http://example.com/*x*/";')).toEqual(['const', 'I', '=', 'S', ';']);
  });

  test('layout does not matter: the same code on one line gives the same tokens', () => {
    expect(tokens(TIDY_DISGUISED)).toEqual(tokens(TIDY));
  });

  test('tokenizing takes linear time: an unclosed string of 125,000 escaped backticks, and 256 KiB at most', () => {
    // The attack that took a backtracking tokenizer 23-36 s per file.
    const hostile = `const r = /${'\\`'.repeat(125_000)}/;`;
    const t = performance.now();
    tokens(hostile);
    tokens(`${'x + '.repeat(200_000)}y`);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(tokens(`${'a '.repeat(MAX_TOKENIZED_CHARS)}b`)).not.toContain('b');
    expect(tokens('"never closed')).toEqual(['S']);
  });
});

describe('fingerprints and similarity', () => {
  test('the same code with renamed variables, reformatted and recommented, has similarity 1', () => {
    const [a, b] = [fingerprints(TIDY, STUB), fingerprints(TIDY_DISGUISED, STUB)];
    expect(a.length).toBeGreaterThan(0);
    expect(similarity(a, b)).toBe(1);
  });

  test('fingerprints are sorted and unique', () => {
    const f = fingerprints(LOOPS);
    expect(f).toEqual([...new Set(f)].sort((x, y) => x - y));
  });

  test('the same function written another way is near 0', () => {
    expect(similarity(fingerprints(TIDY, STUB), fingerprints(LOOPS, STUB))).toBeLessThan(0.1);
  });

  test('unrelated code is near 0: at most an idiom such as a for loop header is shared', () => {
    expect(similarity(fingerprints(TIDY, STUB), fingerprints(KFOLD, STUB))).toBe(0);
    // Both loop `for (let j = 0; j < q; j++)`: 12 tokens in a row in common, and nothing else.
    expect(similarity(fingerprints(LOOPS, STUB), fingerprints(KFOLD, STUB))).toBeLessThanOrEqual(0.2);
  });

  test('a copy with one statement rewritten is still similar, but not identical', () => {
    const score = similarity(fingerprints(LOOPS, STUB), fingerprints(LOOPS_EDITED, STUB));
    expect(score).toBeGreaterThan(0.7);
    expect(score).toBeLessThan(1);
  });

  test("the stub's fingerprints are removed: a student who kept the stub has nothing of their own", () => {
    expect(fingerprints(STUB).length).toBeGreaterThan(0);
    expect(fingerprints(STUB, STUB)).toEqual([]);
    expect(similarity(fingerprints(STUB, STUB), fingerprints(STUB, STUB))).toBe(0);
  });

  test('the code every student shares with the stub does not count toward their similarity', () => {
    const without = similarity(fingerprints(TIDY, STUB), fingerprints(LOOPS, STUB));
    const withStub = similarity(fingerprints(TIDY), fingerprints(LOOPS));
    expect(withStub).toBeGreaterThan(without);
    const stubOwn = new Set(fingerprints(STUB));
    expect(fingerprints(LOOPS, STUB).some((h) => stubOwn.has(h))).toBe(false);
  });

  test('similarity is over the smaller submission: code copied whole into a larger file scores 1', () => {
    const [small, large] = [fingerprints(TIDY, STUB), fingerprints(`${TIDY}\n${KFOLD}`, STUB)];
    expect(large.length).toBeGreaterThan(small.length + 5);
    expect(similarity(small, large)).toBe(1);
    expect(similarity(large, small)).toBe(1);
  });

  test('an empty side has similarity 0, not NaN', () => {
    expect(similarity([], [1, 2, 3])).toBe(0);
    expect(similarity([1, 2, 3], [])).toBe(0);
  });
});

describe('similarPairs', () => {
  const fp = (code: string) => fingerprints(code, STUB);
  const kfold = (code: string) => fingerprints(code);
  const byStudent = new Map<string, Record<string, number[]>>([
    ['alice', { '05-softmax': fp(TIDY), '11-kfold': kfold(KFOLD) }],
    ['bob', { '05-softmax': fp(TIDY_DISGUISED), '11-kfold': kfold(LOOPS) }],
    ['carol', { '05-softmax': fp(LOOPS) }],
    ['dave', { '05-softmax': fp(LOOPS_EDITED), '11-kfold': kfold(KFOLD_COPY) }],
    ['erin', { '05-softmax': fp(STUB) }],
    ['frank', { '05-softmax': fp(STUB) }],
    ['gina', { '05-softmax': fp(ONE_LINER) }],
    ['hank', { '05-softmax': fp(ONE_LINER) }],
  ]);

  test('the short answer used below is too short to judge', () => {
    expect(fp(ONE_LINER).length).toBeGreaterThan(0);
    expect(fp(ONE_LINER).length).toBeLessThan(5);
  });

  test('copied pairs are reported on their exercise, most similar first, and nothing else', () => {
    const loops = similarity(fp(LOOPS), fp(LOOPS_EDITED));
    expect(similarPairs(byStudent)).toEqual([
      { exercise: '05-softmax', a: 'alice', b: 'bob', score: 1, sizes: [fp(TIDY).length, fp(TIDY_DISGUISED).length] },
      { exercise: '11-kfold', a: 'alice', b: 'dave', score: 1, sizes: [kfold(KFOLD).length, kfold(KFOLD_COPY).length] },
      {
        exercise: '05-softmax',
        a: 'carol',
        b: 'dave',
        score: loops,
        sizes: [fp(LOOPS).length, fp(LOOPS_EDITED).length],
      },
    ]);
  });

  test('the result does not depend on the order the students are given in', () => {
    const reversed = new Map([...byStudent].reverse());
    expect(similarPairs(reversed)).toEqual(similarPairs(byStudent));
  });

  test('a pair below the threshold is not reported', () => {
    const loops = similarity(fp(LOOPS), fp(LOOPS_EDITED));
    expect(similarPairs(byStudent, loops + 0.001).map((p) => [p.exercise, p.a, p.b])).toEqual([
      ['05-softmax', 'alice', 'bob'],
      ['11-kfold', 'alice', 'dave'],
    ]);
    expect(similarPairs(byStudent, loops).map((p) => [p.a, p.b])).toContainEqual(['carol', 'dave']);
  });

  test('submissions with fewer fingerprints than minFingerprints are not compared', () => {
    // alice and bob have fewer fingerprints of their own in 05-softmax than carol and dave.
    const min = Math.max(fp(TIDY).length, fp(TIDY_DISGUISED).length) + 1;
    expect(min).toBeLessThanOrEqual(Math.min(fp(LOOPS).length, fp(LOOPS_EDITED).length));
    expect(
      similarPairs(byStudent, 0.7, min)
        .filter((p) => p.exercise === '05-softmax')
        .map((p) => [p.a, p.b]),
    ).toEqual([['carol', 'dave']]);
  });

  test('two students who only kept the stub, or wrote the same one line, are not a pair', () => {
    const pairs = similarPairs(byStudent, 0);
    const names = new Set(pairs.flatMap((p) => [p.a, p.b]));
    for (const s of ['erin', 'frank', 'gina', 'hank']) expect(names.has(s), s).toBe(false);
  });
});
