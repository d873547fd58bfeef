import { defineConfig } from 'vitest/config';
import { tfRuntime } from './bin/project.mjs';

/**
 * The self-test in three tiers, each a vitest project (`--project <name>`):
 *   unit         the check library, the run protocol and the grader's parts: seconds
 *   honesty      every exercise's checks against its solution, stub and mutants (selftest/chapter-N)
 *   integration  the CLI, grading the sample class, golden values, backends, data loaders
 *   report       after the others: the committed honesty table is what the honesty suite proved
 */
export default defineConfig({
  resolve: {
    // The course's tfjs runtime, as in every bundle (reference/tf.ts, built by global-setup).
    alias: [{ find: /^@tensorflow\/tfjs$/, replacement: tfRuntime }],
  },
  test: {
    globalSetup: ['selftest/global-setup.ts'],
    setupFiles: ['selftest/setup-backend.ts'],
    server: { deps: { external: [/\.d2l\/build\//] } },
    pool: 'forks',
    // The self-test reads the CLI's output as text; picocolors colours it whenever CI is set.
    env: { NO_COLOR: '1' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['graders/**/*.test.ts'] } },
      { extends: true, test: { name: 'honesty', include: ['selftest/chapter-*.test.ts'] } },
      {
        extends: true,
        // After the honesty suite: the committed honesty table must be what it proved.
        test: { name: 'report', include: ['selftest/honesty-table.test.ts'], sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['selftest/**/*.test.ts'],
          exclude: ['selftest/chapter-*.test.ts', 'selftest/honesty-table.test.ts'],
        },
      },
    ],
  },
});
