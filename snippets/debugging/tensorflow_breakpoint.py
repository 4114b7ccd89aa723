"""A tf.function with a breakpoint; pass `eager` to run it eagerly."""

import sys

import tensorflow as tf

tf.config.run_functions_eagerly(sys.argv[1:] == ["eager"])


@tf.function
def scale(x):
    breakpoint()  # in a traced function, this runs while tracing only
    return x * 2


for value in (1.0, 2.0, 3.0):
    scale(tf.constant([value]))
print("done")
