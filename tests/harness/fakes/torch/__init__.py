"""Stand-in for torch in the harness tests: only what the harness calls. FAKE_CUDA=1 pretends a GPU."""

import os


class cuda:  # noqa: N801 - mirrors torch.cuda
    @staticmethod
    def is_available():
        return os.environ.get("FAKE_CUDA") == "1"


def manual_seed(seed):
    return seed
