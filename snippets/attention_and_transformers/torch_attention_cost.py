"""Time and memory of attention and of an LSTM as sentences grow, in PyTorch."""

import os
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.profiler import ProfilerActivity, profile

# --8<-- [start:measure]
features = 64
lengths = [128, 256, 512, 1024, 2048]


def attention_by_hand(q, k, v):
    weights = torch.softmax(q @ k.transpose(-2, -1) / features**0.5, dim=-1)
    return weights @ v


def milliseconds(function, *inputs, repeats=3):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(*inputs)
        if inputs[0].is_cuda:
            torch.cuda.synchronize()  # wait for the queued GPU work
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def mebibytes(function, *inputs):
    """Memory the call's operators allocate on the CPU, in MiB."""
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as run:
        function(*inputs)
    events = run.key_averages()
    return sum(max(event.self_cpu_memory_usage, 0) for event in events) / 2**20


def measure(device="cpu"):
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(features, features, batch_first=True).to(device)
    kinds = {
        "hand-written attention": lambda x: attention_by_hand(x, x, x),
        "built-in attention": lambda x: F.scaled_dot_product_attention(x, x, x),
        "LSTM": lambda x: lstm(x),
    }
    results = {kind: {"ms": [], "MiB": []} for kind in kinds}
    with torch.no_grad():
        for steps in lengths:
            x = torch.randn(1, steps, features, device=device)
            for kind, function in kinds.items():
                function(x)  # warm-up
                results[kind]["ms"].append(milliseconds(function, x))
                if device == "cpu":
                    results[kind]["MiB"].append(mebibytes(function, x))
    return results


# --8<-- [end:measure]


def draw(results):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(8, 3.4), layout="constrained")
    for kind, measured in results.items():
        for axis, unit in zip(axes, ("ms", "MiB")):
            axis.loglog(lengths, measured[unit], marker="o", label=kind, base=2)
            axis.set_xlabel("sentence length (steps)")
            axis.set_ylabel(unit)
    axes[0].set_title("Time of one forward pass")
    axes[1].set_title("Memory allocated")
    axes[0].legend()
    folder = Path(os.environ.get("ROSETTA_FIGURES", "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    title = "Time and memory of attention and an LSTM against sentence length, CPU"
    figure.savefig(folder / "attention-cost.svg", metadata={"Title": title})


if __name__ == "__main__":
    device = sys.argv[1] if len(sys.argv) > 1 else "cpu"
    results = measure(device)
    # From 256 to 2048 steps, eight times the length: how many times the cost?
    for kind, measured in results.items():
        for unit, name in [("ms", "time"), ("MiB", "memory")]:
            if measured[unit]:
                growth = measured[unit][-1] / measured[unit][1]
                print(f"{kind} {name} growth: {growth:.1f}")
    if device == "cpu":
        draw(results)
        for kind, measured in results.items():
            growth = measured["MiB"][-1] / measured["MiB"][1]
            assert growth > 30 if "attention" in kind else growth < 12, kind
