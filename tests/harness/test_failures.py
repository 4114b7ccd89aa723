"""One failure layout: the reader's file and line first, then how it got there, then what was printed."""

from rosetta import failures


def test_a_process_failure_names_the_innermost_line_in_the_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "snippets").mkdir()
    program = tmp_path / "snippets" / "torch_worker.py"
    program.write_text("x = 1\n")
    errors = (
        "[rank1]: Traceback (most recent call last):\n"
        f'[rank1]:   File "{program}", line 8, in <module>\n'
        "[rank1]:     print(1 / 0)\n"
        '[rank1]:   File "/usr/lib/python3.11/site-packages/torch/x.py", line 3, in f\n'
        "[rank1]: ZeroDivisionError: division by zero\n"
    )
    message = failures.from_process("process 2 of 2", 1, "worker 1\n", errors, "docs/p.md:7")
    assert message.splitlines() == [
        "snippets/torch_worker.py:8: [rank1]: ZeroDivisionError: division by zero",
        "  in process 2 of 2 (exit status 1)",
        "Traceback (innermost last):",
        "  snippets/torch_worker.py:8: print(1 / 0)",
        "Printed before the failure:",
        "  worker 1",
    ]


def test_a_process_without_a_traceback_shows_what_it_wrote_to_stderr():
    message = failures.from_process("the program x.py", 2, "", "usage: x.py [-h]\nerror: bad flag\n", "x.py")
    assert message.splitlines()[:2] == ["x.py: error: bad flag", "  in the program x.py (exit status 2)"]
    assert "What it wrote to stderr:" in message


def test_a_syntax_error_names_the_line_in_the_page():
    try:
        compile("\n\nx = (", "docs/p.md", "exec")
    except SyntaxError as error:
        message = failures.from_exception(error, "docs/p.md:1", {"docs/p.md"}, "")
    assert message.startswith("docs/p.md:3: SyntaxError:")
    assert "  in the block at docs/p.md:1" in message
