"""PyTorch: the 2018 benchmark's GRU classifier, eager and compiled."""

import resource

# --8<-- [start:stdlib]
import statistics
import time

# --8<-- [end:stdlib]
# --8<-- [start:imports]
import torch

# --8<-- [end:imports]
# the sizes, the reviews and the figure, shared by the three programs
from shared_benchmark import SIZE, draw, reviews, show


# --8<-- [start:model]
class Classifier(torch.nn.Module):
    def __init__(self, vocabulary, embedding, hidden):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocabulary, embedding)
        self.gru = torch.nn.GRU(embedding, hidden, batch_first=True)
        self.dense = torch.nn.Linear(hidden, 1)

    def forward(self, ids):
        _, last = self.gru(self.embedding(ids))
        return self.dense(last[0]).squeeze(-1)


# --8<-- [end:model]


# --8<-- [start:step]
def make_step(model):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def step(ids, labels):
        optimizer.zero_grad()
        loss = loss_fn(model(ids), labels)
        loss.backward()
        optimizer.step()
        return loss

    return step


# --8<-- [end:step]


# --8<-- [start:measure]
def time_steps(step, batches, warmup=5, steps=50):
    """Milliseconds per step, after `warmup` steps that are not timed."""
    times = []
    for i, (ids, labels) in enumerate(batches[: warmup + steps]):
        start = time.perf_counter()
        step(ids, labels).item()  # .item() waits for the step to finish
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


# --8<-- [end:measure]


# --8<-- [start:compile]
def compiled_graphs(model, ids):
    """torch.compile the model and count the graphs Dynamo made of one call."""
    stats = torch._dynamo.utils.counters["stats"]  # counts for the whole process
    before = stats["unique_graphs"]
    compiled = torch.compile(model)
    compiled(ids)
    return compiled, stats["unique_graphs"] - before


# --8<-- [end:compile]


# --8<-- [start:threads]
torch.set_num_threads(1)  # intra-op threads; all cores: os.cpu_count()
# --8<-- [end:threads]


# --8<-- [start:pipeline]
def loader(ids, labels, batch, workers):
    data = torch.utils.data.TensorDataset(
        torch.tensor(ids), torch.tensor(labels, dtype=torch.float32)
    )
    return torch.utils.data.DataLoader(data, batch_size=batch, num_workers=workers)


# --8<-- [end:pipeline]


def samples_per_second(step, batches, device, steps=20):
    """Over `steps` steps after the first, which starts the workers (not timed)."""
    seen = 0
    for i, (ids, labels) in enumerate(batches):
        step(ids.to(device), labels.to(device)).item()
        if i == 0:
            start = time.perf_counter()
            continue
        seen += len(labels)
        if i == steps:
            break
    return seen / (time.perf_counter() - start)


def latency(model, ids, runs=20):
    times = []
    with torch.no_grad():
        model(ids[:1])  # not timed
        for _ in range(runs):
            start = time.perf_counter()
            model(ids[:1]).cpu()  # .cpu() waits for a GPU to finish
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"  # the GPU box: cuda
    torch.manual_seed(0)
    ids, labels = reviews(SIZE["reviews"], SIZE["length"], SIZE["vocabulary"])
    batches = [
        (some.to(device), labels.to(device))
        for some, labels in loader(ids, labels, SIZE["batch"], workers=0)
    ]
    sizes = SIZE["vocabulary"], SIZE["embedding"], SIZE["hidden"]
    steps, scaling, pipelines = {}, {"batch size": {}, "length": {}}, {}
    time_steps(make_step(Classifier(*sizes).to(device)), batches, 5, 5)  # process
    if device == "cuda":  # warm-up above, not timed in any mode
        torch.cuda.reset_peak_memory_stats()
    for mode in ("eager", "torch.compile"):
        model = Classifier(*sizes).to(device)
        start = time.perf_counter()  # the epoch's time includes compiling
        if mode == "torch.compile":
            model, graphs = compiled_graphs(model, batches[0][0])
            print(f"compiled graphs: {graphs}")
        steps[mode] = time_steps(make_step(model), batches)
        show(mode.replace(".", " "), *steps[mode], time.perf_counter() - start)
    if device == "cuda":  # the modes' steps at the benchmark's size only
        peak = torch.cuda.max_memory_allocated() / 2**20
        print(f"CUDA max allocated MB: {peak:.0f}")
    print(f"batch 1 latency ms: {latency(model, batches[0][0]):.2f}")
    ratio = steps["eager"][0] / steps["torch.compile"][0]
    print(f"eager over torch compile: {ratio:.2f}")  # same code, in turn
    step = make_step(Classifier(*sizes).to(device))
    for batch in (16, 32, 64, 128):
        some = [
            (x.to(device), y.to(device))
            for x, y in loader(ids[: batch * 10], labels[: batch * 10], batch, 0)
        ]
        scaling["batch size"][batch] = time_steps(step, some, 2, 8)[0]
        print(f"step ms at batch {batch}: {scaling['batch size'][batch]:.1f}")
    for length in (5, 10, 20, 40):
        cut = [row[:length] + [0] * (length - len(row)) for row in ids[: 64 * 10]]
        cut = loader(cut, labels[: 64 * 10], 64, 0)
        some = [(x.to(device), y.to(device)) for x, y in cut]
        scaling["length"][length] = time_steps(step, some, 2, 8)[0]
        print(f"step ms at length {length}: {scaling['length'][length]:.1f}")
    for workers in (0, 2):
        name = f"DataLoader {workers} workers"
        pipelines[name] = samples_per_second(
            step, loader(ids, labels, 64, workers), device
        )
        print(f"pipeline samples per s {name}: {pipelines[name]:.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS MB: {peak:.0f}")
    draw(steps, scaling, pipelines, "PyTorch")
