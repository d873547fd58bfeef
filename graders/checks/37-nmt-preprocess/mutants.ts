import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'narrow-space-only',
    why: 'replaces the narrow no-break space U+202F but forgets U+00A0',
    replace: [['text.replace(/[\\u202f\\u00a0]/g', 'text.replace(/[\\u202f]/g']],
  },
  {
    name: 'no-lower-case',
    why: 'forgets to lower-case the text',
    replace: [["text.replace(/[\\u202f\\u00a0]/g, ' ').toLowerCase();", "text.replace(/[\\u202f\\u00a0]/g, ' ');"]],
  },
  {
    name: 'space-after-mark',
    why: 'puts the space after the punctuation mark instead of before it',
    replace: [['(mark) => ` ${mark}`', '(mark) => `${mark} `']],
  },
  {
    name: 'space-before-every-mark',
    why: 'inserts a space before every mark, even where one is already there (two spaces, empty tokens)',
    replace: [['lower.replace(/(?<=[^ ])[,.!?]/g', 'lower.replace(/[,.!?]/g']],
  },
  {
    name: 'space-at-start',
    why: 'inserts a space before a mark at the very start of the text too',
    replace: [['lower.replace(/(?<=[^ ])[,.!?]/g', 'lower.replace(/(?<=^|[^ ])[,.!?]/g']],
  },
  {
    name: 'any-whitespace-counts',
    why: 'takes a tab or newline before a mark for a space (\\S), where d2l tests for a space only',
    replace: [['lower.replace(/(?<=[^ ])[,.!?]/g', 'lower.replace(/(?<=\\S)[,.!?]/g']],
  },
  {
    name: 'more-marks',
    why: 'also separates ; and : from the word before, which d2l does not',
    replace: [['lower.replace(/(?<=[^ ])[,.!?]/g', 'lower.replace(/(?<=[^ ])[,.!?;:]/g']],
  },
  {
    name: 'split-on-whitespace',
    why: "splits words at runs of whitespace (split(/\\s+/)) instead of d2l's single spaces, dropping empty tokens",
    replace: [
      [
        "      source.push(parts[0].split(' '));\n      target.push(parts[1].split(' '));",
        '      source.push(parts[0].split(/\\s+/).filter(Boolean));\n      target.push(parts[1].split(/\\s+/).filter(Boolean));',
      ],
    ],
  },
  {
    name: 'num-examples-exact',
    why: 'reads lines 0 … numExamples − 1, one fewer than d2l reads',
    replace: [['if (numExamples && i > numExamples) break;', 'if (numExamples && i >= numExamples) break;']],
  },
  {
    name: 'num-examples-counts-pairs',
    why: 'counts only the lines that gave a pair towards numExamples, where d2l counts every line',
    replace: [['if (numExamples && i > numExamples) break;', 'if (numExamples && source.length > numExamples) break;']],
  },
  {
    name: 'columns-swapped',
    why: 'takes the French column as the source and the English one as the target',
    replace: [
      [
        "      source.push(parts[0].split(' '));\n      target.push(parts[1].split(' '));",
        "      source.push(parts[1].split(' '));\n      target.push(parts[0].split(' '));",
      ],
    ],
  },
  {
    name: 'extra-tabs-kept',
    why: 'keeps lines with more than one tab, taking their first two columns',
    replace: [['if (parts.length === 2) {', 'if (parts.length >= 2) {']],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error for a bad numExamples, which a caller cannot tell from any other failure',
    replace: [["import { HyperparameterError } from 'd2l-ts/reference/errors';", 'const HyperparameterError = Error;']],
  },
  {
    name: 'histogram-sides-swapped',
    why: 'counts the source sentences in the target column and the other way round',
    replace: [
      [
        '  for (const line of source) counts.get(line.length)![0]++;\n  for (const line of target) counts.get(line.length)![1]++;',
        '  for (const line of source) counts.get(line.length)![1]++;\n  for (const line of target) counts.get(line.length)![0]++;',
      ],
    ],
  },
  {
    name: 'histogram-sorts-caller-lines',
    why: "sorts the caller's source sentences by length in place to walk them in order",
    replace: [
      [
        '  const lengths = [...new Set(',
        '  source.sort((a, b) => a.length - b.length);\n  const lengths = [...new Set(',
      ],
    ],
  },
] satisfies Mutant[];
