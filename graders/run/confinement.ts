import { spawnSync } from 'node:child_process';

/**
 * Operating-system confinement of a graded student's process, beyond Node's permission model
 * (which blocks file reads outside an allow-list, writes, child processes and workers, but not
 * the network, signals to other processes, or typed-array memory; docs/facts.md). Each layer is a
 * command that execs the next (unshare forks once, and its child runs the rest):
 *
 *   setpriv --pdeathsig   killed when the grading worker that started it dies, however it dies
 *   unshare --pid --net   its own PID namespace, whose init it is: it sees and can signal no other
 *                         process (no other student's), and when it dies everything it started dies
 *                         (--kill-child: killing unshare kills it); its own network namespace with
 *                         no usable interface: no connection, not even loopback
 *   setpriv --reuid       an unprivileged user (nobody): it cannot write the grader's files
 *   prlimit --as          an address-space limit: allocation beyond it fails, typed arrays included
 *
 * A layer this machine cannot provide (not root, no util-linux) is left out and reported.
 */
export interface Confinement {
  /** Commands to put before `node ...`. */
  prefix: string[];
  /** The protections in force, and those missing, for the report. */
  active: string[];
  missing: string[];
}

const NOBODY = 65534;

function works(argv: string[]): boolean {
  const r = spawnSync(argv[0]!, [...argv.slice(1), 'true'], { stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

/** prlimit's address-space limit of `memoryMb` MiB, as a command prefix. */
export const addressSpaceLimit = (memoryMb: number): string[] => ['prlimit', `--as=${memoryMb * 1024 * 1024}`, '--'];

let cached: Map<number, Confinement> | undefined;

export function confinement(memoryMb: number): Confinement {
  cached ??= new Map();
  const hit = cached.get(memoryMb);
  if (hit) return hit;
  const c: Confinement = {
    prefix: [],
    active: [
      "Node's permission model (reads only node_modules and its own bundle; no writes, child processes or workers)",
    ],
    missing: [],
  };
  const layer = (argv: string[], active: string, missing: string) => {
    if (works(argv)) {
      c.prefix.push(...argv);
      c.active.push(active);
    } else c.missing.push(missing);
  };
  layer(
    ['setpriv', '--pdeathsig', 'KILL', '--'],
    'dies with its grading process (parent-death signal)',
    'a parent-death signal (setpriv not found): a student process could outlive a crashed worker',
  );
  layer(
    ['unshare', '--pid', '--fork', '--kill-child=SIGKILL', '--net', '--'],
    'its own process and network namespaces (sees and signals no other process; no network)',
    'process and network isolation (unshare needs root): a submission could signal other students or connect out',
  );
  layer(
    ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--'],
    "runs as user nobody (cannot write the grader's files)",
    'a separate user (setpriv needs root)',
  );
  layer(addressSpaceLimit(memoryMb), `address space limited to ${memoryMb} MiB`, 'a memory limit (prlimit not found)');
  cached.set(memoryMb, c);
  return c;
}
