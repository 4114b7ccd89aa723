"""Multi-head attention and an encoder block, converted between PyTorch and Keras.

The Keras classifier (keras_classifier.py) is made of the Keras block here.
"""

# --8<-- [start:imports]
import keras
import numpy as np

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
