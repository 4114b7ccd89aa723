# Started as a program: its two logical CPUs must exist before any tensor does.
# --8<-- [start:devices]
import numpy as np
import tensorflow as tf


def two_cpu_devices():
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * 2
    )


# --8<-- [end:devices]

if __name__ == "__main__":
    two_cpu_devices()  # before the data below creates the first tensor

# --8<-- [start:data]
rng = np.random.default_rng(0)
token_ids = rng.integers(1, 20, size=(16, 6))  # 16 sentences of 6 token ids
labels = (token_ids[:, 0] > 10).astype(np.int64)
dataset = tf.data.Dataset.from_tensor_slices((token_ids, labels))


class Classifier(tf.Module):
    def __init__(self):
        # MEAN: an update made on each replica is averaged over the replicas
        mean = tf.VariableAggregation.MEAN
        self.embedding = tf.Variable(
            tf.random.stateless_normal((20, 8), seed=(0, 0)), aggregation=mean
        )
        self.dense = tf.Variable(
            tf.random.stateless_normal((8, 2), seed=(0, 1)) * 0.3, aggregation=mean
        )
        self.bias = tf.Variable(tf.zeros(2), aggregation=mean)

    def __call__(self, token_ids):
        vectors = tf.reduce_mean(tf.gather(self.embedding, token_ids), axis=1)
        return vectors @ self.dense + self.bias


def step(model, tokens, targets):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(
            tf.nn.sparse_softmax_cross_entropy_with_logits(targets, model(tokens))
        )
    for variable, gradient in zip(
        model.trainable_variables, tape.gradient(loss, model.trainable_variables)
    ):
        variable.assign_sub(0.5 * tf.convert_to_tensor(gradient))


def train_alone(batch_size, epochs=2):
    model = Classifier()
    for _ in range(epochs):
        for tokens, targets in dataset.batch(batch_size):
            step(model, tokens, targets)
    return model


# --8<-- [end:data]


# --8<-- [start:mirrored]
def mirrored():
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        model = Classifier()  # one copy of each variable per device
    batches = strategy.experimental_distribute_dataset(dataset.batch(8))

    @tf.function
    def distributed_step(tokens, targets):
        strategy.run(step, args=(model, tokens, targets))

    for _ in range(2):
        for tokens, targets in batches:
            distributed_step(tokens, targets)
    print(strategy.num_replicas_in_sync, "replicas, batch of 8 split as", end=" ")
    print([part.shape[0] for part in strategy.experimental_local_results(tokens)])

    alone = train_alone(batch_size=8)
    difference = max(
        np.abs(a.numpy() - b.numpy()).max()
        for a, b in zip(model.trainable_variables, alone.trainable_variables)
    )
    assert difference < 1e-6, difference
    print(f"same weights as one process with batch 8: {difference < 1e-6}")


# --8<-- [end:mirrored]

if __name__ == "__main__":
    mirrored()
