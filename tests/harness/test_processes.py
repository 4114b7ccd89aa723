"""Launched processes: started together, waited for, stopped with their whole group."""

import os
import sys
import time

from rosetta import processes


def test_assignments_before_a_command_become_its_environment():
    assert processes.split_assignments(["RANK=1", "A_B=x=y", "python", "w.py", "N=2"]) == (
        {"RANK": "1", "A_B": "x=y"},
        ["python", "w.py", "N=2"],
    )


def test_python_is_this_interpreter():
    assert processes.resolve(["python", "-V"]) == [sys.executable, "-V"]


def test_every_process_is_waited_for_and_its_output_kept():
    code = "import os; print('I am', os.environ['NAME'])"
    results = processes.launch(
        [["NAME=a", "python", "-c", code], ["NAME=b", "python", "-c", code]], 30, dict(os.environ)
    )
    assert [(r.status, r.stdout) for r in results] == [(0, "I am a\n"), (0, "I am b\n")]


def test_when_one_process_fails_the_others_are_stopped_after_a_grace_period(monkeypatch):
    monkeypatch.setattr(processes, "GRACE", 0.5)
    start = time.monotonic()
    results = processes.launch(
        [["python", "-c", "import time; time.sleep(60)"], ["python", "-c", "raise SystemExit(3)"]], 60, dict(os.environ)
    )
    assert time.monotonic() - start < 10
    assert [(r.status, r.timed_out) for r in results] == [(None, False), (3, False)]
