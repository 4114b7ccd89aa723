# Started as a program: it runs torchrun on itself, and its rank 1 fails.
# --8<-- [start:fails]
import subprocess
import sys
from pathlib import Path


def worker(rank):
    if rank == 1:
        raise RuntimeError("rank 1 cannot read its shard")
    import torch.distributed as dist  # only the worker that waits needs torch

    # rank 0 waits here for rank 1 until torchrun stops it
    dist.init_process_group("gloo")


def run_failing_workers():
    torchrun = Path(sys.executable).with_name("torchrun")
    command = [torchrun, "--standalone", "--local-addr", "127.0.0.1"]
    command += ["--nproc-per-node", "2", __file__]
    run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = run.communicate(timeout=120)
    finally:  # on SIGTERM torchrun also stops its workers; SIGKILL would leave them
        run.terminate()
        run.wait()
    print("exit status:", run.returncode)
    for line in stderr.splitlines():
        if line.startswith("RuntimeError") or line.strip().startswith(
            ("rank ", "exitcode")
        ):
            print(line.strip())


# --8<-- [end:fails]

if __name__ == "__main__":
    import os

    if "RANK" in os.environ:  # one of the workers torchrun started
        worker(int(os.environ["RANK"]))
    else:
        run_failing_workers()
