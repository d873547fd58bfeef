import { copyFileSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ArchiveError, extractArchive } from './archive';

/** One student's submission: a folder or an archive in the submissions folder, named by student. */
export interface Submission {
  student: string;
  path: string;
  kind: 'folder' | 'archive';
}

const ARCHIVE = /\.(zip|tar\.gz|tgz)$/i;
const MAX_FILE_BYTES = 256 * 1024;
const MAX_FILES_PER_EXERCISE = 50;
const SEARCH_DEPTH = 4;

/** A student name safe as a folder and file name: letters, digits, dot, dash and underscore. */
export function studentName(entry: string): string {
  return (
    entry
      .replace(ARCHIVE, '')
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '_') || '_'
  );
}

/**
 * The submissions in a folder, by student name in sorted order (so shards are deterministic).
 * Entries that are neither a folder nor an archive come back as problems; so do entries whose
 * names clean to the same student (`carol/` and `carol.zip`, `victim.zip` and `victim.tar.gz`):
 * which one is the student's cannot be known, so none of them is graded.
 */
export function listSubmissions(dir: string): { submissions: Submission[]; problems: string[] } {
  const problems: string[] = [];
  const byName = new Map<string, Submission[]>();
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    const st = lstatSync(path);
    const kind = st.isDirectory() ? 'folder' : st.isFile() && ARCHIVE.test(entry) ? 'archive' : undefined;
    if (!kind) {
      problems.push(`${entry}: not a folder or a .zip/.tar.gz archive; ignored`);
      continue;
    }
    const student = studentName(entry);
    byName.set(student, [...(byName.get(student) ?? []), { student, path, kind }]);
  }
  const submissions: Submission[] = [];
  for (const [student, subs] of [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (subs.length === 1) submissions.push(subs[0]!);
    else {
      const names = subs.map((s) => basename(s.path)).join(', ');
      problems.push(`${names}: all name the student ${student}; none of them graded (rename or remove all but one)`);
    }
  }
  return { submissions, problems };
}

/** Exercise folders (named by their id) under `dir`, without following links; linked ones are reported. */
function findExerciseFolders(
  dir: string,
  ids: ReadonlySet<string>,
  problems: string[],
  depth = 0,
  found = new Map<string, string[]>(),
): Map<string, string[]> {
  if (depth > SEARCH_DEPTH) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isSymbolicLink() && ids.has(entry.name)) problems.push(`${entry.name}/: a symbolic link; not graded`);
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (ids.has(entry.name)) found.set(entry.name, [...(found.get(entry.name) ?? []), path]);
    else findExerciseFolders(path, ids, problems, depth + 1, found);
  }
  return found;
}

/**
 * Prepares a submission for grading in `work`: unpacks it if it is an archive (into `work/raw`),
 * finds each exercise's folder, and copies that folder's regular .ts files to `work/<id>/`.
 * Links are never followed or copied: a submission cannot bring in files from elsewhere.
 * Everything odd about it comes back as one line each in `problems`.
 */
export async function stage(
  sub: Submission,
  exerciseIds: readonly string[],
  work: string,
): Promise<{ dir: string; problems: string[] }> {
  const problems: string[] = [];
  let root = sub.path;
  if (sub.kind === 'archive') {
    root = join(work, 'raw');
    try {
      problems.push(...(await extractArchive(sub.path, root, basename(sub.path))));
    } catch (e) {
      if (!(e instanceof ArchiveError)) throw e;
      problems.push(e.message);
      return { dir: join(work, 'exercises'), problems };
    }
  }
  const dir = join(work, 'exercises');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const [id, candidates] of findExerciseFolders(root, new Set(exerciseIds), problems)) {
    // A whole clone of the course holds solutions/ too: the student's work is under exercises/
    // (looked for inside the submission: the folders the class sits in do not count).
    const chosen =
      candidates.find((c) => relative(root, c).split(/[\\/]/).includes('exercises')) ??
      candidates.sort((a, b) => a.length - b.length)[0]!;
    if (candidates.length > 1)
      problems.push(`${id}: found in ${candidates.length} places; graded ${relative(root, chosen) || '.'}`);
    const target = join(dir, id);
    mkdirSync(target, { mode: 0o755 });
    let copied = 0;
    // In name order, so which files a crowded folder keeps does not depend on the file system.
    for (const entry of readdirSync(chosen, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const from = join(chosen, entry.name);
      const shown = `${id}/${entry.name}`;
      if (entry.isSymbolicLink()) problems.push(`${shown}: a symbolic link; not graded`);
      else if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      else if (lstatSync(from).size > MAX_FILE_BYTES)
        problems.push(`${shown}: larger than ${MAX_FILE_BYTES >> 10} KiB; not graded`);
      else if (copied === MAX_FILES_PER_EXERCISE) {
        problems.push(`${id}: more than ${MAX_FILES_PER_EXERCISE} files; the rest not graded`);
        break;
      } else {
        copyFileSync(from, join(target, entry.name));
        copied++;
      }
    }
  }
  return { dir, problems };
}
