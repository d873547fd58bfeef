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
    command: 'unshare',
    active: 'no network (its own network namespace)',
    missing: 'network isolation (unshare --net needs root)',
  },
  {
    command: 'setpriv',
    active: 'runs as user nobody (cannot signal the grader)',
    missing: 'a separate user (setpriv needs root): a submission that kills its grading process gets 0',
  },
  { command: 'prlimit', active: 'address space limited to 512 MiB', missing: 'a memory limit (prlimit not found)' },
] as const;

describe('confinement', () => {
  const c = confinement(512);

  test('the prefix runs a command here: every layer in it works, together, in order', () => {
    const r = under(c.prefix, ['true']);
    expect(r.status, r.stderr).toBe(0);
    for (const layer of layers(c.prefix)) expect(under(layer, ['true']).status, layer.join(' ')).toBe(0);
  });

  test('the prefix is made of the known layers, in the order network, user, memory', () => {
    const commands = layers(c.prefix).map((l) => l[0]);
    expect(LAYERS.map((l) => l.command).filter((cmd) => commands.includes(cmd))).toEqual(commands);
    const prlimit = layers(c.prefix).find((l) => l[0] === 'prlimit');
    if (prlimit) expect(prlimit).toEqual(['prlimit', `--as=${512 * 1024 * 1024}`, '--']);
    const setpriv = layers(c.prefix).find((l) => l[0] === 'setpriv');
    if (setpriv) expect(setpriv).toEqual(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--']);
  });

  test("every layer is described as active or missing, never both, beside Node's permission model", () => {
    expect(c.active[0]).toMatch(/^Node's permission model/);
    expect(c.active.length - 1 + c.missing.length).toBe(LAYERS.length);
    const commands = layers(c.prefix).map((l) => l[0]);
    for (const layer of LAYERS) {
      const inPrefix = commands.includes(layer.command);
      expect([layer.command, c.active.includes(layer.active), c.missing.includes(layer.missing)]).toEqual([
        layer.command,
        inPrefix,
        !inPrefix,
      ]);
    }
  });

  test('each active layer is in force: no network interface but loopback, user nobody, the address-space limit', () => {
    const commands = layers(c.prefix).map((l) => l[0]);
    if (commands.includes('unshare')) {
      const r = under(c.prefix, ['cat', '/proc/net/dev']);
      expect(r.status, r.stderr).toBe(0);
      const interfaces = r.stdout
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.trim().split(':')[0]);
      expect(interfaces).toEqual(['lo']);
    }
    if (commands.includes('setpriv')) {
      const r = under(c.prefix, ['id', '-u']);
      expect([r.status, r.stdout.trim()]).toEqual([0, '65534']);
    }
    if (commands.includes('prlimit')) {
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
