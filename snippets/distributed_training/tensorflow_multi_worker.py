# Started once per worker, each with a TF_CONFIG naming the cluster and its task.
# --8<-- [start:multi-worker]
import numpy as np
import tensorflow as tf


def multi_worker(strategy, shard=True):
    worker = strategy.cluster_resolver.task_id
    with strategy.scope():
        model = Classifier()
    options = tf.data.Options()
    if not shard:  # every worker reads every sentence
        policy = tf.data.experimental.AutoShardPolicy.OFF
        options.experimental_distribute.auto_shard_policy = policy
    batches = strategy.experimental_distribute_dataset(
        dataset.batch(8).with_options(options)
    )

    @tf.function
    def distributed_step(tokens, targets):
        strategy.run(step, args=(model, tokens, targets))

    for epoch in range(2):
        seen = []
        for tokens, targets in batches:
            distributed_step(tokens, targets)
            [local] = strategy.experimental_local_results(tokens)
            seen.append(local.shape[0])
    same_as = [
        batch
        for batch in (4, 8)
        if all(
            np.allclose(a.numpy(), b.numpy(), rtol=0, atol=1e-6)
            for a, b in zip(
                model.trainable_variables, train_alone(batch).trainable_variables
            )
        )
    ]
    print(f"worker {worker}, shard={shard}: batches of {seen} sentences per epoch,")
    print(f"  same weights as one process with batch {same_as}")


# --8<-- [end:multi-worker]

if __name__ == "__main__":
    # The strategy reads TF_CONFIG; it must exist before the first tensor does.
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    from tensorflow_mirrored import Classifier, dataset, step, train_alone

    multi_worker(strategy, shard=True)
    multi_worker(strategy, shard=False)
