"""A small Transformer encoder classifier on the reviews, in Keras.

With the conversions of multi-head attention and of an encoder block between PyTorch
and Keras, and the Keras block the classifier is made of.
"""

# --8<-- [start:imports]
import csv
import time

import keras
import numpy as np
from keras import ops

# --8<-- [end:imports]


# --8<-- [start:attention]


def attention_torch_to_keras(state, heads, prefix=""):
    """nn.MultiheadAttention state_dict (NumPy) -> MultiHeadAttention weights."""
    packed = state[prefix + "in_proj_weight"]  # (3 * features, features)
    features = packed.shape[1]
    size = features // heads
    weights = []
    for kernel, bias in zip(
        np.split(packed, 3), np.split(state[prefix + "in_proj_bias"], 3)
    ):  # query, key, value
        weights += [
            kernel.T.reshape(features, heads, size),
            bias.reshape(heads, size),
        ]
    output = state[prefix + "out_proj.weight"]  # (outputs, inputs), like Linear
    weights += [
        output.T.reshape(heads, size, features),
        state[prefix + "out_proj.bias"],
    ]
    return weights


def attention_keras_to_torch(weights, prefix=""):
    """MultiHeadAttention weights -> nn.MultiheadAttention state_dict (NumPy)."""
    kernels, biases = weights[0:6:2], weights[1:6:2]  # query, key, value
    output_kernel, output_bias = weights[6:]
    features = kernels[0].shape[0]
    return {
        prefix + "in_proj_weight": np.concatenate(
            [kernel.reshape(features, -1).T for kernel in kernels]
        ),
        prefix + "in_proj_bias": np.concatenate(
            [bias.reshape(-1) for bias in biases]
        ),
        prefix + "out_proj.weight": output_kernel.reshape(-1, features).T,
        prefix + "out_proj.bias": output_bias,
    }


# --8<-- [end:attention]


# --8<-- [start:block]
class EncoderBlock(keras.layers.Layer):
    """PyTorch's TransformerEncoderLayer, written with Keras layers."""

    def __init__(self, features, heads, feedforward, norm_first=False, **kwargs):
        super().__init__(**kwargs)
        self.norm_first = norm_first
        self.attention = keras.layers.MultiHeadAttention(heads, features // heads)
        # PyTorch's LayerNorm epsilon; Keras's default is 1e-3.
        self.norm1 = keras.layers.LayerNormalization(epsilon=1e-5)
        self.norm2 = keras.layers.LayerNormalization(epsilon=1e-5)
        # Keras's "gelu" is the exact one, as PyTorch's.
        self.linear1 = keras.layers.Dense(feedforward, activation="gelu")
        self.linear2 = keras.layers.Dense(features)

    def self_attention(self, inputs, attention_mask):
        return self.attention(inputs, inputs, attention_mask=attention_mask)

    def call(self, inputs, attention_mask=None):
        if self.norm_first:  # pre-norm
            x = inputs + self.self_attention(self.norm1(inputs), attention_mask)
            return x + self.linear2(self.linear1(self.norm2(x)))
        x = self.norm1(inputs + self.self_attention(inputs, attention_mask))
        return self.norm2(x + self.linear2(self.linear1(x)))


def block_torch_to_keras(state, block, heads):
    """TransformerEncoderLayer state_dict (NumPy) -> a built EncoderBlock."""
    block.attention.set_weights(
        attention_torch_to_keras(state, heads, "self_attn.")
    )
    for name in ("norm1", "norm2"):
        getattr(block, name).set_weights(
            [state[f"{name}.weight"], state[f"{name}.bias"]]
        )
    for name in ("linear1", "linear2"):
        getattr(block, name).set_weights(
            [state[f"{name}.weight"].T, state[f"{name}.bias"]]
        )


def block_keras_to_torch(block):
    """A built EncoderBlock -> TransformerEncoderLayer state_dict (NumPy)."""
    state = attention_keras_to_torch(block.attention.get_weights(), "self_attn.")
    for name in ("norm1", "norm2", "linear1", "linear2"):
        weight, bias = getattr(block, name).get_weights()
        state[f"{name}.weight"] = weight.T if name.startswith("linear") else weight
        state[f"{name}.bias"] = bias
    return state


# --8<-- [end:block]


# --8<-- [start:data]
length = 16  # the longest review has 14 words


def read_reviews(path):
    with open(path, encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return np.array([row["text"] for row in rows]), np.array(
        [int(row["label"]) for row in rows], dtype="float32"
    )


train_texts, train_labels = read_reviews("data/reviews/train.tsv")
test_texts, test_labels = read_reviews("data/reviews/test.tsv")
# 0 pads, 1 is [UNK]; every review padded to the same length.
vectorize = keras.layers.TextVectorization(output_sequence_length=length)
vectorize.adapt(train_texts)
train_ids = keras.ops.convert_to_numpy(vectorize(train_texts))
test_ids = keras.ops.convert_to_numpy(vectorize(test_texts))
# --8<-- [end:data]


# --8<-- [start:model]
class TransformerClassifier(keras.Model):
    def __init__(self, vocabulary_size, features=32, heads=2, feedforward=64):
        super().__init__()
        self.embedding = keras.layers.Embedding(vocabulary_size, features)
        self.position = keras.layers.Embedding(length, features)  # learned table
        self.encoder = EncoderBlock(features, heads, feedforward, norm_first=True)
        self.classifier = keras.layers.Dense(1)

    def call(self, ids):
        real = ops.not_equal(ids, 0)  # True = attend, as attention_mask reads it
        x = self.embedding(ids) + self.position(ops.arange(ops.shape(ids)[1]))
        mask = ops.repeat(real[:, None, :], ops.shape(ids)[1], axis=1)
        x = self.encoder(x, attention_mask=mask)
        weights = ops.cast(real, x.dtype)[:, :, None]
        pooled = ops.sum(x * weights, axis=1) / ops.sum(weights, axis=1)
        return self.classifier(pooled)


# --8<-- [end:model]

# --8<-- [start:train]
keras.utils.set_random_seed(0)
model = TransformerClassifier(vectorize.vocabulary_size())
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)],
)
start = time.perf_counter()
model.fit(train_ids, train_labels, batch_size=32, epochs=5, verbose=0)
seconds = time.perf_counter() - start

_, accuracy = model.evaluate(test_ids, test_labels, batch_size=500, verbose=0)
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:train]
print(f"training seconds: {seconds:.2f}")
