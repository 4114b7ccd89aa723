"""A Keras model that stops in `call` during `fit`; `eager` sets run_eagerly."""

import sys

import keras
import numpy as np


class Tagger(keras.Model):
    def __init__(self):
        super().__init__()
        self.embedding = keras.layers.Embedding(100, 8)
        self.lstm = keras.layers.LSTM(16)
        self.classifier = keras.layers.Dense(1)

    def call(self, ids):
        vectors = self.embedding(ids)
        breakpoint()  # pdb starts here, with vectors and ids in scope
        return self.classifier(self.lstm(vectors))


keras.utils.set_random_seed(0)
model = Tagger()
model.compile(optimizer="adam", loss="mse", run_eagerly=sys.argv[1:] == ["eager"])
ids = np.random.default_rng(0).integers(1, 100, size=(8, 5))
model.fit(ids, np.zeros((8, 1)), batch_size=4, epochs=1, verbose=0)
print("done")
