"""Data and starting weights for the TensorFlow 1 and 2 training steps."""

# --8<-- [start:data]
import numpy as np

rng = np.random.default_rng(0)
features = rng.normal(size=(16, 8)).astype("float32")  # 16 sentence vectors
labels = rng.integers(0, 2, size=16).astype("int32")  # 0 negative, 1 positive
initial_weights = rng.normal(scale=0.1, size=(8, 2)).astype("float32")
initial_bias = np.zeros(2, dtype="float32")
# --8<-- [end:data]
