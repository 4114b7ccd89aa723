"""Stand-in for tensorflow in the harness tests: only what the harness calls."""


class random:  # noqa: N801 - mirrors tf.random
    @staticmethod
    def set_seed(seed):
        return seed


class config:  # noqa: N801 - mirrors tf.config
    @staticmethod
    def list_physical_devices(kind):
        return []
