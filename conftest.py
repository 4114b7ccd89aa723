"""The doc-test harness is the pytest plugin in rosetta/plugin.py; this file only loads it."""

pytest_plugins = ["rosetta.plugin"]
