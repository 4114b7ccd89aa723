# %% [markdown]
# # Run the benchmark on your machine
#
# The [performance guide](../../performance/) times one GRU classifier in PyTorch, TensorFlow and
# Keras. This notebook runs the same programs on your machine and draws their step times side by
# side. Run it from the repository root (the folder that holds `snippets/` and `data/`). Each
# program runs in a process of its own, with the Python interpreter you name for it below, so each
# framework can live in an environment of its own, as on the test machines.

# %%
import os
import subprocess
import sys
from importlib.util import find_spec

# %% [markdown]
# Each program whose framework this notebook's own Python can import runs with that Python; to
# run one in another environment, set its entry in `interpreters` to that environment's
# interpreter (`interpreters["TensorFlow"] = "/path/to/venv/bin/python"`). `BENCHMARK_SIZE` is
# `reduced` (what the guide's CPU run measures), `tiny` (a few seconds, too few steps to time
# well) or `full` (the 2018 benchmark's sizes). The programs set one thread per framework, as
# the guide's run does; change their thread settings to use every core.

# %%
SIZE = os.environ.get("BENCHMARK_SIZE", "reduced")
# each program, the packages it imports (the Keras one also times plain PyTorch and TensorFlow)
programs = {
    "PyTorch": (["torch"], "snippets/performance/torch_gru.py", {}),
    "TensorFlow": (["tensorflow"], "snippets/performance/tensorflow_gru.py", {}),
    "Keras on jax": (
        ["keras", "jax", "torch", "tensorflow"],
        "snippets/performance/keras_gru.py",
        {"KERAS_BACKEND": "jax"},
    ),
}
interpreters = {name: sys.executable for name, (needs, _, _) in programs.items() if all(map(find_spec, needs))}
print(sorted(interpreters))

# %% [markdown]
# Each program prints `name: number` lines; the notebook keeps them.

# %%
measured = {}
for name, python in interpreters.items():
    _, program, extra = programs[name]
    environment = dict(os.environ, BENCHMARK_SIZE=SIZE, **extra)
    run = subprocess.run([python, program], env=environment, capture_output=True, text=True)
    assert run.returncode == 0, f"{program} failed:\n{run.stderr[-2000:]}"
    printed = run.stdout
    lines = [line.rsplit(": ", 1) for line in printed.splitlines() if ": " in line]
    measured[name] = {key: float(value) for key, value in lines}
    print(name, {key: value for key, value in measured[name].items() if "step ms" in key})

# %% [markdown]
# Milliseconds per training step for each program and mode: the median, and the fastest and
# slowest steps as a line.

# %%
import matplotlib

if "ipykernel" not in sys.modules:
    matplotlib.use("svg")  # run as a script: no window
from matplotlib import pyplot

rows = [
    (f"{name}: {key.removeprefix('step ms ')}", numbers[key], numbers[key + " min"], numbers[key + " max"])
    for name, numbers in measured.items()
    for key in numbers
    if key.startswith("step ms ") and key + " min" in numbers
]
figure, axes = pyplot.subplots(figsize=(6, 0.5 + 0.4 * len(rows)), layout="constrained")
axes.barh([label for label, *_ in rows], [median for _, median, _, _ in rows])
axes.hlines(range(len(rows)), [low for *_, low, _ in rows], [high for *_, high in rows], color="black")
axes.set_xlabel("ms per training step")
print(len(rows))
