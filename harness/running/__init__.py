"""Running: the pytest plugin, the runner of one claim's looks, seeds, devices, scheduling and shards."""
