# Started once per machine, on the jax backend; the KERAS_DISTRIBUTION_* variables
# name the first machine's address, the number of processes and this process.
# --8<-- [start:multi-process]
import os

import keras


def multi_process():
    keras.distribution.initialize()  # reads KERAS_DISTRIBUTION_*, calls jax's
    process_id = int(os.environ["KERAS_DISTRIBUTION_PROCESS_ID"])
    num_processes = int(os.environ["KERAS_DISTRIBUTION_NUM_PROCESSES"])
    devices = keras.distribution.list_devices()  # the devices of every process
    distribution = keras.distribution.DataParallel(devices=devices)
    keras.distribution.set_distribution(distribution)
    replicated = make_model()
    replicated.compile(
        optimizer=keras.optimizers.SGD(0.5),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    )
    try:  # auto-sharding across processes takes only a tf.data.Dataset
        replicated.fit(token_ids, labels, batch_size=8, verbose=0)
    except ValueError as error:
        print(str(error).split(". ")[0])
    distribution.auto_shard_dataset = False  # each process passes its own part
    shard = slice(process_id, None, num_processes)  # this process's sentences
    replicated.fit(
        token_ids[shard], labels[shard], batch_size=8 // num_processes,
        epochs=2, shuffle=False, verbose=0,
    )  # fmt: skip
    keras.distribution.set_distribution(None)
    alone = train(make_model(), batch_size=8)
    print(f"process {process_id} of {num_processes} sees {devices}")
    print(
        "same weights as one process with batch 8:", same_weights(replicated, alone)
    )


# --8<-- [end:multi-process]

if __name__ == "__main__":
    from keras_distribution import (
        labels,
        make_model,
        same_weights,
        token_ids,
        train,
    )

    multi_process()
