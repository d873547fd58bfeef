import type { Mutant } from '../../authoring/mutants';

export default [
  {
    name: 'ties-to-the-last',
    why: 'gives ties to the pair counted last (>= instead of >)',
    replace: [
      [
        'if (best === null || entry.freq > best.freq) best = entry;',
        'if (best === null || entry.freq >= best.freq) best = entry;',
      ],
    ],
  },
  {
    name: 'occurrences-not-frequencies',
    why: 'counts the occurrences of a pair, forgetting to weight them by the frequencies of the words',
    replace: [['      entry.freq += freq;', '      entry.freq += 1;']],
  },
  {
    name: 'd2l-string-replace',
    why: "merges with d2l's str.replace on the spaced string, which also joins the end of one symbol to the next ('ca b' → 'cab' for ('a', 'b'))",
    replace: [
      [
        "    const symbols = token.split(' ');\n    const out: string[] = [];\n    for (let i = 0; i < symbols.length; i++) {\n      if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {\n        out.push(a + b);\n        i++;\n      } else out.push(symbols[i]);\n    }\n    merged.set(out.join(' '), freq);",
        '    merged.set(token.replaceAll(`${a} ${b}`, a + b), freq);',
      ],
    ],
  },
  {
    name: 'symbols-not-appended',
    why: 'forgets to add the merged symbol to the symbols',
    replace: [['    out.push(pair[0] + pair[1]);\n', '']],
  },
  {
    name: 'symbols-changed-in-place',
    why: "appends the new symbols to the caller's list itself (d2l's merge_symbols does), instead of to a copy",
    replace: [['  const out = [...symbols];', '  const out = symbols;']],
  },
  {
    name: 'no-early-stop',
    why: 'keeps merging when no pair is left, as d2l does (its max() then crashes)',
    replace: [['    if (pair === null) break;\n', '']],
  },
  {
    name: 'segment-shortest-first',
    why: 'takes the shortest symbol at each step instead of the longest',
    replace: [
      [
        "    let end = chars.length;\n    while (start < chars.length && start < end) {\n      const piece = chars.slice(start, end).join('');\n      if (known.has(piece)) {\n        out.push(piece);\n        start = end;\n        end = chars.length;\n      } else end--;\n    }",
        "    let end = start + 1;\n    while (start < chars.length && end <= chars.length) {\n      const piece = chars.slice(start, end).join('');\n      if (known.has(piece)) {\n        out.push(piece);\n        start = end;\n        end = start + 1;\n      } else end++;\n    }",
      ],
    ],
  },
  {
    name: 'unk-skips-one-character',
    why: "writes '[UNK]' for an unknown character and goes on after it, instead of d2l's stopping there",
    replace: [
      [
        '      } else end--;\n    }',
        "      } else if (--end === start) {\n        out.push('[UNK]');\n        start++;\n        end = chars.length;\n      }\n    }",
      ],
    ],
  },
  {
    name: 'learn-without-end-of-word-check',
    why: "accepts a word that does not end in '_', so its last symbol can merge with the next word's",
    replace: [
      [
        "    if (!word.endsWith('_')) throw new EndOfWordError(`the word '${word}' does not end in the end-of-word symbol '_'`);\n",
        '',
      ],
    ],
  },
  {
    name: 'segment-without-end-of-word-check',
    why: "segments a token that does not end in '_'",
    replace: [
      [
        "    if (!token.endsWith('_'))\n      throw new EndOfWordError(`the token '${token}' does not end in the end-of-word symbol '_'`);\n",
        '',
      ],
    ],
  },
  {
    name: 'no-merges-check',
    why: 'accepts a negative or fractional number of merges',
    replace: [
      [
        '  if (!Number.isInteger(numMerges) || numMerges < 0)\n    throw new HyperparameterError(`numMerges = ${numMerges}: it must be a whole number >= 0`);\n',
        '',
      ],
    ],
  },
] satisfies Mutant[];
