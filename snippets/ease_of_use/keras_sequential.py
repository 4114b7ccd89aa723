"""Sentiment classifier: Keras Sequential model."""

from keras_reviews import keras, test_ids, test_labels, train, vocabulary_size

# --8<-- [start:model]
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.layers.Embedding(vocabulary_size, 32, mask_zero=True),
        keras.layers.Bidirectional(keras.layers.LSTM(32)),
        keras.layers.Dense(1),
    ]
)
# --8<-- [end:model]

# --8<-- [start:evaluate]
seconds = train(model)
_, accuracy = model.evaluate(test_ids, test_labels, verbose=0)
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:evaluate]
print(f"training seconds: {seconds:.2f}")
