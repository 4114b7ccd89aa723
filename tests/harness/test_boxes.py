"""Each kind of box, declared once in rosetta/boxes.py, does what it says to the blocks inside it."""

import os
import shutil
import time
from pathlib import Path

import pytest

from rosetta import records
from rosetta.boxes import KINDS
from rosetta.pages import PageError, read_page

HERE = Path(__file__).parent
pytest_plugins = ["pytester"]


def test_gpu_blocks_are_skipped_with_a_reason_without_cuda(site):
    result = site("gpu.md").runpytest("-m", "torch", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED [1] docs/gpu.md:13: needs a CUDA GPU; none is available here"])


def test_gpu_blocks_run_where_cuda_is_available(site, monkeypatch):
    monkeypatch.setenv("FAKE_CUDA", "1")
    result = site("gpu.md").runpytest("-m", "gpu")
    result.assert_outcomes(passed=1, deselected=1)


@pytest.mark.parametrize(("backend", "passed", "skipped"), [("tensorflow", 1, 1), ("jax", 2, 0), ("torch", 2, 0)])
def test_keras_blocks_limited_to_some_backends(site, monkeypatch, backend, passed, skipped):
    monkeypatch.setenv("KERAS_BACKEND", backend)
    result = site("backends.md").runpytest("-m", "keras", "-rs")
    result.assert_outcomes(passed=passed, skipped=skipped)
    if skipped:
        result.stdout.fnmatch_lines(
            ["*the page limits this block to Keras backends jax, torch; this run uses the tensorflow backend*"]
        )


def test_network_blocks_are_skipped_and_sockets_blocked(site):
    result = site("network.md").runpytest("--disable-socket", "-rs")
    result.assert_outcomes(skipped=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*docs/network.md:12: SocketBlockedError*",
            "*docs/network.md:5: needs the network (Downloads a corpus); the tests run offline",
        ]
    )


def test_a_program_box_holds_includes_of_one_snippet_file_whole_or_by_sections():
    box = '=== "PyTorch"\n\n    !!! program "Own process"\n\n        ```python\n{}        ```\n'
    refused = "a block in a program box holds only lines that include one snippet file"
    for body in [
        "import torch\n",
        '--8<-- "a/torch_x.py:data"\nimport torch\n',
        '--8<-- "a/torch_x.py"\n--8<-- "a/torch_y.py"\n',
    ]:
        page = box.format("".join(f"        {line}\n" for line in body.splitlines()))
        with pytest.raises(PageError, match=f"docs/p.md:5: {refused}"):
            read_page(page, "docs/p.md")
    sections = box.format('        --8<-- "a/torch_x.py:data"\n        --8<-- "a/torch_x.py:train"\n')
    assert [block.box("program") for block in read_page(sections, "docs/p.md")] == ["a/torch_x.py"]
    blocks = read_page((HERE / "pages" / "program.md").read_text(), "docs/program.md")
    assert [(block.line, block.box("program")) for block in blocks if block.is_python] == [
        (7, "snippets/guide/torch_switch.py"),
        (15, None),
    ]


def test_programs_run_in_a_process_of_their_own(site, pytester, monkeypatch):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    monkeypatch.setenv("ROSETTA_TEST_PID", str(os.getpid()))
    result = site("program.md").runpytest("docs", "snippets/guide/torch_switch.py", "--rosetta-report=out/run.json")
    result.assert_outcomes(passed=4)  # the page's four blocks; the program box's file is not run again on its own
    report = records.read(pytester.path / "out" / "run.json")
    assert "ROSETTA_SWITCHED" not in os.environ
    # The page's program box ran the file; it does not run again on its own, and what it printed counts as its run.
    [run] = report.program_runs("snippets/guide/torch_switch.py")
    assert (run.test, run.printed) == ("docs/program.md::pytorch:line:7", "switched in a child\n")
    assert not [record for record in report.records if record.test.startswith("snippets/guide/torch_switch.py")]


def test_every_kind_of_box_is_declared_once_with_what_it_does():
    assert set(KINDS) == {"gpu", "network", "backends", "program", "launch", "localhost"}
    for kind in KINDS.values():
        assert kind.doc, f"{kind.name} says nothing about what it does"
    assert {kind.marker for kind in KINDS.values()} - {None} == {"gpu", "network"}


def test_a_launch_box_starts_every_line_at_once_and_checks_their_output(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site("launch.md").runpytest("docs", "-m", "torch")
    result.assert_outcomes(passed=2)


def test_a_launched_process_that_fails_is_named_with_its_line_and_rank(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    page = (HERE / "pages" / "launch.md").read_text().replace("RANK=1 ", "FAIL_RANK=1 RANK=1 ")
    site.write("launch.md", page)
    result = site().runpytest("docs", "-m", "torch")
    result.assert_outcomes(failed=1, passed=1)  # both printed their line before one failed
    result.stdout.fnmatch_lines(
        [
            "*snippets/launch/torch_worker.py:8: ZeroDivisionError: division by zero",
            "*in process 2 of 2 (`FAIL_RANK=1 RANK=1 WORLD_SIZE=2 python snippets/launch/torch_worker.py`)*",
            "*launched by the block at docs/launch.md:7*",
        ]
    )


def test_a_launch_that_hangs_is_stopped_with_its_whole_process_group(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    site.write(
        "hang.md",
        '# Hang\n\n!!! launch "Never ends"\n\n'
        "    ```bash\n    python snippets/launch/torch_hang.py child.pid\n    ```\n",
    )
    result = site().runpytest("docs")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/hang.md:5: process 1 of 1 * ran past the 5 s limit; its process group was stopped"]
    )
    child = int((pytester.path / "child.pid").read_text())
    assert not _alive(child), "the hanging worker's child outlived the test"


def test_a_launch_box_holds_command_lines_not_python():
    page = '!!! launch "x"\n\n    ```python\n    print(1)\n    ```\n'
    with pytest.raises(PageError, match=r"p\.md:3: a launch box holds a bash block of command lines"):
        read_page(page, "p.md")
    page = '!!! launch "x"\n\n    ```bash\n    python a.py | tee log\n    ```\n'
    with pytest.raises(PageError, match=r"p\.md:4: a launch line is one command"):
        read_page(page, "p.md")


def test_localhost_blocks_reach_127_0_0_1_and_what_they_start_is_stopped_after_a_failure(site, pytester):
    result = site("localhost.md").runpytest("--disable-socket", "--allow-unix-socket")
    result.assert_outcomes(passed=2, failed=1, skipped=1)
    result.stdout.fnmatch_lines(["*docs/localhost.md:27: RuntimeError: a block fails while the server runs*"])
    server = int((pytester.path / "server.pid").read_text())
    assert not _alive(server), "the server a page started outlived the page"


def test_sockets_stay_blocked_outside_localhost_boxes(site, pytester):
    page = (
        (HERE / "pages" / "localhost.md")
        .read_text()
        .replace('raise RuntimeError("a block fails while the server runs")', "")
    )
    site.write("localhost.md", page)
    result = site().runpytest("--disable-socket", "--allow-unix-socket")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*docs/localhost.md:32: SocketBlockedError*"])


def _alive(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:
            waited, _ = os.waitpid(pid, os.WNOHANG)  # our own child: reap it
            if waited:
                return False
        except ChildProcessError:
            pass
        time.sleep(0.1)
    return True
