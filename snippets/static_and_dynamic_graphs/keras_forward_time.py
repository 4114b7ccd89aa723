"""Forward time: eager and compiled forward passes of a small LSTM in Keras."""

# --8<-- [start:model]
import statistics
import time

import keras
import numpy as np


def classifier():
    return keras.Sequential(
        [
            keras.Input((20,), dtype="int32"),
            keras.layers.Embedding(50, 16),
            keras.layers.LSTM(32),
            keras.layers.Dense(1),
        ]
    )


# --8<-- [end:model]


# --8<-- [start:measure]
def forward_time(run_eagerly, steps=10, warm_up=2):
    """Median milliseconds per forward pass, leaving out warm-up and compiling."""
    keras.utils.set_random_seed(0)
    model = classifier()
    model.compile(run_eagerly=run_eagerly)  # and jit_compile="auto"
    token_ids = (
        np.random.default_rng(0).integers(1, 50, size=(32, 20)).astype("int32")
    )
    times = []
    for step in range(warm_up + steps):
        started = time.perf_counter()
        model.predict_on_batch(token_ids)  # returns NumPy: waits for the result
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


print(f"eager forward ms: {forward_time(run_eagerly=True):.2f}")
if keras.backend.backend() != "torch":  # on torch, "auto" runs the step eagerly too
    print(f"compiled forward ms: {forward_time(run_eagerly=False):.2f}")
# --8<-- [end:measure]
