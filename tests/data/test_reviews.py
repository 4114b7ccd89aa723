"""The shipped reviews are exactly what their generator writes, and fit what the guides say of them."""

import csv
import importlib.util
from pathlib import Path

FOLDER = Path(__file__).parents[2] / "data" / "reviews"


def read(path):
    with open(path, encoding="utf-8") as file:
        return list(csv.DictReader(file, delimiter="\t"))


def test_the_generator_writes_the_shipped_files(tmp_path):
    spec = importlib.util.spec_from_file_location("make_reviews", FOLDER / "make_reviews.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in ("train.tsv", "test.tsv"):
        assert (tmp_path / name).read_bytes() == (FOLDER / name).read_bytes(), f"regenerate {name}"


def test_sizes_labels_and_no_review_in_both_splits():
    train, test = read(FOLDER / "train.tsv"), read(FOLDER / "test.tsv")
    assert (len(train), len(test)) == (2000, 500)
    assert {row["label"] for row in train + test} == {"0", "1"}
    texts = [row["text"] for row in train + test]
    assert len(set(texts)) == len(texts)
    assert sum(path.stat().st_size for path in FOLDER.iterdir()) < 300_000
