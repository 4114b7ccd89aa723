"""What the three benchmark programs share: the sizes, the reviews, the figure.

Imported by torch_gru.py, tensorflow_gru.py and keras_gru.py, which run beside it.
"""

# --8<-- [start:stdlib]
import importlib.util
import os
import random
from pathlib import Path

# --8<-- [end:stdlib]
# --8<-- [start:sizes]
FULL = dict(
    reviews=25_000,
    length=150,
    vocabulary=30_000,
    embedding=125,
    hidden=100,
    batch=64,
)
# what the CPU test run measures:
REDUCED = dict(FULL, reviews=64 * 55, length=10, vocabulary=2_000)
SIZES = {"full": FULL, "reduced": REDUCED, "tiny": dict(REDUCED, reviews=64 * 8)}
SIZE = SIZES[os.environ.get("BENCHMARK_SIZE", "reduced")]
# --8<-- [end:sizes]


# --8<-- [start:corpus]
def reviews(count, length, vocabulary, seed=2018):
    """Token ids and labels: reviews by data/reviews/make_reviews.py, joined until
    they reach `length` words; words numbered from 2 in order of appearance."""
    spec = importlib.util.spec_from_file_location(
        "make", "data/reviews/make_reviews.py"
    )
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    rng = random.Random(seed)
    ids, labels, numbers = [], [], {}
    for _ in range(count):
        positive = rng.random() < 0.5
        words = []
        while len(words) < length:
            words += make.review(rng, positive).rstrip(".!").split()
        ids.append(
            [numbers.setdefault(w, len(numbers) + 2) for w in words[:length]]
        )
        labels.append(int(positive))
    assert len(numbers) + 2 <= vocabulary  # every id has a row in the embedding
    return ids, labels


# --8<-- [end:corpus]


# --8<-- [start:figures]
def draw(steps, scaling, pipelines, title):
    """One figure: ms per step by mode (median, min–max), ms per step against batch
    size and length, samples per second by pipeline. Saved in $ROSETTA_FIGURES."""
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import pyplot

    panels = 2 + len(scaling)
    figure, axes = pyplot.subplots(
        panels, 1, figsize=(6, 2.2 * panels), layout="constrained"
    )
    medians = [median for median, _, _ in steps.values()]
    spread = [
        [m - low for m, low, _ in steps.values()],
        [h - m for m, _, h in steps.values()],
    ]
    axes[0].barh(list(steps), medians, xerr=spread, color="#3f51b5")
    axes[0].set_xlabel("ms per training step (median, min–max)")
    for side, (name, points) in zip(axes[1:], scaling.items()):
        side.plot(list(points), list(points.values()), marker="o")
        side.set_xlabel(name)
        side.set_ylabel("ms per step")
    axes[-1].barh(list(pipelines), list(pipelines.values()), color="#ffa000")
    axes[-1].set_xlabel("samples per second into the model")
    folder = Path(os.environ.get("ROSETTA_FIGURES", "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{title}: step time, scaling and input pipelines"
    figure.savefig(folder / "benchmark.svg", metadata={"Title": name})


# --8<-- [end:figures]


def show(mode, median, low, high, epoch):
    """Print one mode's numbers as `name: number` lines, which the tests keep."""
    print(f"step ms {mode}: {median:.1f}")
    print(f"step ms {mode} min: {low:.1f}")
    print(f"step ms {mode} max: {high:.1f}")
    print(f"epoch s {mode}: {epoch:.2f}")
    print(f"samples per s {mode}: {SIZE['batch'] * 1000 / median:.0f}")
