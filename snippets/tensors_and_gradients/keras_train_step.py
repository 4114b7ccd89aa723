"""A Keras model compiled for gradient descent; run it to see the loss fall."""

# --8<-- [start:step]
import keras


def linear_model(inputs, learning_rate):
    model = keras.Sequential([keras.Input(shape=(inputs,)), keras.layers.Dense(1)])
    sgd = keras.optimizers.SGD(learning_rate=learning_rate)
    model.compile(optimizer=sgd, loss="mean_squared_error")
    return model


# --8<-- [end:step]


if __name__ == "__main__":
    import numpy as np

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    features, targets = (
        rng.normal(size=(64, 3)).astype("float32"),
        rng.normal(size=(64, 1)).astype("float32"),
    )
    model = linear_model(3, learning_rate=0.05)
    history = model.fit(features, targets, epochs=30, batch_size=64, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0], (
        history.history["loss"]
    )
