"""Step time: eager and compiled training steps of a small LSTM in PyTorch."""

import statistics
import sys
import time

import torch


# --8<-- [start:model]
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


# --8<-- [start:train]
def step_time(compiled, device="cpu", steps=20, warm_up=3):
    """Median milliseconds per training step, leaving out warm-up and compiling."""
    torch.manual_seed(0)
    model = Classifier().to(device)
    forward = torch.compile(model) if compiled else model
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    token_ids = torch.randint(1, 50, (32, 20), device=device)
    labels = torch.randint(0, 2, (32,), device=device).float()
    times = []
    for step in range(warm_up + steps):
        started = time.perf_counter()
        optimizer.zero_grad()
        logits = forward(token_ids)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
        optimizer.step()
        if device == "cuda":
            torch.cuda.synchronize()  # wait for the queued GPU work
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times[warm_up:])


# --8<-- [end:train]

if __name__ == "__main__":
    device = sys.argv[1] if len(sys.argv) > 1 else "cpu"
    print(f"eager step ms: {step_time(False, device):.2f}")
    print(f"compiled step ms: {step_time(True, device):.2f}")
