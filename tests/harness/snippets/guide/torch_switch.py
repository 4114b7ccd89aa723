import os

import torch  # noqa: F401

# A process-wide switch, like TensorFlow 1's disable_eager_execution().
os.environ["ROSETTA_SWITCHED"] = "on"
print("switched in", "a child" if os.getpid() != int(os.environ.get("ROSETTA_TEST_PID", "0")) else "the test")
