"""TensorFlow 1 training: placeholders, a train op, and Session.run."""

import sys

import numpy as np
import tensorflow as tf
from tensorflow_migration_data import (
    features,
    initial_bias,
    initial_weights,
    labels,
)

tf.compat.v1.disable_eager_execution()

feature_input = tf.compat.v1.placeholder(tf.float32, [None, 8], name="features")
label_input = tf.compat.v1.placeholder(tf.int32, [None], name="labels")
weights = tf.compat.v1.get_variable("weights", initializer=initial_weights)
bias = tf.compat.v1.get_variable("bias", initializer=initial_bias)
logits = tf.matmul(feature_input, weights) + bias
losses = tf.nn.sparse_softmax_cross_entropy_with_logits(label_input, logits)
loss = tf.reduce_mean(losses)
train_op = tf.compat.v1.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.compat.v1.Session() as session:
    session.run(tf.compat.v1.global_variables_initializer())
    for step in range(1, 4):
        feed = {feature_input: features, label_input: labels}
        step_loss, _ = session.run([loss, train_op], feed_dict=feed)
        print(f"step {step} loss: {step_loss:.6f}")
    variables = tf.compat.v1.global_variables()
    trained = dict(zip([v.op.name for v in variables], session.run(variables)))

if len(sys.argv) > 1:  # a file to write the trained variables to, by name
    np.savez(sys.argv[1], **trained)
