"""What every peer script shares: its options, d2l's grad_clipping, the timing loop and the one JSON line.

Run the scripts with /usr/bin/python3: Debian's python3-torch is installed for that interpreter only.
"""
import argparse
import json
import math
import os
import sys
import time

import torch

WARMUP = 3  # steps run before the clock starts: allocator and thread-pool start-up are not the model's speed


def parse_args(description, add_options=None, steps=20, check_steps=100):
    p = argparse.ArgumentParser(description=description)
    p.add_argument('--steps', type=int, default=None,
                   help=f'timed training steps after {WARMUP} warm-up steps (default {steps}; {check_steps} with --check)')
    p.add_argument('--threads', type=int, default=2, help='torch.set_num_threads (the machine has 2 cores)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--check', action='store_true',
                   help='train on one fixed batch and report whether the loss goes down (a correctness check, not a timing)')
    if add_options:
        add_options(p)
    args = p.parse_args()
    if args.steps is None:
        args.steps = check_steps if args.check else steps
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)  # parameter init and dropout masks
    return args


def grad_clipping(params, theta):
    """d2l's grad_clipping: scale every gradient by theta / norm when their global L2 norm exceeds theta."""
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
    if norm > theta:
        for param in params:
            param.grad[:] *= theta / norm


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine from /proc/stat, and this process's own busy jiffies."""
    with open('/proc/stat') as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    idle = ticks[3] + ticks[4]  # idle + iowait
    t = os.times()
    return sum(ticks) - idle, sum(ticks), (t.user + t.system) * os.sysconf('SC_CLK_TCK')


def halved(losses):
    """The default --check verdict: the loss on the fixed batch fell to under half its first value."""
    return math.isfinite(losses[-1]) and losses[-1] < 0.5 * losses[0]


def run(args, model, unit, tokens_per_step, batches, train_step, extra=None, check=halved):
    """Time `args.steps` calls of train_step(batch) -> float loss after WARMUP untimed ones and print one JSON line.

    batches: the minibatches, used in turn (all made before the clock starts, so data generation is not timed;
    with --check a single batch, so the model can overfit it). check(losses) -> bool: the --check verdict.
    """
    losses = []
    for i in range(WARMUP):
        losses.append(train_step(batches[i % len(batches)]))
    busy0, total0, own0 = cpu_jiffies()
    start = time.perf_counter()
    for i in range(args.steps):
        losses.append(train_step(batches[(WARMUP + i) % len(batches)]))
    seconds = time.perf_counter() - start
    busy1, total1, own1 = cpu_jiffies()
    out = {
        'model': model,
        'tokens_per_s': round(tokens_per_step * args.steps / seconds, 1),
        'unit': unit,
        'steps': args.steps,
        'ms_per_step': round(1000 * seconds / args.steps, 2),
        'tokens_per_step': tokens_per_step,
        'threads': torch.get_num_threads(),
        'torch': torch.__version__,
        'loss_first': round(losses[0], 4),
        'loss_last': round(losses[-1], 4),
        # The share of the machine's CPU time that other processes used while the clock ran: the timing is only
        # worth comparing when this is near 0 (the machine has 2 cores and OpenMP threads that wait by spinning).
        'others_cpu': round(max(0.0, (busy1 - busy0) - (own1 - own0)) / max(1, total1 - total0), 3),
    }
    out.update(extra or {})
    if args.check:
        # Every tenth loss on stderr, so stdout stays one JSON line.
        for i in range(0, len(losses), 10):
            print(f'step {i:4d}  loss {losses[i]:.4f}', file=sys.stderr)
        out['check_passed'] = bool(check(losses))
    print(json.dumps(out))
    if args.check and not out['check_passed']:
        sys.exit(1)
    return out
