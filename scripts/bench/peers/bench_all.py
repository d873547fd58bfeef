#!/usr/bin/python3
"""Run every peer `--runs` times and print one JSON line per model: the median tokens/s and every run's figure.

A run whose wait_share (thread-seconds its threads spent ready but waiting for a core, per second) exceeds
--max-wait measured the scheduler rather than the model: it is thrown away and repeated. On this 2-core machine
other sessions' tests often hold both cores; --priority (root only) moves this process and its children into a
new scheduling group at nice -20 so that they get the cores while they run (plain `nice` does not reach across
the kernel's per-session autogroups). See README, "Threads on 2 cores".
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = [
    ('rnn_lm.py', ['--cell', 'rnn']),
    ('rnn_lm.py', ['--cell', 'gru']),
    ('rnn_lm.py', ['--cell', 'lstm']),
    ('rnn_lm.py', ['--cell', 'rnn', '--concise']),
    ('rnn_lm.py', ['--cell', 'gru', '--concise']),
    ('rnn_lm.py', ['--cell', 'lstm', '--concise']),
    ('seq2seq.py', []),
    ('bahdanau.py', []),
    ('transformer.py', []),
    ('bert.py', []),
]


def raise_priority():
    """A new session gets its own autogroup; setting that group's nice to -20 affects this process tree only."""
    try:
        os.setsid()
    except OSError:
        pass  # already a session leader: its autogroup is still this tree's own
    try:
        with open('/proc/self/autogroup', 'w') as f:
            f.write('-20')
        return True
    except OSError as e:
        print(f'--priority: {e}; running at normal priority', file=sys.stderr)
        return False


def measure(script, extra, args):
    """`args.runs` undisturbed runs of one configuration, at most `args.attempts` tries."""
    kept, tries = [], 0
    while len(kept) < args.runs and tries < args.attempts:
        tries += 1
        cmd = [sys.executable, os.path.join(HERE, script), '--threads', str(args.threads), '--steps',
               str(args.steps)] + args.pass_through + extra
        out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(json.dumps(out), file=sys.stderr)
        if out['wait_share'] <= args.max_wait:
            kept.append(out)
    return kept


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--runs', type=int, default=3)
    p.add_argument('--attempts', type=int, default=8, help='tries per configuration before giving up')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--steps', type=int, default=20)
    p.add_argument('--max-wait', type=float, default=0.3)
    p.add_argument('--priority', action='store_true', help='run the peers at nice -20 in their own autogroup')
    p.add_argument('--only', default='', help='only the configurations whose command line contains this')
    args, args.pass_through = p.parse_known_args()  # e.g. --blas-threads 2 goes on to every peer
    priority = args.priority and raise_priority()
    for script, extra in CONFIGS:
        if args.only and args.only not in ' '.join([script] + extra):
            continue
        kept = measure(script, extra, args)
        if not kept:
            print(json.dumps({'script': script, 'options': extra, 'error': f'no run with wait_share <= '
                              f'{args.max_wait} in {args.attempts} tries'}), flush=True)
            continue
        tps = [k['tokens_per_s'] for k in kept]
        print(json.dumps({'model': kept[0]['model'], 'median_tokens_per_s': statistics.median(tps),
                          'unit': kept[0]['unit'], 'runs': tps, 'wait_shares': [k['wait_share'] for k in kept],
                          'threads': kept[0]['threads'], 'blas_threads': kept[0]['blas_threads'],
                          'priority': priority}), flush=True)


if __name__ == '__main__':
    main()
