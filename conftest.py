"""The doc-test harness lives in rosetta/harness.py; this file only loads it."""

pytest_plugins = ["rosetta.harness"]
