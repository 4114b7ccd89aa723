"""Sentiment classifier: Keras subclassed Model."""

from keras_reviews import keras, test_ids, test_labels, train, vocabulary_size


# --8<-- [start:model]
@keras.saving.register_keras_serializable()
class SentimentModel(keras.Model):
    def __init__(self, vocabulary_size, embedding_size=32, units=32, **kwargs):
        super().__init__(**kwargs)
        self.sizes = dict(
            vocabulary_size=vocabulary_size,
            embedding_size=embedding_size,
            units=units,
        )
        self.embedding = keras.layers.Embedding(
            vocabulary_size, embedding_size, mask_zero=True
        )
        self.lstm = keras.layers.Bidirectional(keras.layers.LSTM(units))
        self.classifier = keras.layers.Dense(1)

    def call(self, ids):
        return self.classifier(self.lstm(self.embedding(ids)))

    def get_config(self):  # what .keras files store to rebuild the model
        return {**super().get_config(), **self.sizes}


keras.utils.set_random_seed(0)
model = SentimentModel(vocabulary_size)
# --8<-- [end:model]

# --8<-- [start:evaluate]
seconds = train(model)
_, accuracy = model.evaluate(test_ids, test_labels, verbose=0)
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:evaluate]
print(f"training seconds: {seconds:.2f}")
