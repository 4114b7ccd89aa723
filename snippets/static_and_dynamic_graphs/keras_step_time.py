"""Step time: eager and compiled training steps of a small LSTM in Keras."""

import statistics
import time

import keras
import numpy as np


# --8<-- [start:model]
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


# --8<-- [start:train]
def step_time(run_eagerly, steps=20, warm_up=3):
    """Median milliseconds per training step, leaving out warm-up and compiling."""
    keras.utils.set_random_seed(0)
    model = classifier()
    model.compile(
        optimizer=keras.optimizers.Adam(1e-3),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        run_eagerly=run_eagerly,
    )
    rng = np.random.default_rng(0)
    token_ids = rng.integers(1, 50, size=(32, 20)).astype("int32")
    labels = rng.integers(0, 2, size=(32, 1)).astype("float32")
    times = []
    for step in range(warm_up + steps):
        started = time.perf_counter()
        model.train_on_batch(token_ids, labels)  # returns the loss: waits for it
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


# --8<-- [end:train]

if __name__ == "__main__":
    print(f"eager step ms: {step_time(run_eagerly=True):.2f}")
    print(f"compiled step ms: {step_time(run_eagerly=False):.2f}")
