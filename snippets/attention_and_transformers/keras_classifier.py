"""A small Transformer encoder classifier on the reviews, in Keras."""

# --8<-- [start:data]
import csv
import time

import keras
import numpy as np
from keras import ops
from keras_port import EncoderBlock

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
