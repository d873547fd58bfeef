import { join, relative } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { implRoot } from '../../bin/project.mjs';

/**
 * An error that reaches the top of a training script is printed as its message and the student's
 * own stack lines, nothing else: Node's default report quotes the source line it was thrown from,
 * and inside the wasm backend that line is ~39 KB of minified code. A stub's "Not implemented"
 * is one line, which already names the task text.
 */
function reportErrorsBriefly(): void {
  const report = (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    if (/^Not implemented/.test(err.message)) process.stderr.write(`${err.message}\n`);
    else {
      const own = (err.stack ?? '')
        .split('\n')
        .slice(1)
        .filter((l) => !l.includes('node_modules') && !l.includes('node:'))
        .slice(0, 5)
        .map((l) => l.replace(`${process.cwd()}/`, '').slice(0, 200));
      process.stderr.write(`${err.name}: ${err.message.slice(0, 2000)}\n${own.join('\n')}\n`);
    }
    process.exit(1);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

/**
 * The implementation a full-size training script runs: the student's (exercises/, the default),
 * the model solution (--impl solutions), or any folder of NN-slug folders (--impl <folder>).
 * The script's own options come back in `values`, and `impl` as given.
 */
export async function loadImplementation<T>(
  exerciseId: string,
  file: string,
  options: NonNullable<ParseArgsConfig['options']> = {},
): Promise<{ module: T; values: Record<string, string | boolean | undefined>; impl: string }> {
  reportErrorsBriefly();
  const { values } = parseArgs({
    options: { impl: { type: 'string', default: 'exercises' }, ...options },
    allowPositionals: false,
  });
  const flat = values as Record<string, string | boolean | undefined>;
  const impl = String(flat.impl);
  const path = join(implRoot(impl), exerciseId, file);
  const module = (await import(path)) as T;
  return { module, values: flat, impl };
}

/** Where a script's messages show a path: relative to where it was run. */
export const shown = (path: string) => relative(process.cwd(), path) || path;
