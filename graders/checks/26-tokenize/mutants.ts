import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'keeps-digits',
    why: 'keeps digits as well as letters ([^A-Za-z0-9]+), unlike d2l',
    replace: [["      .replace(/[^A-Za-z]+/g, ' ')\n", "      .replace(/[^A-Za-z0-9]+/g, ' ')\n"]],
  },
  {
    name: 'each-character-a-space',
    why: 'replaces each non-letter by its own space, so a run of them leaves several spaces',
    replace: [["      .replace(/[^A-Za-z]+/g, ' ')\n", "      .replace(/[^A-Za-z]/g, ' ')\n"]],
  },
  {
    name: 'no-lower-case',
    why: 'forgets to lower-case the line',
    replace: [
      [
        "  return lines.map((line) =>\n    line\n      .replace(/[^A-Za-z]+/g, ' ')\n      .trim()\n      .toLowerCase(),\n  );\n",
        "  return lines.map((line) => line.replace(/[^A-Za-z]+/g, ' ').trim());\n",
      ],
    ],
  },
  {
    name: 'empty-last-line',
    why: "keeps the empty string after a final '\\n' as one more line (readlines does not)",
    replace: [["  if (lines.at(-1) === '') lines.pop();\n", '']],
  },
  {
    name: 'split-on-one-space',
    why: "splits words at each single space (line.split(' ')), so runs of spaces give empty tokens and tabs stay inside words",
    replace: [['line.split(/\\s+/).filter((w) => w.length > 0)', "line.split(' ')"]],
  },
  {
    name: 'utf16-chars',
    why: "splits characters with line.split(''), cutting a character outside the BMP (an emoji) into two halves",
    replace: [['lines.map((line) => [...line])', "lines.map((line) => line.split(''))"]],
  },
  {
    name: 'default-char',
    why: "makes 'char' the default token type instead of 'word'",
    replace: [["token: 'word' | 'char' = 'word'", "token: 'word' | 'char' = 'char'"]],
  },
  {
    name: 'prints-unknown-type',
    why: 'prints an error message and returns nothing, as the notes do',
    replace: [
      [
        "throw new UnknownTokenTypeError(`unknown token type '${token}': use 'word' or 'char'`);",
        "console.log('错误：未知词元类型：' + token);\n  return undefined as unknown as string[][];",
      ],
    ],
  },
  {
    name: 'plain-error',
    why: 'throws a plain Error, which a caller cannot tell from any other failure',
    replace: [
      [
        "throw new UnknownTokenTypeError(`unknown token type '${token}': use 'word' or 'char'`);",
        "throw new Error(`unknown token type '${token}'`);",
      ],
    ],
  },
] satisfies Mutant[];
