"""Forward time: eager and compiled forward passes of a small LSTM in TensorFlow."""

# --8<-- [start:model]
import statistics
import time

import tensorflow as tf


class Classifier(tf.Module):
    def __init__(self):
        super().__init__()
        self.embedding = tf.keras.layers.Embedding(50, 16)
        self.lstm = tf.keras.layers.LSTM(32)
        self.output = tf.keras.layers.Dense(1)

    def __call__(self, token_ids):
        return tf.squeeze(self.output(self.lstm(self.embedding(token_ids))), -1)


# --8<-- [end:model]


# --8<-- [start:measure]
def forward_time(compiled, jit_compile=False, steps=10, warm_up=2):
    """Median milliseconds per forward pass, leaving out warm-up and tracing."""
    tf.keras.utils.set_random_seed(0)
    model = Classifier()
    forward = tf.function(model, jit_compile=jit_compile) if compiled else model
    token_ids = tf.random.uniform((32, 20), 1, 50, dtype=tf.int32)
    times = []
    for step in range(warm_up + steps):
        started = time.perf_counter()
        forward(token_ids).numpy()  # .numpy() waits for the result
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


print(f"eager forward ms: {forward_time(False):.2f}")
print(f"compiled forward ms: {forward_time(True):.2f}")
print(f"compiled with XLA forward ms: {forward_time(True, jit_compile=True):.2f}")
# --8<-- [end:measure]
