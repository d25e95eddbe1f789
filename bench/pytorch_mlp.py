#!/usr/bin/python3
"""PyTorch's side of the DeepStep MLP bench: the same epoch, written the usual way.

MLP 784-128-64-10 (ReLU, ReLU, softmax + cross-entropy), SGD with momentum 0.9,
lr 0.01, batch 64, shuffled, Kaiming-normal weights and zero biases, over the
Fashion-MNIST training images as float32 in [0, 1].

Prints one JSON object on stdout. When torch cannot be imported it prints
{"ok": false, "reason": ...} and exits 0, so the caller can skip it gracefully.
The thread count is set by the caller through OMP/MKL/OPENBLAS_NUM_THREADS as well
as here with torch.set_num_threads, so nothing oversubscribes the cores.
"""

import argparse
import gzip
import json
import os
import struct
import sys
import time

FASHION_MNIST_SIZE = 60000


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--interop", type=int, default=0,
                   help="torch.set_num_interop_threads value; 0 leaves PyTorch's default")
    p.add_argument("--limit", type=int, default=0, help="use the first LIMIT images (0: all)")
    p.add_argument("--reps", type=int, default=3, help="timed epochs, each from fresh weights")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--device", default="cpu", help="cpu or cuda (the data and the model live there)")
    return p.parse_args()


def read_idx(path, magic, header_ints):
    """Payload bytes and header extents of a gzipped IDX file, checked against its size."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    header_size = 4 * (1 + header_ints)
    if len(raw) < header_size:
        raise ValueError(f"{path}: expected a {header_size}-byte header, got {len(raw)} bytes")
    fields = struct.unpack(">" + "I" * (1 + header_ints), raw[:header_size])
    if fields[0] != magic:
        raise ValueError(f"{path}: byte 0: expected magic {magic:#x}, got {fields[0]:#x}")
    dims = fields[1:]
    expected = 1
    for d in dims:
        expected *= d
    if len(raw) - header_size != expected:
        raise ValueError(f"{path}: expected {expected} bytes after the header, got {len(raw) - header_size}")
    return raw[header_size:], dims


def load_data(torch, data_dir, limit):
    images_path = os.path.join(data_dir, "train-images-idx3-ubyte.gz")
    labels_path = os.path.join(data_dir, "train-labels-idx1-ubyte.gz")
    if not (os.path.exists(images_path) and os.path.exists(labels_path)):
        return synthetic_data(torch, limit), "synthetic (no Fashion-MNIST files in " + data_dir + ")"
    pixels, (n, rows, cols) = read_idx(images_path, 0x803, 3)
    labels, (n_labels,) = read_idx(labels_path, 0x801, 1)
    if n_labels != n:
        raise ValueError(f"{labels_path}: expected {n} labels, got {n_labels}")
    count = n if limit <= 0 else min(limit, n)
    x = torch.frombuffer(bytearray(pixels[: count * rows * cols]), dtype=torch.uint8)
    x = x.reshape(count, rows * cols).to(torch.float32).div_(255.0)
    y = torch.frombuffer(bytearray(labels[:count]), dtype=torch.uint8).to(torch.int64)
    return (x.contiguous(), y), f"fashion-mnist ({data_dir})"


def synthetic_data(torch, limit):
    count = FASHION_MNIST_SIZE if limit <= 0 else min(limit, FASHION_MNIST_SIZE)
    g = torch.Generator().manual_seed(1234)
    x = torch.rand(count, 784, generator=g)
    x[torch.rand(count, 784, generator=g) < 0.5] = 0.0
    teacher = torch.randn(784, 10, generator=g)
    y = ((x - 0.25) @ teacher).argmax(dim=1)
    return x, y


def build_model(torch, seed):
    nn = torch.nn
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    for m in model:
        if isinstance(m, nn.Linear):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
    return model


def full_loss(torch, model, loss_fn, x, y):
    model.eval()
    with torch.no_grad():
        total = 0.0
        for first in range(0, x.shape[0], 1000):
            xb, yb = x[first:first + 1000], y[first:first + 1000]
            total += loss_fn(model(xb), yb).item() * xb.shape[0]
    model.train()
    return total / x.shape[0]


def synchronize(torch, device):
    """Waits for the GPU's queued work (nothing to wait for on the CPU)."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def train_epoch(torch, model, x, y, args, rep):
    """One shuffled epoch of SGD with momentum; returns (seconds, mean batch loss)."""
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    g = torch.Generator().manual_seed(args.seed + rep)
    n = x.shape[0]
    model.train()
    loss_sum = torch.zeros((), device=x.device)
    synchronize(torch, x.device)
    start = time.perf_counter()
    perm = torch.randperm(n, generator=g).to(x.device)
    for first in range(0, n, args.batch):
        idx = perm[first:first + args.batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        # Accumulated as a tensor so the epoch has no per-batch host sync.
        loss_sum += loss.detach() * xb.shape[0]
    synchronize(torch, x.device)
    seconds = time.perf_counter() - start
    return seconds, loss_sum.item() / n


def run_epoch(torch, x, y, args, rep):
    model = build_model(torch, args.seed).to(x.device)
    loss_fn = torch.nn.CrossEntropyLoss()
    before = full_loss(torch, model, loss_fn, x, y)
    seconds, mean_loss = train_epoch(torch, model, x, y, args, rep)
    after = full_loss(torch, model, loss_fn, x, y)
    return {"seconds": seconds, "mean_loss": mean_loss, "loss_before": before, "loss_after": after}


def choose_device(torch, name):
    """(device, None, 0), or (None, why not, exit status) for a device that cannot be used."""
    if name == "cuda":
        if not torch.cuda.is_available():
            return None, "torch sees no usable CUDA device", 0
        # fp32 products, as DeepStep's: no TF32.
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
    elif name != "cpu":
        return None, f"--device: expected cpu or cuda, got {name!r}", 2
    return torch.device(name), None, 0


def main():
    args = parse_args()
    try:
        import torch
    except ImportError as e:
        print(json.dumps({"ok": False, "reason": f"torch cannot be imported by {sys.executable}: {e}"}))
        return 0
    torch.set_num_threads(args.threads)
    if args.interop > 0:
        torch.set_num_interop_threads(args.interop)
    try:
        (x, y), source = load_data(torch, args.data_dir, args.limit)
    except (OSError, ValueError) as e:
        print(json.dumps({"ok": False, "reason": f"cannot read the training data: {e}"}))
        return 0
    device, problem, status = choose_device(torch, args.device)
    if device is None:
        print(json.dumps({"ok": False, "reason": problem}))
        return status
    x, y = x.to(device), y.to(device)
    runs = [run_epoch(torch, x, y, args, rep) for rep in range(max(1, args.reps))]
    seconds = [r["seconds"] for r in runs]
    n = x.shape[0]
    result = {
        "ok": True,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "interop_setting": args.interop if args.interop > 0 else "default",
        "data": source,
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "samples": n,
        "epoch_seconds": seconds,
        "mean_loss": runs[-1]["mean_loss"],
        "loss_before": runs[-1]["loss_before"],
        "loss_after": runs[-1]["loss_after"],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
