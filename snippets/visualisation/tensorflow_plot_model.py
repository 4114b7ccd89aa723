"""The Keras classifier of the page, drawn by `model_to_dot` on TensorFlow."""

import os
from importlib.util import find_spec
from pathlib import Path

import keras

model = keras.Sequential(
    [
        keras.Input((12,), dtype="int32", name="ids"),
        keras.layers.Embedding(50, 8, name="embedding"),
        keras.layers.LSTM(16, name="lstm"),
        keras.layers.Dense(2, name="dense"),
    ],
    name="classifier",
)
folder = Path(os.environ.get("ROSETTA_FIGURES", "figures"))
folder.mkdir(parents=True, exist_ok=True)
drawing = keras.utils.model_to_dot(
    model, show_shapes=True, show_layer_names=False, dpi=72
)
drawing.set_name('"The Keras classifier drawn by model_to_dot"')  # the SVG title
drawing.write_svg(folder / "model.svg")

if __name__ == "__main__":
    text = (folder / "model.svg").read_text()
    print(
        "layers drawn:",
        sum(f">{name}<" in text for name in ["Embedding", "LSTM", "Dense"]),
    )
    assert "(None, 12, 8)" in text  # the embedding's output shape
    # plot_model writes the file, then returns IPython's Image of it where IPython
    # is installed (as in Jupyter), and that Image embeds no SVG
    try:
        keras.utils.plot_model(model, folder / "plot_model.svg")
        raised = False
    except ValueError as error:
        raised = "Cannot embed the 'svg' image format" in str(error)
    assert raised == (find_spec("IPython") is not None)
    assert (folder / "plot_model.svg").exists()
    (folder / "plot_model.svg").unlink()
