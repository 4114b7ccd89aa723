"""The harness on tiny fixture pages (pages/), with stand-ins for the frameworks (fakes/)."""

import json
import os
import shutil
import sys
from pathlib import Path

import numpy  # noqa: F401 - loaded once here: pytester's in-process runs cannot load it a second time
import pytest

from rosetta.harness import output_mismatch
from rosetta.pages import PageError, read_page

HERE = Path(__file__).parent
pytest_plugins = ["pytester"]


@pytest.fixture
def site(pytester, monkeypatch):
    """A project with the harness loaded; `site(page, ...)` copies fixture pages into its docs/."""
    pytester.makeconftest('pytest_plugins = ["rosetta.harness"]')
    pytester.makeini("[pytest]\naddopts = --strict-markers -p no:cacheprovider\nrosetta_block_timeout = 5\n")
    pytester.syspathinsert(HERE / "fakes")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    for name in ("torch", "tensorflow", "keras", "jax"):
        monkeypatch.delitem(sys.modules, name, raising=False)

    def add(*pages):
        docs = pytester.path / "docs"
        docs.mkdir(exist_ok=True)
        for page in pages:
            shutil.copy(HERE / "pages" / page, docs / page)
        return pytester

    return add


def outcomes(result):
    return {
        report.nodeid.split("::", 1)[1]: report.outcome
        for report in result.reprec.getreports("pytest_runtest_logreport")
        if report.when == "call" or report.outcome != "passed"
    }


def test_attributed_and_indented_fences_are_collected_and_run(site):
    result = site("attributed.md").runpytest()
    result.assert_outcomes(passed=4)
    assert set(outcomes(result)) == {"shared:line:3", "shared:line:8", "pytorch:line:14", "shared:line:19"}


def test_a_failing_block_names_its_file_and_line(site):
    result = site("failing.md").runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*docs/failing.md:9: ZeroDivisionError: division by zero*", "*in the block at docs/failing.md:7*"]
    )


def test_a_page_that_cannot_be_read_fails_in_every_framework_run(site, pytester):
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "broken.md").write_text("# Broken\n\n```python\nx = 1\n")
    for marker in ("torch", "tensorflow", "keras"):
        result = site().runpytest("-m", marker)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*docs/broken.md:3: code fence is never closed*"])


def test_frameworks_do_not_see_each_others_names(site):
    result = site("tabs.md").runpytest("-m", "tensorflow")
    result.assert_outcomes(passed=1, failed=1, deselected=1)
    result.stdout.fnmatch_lines(["*docs/tabs.md:19: NameError: name 'torch_only' is not defined*"])


def test_shared_blocks_run_with_the_selected_framework_only(site):
    result = site("tabs.md").runpytest("-m", "torch")
    result.assert_outcomes(passed=2, deselected=1)


def test_shared_blocks_must_not_import_a_framework(site, pytester):
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "page.md").write_text("# Page\n\n```python\nimport torch\n```\n")
    result = site().runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:3: a block outside the framework tabs*must not import torch*"])


