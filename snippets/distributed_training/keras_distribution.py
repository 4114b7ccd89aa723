# Started as a program on the jax backend with two host devices:
# XLA_FLAGS=--xla_force_host_platform_device_count=2 KERAS_BACKEND=jax python ...
# --8<-- [start:data]
import keras
import numpy as np

rng = np.random.default_rng(0)
token_ids = rng.integers(1, 20, size=(16, 6))  # 16 sentences of 6 token ids
labels = (token_ids[:, 0] > 10).astype("int64")


def make_model():
    keras.utils.set_random_seed(0)  # every replica starts from the same weights
    return keras.Sequential(
        [
            keras.Input((6,), dtype="int32"),
            keras.layers.Embedding(20, 8, name="embedding"),
            keras.layers.GlobalAveragePooling1D(),
            keras.layers.Dense(2, name="dense"),
        ]
    )


def train(model, batch_size, epochs=2):
    model.compile(
        optimizer=keras.optimizers.SGD(0.5),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    model.fit(
        token_ids,
        labels,
        batch_size=batch_size,
        epochs=epochs,
        shuffle=False,
        verbose=0,
    )
    return model


def same_weights(model, other):
    return all(
        np.allclose(
            keras.ops.convert_to_numpy(a),
            keras.ops.convert_to_numpy(b),
            rtol=0,
            atol=1e-6,
        )
        for a, b in zip(model.weights, other.weights)
    )


# --8<-- [end:data]


# --8<-- [start:data-parallel]
def data_parallel():
    devices = keras.distribution.list_devices()
    distribution = keras.distribution.DataParallel(devices=devices)
    keras.distribution.set_distribution(distribution)
    replicated = train(make_model(), batch_size=8)  # each device gets 4 of the 8
    keras.distribution.set_distribution(None)
    alone = train(make_model(), batch_size=8)
    mesh = distribution.device_mesh
    layout = distribution.get_data_layout((8, 6))  # a batch of 8 sentences of 6 ids
    print(dict(zip(mesh.axis_names, mesh.shape)), "splits a batch as", layout.axes)
    embeddings = replicated.get_layer("embedding").embeddings.value
    shapes = [shard.data.shape for shard in embeddings.addressable_shards]
    print(devices, "hold", shapes)  # a whole copy each
    print(
        "same weights as one process with batch 8:", same_weights(replicated, alone)
    )


# --8<-- [end:data-parallel]


# --8<-- [start:model-parallel]
def model_parallel():
    mesh = keras.distribution.DeviceMesh(
        (1, 2), ["batch", "model"], devices=keras.distribution.list_devices()
    )
    layout_map = keras.distribution.LayoutMap(mesh)
    layout_map[".*embedding/embeddings"] = (None, "model")  # 4 columns each
    layout_map[".*dense/kernel"] = ("model", None)  # the matching 4 rows
    keras.distribution.set_distribution(
        keras.distribution.ModelParallel(
            layout_map=layout_map, batch_dim_name="batch"
        )
    )
    sharded = train(make_model(), batch_size=8)
    keras.distribution.set_distribution(None)
    alone = train(make_model(), batch_size=8)
    embeddings = sharded.get_layer("embedding").embeddings.value
    print(
        "each device holds", [s.data.shape for s in embeddings.addressable_shards]
    )
    print("same weights as one process with batch 8:", same_weights(sharded, alone))


# --8<-- [end:model-parallel]

if __name__ == "__main__":
    data_parallel()
    model_parallel()
