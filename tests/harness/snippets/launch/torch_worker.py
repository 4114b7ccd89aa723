"""A worker of a launched pair: says who it is; the one told to fail divides by zero."""

import os

rank = int(os.environ["RANK"])
print(f"worker {rank} of {os.environ['WORLD_SIZE']}")
if os.environ.get("FAIL_RANK") == str(rank):
    print(1 / 0)
