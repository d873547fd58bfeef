import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { implRoot } from '../../bin/project.mjs';

/**
 * The implementation a full-size training script runs: the student's (exercises/, the default),
 * the model solution (--impl solutions), or any folder of NN-slug folders (--impl <folder>).
 * The script's own options come back in `values`.
 */
export async function loadImplementation<T>(
  exerciseId: string,
  file: string,
  options: NonNullable<ParseArgsConfig['options']> = {},
): Promise<{ module: T; values: Record<string, string | boolean | undefined> }> {
  const { values } = parseArgs({
    options: { impl: { type: 'string', default: 'exercises' }, ...options },
    allowPositionals: false,
  });
  const flat = values as Record<string, string | boolean | undefined>;
  const impl = String(flat.impl);
  const module = (await import(join(implRoot(impl), exerciseId, file))) as T;
  return { module, values: flat };
}
