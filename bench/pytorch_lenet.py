#!/usr/bin/python3
"""PyTorch's side of the DeepStep LeNet-5 bench: the epoch of experiments/lenet5-fashion.json.

Standardise (x - 0.286) / 0.353, conv 6@5x5 padding 2 + ReLU, max-pool 2, conv 16@5x5
+ ReLU, max-pool 2, flatten, dense 120 + ReLU, 84 + ReLU, 10 with softmax +
cross-entropy; SGD with momentum 0.9, lr 0.02, batch 64, shuffled, over the
Fashion-MNIST training images as float32 N x 1 x 28 x 28.

Prints one JSON object on stdout (with the process's peak resident memory). When torch
cannot be imported it prints {"ok": false, "reason": ...} and exits 0. The data
reading and the training loop are pytorch_mlp.py's.
"""

import argparse
import json
import os
import resource
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pytorch_mlp  # noqa: E402  (the IDX reader, next to this file)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--interop", type=int, default=0,
                   help="torch.set_num_interop_threads value; 0 leaves PyTorch's default")
    p.add_argument("--limit", type=int, default=0, help="use the first LIMIT images (0: all)")
    p.add_argument("--reps", type=int, default=1, help="timed epochs, each from fresh weights")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.02)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--device", default="cpu", help="cpu or cuda (the data and the model live there)")
    return p.parse_args()


def build_model(torch, seed):
    nn = torch.nn
    torch.manual_seed(seed)

    class Standardize(nn.Module):
        def forward(self, x):
            return (x - 0.286) / 0.353

    model = nn.Sequential(
        Standardize(),
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    for m in model:
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
            nn.init.zeros_(m.bias)
    return model


def run_epoch(torch, x, y, args, rep):
    seconds, mean_loss = pytorch_mlp.train_epoch(torch, build_model(torch, args.seed), x, y, args, rep)
    return {"seconds": seconds, "mean_loss": mean_loss}


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
        (x, y), source = pytorch_mlp.load_data(torch, args.data_dir, args.limit)
    except (OSError, ValueError) as e:
        print(json.dumps({"ok": False, "reason": f"cannot read the training data: {e}"}))
        return 0
    device, problem, status = pytorch_mlp.choose_device(torch, args.device)
    if device is None:
        print(json.dumps({"ok": False, "reason": problem}))
        return status
    x, y = x.reshape(-1, 1, 28, 28).contiguous().to(device), y.to(device)
    runs = [run_epoch(torch, x, y, args, rep) for rep in range(max(1, args.reps))]
    print(json.dumps({
        "ok": True,
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "threads": torch.get_num_threads(),
        "interop_setting": args.interop if args.interop > 0 else "default",
        "data": source,
        "samples": x.shape[0],
        "epoch_seconds": [r["seconds"] for r in runs],
        "mean_loss": runs[-1]["mean_loss"],
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
