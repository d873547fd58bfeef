import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { confinement } from './confinement';

/** Runs a command under a prefix; its status and output. */
function under(prefix: string[], command: string[]) {
  const argv = [...prefix, ...command];
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The prefix cut into its layers: each is a command ending in `--`. */
function layers(prefix: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const arg of prefix) {
    current.push(arg);
    if (arg === '--') {
      out.push(current);
      current = [];
    }
  }
  expect(current, 'every layer ends with --').toEqual([]);
  return out;
}

const LAYERS = [
  {
    command: 'setpriv',
    flag: '--pdeathsig',
    active: 'dies with its grading process (parent-death signal)',
    missing: 'a parent-death signal (setpriv not found): a student process could outlive a crashed worker',
  },
  {
    command: 'unshare',
    flag: '--pid',
    active: 'its own process and network namespaces (sees and signals no other process; no network)',
    missing:
      'process and network isolation (unshare needs root): a submission could signal other students or connect out',
  },
  {
    command: 'setpriv',
    flag: '--reuid=65534',
    active: "runs as user nobody (cannot write the grader's files)",
    missing: 'a separate user (setpriv needs root)',
  },
  {
    command: 'prlimit',
    flag: `--as=${512 * 1024 * 1024}`,
    active: 'address space limited to 512 MiB',
    missing: 'a memory limit (prlimit not found)',
  },
] as const;

/** The layer of LAYERS a prefix layer is. */
const known = (layer: string[]) => LAYERS.findIndex((l) => l.command === layer[0] && layer[1] === l.flag);

describe('confinement', () => {
  const c = confinement(512);

  test('the prefix runs a command here: every layer in it works, together, in order', () => {
    const r = under(c.prefix, ['true']);
    expect(r.status, r.stderr).toBe(0);
    for (const layer of layers(c.prefix)) expect(under(layer, ['true']).status, layer.join(' ')).toBe(0);
  });

  test('the prefix is made of the known layers, in the order parent death, namespaces, user, memory', () => {
    const found = layers(c.prefix).map(known);
    expect(found).not.toContain(-1);
    expect([...found].sort()).toEqual(found);
    const exact: Record<number, string[]> = {
      0: ['setpriv', '--pdeathsig', 'KILL', '--'],
      1: ['unshare', '--pid', '--fork', '--kill-child=SIGKILL', '--net', '--'],
      2: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'],
      3: ['prlimit', `--as=${512 * 1024 * 1024}`, '--'],
    };
    for (const layer of layers(c.prefix)) expect(layer).toEqual(exact[known(layer)]);
  });

  test("every layer is described as active or missing, never both, beside Node's permission model", () => {
    expect(c.active[0]).toMatch(/^Node's permission model/);
    expect(c.active.length - 1 + c.missing.length).toBe(LAYERS.length);
    const present = layers(c.prefix).map(known);
    LAYERS.forEach((layer, i) => {
      const inPrefix = present.includes(i);
      expect([layer.flag, c.active.includes(layer.active), c.missing.includes(layer.missing)]).toEqual([
        layer.flag,
        inPrefix,
        !inPrefix,
      ]);
    });
  });

  test('each active layer is in force: pid 1 of its own namespace, only loopback, user nobody, the limit', () => {
    const present = layers(c.prefix).map(known);
    if (present.includes(1)) {
      const pid = under(c.prefix, ['sh', '-c', 'echo $$']);
      expect([pid.status, pid.stdout.trim()]).toEqual([0, '1']);
      const r = under(c.prefix, ['cat', '/proc/net/dev']);
      expect(r.status, r.stderr).toBe(0);
      const interfaces = r.stdout
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.trim().split(':')[0]);
      expect(interfaces).toEqual(['lo']);
    }
    if (present.includes(2)) {
      const r = under(c.prefix, ['id', '-u']);
      expect([r.status, r.stdout.trim()]).toEqual([0, '65534']);
    }
    if (present.includes(3)) {
      const r = under(c.prefix, ['sh', '-c', 'ulimit -v']);
      expect([r.status, r.stdout.trim()]).toEqual([0, String(512 * 1024)]);
    }
  });

  test('the result is cached per memory size: the same object for the same size, another for another', () => {
    expect(confinement(512)).toBe(c);
    const big = confinement(1024);
    expect(big).not.toBe(c);
    expect(confinement(1024)).toBe(big);
    expect(big.missing).toEqual(c.missing);
    if (c.prefix.includes('prlimit')) {
      expect(big.prefix).toContain(`--as=${1024 * 1024 * 1024}`);
      expect(big.active).toContain('address space limited to 1024 MiB');
      expect(c.prefix).not.toContain(`--as=${1024 * 1024 * 1024}`);
    }
  });
});
