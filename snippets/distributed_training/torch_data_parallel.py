# Started by torchrun: one process per replica, told its rank by the environment.
# --8<-- [start:data]
import os

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

rng = np.random.default_rng(0)
token_ids = rng.integers(1, 20, size=(16, 6))  # 16 sentences of 6 token ids
labels = (token_ids[:, 0] > 10).astype(np.int64)
dataset = TensorDataset(torch.tensor(token_ids), torch.tensor(labels))


def make_model():
    torch.manual_seed(0)  # every replica starts from the same weights
    return torch.nn.Sequential(
        torch.nn.EmbeddingBag(20, 8, mode="mean"), torch.nn.Linear(8, 2)
    )


def train(model, loader, epochs=2, device="cpu"):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for epoch in range(epochs):
        if isinstance(loader.sampler, DistributedSampler):
            loader.sampler.set_epoch(epoch)
        for tokens, targets in loader:
            tokens, targets = tokens.to(device), targets.to(device)
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(tokens), targets)
            loss.backward()  # DDP averages the gradients of all replicas here
            optimizer.step()
    return model


# --8<-- [end:data]


# --8<-- [start:ddp]
def data_parallel():
    device = os.environ.get("DEVICE", "cpu")  # DEVICE=cuda: one GPU per process
    if device == "cuda":
        device = f"cuda:{os.environ['LOCAL_RANK']}"
        torch.cuda.set_device(device)
    # gloo for CPU tensors; on GPUs NCCL, and gloo still for the CPU models below
    dist.init_process_group("gloo" if device == "cpu" else "cpu:gloo,cuda:nccl")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    sampler = DistributedSampler(dataset, shuffle=False)  # rank r reads r, r+2, ...
    loader = DataLoader(dataset, batch_size=8 // world_size, sampler=sampler)
    model = DistributedDataParallel(make_model().to(device))
    replica = train(model, loader, device=device).module.cpu()

    alone = train(make_model(), DataLoader(dataset, batch_size=8))
    difference = max(
        (a - b).abs().max().item()
        for a, b in zip(replica.parameters(), alone.parameters())
    )
    tolerance = 1e-6 if device == "cpu" else 1e-5  # GPU kernels round differently
    assert difference < tolerance, difference
    if rank == 0:
        print(f"{world_size} replicas, {len(sampler)} sentences each per epoch")
        print(f"same weights as one process with batch 8: {difference < tolerance}")
    return replica


# --8<-- [end:ddp]


# --8<-- [start:all-data]
def every_worker_reads_everything():
    loader = DataLoader(dataset, batch_size=8 // dist.get_world_size())
    replica = train(DistributedDataParallel(make_model()), loader).module
    alone = {
        batch: train(make_model(), DataLoader(dataset, batch_size=batch))
        for batch in (4, 8)
    }
    for batch, model in alone.items():
        same = all(
            torch.allclose(a, b, rtol=0, atol=1e-6)
            for a, b in zip(replica.parameters(), model.parameters())
        )
        if dist.get_rank() == 0:
            print(f"same weights as one process with batch {batch}: {same}")


# --8<-- [end:all-data]

if __name__ == "__main__":
    data_parallel()
    every_worker_reads_everything()
    dist.destroy_process_group()
