import { describe, expect, test } from 'vitest';
import { applyMutant } from './mutants';

const mutant = (replace: [string, string][]) => ({ name: 'no-max-shift', why: 'forgets to subtract the max', replace });

describe('applyMutant', () => {
  test('applies the edits in order, each to the result of the one before', () => {
    expect(
      applyMutant(
        'a b c',
        mutant([
          ['a', 'x'],
          ['x b', 'y'],
        ]),
        'sol.ts',
      ),
    ).toBe('y c');
  });

  test('rejects an edit whose text is missing, naming the mutant and the file', () => {
    expect(() => applyMutant('a b c', mutant([['d', 'x']]), 'sol.ts')).toThrow(
      'mutant no-max-shift of sol.ts: text not found in the solution: "d"',
    );
  });

  test('rejects an edit whose text occurs twice, naming the mutant and the file', () => {
    expect(() => applyMutant('a b a', mutant([['a', 'x']]), 'sol.ts')).toThrow(
      'mutant no-max-shift of sol.ts: text occurs more than once: "a"',
    );
  });

  test('rejects a later edit whose text an earlier edit removed', () => {
    expect(() =>
      applyMutant(
        'a b c',
        mutant([
          ['a', 'x'],
          ['a', 'y'],
        ]),
        'sol.ts',
      ),
    ).toThrow(/text not found/);
  });
});
