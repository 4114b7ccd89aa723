"""TensorFlow 1 style, as it still runs: a graph first, then a session."""

import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()  # whole process, before any graph is built

token_ids = tf.compat.v1.placeholder(tf.int32, shape=[None, None], name="token_ids")
initializer = tf.compat.v1.glorot_uniform_initializer(seed=0)
embedding = tf.compat.v1.get_variable("embedding", [50, 8], initializer=initializer)
token_vectors = tf.nn.embedding_lookup(embedding, token_ids)
sentence_vectors = tf.reduce_mean(token_vectors, axis=1)

print("eager:", tf.executing_eagerly())
print("sentence_vectors:", sentence_vectors)
with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for length in (3, 7):  # one graph, sentences of any length
        batch = np.ones((2, length), dtype=np.int32)
        vectors = session.run(sentence_vectors, feed_dict={token_ids: batch})
        print(f"length {length}: {vectors.shape}")
