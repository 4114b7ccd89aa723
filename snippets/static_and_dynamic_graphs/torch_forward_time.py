"""Forward time: eager and compiled forward passes of a small LSTM in PyTorch."""

# --8<-- [start:model]
import statistics
import time

import torch


class Classifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(50, 16)
        self.lstm = torch.nn.LSTM(16, 32, batch_first=True)
        self.output = torch.nn.Linear(32, 1)

    def forward(self, token_ids):
        outputs, _ = self.lstm(self.embedding(token_ids))
        return self.output(outputs[:, -1]).squeeze(-1)


# --8<-- [end:model]


# --8<-- [start:measure]
def forward_time(compiled, device="cpu", steps=10, warm_up=2):
    """Median milliseconds per forward pass, leaving out warm-up and compiling."""
    torch.manual_seed(0)
    model = Classifier().to(device).eval()
    forward = torch.compile(model) if compiled else model
    token_ids = torch.randint(1, 50, (32, 20), device=device)
    times = []
    # without allow_rnn, torch.compile leaves nn.LSTM and its caller to run eagerly
    with torch.no_grad(), torch._dynamo.config.patch(allow_rnn=True):
        for step in range(warm_up + steps):
            started = time.perf_counter()
            forward(token_ids)
            if device == "cuda":
                torch.cuda.synchronize()  # wait for the queued GPU work
            times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


print(f"eager forward ms: {forward_time(False):.2f}")
print(f"compiled forward ms: {forward_time(True):.2f}")
# --8<-- [end:measure]
