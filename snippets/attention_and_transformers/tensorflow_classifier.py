"""A small Transformer encoder classifier on the reviews, in TensorFlow."""

# --8<-- [start:data]
import csv
import re
import time
from collections import Counter

import numpy as np
import tensorflow as tf

length = 16  # the longest review has 14 words


def read_reviews(path):
    with open(path, encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return [row["text"] for row in rows], [int(row["label"]) for row in rows]


def tokenize(text):
    return re.findall(r"[a-z']+", text.lower())


train_texts, train_labels = read_reviews("data/reviews/train.tsv")
test_texts, test_labels = read_reviews("data/reviews/test.tsv")
counts = Counter(word for text in train_texts for word in tokenize(text))
# 0 pads, 1 stands for words not seen in training; the rest by frequency.
word_ids = {word: i for i, (word, _) in enumerate(counts.most_common(), start=2)}


def encode(texts):
    ids = np.zeros((len(texts), length), dtype=np.int32)
    for row, text in enumerate(texts):
        words = [word_ids.get(word, 1) for word in tokenize(text)][:length]
        ids[row, : len(words)] = words
    return ids


train_ids, test_ids = encode(train_texts), encode(test_texts)
train_y = np.array(train_labels, dtype=np.float32)
test_y = np.array(test_labels, dtype=np.float32)
# --8<-- [end:data]


# --8<-- [start:model]
layers = tf.keras.layers


class TransformerClassifier(tf.Module):
    def __init__(self, vocabulary_size, features=32, heads=2, feedforward=64):
        super().__init__()
        self.embedding = layers.Embedding(vocabulary_size, features)
        self.position = layers.Embedding(length, features)  # learned positions
        self.attention = layers.MultiHeadAttention(heads, features // heads)
        self.norm1 = layers.LayerNormalization(epsilon=1e-5)
        self.norm2 = layers.LayerNormalization(epsilon=1e-5)
        self.linear1 = layers.Dense(feedforward, activation="gelu")
        self.linear2 = layers.Dense(features)
        self.classifier = layers.Dense(1)

    @property
    def weights(self):  # tf.Module does not track Keras 3 layers' variables
        parts = [
            part for part in vars(self).values() if isinstance(part, layers.Layer)
        ]
        return [weight for part in parts for weight in part.trainable_weights]

    def __call__(self, ids):
        real = ids != 0  # True = attend, as attention_mask reads it
        x = self.embedding(ids) + self.position(tf.range(tf.shape(ids)[1]))
        mask = tf.repeat(real[:, None, :], tf.shape(ids)[1], axis=1)
        h = self.norm1(x)  # pre-norm encoder block
        x = x + self.attention(h, h, attention_mask=mask)
        x = x + self.linear2(self.linear1(self.norm2(x)))
        weights = tf.cast(real, x.dtype)[:, :, None]
        pooled = tf.reduce_sum(x * weights, 1) / tf.reduce_sum(weights, 1)
        return tf.squeeze(self.classifier(pooled), -1)


# --8<-- [end:model]

# --8<-- [start:train]
tf.keras.utils.set_random_seed(0)
model = TransformerClassifier(len(word_ids) + 2)
optimizer = tf.keras.optimizers.Adam(learning_rate=0.01)
model(train_ids[:1])  # creates the variables


# One trace for every batch, the shorter last one included.
@tf.function(
    input_signature=[tf.TensorSpec([None, length], tf.int32), tf.TensorSpec([None])]
)
def train_step(ids, labels):
    with tf.GradientTape() as tape:
        logits = model(ids)
        loss = tf.reduce_mean(
            tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
        )
    optimizer.apply_gradients(
        zip(tape.gradient(loss, model.weights), model.weights)
    )


start = time.perf_counter()
for epoch in range(5):
    batches = tf.data.Dataset.from_tensor_slices((train_ids, train_y))
    for ids, labels in batches.shuffle(len(train_ids), seed=epoch).batch(32):
        train_step(ids, labels)
seconds = time.perf_counter() - start

predicted = model(test_ids).numpy() > 0
accuracy = float(np.mean(predicted == test_y.astype(bool)))
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:train]
print(f"training seconds: {seconds:.2f}")
