"""The copy guarantee: shared blocks and one tab's blocks, as the copy buttons give them, run whole."""

from rosetta import copying
from rosetta.pages import read_page

pytest_plugins = ["pytester"]

PAGE = """# Copied

```python
words = ["a", "b"]
```

=== "PyTorch"

    ```python
    import torch
    count = len(words)
    ```

    !!! network "Downloads"

        ```python
        download()
        ```

    ```python
    print(count * 2)
    ```

=== "Keras"

    !!! backends "Keras backends: jax"

        ```python
        only_on_jax = True
        ```

    ```python
    import keras
    ```
"""


def test_a_tab_copied_whole_is_the_shared_blocks_and_that_tab_in_order_without_boxed_code():
    blocks = read_page(PAGE, "docs/copied.md")
    assert [block.line for block in copying.copied(blocks, "torch")] == [3, 9, 20]
    assert [block.line for block in copying.copied(blocks, "keras", "jax")] == [3, 28, 32]
    assert [block.line for block in copying.copied(blocks, "keras", "torch")] == [3, 32]
    assert copying.tabs(blocks) == ["torch", "keras"]


def test_each_tab_runs_whole_in_a_fresh_interpreter_and_a_failure_names_the_page_line(site, pytester):
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\nrosetta_block_timeout = 20\n")
    page = PAGE.replace("only_on_jax = True", "import sys\n        sys.exit('stop')")
    site.write("copied.md", page.replace("    import keras\n", "    import keras\n    print(only_on_jax)\n"))
    result = site().runpytest()
    outcomes = {
        report.nodeid.split("::")[1]: report.outcome
        for report in result.reprec.getreports("pytest_runtest_logreport")
        if report.when == "call" and "::copied:" in report.nodeid
    }
    assert outcomes == {"copied:pytorch": "passed", "copied:keras": "failed"}
    result.stdout.fnmatch_lines(
        ["*docs/copied.md:35: NameError: name 'only_on_jax' is not defined*", "*the Keras tab copied whole*"]
    )


def test_a_breakpoint_left_in_the_flow_of_a_tab_stops_the_copied_run(site, pytester):
    pytester.makeini("[pytest]\naddopts = -p no:cacheprovider\nrosetta_block_timeout = 20\n")
    site.write(
        "pdb.md",
        '# Pdb\n\n=== "PyTorch"\n\n    ```python\n    import torch\n    breakpoint()\n    print("after")\n    ```\n',
    )
    result = site().runpytest()
    result.assert_outcomes(passed=1, failed=1)  # the block alone runs unattended; the copied tab stops in pdb
    result.stdout.fnmatch_lines(["*BdbQuit*", "*the PyTorch tab copied whole*"])
