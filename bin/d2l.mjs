#!/usr/bin/env node
// The course's command line: `npm test -- 05-softmax`, `npm run progress`, `npm run grade -- <folder>`.
import { createRequire } from 'node:module';
import { ensureBuilt, frozenCli } from './build.mjs';

// A class hand-out runs the command line it was given (build.mjs: frozenCli); a clone builds its own.
const cli = (await frozenCli()) ?? (await ensureBuilt('cli', 'graders/cli/main.ts'));
const { main } = createRequire(import.meta.url)(cli);
process.exitCode = await main(process.argv.slice(2));
