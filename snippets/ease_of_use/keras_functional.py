"""Sentiment classifier: Keras Functional API."""

from keras_reviews import keras, test_ids, test_labels, train, vocabulary_size

# --8<-- [start:model]
keras.utils.set_random_seed(0)
ids = keras.Input(shape=(None,), dtype="int32")
vectors = keras.layers.Embedding(vocabulary_size, 32, mask_zero=True)(ids)
features = keras.layers.Bidirectional(keras.layers.LSTM(32))(vectors)
logits = keras.layers.Dense(1)(features)
model = keras.Model(ids, logits)
# --8<-- [end:model]

# --8<-- [start:evaluate]
seconds = train(model)
_, accuracy = model.evaluate(test_ids, test_labels, verbose=0)
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:evaluate]
print(f"training seconds: {seconds:.2f}")
