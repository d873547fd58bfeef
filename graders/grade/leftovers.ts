import { readdirSync, readFileSync } from 'node:fs';

/** Waits up to `ms` for the groups to empty (a killed group takes a moment to go), then kills and names what is left. */
export async function killLeftoversAfter(groups: ReadonlySet<number>, ms = 2000): Promise<string[]> {
  const until = performance.now() + ms;
  while (performance.now() < until && alive(groups).length > 0) await new Promise((r) => setTimeout(r, 50));
  return killLeftovers(groups);
}

/**
 * The processes still alive in the given process groups (the grading workers' groups, which every
 * student process stays in: it cannot leave its group without child processes or addons, and it
 * may rename itself, which changes its command line but not its group). Each is killed; the list
 * says what was found, for the report. Empty where /proc does not exist.
 */
export function killLeftovers(groups: ReadonlySet<number>): string[] {
  return alive(groups).map(({ pid, comm, pgrp }) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    return `process ${pid} (${comm}) of grading group ${pgrp}`;
  });
}

/** The live (not zombie) processes of the given groups, from /proc. */
function alive(groups: ReadonlySet<number>): { pid: number; comm: string; pgrp: number }[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  const found: { pid: number; comm: string; pgrp: number }[] = [];
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(fields[2]);
    // A zombie has finished; only its parent's bookkeeping is left.
    if (!groups.has(pgrp) || fields[0] === 'Z') continue;
    found.push({ pid: Number(pid), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), pgrp });
  }
  return found;
}
