"""What every peer script shares: its options, d2l's grad_clipping, the timing loop and the one JSON line.

Run the scripts with /usr/bin/python3: Debian's python3-torch is installed for that interpreter only.
"""
import argparse
import ctypes
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
    p.add_argument('--blas-threads', type=int, default=1,
                   help="OpenBLAS's own threads (default 1: see set_blas_threads)")
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--check', action='store_true',
                   help='train on one fixed batch and report whether the loss goes down (a correctness check, not a timing)')
    if add_options:
        add_options(p)
    args = p.parse_args()
    if args.steps is None:
        args.steps = check_steps if args.check else steps
    torch.set_num_threads(args.threads)
    set_blas_threads(args.blas_threads)
    torch.manual_seed(args.seed)  # parameter init and dropout masks
    return args


def openblas():
    """The BLAS library this process loaded and, if it is OpenBLAS, a handle to it. Debian's torch is built
    against the generic libblas.so.3 (BLAS_INFO=generic), so the implementation is the system's alternatives
    choice: the reference BLAS multiplies ~17x slower than OpenBLAS, and the JSON names the one that ran."""
    with open('/proc/self/maps') as f:
        path = next((l.split()[-1] for l in f if 'libblas.so' in l or 'openblas' in l), None)
    try:
        lib = ctypes.CDLL(path)
        lib.openblas_get_num_threads  # AttributeError for a BLAS that is not OpenBLAS
        return path, lib
    except (OSError, TypeError, AttributeError):
        return path, None


def set_blas_threads(n):
    """torch.set_num_threads sizes torch's OpenMP pool only: OpenBLAS keeps its own pool, one thread per core.
    With both pools at 2 threads on 2 cores, each pool's idle threads spin on the cores the other needs and
    every model here ran 3-5x slower (README). One BLAS thread was as fast as two at these small sizes."""
    lib = openblas()[1]
    if lib:
        lib.openblas_set_num_threads(n)


def grad_clipping(params, theta):
    """d2l's grad_clipping: scale every gradient by theta / norm when their global L2 norm exceeds theta."""
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
    if norm > theta:
        for param in params:
            param.grad[:] *= theta / norm


def run_queue_wait_ns():
    """Time this process's threads have spent ready to run but waiting for a core (schedstat's run_delay):
    the disturbance that matters, whether other processes or this process's own idle spinning threads cause it."""
    total = 0
    for task in os.listdir('/proc/self/task'):
        try:
            with open(f'/proc/self/task/{task}/schedstat') as f:
                total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total


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
    wait0 = run_queue_wait_ns()
    start = time.perf_counter()
    for i in range(args.steps):
        losses.append(train_step(batches[(WARMUP + i) % len(batches)]))
    seconds = time.perf_counter() - start
    wait = (run_queue_wait_ns() - wait0) / 1e9
    blas_path, blas_lib = openblas()
    out = {
        'model': model,
        'tokens_per_s': round(tokens_per_step * args.steps / seconds, 1),
        'unit': unit,
        'steps': args.steps,
        'ms_per_step': round(1000 * seconds / args.steps, 2),
        'tokens_per_step': tokens_per_step,
        'threads': torch.get_num_threads(),
        'blas_threads': blas_lib.openblas_get_num_threads() if blas_lib else None,
        'blas': blas_path,
        'torch': torch.__version__,
        'loss_first': round(losses[0], 4),
        'loss_last': round(losses[-1], 4),
        # Thread-seconds spent waiting for a core per second of the run: near 0 on an undisturbed run; a run
        # with a large value measured the scheduler, not the model (see README, "Threads on 2 cores").
        'wait_share': round(wait / seconds, 3),
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
