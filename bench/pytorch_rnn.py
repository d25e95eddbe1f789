#!/usr/bin/python3
"""PyTorch's side of the DeepStep recurrent bench: next-character training.

Sequences of T = 32 one-hot characters over V = 64, drawn uniformly from a seeded
generator (the same rule as deepstep_bench_rnn's), each with the character after them
as the target. An LSTM or GRU of 128 units (batch_first), its last step into a dense
layer of 64 with softmax + cross-entropy (nn.CrossEntropyLoss on the logits), SGD
with momentum 0.9 and lr 0.05, batches of 32 in order. One warm-up batch, then one
timed epoch over the samples.

Prints one JSON object on stdout: ok, seconds, samples, mean_loss, peak_rss_mib. When
torch cannot be imported it prints {"ok": false, "reason": ...} and exits 0.
"""

import argparse
import json
import resource
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cell", choices=["lstm", "gru"], default="lstm")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--interop", type=int, default=0,
                   help="torch.set_num_interop_threads value; 0 leaves PyTorch's default")
    p.add_argument("--samples", type=int, default=3200)
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--vocabulary", type=int, default=64)
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


def main():
    args = parse_args()
    try:
        import torch
    except ImportError as e:  # the peer is optional
        print(json.dumps({"ok": False, "reason": "PyTorch is not installed (%s)" % e}))
        return 0
    torch.set_num_threads(args.threads)
    if args.interop > 0:
        torch.set_num_interop_threads(args.interop)
    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    n, t, v = args.samples, args.steps, args.vocabulary
    ids = torch.randint(0, v, (n, t + 1), generator=g)
    x = torch.nn.functional.one_hot(ids[:, :t], v).float()
    y = ids[:, t]

    cell = torch.nn.LSTM if args.cell == "lstm" else torch.nn.GRU
    rnn = cell(v, args.hidden, batch_first=True)
    head = torch.nn.Linear(args.hidden, v)
    params = list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.SGD(params, lr=0.05, momentum=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step(first):
        xb, yb = x[first:first + args.batch], y[first:first + args.batch]
        opt.zero_grad(set_to_none=True)
        out, _ = rnn(xb)
        loss = loss_fn(head(out[:, -1, :]), yb)
        loss.backward()
        opt.step()
        return float(loss)

    step(0)  # warm-up: allocations, thread pools
    total = 0.0
    batches = 0
    start = time.perf_counter()
    for first in range(0, n, args.batch):
        total += step(first)
        batches += 1
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"ok": True, "cell": args.cell, "threads": args.threads, "seconds": seconds,
                      "samples": n, "mean_loss": total / batches, "peak_rss_mib": peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
