"""Sentiment classifier: PyTorch nn.Module and a training loop."""

# --8<-- [start:imports]
import csv
import re
import time
from collections import Counter

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence
from torch.utils.data import DataLoader, Dataset

# --8<-- [end:imports]


# --8<-- [start:data]
def read_reviews(path):
    with open(path, encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return [row["text"] for row in rows], [int(row["label"]) for row in rows]


def tokenize(text):
    return re.findall(r"[a-z']+", text.lower())


train_texts, train_labels = read_reviews("data/reviews/train.tsv")
test_texts, test_labels = read_reviews("data/reviews/test.tsv")

# 0 pads, 1 stands for words not seen in training; the rest by frequency.
counts = Counter(word for text in train_texts for word in tokenize(text))
vocabulary = ["", "[UNK]", *(word for word, _ in counts.most_common())]
word_ids = {word: i for i, word in enumerate(vocabulary)}


class Reviews(Dataset):
    """Every review's ids, padded once to the longest review of the set."""

    def __init__(self, texts, labels):
        ids = [[word_ids.get(word, 1) for word in tokenize(text)] for text in texts]
        self.ids = pad_sequence([torch.tensor(i) for i in ids], batch_first=True)
        self.labels = torch.tensor(labels, dtype=torch.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.ids[i], self.labels[i]


train_loader = DataLoader(
    Reviews(train_texts, train_labels), batch_size=32, shuffle=True
)
test_loader = DataLoader(Reviews(test_texts, test_labels), batch_size=256)
# --8<-- [end:data]


# --8<-- [start:model]
class SentimentModel(nn.Module):
    def __init__(self, vocabulary_size, embedding_size=32, units=32):
        super().__init__()
        self.embedding = nn.Embedding(
            vocabulary_size, embedding_size, padding_idx=0
        )
        self.lstm = nn.LSTM(
            embedding_size, units, batch_first=True, bidirectional=True
        )
        self.classifier = nn.Linear(2 * units, 1)

    def forward(self, ids):
        lengths = (ids != 0).sum(dim=1).cpu()
        packed = pack_padded_sequence(
            self.embedding(ids), lengths, batch_first=True, enforce_sorted=False
        )
        _, (h, _) = self.lstm(packed)
        return self.classifier(torch.cat([h[0], h[1]], dim=1)).squeeze(1)


torch.manual_seed(0)
model = SentimentModel(len(vocabulary))
# --8<-- [end:model]

# --8<-- [start:train]
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.005)

start = time.perf_counter()
for epoch in range(5):
    model.train()
    for ids, labels in train_loader:
        optimizer.zero_grad()
        loss = loss_fn(model(ids), labels)
        loss.backward()
        optimizer.step()
seconds = time.perf_counter() - start
# --8<-- [end:train]

# --8<-- [start:evaluate]
model.eval()
with torch.no_grad():
    correct = sum(
        ((model(ids) > 0).float() == labels).sum().item()
        for ids, labels in test_loader
    )
accuracy = correct / len(test_texts)
print(f"held-out accuracy: {accuracy:.3f}")
assert accuracy > 0.85
# --8<-- [end:evaluate]
print(f"training seconds: {seconds:.2f}")
