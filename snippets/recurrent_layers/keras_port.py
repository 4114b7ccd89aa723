"""Convert RNN, embedding and dense weights between PyTorch and Keras, in NumPy."""

# --8<-- [start:convert]
import numpy as np

# Gate order of the stacked weight matrices. Keras calls LSTM's third gate "c"
# where PyTorch says "g"; the position is the same. GRU orders differ.
TORCH_GATES = {"rnn": "h", "gru": "rzn", "lstm": "ifgo"}
KERAS_GATES = {"rnn": "h", "gru": "zrn", "lstm": "ifgo"}


def reorder(stacked, source, target):
    """Reorder gate blocks stacked along axis 0, e.g. GRU r,z,n -> z,r,n."""
    blocks = dict(zip(source, np.split(stacked, len(source))))
    return np.concatenate([blocks[gate] for gate in target])


def torch_to_keras(kind, state, suffix="_l0"):
    """A PyTorch RNN/GRU/LSTM state_dict (as NumPy) -> Keras set_weights list."""

    def keras_order(array):
        return reorder(array, TORCH_GATES[kind], KERAS_GATES[kind])

    kernel = keras_order(state[f"weight_ih{suffix}"]).T  # PyTorch: (gates, inputs)
    recurrent = keras_order(state[f"weight_hh{suffix}"]).T
    bias_ih = keras_order(state[f"bias_ih{suffix}"])
    bias_hh = keras_order(state[f"bias_hh{suffix}"])
    if kind == "gru":  # reset_after=True keeps the two biases apart
        return [kernel, recurrent, np.stack([bias_ih, bias_hh])]
    return [kernel, recurrent, bias_ih + bias_hh]  # Keras has one bias


def keras_to_torch(kind, weights, suffix="_l0"):
    """A Keras RNN/GRU/LSTM get_weights list -> PyTorch state_dict entries."""

    def torch_order(array):
        return reorder(array, KERAS_GATES[kind], TORCH_GATES[kind])

    kernel, recurrent, bias = weights
    if kind == "gru":
        bias_ih, bias_hh = torch_order(bias[0]), torch_order(bias[1])
    else:
        bias_ih, bias_hh = torch_order(bias), np.zeros_like(bias)
    return {
        f"weight_ih{suffix}": torch_order(kernel.T),
        f"weight_hh{suffix}": torch_order(recurrent.T),
        f"bias_ih{suffix}": bias_ih,
        f"bias_hh{suffix}": bias_hh,
    }


def linear_to_dense(weight, bias):
    """torch.nn.Linear (out, in) -> keras.layers.Dense kernel (in, out)."""
    return [weight.T, bias]


# --8<-- [end:convert]


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for kind, gates in [("rnn", 1), ("gru", 3), ("lstm", 4)]:
        state = {
            "weight_ih_l0": rng.normal(size=(gates * 16, 8)),
            "weight_hh_l0": rng.normal(size=(gates * 16, 16)),
            "bias_ih_l0": rng.normal(size=gates * 16),
            "bias_hh_l0": rng.normal(size=gates * 16),
        }
        weights = torch_to_keras(kind, state)
        assert [w.shape for w in weights][:2] == [(8, gates * 16), (16, gates * 16)]
        back = torch_to_keras(kind, keras_to_torch(kind, weights))
        assert all(np.allclose(a, b) for a, b in zip(weights, back)), kind
    assert reorder(np.arange(3), "rzn", "zrn").tolist() == [1, 0, 2]
