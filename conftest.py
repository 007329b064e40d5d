# The claims plugin: collects Claim declarations under claims/ as tests (see harness/plugin.py).
pytest_plugins = ["harness.plugin"]
