"""TensorFlow 1 style, as it still runs: a graph first, then a session."""

import os

os.environ["TF_USE_LEGACY_KERAS"] = (
    "1"  # TF 1 RNN cells come from the tf_keras package
)

import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()  # whole process, before any graph is built

token_ids = tf.compat.v1.placeholder(tf.int32, shape=[None, None], name="token_ids")
lengths = tf.compat.v1.placeholder(tf.int32, shape=[None], name="lengths")
initializer = tf.compat.v1.glorot_uniform_initializer(seed=0)
embedding = tf.compat.v1.get_variable("embedding", [50, 8], initializer=initializer)
token_vectors = tf.nn.embedding_lookup(embedding, token_ids)
cell = tf.compat.v1.nn.rnn_cell.LSTMCell(16, initializer=initializer)
_, state = tf.compat.v1.nn.dynamic_rnn(
    cell, token_vectors, sequence_length=lengths, dtype=tf.float32
)
print("eager:", tf.executing_eagerly())
print("dynamic_rnn:", state.h)

# static_rnn takes a Python list of one input per time step: it needs a fixed length
try:
    tf.unstack(token_vectors, axis=1)
except ValueError as error:
    print(error)
fixed_ids = tf.compat.v1.placeholder(tf.int32, shape=[None, 24], name="fixed_ids")
steps = tf.unstack(tf.nn.embedding_lookup(embedding, fixed_ids), axis=1)
_, static_state = tf.compat.v1.nn.static_rnn(
    cell, steps, sequence_length=lengths, dtype=tf.float32
)
print(f"static_rnn: a list of {len(steps)} tensors of shape {steps[0].shape}")

sentence = [5, 9, 2]
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    alone = session.run(state.h, {token_ids: [sentence], lengths: [3]})
    for length in (4, 7):  # one graph, batches padded to different lengths
        batch = np.ones((2, length), dtype=np.int32)
        batch[0, 3:] = 0  # the short sentence padded to the batch's longest
        batch[0, :3] = sentence
        last = session.run(state.h, {token_ids: batch, lengths: [3, length]})
        print(f"length {length}: {last.shape}", np.allclose(last[0], alone[0]))
    try:
        session.run(static_state.h, {fixed_ids: batch, lengths: [3, 7]})
    except ValueError as error:
        print(error)
    padded = np.pad(batch, [(0, 0), (0, 24 - 7)])  # padded to the fixed 24
    last = session.run(static_state.h, {fixed_ids: padded, lengths: [3, 7]})
    print("padded to 24:", np.allclose(last[0], alone[0]))
