# The claims plugin: collects Claim declarations under claims/ as tests (see harness/running/plugin.py).
pytest_plugins = ["harness.running.plugin"]
