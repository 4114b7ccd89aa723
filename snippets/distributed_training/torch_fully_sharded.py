# Started by torchrun: each process holds half of every weight between steps.
# --8<-- [start:fsdp]
import torch.distributed as dist
from torch.distributed.fsdp import fully_shard
from torch.utils.data import DataLoader, DistributedSampler


def fully_sharded():
    dist.init_process_group("gloo")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    model = make_model()
    for layer in model:
        fully_shard(layer)  # a layer's weights are gathered only while it runs
    fully_shard(model)
    embedding = model[0].weight  # a DTensor: each process keeps 10 of 20 rows
    rows = [None] * world_size
    dist.all_gather_object(rows, embedding.to_local().shape[0])

    sampler = DistributedSampler(dataset, shuffle=False)
    train(model, DataLoader(dataset, batch_size=8 // world_size, sampler=sampler))
    alone = train(make_model(), DataLoader(dataset, batch_size=8))
    difference = max(  # full_tensor() gathers the slices from every process
        (a.full_tensor() - b).abs().max().item()
        for a, b in zip(model.parameters(), alone.parameters())
    )
    assert difference < 1e-6, difference
    if rank == 0:
        print(f"{type(embedding).__name__}, embedding rows per rank: {rows}")
        print(f"same weights as one process with batch 8: {difference < 1e-6}")


# --8<-- [end:fsdp]

if __name__ == "__main__":
    from torch_data_parallel import dataset, make_model, train

    fully_sharded()
    dist.destroy_process_group()
