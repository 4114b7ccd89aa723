"""TensorFlow: the 2018 benchmark's GRU classifier, eager, tf.function and XLA."""

import resource

# --8<-- [start:stdlib]
import statistics
import time

# --8<-- [end:stdlib]
# --8<-- [start:imports]
import tensorflow as tf

# --8<-- [end:imports]
# the sizes, the reviews and the figure, shared by the three programs
from shared_benchmark import SIZE, draw, reviews, show

# --8<-- [start:threads]
tf.config.threading.set_intra_op_parallelism_threads(1)  # 0: all cores
tf.config.threading.set_inter_op_parallelism_threads(1)
# --8<-- [end:threads]


# --8<-- [start:model]
def glorot(shape, seed):
    limit = (6 / sum(shape)) ** 0.5
    return tf.random.stateless_uniform(shape, [seed, 0], -limit, limit)


class Classifier(tf.Module):
    """A GRU in variables; the reset gate applies after the matmul, as PyTorch's."""

    def __init__(self, vocabulary, embedding, hidden):
        super().__init__()
        self.embedding = tf.Variable(glorot([vocabulary, embedding], 1))
        self.kernel = tf.Variable(glorot([embedding, 3 * hidden], 2))
        self.recurrent = tf.Variable(glorot([hidden, 3 * hidden], 3))
        self.bias = tf.Variable(tf.zeros([2, 3 * hidden]))
        self.dense = tf.Variable(glorot([hidden, 1], 4))
        self.dense_bias = tf.Variable(tf.zeros([1]))
        self.forward_runs = 0  # Python runs of __call__: one per trace once traced

    def cell(self, state, x):
        xz, xr, xh = tf.split(x, 3, axis=1)
        hz, hr, hh = tf.split(state @ self.recurrent + self.bias[1], 3, axis=1)
        z, r = tf.sigmoid(xz + hz), tf.sigmoid(xr + hr)
        return z * state + (1 - z) * tf.tanh(xh + r * hh)

    def __call__(self, ids):
        self.forward_runs += 1
        embedded = tf.nn.embedding_lookup(self.embedding, ids)
        inputs = embedded @ self.kernel + self.bias[0]
        state = tf.zeros([tf.shape(ids)[0], self.recurrent.shape[0]])
        steps = tf.transpose(inputs, [1, 0, 2])  # scan goes along the first axis
        state = tf.scan(self.cell, steps, initializer=state)[-1]
        return tf.squeeze(state @ self.dense + self.dense_bias, -1)


# --8<-- [end:model]


# --8<-- [start:step]
class Adam(tf.Module):
    """Adam in TensorFlow ops (tf.keras's optimizers follow KERAS_BACKEND)."""

    def __init__(self, variables, rate=1e-3, beta1=0.9, beta2=0.999, epsilon=1e-7):
        super().__init__()
        self.targets, self.rate, self.betas = tuple(variables), rate, (beta1, beta2)
        self.epsilon, self.count = epsilon, tf.Variable(0.0)
        self.m = [tf.Variable(tf.zeros_like(v)) for v in variables]
        self.v = [tf.Variable(tf.zeros_like(v)) for v in variables]

    def apply(self, gradients):
        (beta1, beta2), count = self.betas, self.count.assign_add(1.0)
        rate = self.rate * tf.sqrt(1 - beta2**count) / (1 - beta1**count)
        for variable, gradient, m, v in zip(
            self.targets, gradients, self.m, self.v
        ):
            gradient = tf.convert_to_tensor(gradient)  # the embedding's is sparse
            m.assign(beta1 * m + (1 - beta1) * gradient)
            v.assign(beta2 * v + (1 - beta2) * gradient**2)
            variable.assign_sub(rate * m / (tf.sqrt(v) + self.epsilon))


def make_step(model, mode):
    """mode: "eager", "tf.function" or "XLA"."""
    variables = model.trainable_variables
    optimizer = Adam(variables)

    def step(ids, labels):
        with tf.GradientTape() as tape:
            logits = model(ids)
            loss = tf.reduce_mean(
                tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)
            )
        optimizer.apply(tape.gradient(loss, variables))
        return loss

    if mode == "eager":
        return step
    # reduce_retracing: from the second shape on, one trace serves every shape
    return tf.function(step, jit_compile=mode == "XLA", reduce_retracing=True)


# --8<-- [end:step]


# --8<-- [start:measure]
def time_steps(step, batches, warmup=5, steps=50):
    """Milliseconds per step, after `warmup` steps that are not timed."""
    times = []
    for i, (ids, labels) in enumerate(batches.take(warmup + steps)):
        start = time.perf_counter()
        float(step(ids, labels))  # float() waits for the step to finish
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


# --8<-- [end:measure]


# --8<-- [start:pipeline]
def dataset(ids, labels, batch, prefetch):
    data = tf.data.Dataset.from_tensor_slices((ids, tf.cast(labels, tf.float32)))
    data = data.batch(batch, drop_remainder=True)
    return data.prefetch(tf.data.AUTOTUNE) if prefetch else data


# --8<-- [end:pipeline]


def samples_per_second(step, batches, steps=20):
    """Over `steps` steps after the first, which starts the pipeline (not timed)."""
    seen = 0
    for i, (ids, labels) in enumerate(batches.take(steps + 1)):
        float(step(ids, labels))
        if i == 0:
            start = time.perf_counter()
        else:
            seen += len(labels)
    return seen / (time.perf_counter() - start)


def latency(model, ids, runs=20):
    forward = tf.function(model)
    forward(ids[:1])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        forward(ids[:1]).numpy()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    tf.random.set_seed(0)
    ids, labels = reviews(SIZE["reviews"], SIZE["length"], SIZE["vocabulary"])
    batches = dataset(ids, labels, SIZE["batch"], prefetch=False)
    sizes = SIZE["vocabulary"], SIZE["embedding"], SIZE["hidden"]
    steps, scaling, pipelines = {}, {"batch size": {}, "length": {}}, {}
    for mode in ("eager", "tf.function", "XLA"):
        model = Classifier(*sizes)
        start = time.perf_counter()
        steps[mode] = time_steps(make_step(model, mode), batches)
        name = mode.replace(".", " ")
        print(f"forward runs in timed epoch {name}: {model.forward_runs}")
        show(name, *steps[mode], time.perf_counter() - start)
    print(f"batch 1 latency ms: {latency(model, tf.constant(ids[:1])):.2f}")
    step = make_step(Classifier(*sizes), "tf.function")
    for batch in (16, 64, 128):
        some = dataset(ids[: batch * 10], labels[: batch * 10], batch, False)
        scaling["batch size"][batch] = time_steps(step, some, 2, 8)[0]
        print(f"step ms at batch {batch}: {scaling['batch size'][batch]:.1f}")
    for length in (5, 10, 20):
        cut = [row[:length] + [0] * (length - len(row)) for row in ids[: 64 * 10]]
        some = dataset(cut, labels[: 64 * 10], 64, False)
        scaling["length"][length] = time_steps(step, some, 2, 8)[0]
        print(f"step ms at length {length}: {scaling['length'][length]:.1f}")
    for prefetch in (False, True):
        name = "tf data prefetch AUTOTUNE" if prefetch else "tf data no prefetch"
        pipelines[name] = samples_per_second(
            step, dataset(ids, labels, 64, prefetch)
        )
        print(f"pipeline samples per s {name}: {pipelines[name]:.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS MB: {peak:.0f}")
    draw(steps, scaling, pipelines, "TensorFlow")
