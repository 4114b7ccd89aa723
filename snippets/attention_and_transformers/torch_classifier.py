"""A small Transformer encoder classifier on the reviews, in PyTorch."""

# --8<-- [start:data]
import csv
import re
import time
from collections import Counter

import torch
from torch import nn

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
    ids = torch.zeros(len(texts), length, dtype=torch.long)
    for row, text in enumerate(texts):
        words = [word_ids.get(word, 1) for word in tokenize(text)][:length]
        ids[row, : len(words)] = torch.tensor(words)
    return ids


train_ids, test_ids = encode(train_texts), encode(test_texts)
train_y = torch.tensor(train_labels, dtype=torch.float32)
test_y = torch.tensor(test_labels, dtype=torch.float32)
# --8<-- [end:data]


# --8<-- [start:model]
class TransformerClassifier(nn.Module):
    def __init__(self, vocabulary_size, features=32, heads=2, feedforward=64):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary_size, features, padding_idx=0)
        self.position = nn.Embedding(length, features)  # learned positions
        self.encoder = nn.TransformerEncoderLayer(
            features,
            heads,
            feedforward,
            dropout=0.0,
            activation="gelu",
            batch_first=True,
            norm_first=True,
        )
        self.classifier = nn.Linear(features, 1)

    def forward(self, ids):
        padding = ids == 0  # True = ignore, as key_padding_mask reads it
        steps = torch.arange(ids.shape[1])
        x = self.embedding(ids) + self.position(steps)
        x = self.encoder(x, src_key_padding_mask=padding)
        real = (~padding).unsqueeze(-1).float()
        pooled = (x * real).sum(dim=1) / real.sum(dim=1)  # mean over the words
        return self.classifier(pooled).squeeze(-1)


# --8<-- [end:model]

# --8<-- [start:train]
torch.manual_seed(0)
model = TransformerClassifier(len(word_ids) + 2)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
loss_fn = nn.BCEWithLogitsLoss()

start = time.perf_counter()
for epoch in range(5):
    model.train()
    for batch in torch.randperm(len(train_ids)).split(32):
        optimizer.zero_grad()
        loss = loss_fn(model(train_ids[batch]), train_y[batch])
        loss.backward()
        optimizer.step()
seconds = time.perf_counter() - start

model.eval()
with torch.no_grad():
    accuracy = ((model(test_ids) > 0).float() == test_y).float().mean().item()
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:train]
print(f"training seconds: {seconds:.2f}")
