"""What the running environment has: frameworks, the Keras backend, a CUDA GPU, versions, seeds."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import random
from importlib import metadata

FRAMEWORKS = ("torch", "tensorflow", "keras")
NOT_INSTALLED = "not installed"
SEED = 0
VERSIONED = ("torch", "tensorflow", "tensorflow-cpu", "keras", "jax", "jaxlib", "numpy", "sybil", "pytest")


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def missing(framework: str) -> str | None:
    """The skip reason when a framework (or the Keras backend in use) cannot be imported."""
    needed = [framework]
    if framework == "keras":
        needed.append(keras_backend())
    for name in needed:
        if importlib.util.find_spec(name) is None:
            suffix = f" (needed by the Keras {name} backend)" if name != framework else ""
            return f"{name} {NOT_INSTALLED}{suffix}"
    return None


def cuda_available(framework: str | None) -> bool:
    backend = keras_backend() if framework == "keras" else framework
    if backend in (None, "torch") and importlib.util.find_spec("torch"):
        import torch

        return torch.cuda.is_available()
    if backend == "tensorflow":
        import tensorflow as tf

        return bool(tf.config.list_physical_devices("GPU"))
    if backend == "jax":
        import jax

        return any(device.platform == "gpu" for device in jax.devices())
    return False


def seed_everything(framework: str | None) -> None:
    """Each block starts from the same seeds, whatever ran before it."""
    random.seed(SEED)
    if importlib.util.find_spec("numpy"):
        import numpy

        numpy.random.seed(SEED)
    if framework == "torch":
        import torch

        torch.manual_seed(SEED)
    elif framework == "tensorflow":
        import tensorflow as tf

        tf.random.set_seed(SEED)
    elif framework == "keras":
        import keras

        keras.utils.set_random_seed(SEED)


def versions() -> dict[str, str]:
    found = {}
    for name in VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
