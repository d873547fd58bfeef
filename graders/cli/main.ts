import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_SEED } from '../../bin/project.mjs';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer');
  return n;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** Entry point of bin/d2l.mjs; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command('d2l')
    .description('d2l-ts: a test-driven deep-learning course')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('test')
    .description('run the checks of exercises: ids (05-softmax), numbers (05), names (softmax) or chapters (1, ch1)')
    .argument('[exercises...]', 'what to check; default: every exercise you have started')
    .option('--impl <folder>', 'whose files: exercises, solutions, or a folder of NN-slug folders', 'exercises')
    .option(
      '--seed <n>',
      'seed of the random inputs (failures print it so they can be replayed)',
      integer,
      DEFAULT_SEED,
    )
    .option('--check <text>', 'only the checks whose name contains this text')
    .option('--no-typecheck', 'skip the TypeScript type check')
    .option(
      '--timeout <seconds>',
      'longest a single call of your code may run (default: per exercise, 20 s or more)',
      positive,
    )
    .action(
      async (
        words: string[],
        o: { impl: string; seed: number; check?: string; typecheck: boolean; timeout?: number },
      ) => {
        // Start the student's process before loading tfjs and the checks here: the two start-ups overlap.
        const { SubjectProcess } = await import('../run/subject-process');
        const prestarted = SubjectProcess.start();
        try {
          const { testCommand } = await import('./test-command');
          code = await testCommand(words, { ...o, prestarted });
        } finally {
          // Unused when the arguments were wrong; closing a host twice is harmless.
          void prestarted.then(
            (h) => h.close(),
            () => undefined,
          );
        }
      },
    );

  program
    .command('progress')
    .description('every exercise by chapter: passing, failing or not started, and the next one to do')
    .option('--impl <folder>', 'whose files: exercises, solutions, or a folder of NN-slug folders', 'exercises')
    .option('--no-run', 'do not run the checks of exercises changed since their last run')
    .option('--html [file]', 'also write the progress page (default: out/progress-<impl>.html)')
    .action(async (o: { impl: string; run: boolean; html?: string | boolean }) => {
      const { progressCommand } = await import('./progress-command');
      code = await progressCommand({ ...o, seed: DEFAULT_SEED });
    });

  program
    .command('watch')
    .description("run an exercise's checks again on every save of its folder, showing the first failing check")
    .argument('<exercise>', 'the exercise: 05-softmax, 05 or softmax')
    .option('--impl <folder>', 'whose files: exercises, solutions, or a folder of NN-slug folders', 'exercises')
    .option('--seed <n>', 'seed of the random inputs', integer, DEFAULT_SEED)
    .option('--timeout <seconds>', 'longest a single call of your code may run', positive)
    .action(async (word: string, o: { impl: string; seed: number; timeout?: number }) => {
      const { watchCommand } = await import('./watch-command');
      code = await watchCommand(word, o);
    });

  program
    .command('hint')
    .description('one more hint for an exercise per call')
    .argument('<exercise>', 'the exercise: 05-softmax, 05 or softmax')
    .option('--reset', 'start again from the first hint')
    .action(async (word: string, o: { reset?: boolean }) => {
      const { hintCommand } = await import('./hint-command');
      code = hintCommand(word, o);
    });

  program
    .command('reset')
    .description("restore an exercise's stub, keeping your file as a backup in .d2l/backups/")
    .argument('<exercise>', 'the exercise: 05-softmax, 05 or softmax')
    .action(async (word: string) => {
      const { resetCommand } = await import('./reset-command');
      code = await resetCommand(word);
    });

  program
    .command('solution')
    .description('show the model solution of an exercise, once your own passes its checks')
    .argument('<exercise>', 'the exercise: 05-softmax, 05 or softmax')
    .action(async (word: string) => {
      const { solutionCommand } = await import('./reset-command');
      code = await solutionCommand(word);
    });

  program
    .command('handout')
    .description("(instructors) write the students' repository: the course without its answers")
    .argument('<folder>', 'where to write it (must not exist, or be empty)')
    .option('--exercises <ids...>', 'the assigned exercises: the hand-out ends with the last of them')
    .action(async (folder: string, o: { exercises?: string[] }) => {
      const { handoutCommand } = await import('./handout-command');
      code = await handoutCommand(folder, o);
    });

  program
    .command('misconceptions')
    .description("(course authors) record which checks reject each mutant, for naming a student's mistake")
    .argument('[exercises...]', 'default: every exercise with mutants')
    .action(async (words: string[]) => {
      const { misconceptionsCommand } = await import('./misconceptions-command');
      code = await misconceptionsCommand(words);
    });

  program
    .command('grade')
    .description('(instructors) grade a folder of submissions: one folder or .zip/.tar.gz archive per student')
    .argument('<submissions>', 'the folder of submissions')
    .option('--out <folder>', 'where the report, gradebook, JUnit XML and results.json files go', 'grading-report')
    .option(
      '--exercises <ids...>',
      'what to grade (ids, numbers, chapters); default: every exercise found in a submission',
    )
    .option('--rubric <file>', 'points per exercise and check (default: rubrics/default.json)')
    .option('--seed <n>', 'seed of the inputs (default: a fresh one, recorded in the report)', integer)
    .option('--runs-scale <x>', "multiplies every property's number of random inputs", positive, 1)
    .option('--workers <n>', 'submissions graded at once (default: the number of cores)', integer)
    .option('--time-limit <seconds>', 'wall-clock limit per submission', positive, 120)
    .option('--call-timeout <seconds>', "limit on one call of a student's function", positive, 10)
    .option('--memory <MiB>', "address-space limit of a student's process", integer, 2048)
    .option(
      '--typecheck-timeout <seconds>',
      "limit on type-checking the class's files (then each student's, if the class goes past it)",
      positive,
      30,
    )
    .option(
      '--shard <i/n>',
      'grade the i-th of n deterministic slices (needs --seed and --exercises); merge with merge-grades',
    )
    .option(
      '--regrade <grading.json>',
      "grade again with that grading's seed and exercises, and write regrade.md: whose scores and which checks moved",
    )
    .action(async (folder: string, o: import('./grade-command').GradeOptions) => {
      const { gradeCommand } = await import('./grade-command');
      code = await gradeCommand(folder, o);
    });

  program
    .command('merge-grades')
    .description('(instructors) combine the output folders of grade --shard runs into one gradebook')
    .argument('<folders...>', 'output folders of the shards')
    .requiredOption('--out <folder>', 'where the merged outputs go')
    .action(async (folders: string[], o: { out: string }) => {
      const { mergeCommand } = await import('./grade-command');
      code = await mergeCommand(folders, o.out);
    });

  program
    .command('stubs')
    .description('(course authors) check, or with --write regenerate, exercises/ from solutions/')
    .argument('[ids...]', 'only these exercises (full ids such as 05-softmax); default: all')
    .option('--write', "rewrite exercises/ (overwrites students' work in this checkout)")
    .action(async (ids: string[], o: { write?: boolean }) => {
      const { stubsCommand } = await import('./stubs-command');
      code = stubsCommand(o.write ?? false, ids);
    });

  // `npm test | head` closes the pipe early: stop quietly instead of crashing on EPIPE.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    if (err.code === 'commander.help' || err.code?.startsWith('commander.')) return err.exitCode ?? 2;
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  return code;
}
