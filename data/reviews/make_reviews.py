"""Write train.tsv and test.tsv: short film reviews labelled 1 (positive) or 0 (negative).

    python data/reviews/make_reviews.py

The sentences come from templates, so the files are the same on every run. Some reviews turn on a
negation ("was not dull") or a contrast ("dull, but the ending was superb"), so word order matters.
As in real reviews, a few labels (about one in twenty) disagree with the words, so no model scores 100%.
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = [
    "the film", "this movie", "the acting", "the plot", "the soundtrack", "the ending", "the script",
    "the cast", "the pacing", "the dialogue", "the story", "the camera work", "the lead", "the humour",
]
POSITIVE = [
    "great", "wonderful", "moving", "clever", "superb", "delightful", "gripping", "charming", "brilliant",
    "funny", "beautiful", "memorable", "fresh", "touching", "sharp",
]
NEGATIVE = [
    "dull", "boring", "clumsy", "awful", "tedious", "predictable", "weak", "messy", "forgettable",
    "shallow", "painful", "bland", "silly", "slow", "flat",
]
VERBS = ["was", "is", "felt", "seemed"]
NEGATED = ["was not", "is not", "never felt", "did not seem"]
INTENSIFIERS = ["", "", "really ", "truly ", "quite ", "very ", "so "]
NOISE = 0.05  # share of labels flipped
LIKES = ["i loved", "we enjoyed", "i liked", "everyone adored"]
DISLIKES = ["i hated", "we disliked", "i could not stand", "nobody enjoyed"]


def clause(rng: random.Random, positive: bool) -> str:
    """A clause whose meaning is positive or negative, sometimes through a negated opposite."""
    subject = rng.choice(SUBJECTS)
    if rng.random() < 0.3:
        return f"{subject} {rng.choice(NEGATED)} {rng.choice(NEGATIVE if positive else POSITIVE)}"
    return f"{subject} {rng.choice(VERBS)} {rng.choice(INTENSIFIERS)}{rng.choice(POSITIVE if positive else NEGATIVE)}"


def review(rng: random.Random, positive: bool) -> str:
    shape = rng.random()
    if shape < 0.4:
        text = clause(rng, positive)
    elif shape < 0.6:
        text = f"{clause(rng, positive)} and {clause(rng, positive)}"
    elif shape < 0.8:  # the clause after "but" decides
        text = f"{clause(rng, not positive)}, but {clause(rng, positive)}"
    else:
        text = f"{rng.choice(LIKES if positive else DISLIKES)} {rng.choice(SUBJECTS)}"
    return text + rng.choice([".", ".", "!"])


def write(path: Path, rng: random.Random, count: int, seen: set[str]) -> None:
    """Half positive, half negative, in random order; no review appears twice in either file."""
    labels = [i % 2 for i in range(count)]
    rng.shuffle(labels)
    rows = []
    for label in labels:
        text = review(rng, bool(label))
        while text in seen:
            text = review(rng, bool(label))
        seen.add(text)
        if rng.random() < NOISE:
            label = 1 - label
        rows.append(f"{text}\t{label}")
    path.write_text("text\tlabel\n" + "\n".join(rows) + "\n", encoding="utf-8")


def main(folder: Path = Path(__file__).parent) -> None:
    rng, seen = random.Random(2026), set()
    write(folder / "train.tsv", rng, 2000, seen)
    write(folder / "test.tsv", rng, 500, seen)


if __name__ == "__main__":
    main()
