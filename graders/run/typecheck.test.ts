import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { root } from '../../bin/project.mjs';
import { TypecheckLimitError, typecheck } from './typecheck';

const dir = mkdtempSync(join(tmpdir(), 'd2l-typecheck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a file under a fresh name and content, so no cached result answers for it. */
function fresh(source: string): string {
  const file = join(dir, `${randomBytes(6).toString('hex')}.ts`);
  writeFileSync(file, `${readFileSync(join(root, source), 'utf8')}\n// ${file}\n`);
  return file;
}

const STALL = 'fixtures/submissions/typecheck-stall/05-softmax/softmax.ts';
const RIGHT = 'solutions/05-softmax/softmax.ts';
const prlimit = spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!prlimit)('the type check under a memory limit', () => {
  test("a right file passes under the grader's limits (3 GiB, 30 s)", async () => {
    const file = fresh(RIGHT);
    expect((await typecheck([file], { memoryMb: 3072, timeoutMs: 30_000 })).get(file)).toEqual([]);
  });

  test('a limit of 2048 MiB stops the stall for memory: the limit is in bytes, not overflowed to none', async () => {
    // `2048 << 20` is negative in 32 bits, which prlimit took as no limit: the compiler then ran
    // until the time limit.
    const error = await typecheck([fresh(STALL)], { memoryMb: 2048, timeoutMs: 100_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypecheckLimitError);
    expect((error as Error).message).toBe('type-checking needed more than 2048 MiB');
  });

  test('a compiler that dies is an error naming why, never a clean result', async () => {
    // Too little address space for the Go runtime to start: it exits 2, as a run with errors does.
    const error = await typecheck([fresh(RIGHT)], { memoryMb: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypecheckLimitError);
    expect((error as Error).message).toMatch(/^the TypeScript compiler died \(fatal error: .+\)$/);
  });
});
