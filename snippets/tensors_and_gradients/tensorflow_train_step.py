"""A gradient-descent step for low-level TensorFlow; run it to see the loss fall."""

# --8<-- [start:step]
import tensorflow as tf


class Linear(tf.Module):
    def __init__(self, inputs):
        super().__init__()
        self.kernel = tf.Variable(tf.random.normal([inputs, 1], stddev=0.1))
        self.bias = tf.Variable(tf.zeros([1]))

    def __call__(self, features):
        return features @ self.kernel + self.bias


@tf.function
def train_step(model, features, targets, learning_rate):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((tf.squeeze(model(features), -1) - targets) ** 2)
    variables = model.trainable_variables
    for variable, gradient in zip(variables, tape.gradient(loss, variables)):
        variable.assign_sub(learning_rate * gradient)
    return loss


# --8<-- [end:step]


if __name__ == "__main__":
    tf.random.set_seed(0)
    model = Linear(3)
    features, targets = tf.random.normal([64, 3]), tf.random.normal([64])
    losses = [float(train_step(model, features, targets, 0.05)) for _ in range(30)]
    assert losses[-1] < losses[0], losses
