import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { IMPLEMENTATIONS, root } from '../../bin/project.mjs';

/**
 * Training pictures: each full-size run writes out/<exercise id>/<time>-<implementation>.svg, so a
 * run never overwrites the last one and the progress page can show each learner's latest.
 */
export const picturesDir = (id: string) => join(root, 'out', id);

/** The name an implementation's pictures carry: exercises, solutions, or its folder's name. */
export const implName = (impl: string) =>
  IMPLEMENTATIONS.includes(impl) ? impl : basename(impl).replace(/[^A-Za-z0-9._-]/g, '_');

/** A new picture's path: the time (sortable, file-name safe) and the implementation. */
export function newPictureFile(id: string, impl: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(picturesDir(id), `${stamp}-${implName(impl)}.svg`);
}

/** The latest picture of an exercise for an implementation, if any. */
export function latestPicture(id: string, impl: string): string | undefined {
  const dir = picturesDir(id);
  if (!existsSync(dir)) return undefined;
  const suffix = `-${implName(impl)}.svg`;
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith(suffix) && /^\d{4}-\d\d-\d\dT/.test(f))
    .sort()
    .at(-1);
  return latest && join(dir, latest);
}
