"""A gradient-descent step for a PyTorch model; run it to see the loss fall."""

# --8<-- [start:step]
import torch


def train_step(model, optimizer, features, targets):
    optimizer.zero_grad()
    loss = torch.nn.functional.mse_loss(model(features).squeeze(-1), targets)
    loss.backward()
    optimizer.step()
    return loss.item()


# --8<-- [end:step]


if __name__ == "__main__":
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    features, targets = torch.randn(64, 3), torch.randn(64)
    losses = [train_step(model, optimizer, features, targets) for _ in range(30)]
    assert losses[-1] < losses[0], losses
