import torch  # noqa: F401
import os
import sys

# A process-wide switch, like tf.compat.v1.disable_eager_execution().
os.environ["ROSETTA_SWITCHED"] = "on"
sys.modules["torch"].switched = True
print("switched:", os.getpid() != int(os.environ["ROSETTA_TEST_PID"]))
