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
  {
    name: 'lower-case-first',
    why: 'lower-cases the line before replacing non-letters, so the Kelvin sign K becomes an ASCII k and the dotted İ an i, and both survive',
    replace: [
      [
        "    line\n      .replace(/[^A-Za-z]+/g, ' ')\n      .trim()\n      .toLowerCase(),\n",
        "    line\n      .toLowerCase()\n      .replace(/[^a-z]+/g, ' ')\n      .trim(),\n",
      ],
    ],
  },
  {
    name: 'case-insensitive-unicode-class',
    why: 'matches letters with /[^a-z]+/giu, whose Unicode case folding lets the Kelvin sign (k) and the long ſ (s) through',
    replace: [["      .replace(/[^A-Za-z]+/g, ' ')\n", "      .replace(/[^a-z]+/giu, ' ')\n"]],
  },
  {
    name: 'ascii-whitespace-only',
    why: 'splits words at ASCII blanks only ([ \\t\\r\\n]+), so a no-break or ideographic space stays inside a token',
    replace: [
      ['line.split(/\\s+/).filter((w) => w.length > 0)', 'line.split(/[ \\t\\r\\n]+/).filter((w) => w.length > 0)'],
    ],
  },
  {
    name: 'grapheme-chars',
    why: "splits characters into graphemes (Intl.Segmenter), not code points as Python's list(line): 'e' and its combining accent become one token",
    replace: [
      [
        'lines.map((line) => [...line])',
        'lines.map((line) => Array.from(new Intl.Segmenter().segment(line), (g) => g.segment))',
      ],
    ],
  },
  {
    name: 'token-type-any-case',
    why: "accepts the token type in any case ('Word'), which the task does not",
    replace: [
      [
        "  if (token === 'word') return",
        "  token = token.toLowerCase() as 'word' | 'char';\n  if (token === 'word') return",
      ],
    ],
  },
  {
    name: 'token-type-prefix',
    why: "accepts any token type starting with 'char' ('chars', 'character')",
    replace: [["  if (token === 'char') return", "  if (token.startsWith('char')) return"]],
  },
  {
    name: 'empty-text-one-line',
    why: "returns one empty line for an empty text (''.split('\\n') is ['']), where readlines gives none",
    replace: [
      ["  if (lines.at(-1) === '') lines.pop();\n", "  if (lines.length > 1 && lines.at(-1) === '') lines.pop();\n"],
    ],
  },
  {
    name: 'trailing-blank-lines-dropped',
    why: 'trims the end of the text before splitting, so blank lines at its end disappear',
    replace: [
      [
        "  const lines = text.split('\\n');\n  if (lines.at(-1) === '') lines.pop();\n",
        "  const lines = text.trimEnd() === '' ? [] : text.trimEnd().split('\\n');\n",
      ],
    ],
  },
  {
    name: 'trims-lines-in-place',
    why: "trims the caller's lines in place (lines[i] = lines[i].trim()) before splitting them",
    replace: [
      [
        "  if (token === 'word') return lines.map((line) => line.split(/\\s+/).filter((w) => w.length > 0));",
        "  if (token === 'word') {\n    lines.forEach((line, i) => {\n      lines[i] = line.trim();\n    });\n    return lines.map((line) => (line === '' ? [] : line.split(/\\s+/)));\n  }",
      ],
    ],
  },
] satisfies Mutant[];
