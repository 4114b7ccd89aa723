"""Step time: eager and compiled training steps of a small LSTM in TensorFlow."""

import statistics
import time

import tensorflow as tf


# --8<-- [start:model]
class Classifier(tf.Module):
    def __init__(self):
        super().__init__()
        self.embedding = tf.keras.layers.Embedding(50, 16)
        self.lstm = tf.keras.layers.LSTM(32)
        self.output = tf.keras.layers.Dense(1)

    def __call__(self, token_ids):
        return tf.squeeze(self.output(self.lstm(self.embedding(token_ids))), -1)


# --8<-- [end:model]


# --8<-- [start:train]
def step_time(compiled, steps=20, warm_up=3, jit_compile=False):
    """Median milliseconds per training step, leaving out warm-up and tracing."""
    tf.keras.utils.set_random_seed(0)
    model = Classifier()
    optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
    token_ids = tf.random.uniform((32, 20), 1, 50, dtype=tf.int32)
    labels = tf.cast(tf.random.uniform((32,), 0, 2, dtype=tf.int32), tf.float32)

    def train_step(token_ids, labels):
        with tf.GradientTape() as tape:
            logits = model(token_ids)
            losses = tf.nn.sigmoid_cross_entropy_with_logits(labels, logits)
            loss = tf.reduce_mean(losses)
        variables = [
            *model.embedding.trainable_variables,
            *model.lstm.trainable_variables,
            *model.output.trainable_variables,
        ]
        optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        return loss

    if compiled:
        train_step = tf.function(train_step, jit_compile=jit_compile)
    times = []
    for step in range(warm_up + steps):
        started = time.perf_counter()
        train_step(token_ids, labels).numpy()  # .numpy() waits for the result
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


# --8<-- [end:train]

if __name__ == "__main__":
    print(f"eager step ms: {step_time(False):.2f}")
    print(f"compiled step ms: {step_time(True):.2f}")
    print(f"compiled with XLA step ms: {step_time(True, jit_compile=True):.2f}")
