"""The reviews as Keras reads them, and the training every Keras style shares."""

# --8<-- [start:imports]
import csv
import time

import keras
import numpy as np

# --8<-- [end:imports]


# --8<-- [start:data]
def read_reviews(path):
    with open(path, encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return np.array([row["text"] for row in rows]), np.array(
        [int(row["label"]) for row in rows], dtype="float32"
    )


train_texts, train_labels = read_reviews("data/reviews/train.tsv")
test_texts, test_labels = read_reviews("data/reviews/test.tsv")

# Lower-cases, strips punctuation, splits on spaces; 0 pads and 1 is [UNK].
vectorize = keras.layers.TextVectorization(output_mode="int")
vectorize.adapt(train_texts)
train_ids = keras.ops.convert_to_numpy(vectorize(train_texts))
test_ids = keras.ops.convert_to_numpy(vectorize(test_texts))
vocabulary_size = vectorize.vocabulary_size()
# --8<-- [end:data]


# --8<-- [start:train]
def train(model, epochs=5):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.005),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)],
    )
    start = time.perf_counter()
    model.fit(train_ids, train_labels, batch_size=32, epochs=epochs, verbose=0)
    return time.perf_counter() - start


# --8<-- [end:train]
