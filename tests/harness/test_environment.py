"""What the environment has, and the seeds every block starts from."""

import random

import numpy

from rosetta import environment

pytest_plugins = ["pytester"]


def test_every_block_starts_from_the_same_seeds(site, pytester):
    draw = "```python\nimport random\nimport numpy\nprint(random.random(), numpy.random.rand())\n```\n"
    site.write(
        "seeds.md",
        "# Seeds\n\n" + draw + '\n```text title="Output"\n0.8444218515250481 0.5488135039273248\n```\n\n'
        "```python\nimport random\nrandom.random()\n```\n\n" + draw + '\n```text title="Output"\n'
        "0.8444218515250481 0.5488135039273248\n```\n",
    )
    site().runpytest().assert_outcomes(passed=5)


def test_seed_everything_resets_python_and_numpy():
    environment.seed_everything(None)
    first = (random.random(), numpy.random.rand())
    random.random(), numpy.random.rand()
    environment.seed_everything(None)
    assert (random.random(), numpy.random.rand()) == first


def test_a_keras_run_needs_its_backend_installed(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "no_such_backend")
    monkeypatch.setattr(environment.importlib.util, "find_spec", lambda name: None if name == "no_such_backend" else 1)
    assert environment.missing("keras") == "no_such_backend not installed (needed by the Keras no_such_backend backend)"
    assert environment.missing("torch") is None
