"""A worker that starts a child and then never returns: the launch must stop both."""

import pathlib
import subprocess
import sys
import time

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
pathlib.Path(sys.argv[1]).write_text(str(child.pid))
while True:
    time.sleep(0.1)
