"""Time and memory of attention and of an LSTM as sentences grow, one CPU thread."""

import os
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch.profiler import ProfilerActivity, profile

torch.set_num_threads(1)
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
        times.append(time.perf_counter() - start)
    return 1000 * min(times)


def mebibytes(function, *inputs):
    """Memory the call's operators allocate on the CPU, in MiB."""
    with profile(activities=[ProfilerActivity.CPU], profile_memory=True) as run:
        function(*inputs)
    return (
        sum(max(event.self_cpu_memory_usage, 0) for event in run.key_averages())
        / 2**20
    )


def measure():
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(features, features, batch_first=True)
    kinds = {  # attention takes (batch, heads, steps, features): one head here
        "hand-written attention": lambda x: attention_by_hand(x, x, x),
        "built-in attention": lambda x: F.scaled_dot_product_attention(x, x, x),
        "LSTM": lambda x: lstm(x[:, 0]),
    }
    results = {kind: {"ms": [], "MiB": []} for kind in kinds}
    with torch.no_grad():
        for steps in lengths:
            x = torch.randn(1, 1, steps, features)
            for kind, function in kinds.items():
                function(x)  # warm-up
                results[kind]["ms"].append(milliseconds(function, x))
                results[kind]["MiB"].append(mebibytes(function, x))
    return results


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
    title = "Attention and LSTM: time and memory against sentence length"
    figure.savefig(folder / "attention-cost.svg", metadata={"Title": title})


if __name__ == "__main__":
    results = measure()
    growth = {}  # from 256 to 2048 steps, eight times the length
    for kind, measured in results.items():
        for unit, name in [("ms", "time"), ("MiB", "memory")]:
            growth[kind, name] = measured[unit][-1] / measured[unit][1]
            print(f"{kind} {name} growth: {growth[kind, name]:.1f}")
    draw(results)
    assert (
        growth["hand-written attention", "memory"] > 30
    )  # the steps x steps scores
    assert growth["built-in attention", "memory"] < 12  # a fused kernel, in tiles
    assert growth["LSTM", "memory"] < 12
    assert growth["hand-written attention", "time"] > 2 * growth["LSTM", "time"]
