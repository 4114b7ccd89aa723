"""Sentiment classifier: TensorFlow tf.Module and a tf.GradientTape loop."""

# --8<-- [start:imports]
import time

import tensorflow as tf

# --8<-- [end:imports]


# --8<-- [start:data]
def read_reviews(path):
    columns = tf.data.experimental.CsvDataset(
        path, [tf.string, tf.int32], header=True, field_delim="\t"
    )
    return columns.map(lambda text, label: (text, tf.cast(label, tf.float32)))


def tokenize(texts):
    return tf.strings.split(
        tf.strings.regex_replace(tf.strings.lower(texts), r"[^a-z' ]", "")
    )


train_data = read_reviews("data/reviews/train.tsv")
test_data = read_reviews("data/reviews/test.tsv")

# 0 pads, 1 stands for words not seen in training; the rest by frequency.
words = tokenize(tf.stack([text for text, _ in train_data])).flat_values
unique, _, counts = tf.unique_with_counts(words)
order = tf.argsort(counts, direction="DESCENDING", stable=True)
vocabulary = tf.concat([["", "[UNK]"], tf.gather(unique, order)], axis=0)
numbers = tf.range(tf.size(vocabulary, out_type=tf.int64))
word_ids = tf.lookup.StaticHashTable(
    tf.lookup.KeyValueTensorInitializer(vocabulary, numbers), default_value=1
)


def to_ids(texts, labels):
    return word_ids.lookup(tokenize(texts)).to_tensor(), labels


def padded(data):
    """Every review's ids, padded once to the longest review of the set."""
    return (
        data.batch(1_000_000).map(to_ids).unbatch()
    )  # one batch holds the whole set


train_batches = padded(train_data).shuffle(2000, seed=0).batch(32)
test_batches = padded(test_data).batch(256)
# --8<-- [end:data]


# --8<-- [start:model]
class SentimentModel(tf.Module):
    def __init__(self, word_ids, embedding_size=32, units=32):
        super().__init__()
        self.word_ids = word_ids  # saved with the model, so it can read raw text
        self.embedding = tf.keras.layers.Embedding(
            int(word_ids.size()), embedding_size, mask_zero=True
        )
        self.lstm = tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(units))
        self.classifier = tf.keras.layers.Dense(1)

    @property
    def weights(self):  # trainable_variables misses Keras 3 variables
        layers = (self.embedding, self.lstm, self.classifier)
        return [weight for layer in layers for weight in layer.trainable_weights]

    def __call__(self, ids):
        features = self.lstm(
            self.embedding(ids), mask=self.embedding.compute_mask(ids)
        )
        return tf.squeeze(self.classifier(features), axis=1)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string)])
    def predict(self, texts):
        return tf.sigmoid(self(self.word_ids.lookup(tokenize(texts)).to_tensor()))


tf.random.set_seed(0)
model = SentimentModel(word_ids)
# --8<-- [end:model]

# --8<-- [start:train]
loss_fn = tf.keras.losses.BinaryCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=0.005)


# The last batch is smaller: with None dimensions one trace serves them all.
@tf.function(
    input_signature=[
        tf.TensorSpec([None, None], tf.int64),
        tf.TensorSpec([None], tf.float32),
    ]
)
def train_step(ids, labels):
    with tf.GradientTape() as tape:
        loss = loss_fn(labels, model(ids))
    optimizer.apply_gradients(
        zip(tape.gradient(loss, model.weights), model.weights)
    )
    return loss


start = time.perf_counter()
for epoch in range(5):
    for ids, labels in train_batches:
        train_step(ids, labels)
seconds = time.perf_counter() - start
# --8<-- [end:train]

# --8<-- [start:evaluate]
accuracy = tf.keras.metrics.BinaryAccuracy(threshold=0.0)
for ids, labels in test_batches:
    accuracy.update_state(labels, model(ids))
print(f"held-out accuracy: {float(accuracy.result()):.3f}")
assert accuracy.result() > 0.85
# --8<-- [end:evaluate]
print(f"training seconds: {seconds:.2f}")
