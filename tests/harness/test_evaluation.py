"""Pages run block by block: namespaces per framework, shared set-up, output checks, failures."""

import shutil
from pathlib import Path

HERE = Path(__file__).parent
pytest_plugins = ["pytester"]


def test_attributed_and_indented_fences_are_collected_and_run(site, outcomes):
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
    site.write("broken.md", "# Broken\n\n```python\nx = 1\n")
    for marker in ("torch", "tensorflow", "keras"):
        result = site().runpytest("-m", marker)
        result.assert_outcomes(failed=1)
        result.stdout.fnmatch_lines(["*docs/broken.md:3: code fence is never closed*"])


def test_frameworks_do_not_see_each_others_names(site):
    result = site("tabs.md").runpytest("-m", "tensorflow")
    result.assert_outcomes(passed=1, failed=1, deselected=1)
    result.stdout.fnmatch_lines(["*docs/tabs.md:19: NameError: name 'torch_only' is not defined*"])


def test_shared_blocks_run_once_per_selected_framework_and_never_for_the_others(site, pytester):
    site.write(
        "runs.md",
        "# Runs\n\n```python\nwith open('ran.txt', 'a') as ran:\n    ran.write('shared\\n')\n```\n\n"
        '=== "PyTorch"\n\n    ```python\n    x = 1\n    ```\n\n'
        '=== "TensorFlow"\n\n    ```python\n    y = 2\n    ```\n',
    )
    site().runpytest("-m", "torch").assert_outcomes(passed=2, deselected=1)
    assert (pytester.path / "ran.txt").read_text() == "shared\n"  # once: for PyTorch, not for TensorFlow
    (pytester.path / "ran.txt").unlink()
    site().runpytest().assert_outcomes(passed=3)
    assert (pytester.path / "ran.txt").read_text() == "shared\n" * 2  # once in each framework's namespace


def test_shared_blocks_must_not_import_a_framework(site, pytester):
    site.write("page.md", "# Page\n\n```python\nimport torch\n```\n")
    result = site().runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:3: a block outside the framework tabs*must not import torch*"])


def test_shown_output_is_compared(site, outcomes):
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


def test_included_snippets_run_in_the_tab_and_failures_name_the_snippet_line(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site("snippet.md").runpytest("docs")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*snippets/guide/torch_broken.py:8: ZeroDivisionError*", "*snippets/guide/torch_broken.py:11: divide()*"]
    )
