"""Running code unattended: as __main__, with breakpoints off, seeded, under a time limit."""

import os
import sys

pytest_plugins = ["pytester"]


def test_a_block_runs_as_the_main_module_of_its_framework(site, pytester):
    site.write(
        "main.md",
        "# Main\n\n```python\nclass Point:\n    pass\n```\n\n"
        "```python\nimport pickle\nimport sys\n\nprint(pickle.loads(pickle.dumps(Point())).__class__.__name__)\n"
        "print(sys.modules['__main__'].Point is Point)\n```\n\n"
        '```text title="Output"\nPoint\nTrue\n```\n',
    )
    main = sys.modules["__main__"]
    result = site().runpytest()
    result.assert_outcomes(passed=3)
    assert sys.modules["__main__"] is main


def test_breakpoints_do_nothing_in_unattended_runs(site, pytester, monkeypatch):
    monkeypatch.delenv("PYTHONBREAKPOINT", raising=False)
    site.write(
        "pdb.md",
        "# Pdb\n\n```python\nimport os\nbreakpoint()\nprint(os.environ['PYTHONBREAKPOINT'])\n```\n\n"
        '```text title="Output"\n0\n```\n',
    )
    result = site().runpytest()
    result.assert_outcomes(passed=2)
    assert "PYTHONBREAKPOINT" not in os.environ


def test_a_block_that_hangs_is_stopped(site, pytester):
    site.write("slow.md", "# Slow\n\n```python\nimport time\nwhile True:\n    time.sleep(0.1)\n```\n")
    result = site().runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*BlockTimeout: docs/slow.md:3 ran past the 5 s limit per block*"])
