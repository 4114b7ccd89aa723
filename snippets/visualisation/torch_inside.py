"""A tiny Transformer on the reviews: loss curve, attention map, embeddings."""

# --8<-- [start:imports]
import csv
import os
import tempfile
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt
import numpy as np
import torch
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from torch.utils.tensorboard import SummaryWriter

# --8<-- [end:imports]


# --8<-- [start:train]
def read_reviews(path):
    with open(path, newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    return [row["text"].rstrip(".").split() for row in rows], [
        int(row["label"]) for row in rows
    ]


class TinyTransformer(torch.nn.Module):
    def __init__(self, vocabulary_size, steps=16, size=16):
        super().__init__()
        self.embedding = torch.nn.Embedding(vocabulary_size, size, padding_idx=0)
        self.position = torch.nn.Embedding(steps, size)
        self.attention = torch.nn.MultiheadAttention(size, 1, batch_first=True)
        self.classifier = torch.nn.Linear(size, 2)

    def forward(self, ids):
        padding = ids == 0
        positions = torch.arange(ids.shape[1])
        vectors = self.embedding(ids) + self.position(positions)
        # weights: (batch, query word, key word), each row sums to 1
        mixed, weights = self.attention(
            vectors, vectors, vectors, key_padding_mask=padding
        )
        mean = (mixed * ~padding[..., None]).sum(1) / (~padding).sum(
            1, keepdim=True
        )
        return self.classifier(mean), weights


def encode(texts, words, steps=16):
    index = {word: position for position, word in enumerate(words)}
    ids = torch.zeros(len(texts), steps, dtype=torch.long)
    for row, text in enumerate(texts):
        for column, word in enumerate(text[:steps]):
            ids[row, column] = index.get(word, 1)
    return ids


def train(log_dir, steps=150):
    texts, labels = read_reviews("data/reviews/train.tsv")
    counts = Counter(word for text in texts for word in text)
    words = ["<pad>", "<unknown>"] + sorted(counts)
    ids, labels = encode(texts, words), torch.tensor(labels)
    model = TinyTransformer(len(words))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    writer = SummaryWriter(log_dir)
    for step in range(steps):
        batch = torch.randint(0, len(ids), (64,))
        optimizer.zero_grad()
        logits, _ = model(ids[batch])
        loss = torch.nn.functional.cross_entropy(logits, labels[batch])
        loss.backward()
        optimizer.step()
        writer.add_scalar("train/loss", loss.item(), step)
    writer.close()
    return model, words


# --8<-- [end:train]


# --8<-- [start:curve]
def draw_curve(log_dir, folder):
    events = EventAccumulator(log_dir)
    events.Reload()
    scalars = events.Scalars("train/loss")
    steps = [event.step for event in scalars]
    losses = [event.value for event in scalars]
    figure, axis = plt.subplots(figsize=(5, 2.6), layout="constrained")
    axis.plot(steps, losses, linewidth=1)
    axis.set_xlabel("step")
    axis.set_ylabel("training loss")
    figure.savefig(
        folder / "loss.svg", metadata={"Title": "Training loss, read back"}
    )
    return losses


# --8<-- [end:curve]


# --8<-- [start:attention]
def draw_attention(model, words, folder):
    review = "the plot was not tedious but the acting was dull".split()
    model.eval()
    with torch.no_grad():
        logits, weights = model(encode([review], words))
    shown = weights[0, : len(review), : len(review)].numpy()
    figure, axis = plt.subplots(figsize=(4.6, 4), layout="constrained")
    axis.imshow(shown, cmap="Blues")
    axis.set_xticks(range(len(review)), review, rotation=60)
    axis.set_yticks(range(len(review)), review)
    axis.set_xlabel("attended word (key)")
    axis.set_ylabel("word (query)")
    title = "Attention weights over one review"
    figure.savefig(folder / "attention.svg", metadata={"Title": title})
    return review, shown, logits


# --8<-- [end:attention]


# --8<-- [start:pca]
def draw_embeddings(model, words, folder):
    shown = ["good", "great", "wonderful", "dull", "tedious", "boring", "plot"]
    shown += ["acting", "film", "not", "but"]
    shown = [word for word in shown if word in words]
    table = model.embedding.weight.detach().numpy()
    centred = table[2:] - table[2:].mean(0)  # leave out <pad> and <unknown>
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    points = (table[[words.index(word) for word in shown]] - table[2:].mean(0)) @ (
        directions[:2].T
    )
    figure, axis = plt.subplots(figsize=(4.6, 3.4), layout="constrained")
    axis.scatter(points[:, 0], points[:, 1], s=12)
    for word, (x, y) in zip(shown, points):
        axis.annotate(word, (x, y), textcoords="offset points", xytext=(3, 3))
    axis.set_xlabel("first principal component")
    axis.set_ylabel("second principal component")
    title = "Word embeddings projected on two principal components"
    figure.savefig(folder / "embeddings.svg", metadata={"Title": title})
    return shown, points


# --8<-- [end:pca]


if __name__ == "__main__":
    torch.manual_seed(0)
    torch.set_num_threads(1)
    folder = Path(os.environ.get("ROSETTA_FIGURES", "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    log_dir = tempfile.mkdtemp()
    model, words = train(log_dir)
    losses = draw_curve(log_dir, folder)
    review, attention, logits = draw_attention(model, words, folder)
    shown, points = draw_embeddings(model, words, folder)
    print(f"first loss: {np.mean(losses[:10]):.2f}")
    print(f"last loss: {np.mean(losses[-10:]):.2f}")
    assert np.mean(losses[-10:]) < 0.7 * np.mean(losses[:10])
    np.testing.assert_allclose(attention.sum(1), 1, rtol=1e-5)
    print(f"attention rows: {len(attention)}")
    not_column = review.index("not")
    print(f"mean weight on not: {attention[:, not_column].mean():.2f}")
    looking_at_not = (attention.argmax(1) == not_column).sum()
    print(f"rows looking most at not: {looking_at_not}")