def test_gpu_blocks_are_skipped_with_a_reason_without_cuda(site):
    result = site("gpu.md").runpytest("-m", "torch", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED [1] docs/gpu.md:13: needs a CUDA GPU; none is available here"])


def test_gpu_blocks_run_where_cuda_is_available(site, monkeypatch):
    monkeypatch.setenv("FAKE_CUDA", "1")
    result = site("gpu.md").runpytest("-m", "gpu")
    result.assert_outcomes(passed=1, deselected=1)


def test_a_gpu_run_that_collects_no_gpu_example_fails(site):
    result = site("attributed.md").runpytest("-m", "gpu")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*selects GPU examples (-m gpu) but collected none*"])


def test_a_missing_framework_is_a_skip_with_a_reason(site, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    result = site("missing.md").runpytest("-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*no block ran*", "SKIPPED [1] docs/missing.md:5: tensorflow not installed"])
    assert result.ret != 0


def test_a_missing_framework_fails_a_ci_run(site, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    monkeypatch.setenv("CI", "true")
    result = site("missing.md", "attributed.md").runpytest()
    result.stdout.fnmatch_lines(
        ["*CI=true, but blocks were skipped because a framework is missing: tensorflow not installed*"]
    )
    assert result.ret != 0


@pytest.mark.parametrize(("backend", "passed", "skipped"), [("tensorflow", 1, 1), ("jax", 2, 0), ("torch", 2, 0)])
def test_keras_blocks_limited_to_some_backends(site, monkeypatch, backend, passed, skipped):
    monkeypatch.setenv("KERAS_BACKEND", backend)
    result = site("backends.md").runpytest("-m", "keras", "-rs")
    result.assert_outcomes(passed=passed, skipped=skipped)
    if skipped:
        result.stdout.fnmatch_lines(
            ["*the page limits this block to Keras backends jax, torch; this run uses the tensorflow backend*"]
        )


def test_shown_output_is_compared(site):
    result = site("output.md").runpytest()
    result.assert_outcomes(passed=3, failed=1)
    assert outcomes(result)["output:line:8"] == "passed"
    result.stdout.fnmatch_lines(
        [
            "*docs/output.md:18: the Output block does not match*",
            "*The page shows:*",
            "*8",
            "*The block printed:*",
            "*7",
        ]
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


def test_included_snippets_run_in_the_tab_and_failures_name_the_snippet_line(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site("snippet.md").runpytest("docs")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*snippets/guide/torch_broken.py:8: ZeroDivisionError*", "*snippets/guide/torch_broken.py:11: divide()*"]
    )


def test_snippet_files_run_on_their_own_with_their_framework_marker(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site().runpytest("snippets/guide", "-m", "torch")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*snippets/guide/torch_broken.py:11:*"])


def test_programs_import_their_neighbours_and_the_report_keeps_what_they_printed(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site().runpytest("snippets/measured", "--rosetta-report=out/run.json")
    result.assert_outcomes(passed=2)
    report = json.loads((pytester.path / "out" / "run.json").read_text())
    printed = report["pages"]["snippets/measured/torch_program.py"]["printed"]
    assert printed == {"run": "held-out accuracy: 0.600\ntraining seconds: 1.5\n"}
    assert "printed" not in report["pages"]["snippets/measured/torch_helper.py"]


def test_programs_run_in_a_process_of_their_own(site, pytester, monkeypatch):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    monkeypatch.setenv("ROSETTA_TEST_PID", str(os.getpid()))
    result = site("program.md").runpytest("docs", "snippets/guide/torch_switch.py", "--rosetta-report=out/run.json")
    result.assert_outcomes(passed=5)
    report = json.loads((pytester.path / "out" / "run.json").read_text())
    assert report["pages"]["snippets/guide/torch_switch.py"]["printed"] == {"run": "switched in a child\n"}
    assert "ROSETTA_SWITCHED" not in os.environ


def test_a_program_box_holds_one_whole_file_include():
    page = '=== "PyTorch"\n\n    !!! program "Own process"\n\n        ```python\n        import torch\n        ```\n'
    with pytest.raises(PageError, match=r"docs/p.md:5: a block in a program box holds one line that includes"):
        read_page(page, "docs/p.md")
    blocks = read_page((HERE / "pages" / "program.md").read_text(), "docs/program.md")
    assert [(block.line, block.program) for block in blocks if block.is_python] == [
        (7, "snippets/guide/torch_switch.py"),
        (15, None),
    ]


def test_a_program_that_exits_without_a_traceback_says_so(site, pytester):
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "torch_exit.py").write_text("import sys\nprint('half way')\nsys.exit(3)\n")
    result = site().runpytest("snippets")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*snippets/torch_exit.py: exited with status 3*", "*Printed before the failure:*", "*half way*"]
    )


def test_a_block_runs_as_the_main_module_of_its_framework(site, pytester):
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "main.md").write_text(
        "# Main\n\n```python\nclass Point:\n    pass\n```\n\n"
        "```python\nimport pickle\nimport sys\n\nprint(pickle.loads(pickle.dumps(Point())).__class__.__name__)\n"
        "print(sys.modules['__main__'].Point is Point)\n```\n\n"
        '```text title="Output"\nPoint\nTrue\n```\n'
    )
    main = sys.modules["__main__"]
    result = site().runpytest()
    result.assert_outcomes(passed=3)
    assert sys.modules["__main__"] is main


def test_breakpoints_do_nothing_in_unattended_runs(site, pytester, monkeypatch):
    monkeypatch.delenv("PYTHONBREAKPOINT", raising=False)
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "pdb.md").write_text(
        "# Pdb\n\n```python\nimport os\nbreakpoint()\nprint(os.environ['PYTHONBREAKPOINT'])\n```\n\n"
        '```text title="Output"\n0\n```\n'
    )
    result = site().runpytest()
    result.assert_outcomes(passed=2)
    assert "PYTHONBREAKPOINT" not in os.environ


def test_a_block_that_hangs_is_stopped(site, pytester):
    (pytester.path / "docs").mkdir()
    (pytester.path / "docs" / "slow.md").write_text(
        "# Slow\n\n```python\nimport time\nwhile True:\n    time.sleep(0.1)\n```\n"
    )
    result = site().runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*BlockTimeout: docs/slow.md:3 ran past the 5 s limit per block*"])


def test_the_report_counts_each_page(site, pytester):
    result = site("gpu.md", "output.md").runpytest(
        "--rosetta-report=out/run.json", "--rosetta-session=torch", "-m", "torch"
    )
    report = json.loads((pytester.path / "out" / "run.json").read_text())
    assert report["session"] == "torch" and report["markexpr"] == "torch"
    assert report["pages"]["docs/gpu.md"]["skipped"] == [
        {"test": "pytorch:line:13", "reason": "needs a CUDA GPU; none is available here"}
    ]
    assert len(report["pages"]["docs/output.md"]["passed"]) == 3
    assert report["totals"] == {"passed": 4, "failed": 1, "skipped": 1}
    assert result.ret != 0


# --- the pieces, without pytest ------------------------------------------------------------


@pytest.mark.parametrize(
    ("shown", "printed"),
    [
        ("0.1235", "0.12345678"),
        ("tensor([31.5000, 42.0000])", "tensor([31.5000, 42.0001])"),
        ("took ... s", "took 0.52 s"),
        ("1e-05", "1.00001e-05"),
    ],
)
def test_output_matches(shown, printed):
    assert output_mismatch(shown, printed) is None


@pytest.mark.parametrize(("shown", "printed"), [("8", "7"), ("(2, 4)", "(2, 5)"), ("0.12", "0.15"), ("int64", "int32")])
def test_output_mismatches(shown, printed):
    assert output_mismatch(shown, printed) is not None


def test_page_reader_finds_tabs_boxes_and_outputs():
    blocks = read_page((HERE / "pages" / "gpu.md").read_text(), "docs/gpu.md")
    assert [(b.framework, b.gpu, b.line) for b in blocks] == [("torch", None, 5), ("torch", "Needs a CUDA GPU", 13)]
    blocks = read_page((HERE / "pages" / "output.md").read_text(), "docs/output.md")
    assert blocks[0].output is blocks[1] and blocks[1].output_of is blocks[0]


@pytest.mark.parametrize(
    "text",
    [
        "```python\nx = 1\n",
        '```text title="Output"\n1\n```\n',
        '```python\nx = 1\n```\n\nSome prose.\n\n```text title="Output"\n1\n```\n',
        '=== "PyTorch"\n\n    ```python\n    x = 1\ny = 2\n    ```\n',
        '=== "PyTorch"\n\n    !!! backends "Keras backends: jax"\n\n        ```python\n        x = 1\n        ```\n',
        '=== "Keras"\n\n    !!! backends "Keras backends: theano"\n\n        ```python\n        x = 1\n        ```\n',
    ],
)
def test_page_reader_rejects_malformed_pages(text):
    with pytest.raises(PageError, match=r"page\.md:\d+"):
        read_page(text, "page.md")
