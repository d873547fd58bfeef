import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { progressFile } from '../../bin/project.mjs';

/** The last result of each exercise, keyed by the content of the student's file when it ran. */
export interface ProgressRecord {
  hash: string;
  passed: boolean;
  passedChecks: number;
  totalChecks: number;
  /** The run type-checked the file (a --no-typecheck run cannot make an exercise pass: passing.ts). */
  typechecked?: boolean;
  at: string;
}

const STORE = progressFile;

type Store = Record<string, Record<string, ProgressRecord>>;

function read(): Store {
  try {
    return JSON.parse(readFileSync(STORE, 'utf8')) as Store;
  } catch {
    return {};
  }
}

export function fileHash(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

/** Records of one implementation folder (exercises/ by default). */
export function loadProgress(implRoot: string): Record<string, ProgressRecord> {
  return read()[implRoot] ?? {};
}

export function saveProgress(implRoot: string, records: Record<string, ProgressRecord>): void {
  const store = read();
  store[implRoot] = { ...store[implRoot], ...records };
  mkdirSync(dirname(STORE), { recursive: true });
  const tmp = `${STORE}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(store, null, 1));
  renameSync(tmp, STORE);
}
