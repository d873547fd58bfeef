import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from '../../bin/project.mjs';
import { allExerciseIds } from '../curriculum';
import { makeStub, syncStubs } from './stubs';

const stubLine = (indent: string, name: string) =>
  `${indent}throw new Error('Not implemented: ${name} (05-softmax). The task is in exercises/05-softmax/README.md');`;
const stub = (lines: string[]) => makeStub(lines.join('\n'), '05-softmax', 'sol.ts');

describe('makeStub', () => {
  test('replaces a region with one throw line naming the function and the exercise, at its indentation', () => {
    const source = [
      'export function softmax(X: Tensor): Tensor {',
      '  // BEGIN SOLUTION',
      '  const e = X.exp();',
      '  return e;',
      '  // END SOLUTION',
      '}',
    ];
    expect(stub(source)).toBe(
      ['export function softmax(X: Tensor): Tensor {', stubLine('  ', 'softmax'), '}'].join('\n'),
    );
  });

  test('keeps everything outside the regions byte for byte', () => {
    const outside = [
      "import * as tf from '@tensorflow/tfjs';\t",
      '',
      '/** σ(x) — ünïcode, trailing spaces   */',
      'export function a(): number {',
    ];
    const middle = ['}', '', '\texport const b = (x: number) => {'];
    const source = [
      ...outside,
      '  // BEGIN SOLUTION',
      '  return 1;',
      '  // END SOLUTION',
      ...middle,
      '\t\t// BEGIN SOLUTION',
      '\t\t// END SOLUTION',
      '};',
      '',
    ];
    expect(stub(source)).toBe([...outside, stubLine('  ', 'a'), ...middle, stubLine('\t\t', 'b'), '};', ''].join('\n'));
  });

  test.each([
    ['a generator function', 'export function* dataIter(batchSize: number): Generator<number[]> {', 'dataIter'],
    ['an exported arrow function assigned to a const', 'export const relu = (x: Tensor): Tensor => {', 'relu'],
    ['an async arrow function', 'export const train = async (net: Net) => {', 'train'],
    ['a class method', '  forward(x: Tensor): Tensor {', 'forward'],
    ['an async class method', '  async step(lr: number): Promise<void> {', 'step'],
  ])('names %s', (_, declaration, name) => {
    const out = stub([declaration, '    if (x) {', '    // BEGIN SOLUTION', '    // END SOLUTION', '    }', '}']);
    expect(out.split('\n')[2]).toBe(stubLine('    ', name));
  });

  test.each([
    [
      'an unclosed region',
      ['function f() {', '  // BEGIN SOLUTION', '  return 1;', '}'],
      'sol.ts:2: BEGIN SOLUTION is never closed',
    ],
    [
      'a nested BEGIN',
      ['// BEGIN SOLUTION', 'a', '// BEGIN SOLUTION', '// END SOLUTION'],
      'sol.ts:3: BEGIN SOLUTION inside the region opened at line 1',
    ],
    [
      'an END without BEGIN',
      ['function f() {', '  // END SOLUTION', '}'],
      'sol.ts:2: END SOLUTION without BEGIN SOLUTION',
    ],
  ])('rejects %s, naming file and line', (_, source, message) => {
    expect(() => stub(source)).toThrow(message);
  });
});

describe('makeStub names the function, not a callback-typed parameter or a local arrow', () => {
  test.each([
    [
      'a multi-line signature with a callback parameter',
      ['export function train(', '  net: Net,', '  loss: (yHat: Tensor, y: Tensor) => Tensor,', '): void {'],
      'train',
    ],
    ['a one-line method with a callback parameter', ['  fit(data: Data, onEpoch: (e: number) => void): void {'], 'fit'],
    [
      'a multi-line async arrow function',
      ['export const train = async (', '  a: number,', '): Promise<void> => {'],
      'train',
    ],
    ['a generic arrow function', ['export const id = <T>(x: T): T => {'], 'id'],
  ])('%s', (_, declaration, name) => {
    const out = stub([...declaration, '  // BEGIN SOLUTION', '  // END SOLUTION', '}']);
    expect(out).toContain(`Not implemented: ${name} (05-softmax)`);
  });
});

test('exercises/ is in sync with solutions/ for every exercise', () => {
  const written = allExerciseIds.filter((id) => existsSync(join(root, 'solutions', id)));
  expect(syncStubs(root, written, false)).toEqual([]);
});
