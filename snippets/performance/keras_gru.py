"""Keras: the 2018 benchmark's GRU classifier, beside the plain framework."""

import resource

# --8<-- [start:stdlib]
import statistics
import time

# --8<-- [end:stdlib]
# --8<-- [start:imports]
import keras
import numpy as np

# --8<-- [end:imports]
# the sizes, the reviews and the figure, shared by the three programs
from shared_benchmark import FULL, SIZE, draw, reviews, show


# --8<-- [start:model]
class Classifier(keras.Model):
    def __init__(self, vocabulary, embedding, hidden):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocabulary, embedding)
        self.gru = keras.layers.GRU(hidden)
        self.dense = keras.layers.Dense(1)
        # Python runs of call(): a compiled step makes one per trace. Not on torch:
        # torch.compile would replay the count, and compile again for each value.
        self.counting = keras.backend.backend() != "torch"
        self.forward_runs = 0

    def call(self, ids):
        if self.counting:
            self.forward_runs += 1
        return keras.ops.squeeze(self.dense(self.gru(self.embedding(ids))), -1)


# --8<-- [end:model]


# --8<-- [start:step]
def compiled(model, mode):
    """mode: "eager" (run_eagerly), "default" (compile() picks) or "jit_compile"."""
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        run_eagerly=mode == "eager",
        jit_compile=True if mode == "jit_compile" else "auto",
    )
    return model


# --8<-- [end:step]


# --8<-- [start:measure]
class StepTimes(keras.callbacks.Callback):
    """Milliseconds of each training step of fit()."""

    def on_train_begin(self, logs=None):
        self.times = []

    def on_train_batch_begin(self, batch, logs=None):
        self.start = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        float(logs["loss"])  # waits for the step to finish
        self.times.append((time.perf_counter() - self.start) * 1000)


def time_steps(model, ids, labels, batch=64, warmup=5, steps=50):
    timer, count = StepTimes(), (warmup + steps) * batch
    model.fit(
        ids[:count],
        labels[:count],
        batch_size=batch,
        shuffle=False,
        verbose=0,
        callbacks=[timer],
    )
    times = timer.times[warmup:]
    return statistics.median(times), min(times), max(times)


# --8<-- [end:measure]


# --8<-- [start:pipeline]
class Batches(keras.utils.PyDataset):
    def __init__(self, ids, labels, batch, **kwargs):
        super().__init__(**kwargs)
        self.ids, self.labels, self.batch = ids, labels, batch

    def __len__(self):
        return len(self.ids) // self.batch

    def __getitem__(self, index):
        part = slice(index * self.batch, (index + 1) * self.batch)
        return self.ids[part], self.labels[part]


# --8<-- [end:pipeline]


class StepEnds(keras.callbacks.Callback):
    """When each step of fit() ended: what lies between two ends includes the
    pipeline's work for the next batch."""

    def on_train_begin(self, logs=None):
        self.ends = []

    def on_train_batch_end(self, batch, logs=None):
        float(logs["loss"])
        self.ends.append(time.perf_counter())


def samples_per_second(model, data, labels=None, steps=20):
    """Samples per second through fit(), from arrays or from a PyDataset, over
    `steps` steps after the first (fit's setup and the first step not timed)."""
    if labels is not None:
        data, labels = data[: (steps + 1) * 64], labels[: (steps + 1) * 64]
    ends = StepEnds()
    model.fit(
        data,
        labels,
        batch_size=None if labels is None else 64,
        verbose=0,
        steps_per_epoch=steps + 1,
        callbacks=[ends],
    )
    return 64 * (len(ends.ends) - 1) / (ends.ends[-1] - ends.ends[0])


def latency(model, ids, runs=20):
    model.predict_on_batch(ids[:1])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        model.predict_on_batch(ids[:1])
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


# --8<-- [start:beside]
def plain(framework, ids, labels):
    """The same model in plain PyTorch or TensorFlow, timed in this same run."""
    sizes = SIZE["vocabulary"], SIZE["embedding"], SIZE["hidden"]
    if framework == "torch":
        import torch
        import torch_gru as program

        torch.manual_seed(0)
        batches = list(program.loader(ids, labels, SIZE["batch"], workers=0))
        step = program.make_step(program.Classifier(*sizes))
    else:
        import tensorflow_gru as program

        batches = program.dataset(ids, labels, SIZE["batch"], prefetch=False)
        step = program.make_step(program.Classifier(*sizes), "tf.function")
    start = time.perf_counter()
    return program.time_steps(step, batches), time.perf_counter() - start


if __name__ == "__main__":
    # one thread for TensorFlow and PyTorch, set on import, before Keras runs a step
    import tensorflow_gru  # noqa: F401
    import torch_gru  # noqa: F401

    backend = keras.backend.backend()
    keras.utils.set_random_seed(0)
    ids, labels = reviews(SIZE["reviews"], SIZE["length"], SIZE["vocabulary"])
    sizes = SIZE["vocabulary"], SIZE["embedding"], SIZE["hidden"]
    steps, default = {}, None
    # At the reduced size, only what differs from "default" and costs seconds, not
    # minutes: on jax "default" is jit_compile, on torch it is eager.
    reduced = {"jax": ["default"], "torch": ["default"]}.get(
        backend, ["default", "jit_compile"]
    )
    if backend == "torch":  # what torch.compile made, counted in the process
        graphs = torch_gru.torch._dynamo.utils.counters["stats"]
    else:
        graphs = {"unique_graphs": 0}
    for mode in ("eager", "default", "jit_compile"):
        if mode not in reduced and SIZE is not FULL:
            continue
        model = compiled(Classifier(*sizes), mode)
        default = model if mode == "default" else default
        start, before = time.perf_counter(), graphs["unique_graphs"]
        steps[f"Keras {mode}"] = time_steps(
            model, np.array(ids), np.array(labels, "float32")
        )
        what = ("forward runs in timed epoch", model.forward_runs)
        if backend == "torch":
            what = ("compiled graphs", graphs["unique_graphs"] - before)
        name = mode.replace("_", " ")
        print(f"{what[0]} {name}: {what[1]}")
        show(name, *steps[f"Keras {mode}"], time.perf_counter() - start)
    print(f"batch 1 latency ms: {latency(model, np.array(ids)):.2f}")
    for framework in ("torch", "tensorflow"):
        steps[f"plain {framework}"], epoch = plain(framework, ids, labels)
        show(f"plain {framework}", *steps[f"plain {framework}"], epoch)
    for framework in ("torch", "tensorflow"):
        ratio = steps["Keras default"][0] / steps[f"plain {framework}"][0]
        print(f"Keras default over plain {framework}: {ratio:.2f}")
    ratio = steps["plain tensorflow"][0] / steps["plain torch"][0]
    print(f"plain tensorflow over plain torch: {ratio:.2f}")
    array_ids, array_labels = np.array(ids), np.array(labels, "float32")
    pipelines = {
        "NumPy arrays": samples_per_second(default, array_ids, array_labels)
    }
    pipelines["PyDataset"] = samples_per_second(
        default, Batches(array_ids, array_labels, 64)
    )
    for name, value in pipelines.items():
        print(f"pipeline samples per s {name}: {value:.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS MB: {peak:.0f}")
    draw(steps, {}, pipelines, f"Keras on {backend}")
# --8<-- [end:beside]
