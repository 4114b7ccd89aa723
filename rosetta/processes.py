"""Processes the tests start: launched command lines, and servers a page's localhost blocks start.

Every process starts in a session (process group) of its own, so stopping it stops what it started
too (``torchrun``'s workers, a server's reloader). Nothing outlives the page that started it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

LOCALHOST = ["127.0.0.1", "::1"]
GRACE = 10.0  # seconds the other processes get to finish once one has failed


@dataclass
class Result:
    command: list[str]
    status: int | None  # None when it was stopped
    stdout: str
    stderr: str
    timed_out: bool = False


def split_assignments(command: list[str]) -> tuple[dict[str, str], list[str]]:
    """``VAR=value cmd args`` -> ({VAR: value}, [cmd, args])."""
    env = {}
    while command and "=" in command[0] and command[0].split("=")[0].isidentifier():
        name, _, value = command[0].partition("=")
        env[name] = value
        command = command[1:]
    return env, command


def resolve(argv: list[str]) -> list[str]:
    """``python`` is this interpreter, and a tool installed beside it (``torchrun``) is that one."""
    if argv and argv[0] in ("python", "python3"):
        return [sys.executable, *argv[1:]]
    beside = os.path.join(os.path.dirname(sys.executable), argv[0]) if argv and "/" not in argv[0] else ""
    return [beside, *argv[1:]] if beside and os.access(beside, os.X_OK) else argv


def launch(commands: list[list[str]], timeout: float, env: dict[str, str]) -> list[Result]:
    """Start every command at once, wait for all of them; stop them all at the time limit.

    When one exits with an error the others get ``GRACE`` seconds before they are stopped, so a
    worker waiting for a crashed peer cannot hang the run.
    """
    running = []
    with contextlib.ExitStack() as files:
        for command in commands:
            extra, argv = split_assignments(command)
            out = files.enter_context(tempfile.TemporaryFile("w+"))
            err = files.enter_context(tempfile.TemporaryFile("w+"))
            process = subprocess.Popen(
                resolve(argv),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                text=True,
                env=dict(env, **extra),
                start_new_session=True,
            )
            running.append((command, process, out, err))
        limit = deadline = time.monotonic() + timeout
        timed_out = False
        while any(process.poll() is None for _, process, _, _ in running):
            if any(process.poll() not in (None, 0) for _, process, _, _ in running):
                deadline = min(deadline, time.monotonic() + GRACE)
            if time.monotonic() > deadline:
                timed_out = time.monotonic() > limit
                break
            time.sleep(0.05)
        results = []
        for command, process, out, err in running:
            stopped = process.poll() is None
            stop(process)
            out.seek(0)
            err.seek(0)
            status = None if stopped else process.returncode
            results.append(Result(command, status, out.read(), err.read(), timed_out and stopped))
        return results


def stop(process: subprocess.Popen, wait: float = 5.0) -> None:
    """Stop a process and its whole group: SIGTERM, then SIGKILL if it does not go."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(wait)
            break
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # what the group leader left behind


class Started:
    """The processes code starts while it runs (``subprocess.Popen``), each in a group of its own."""

    def __init__(self) -> None:
        self.processes: list[subprocess.Popen] = []

    @contextlib.contextmanager
    def watching(self):
        original = subprocess.Popen.__init__
        started = self.processes

        def init(popen, *args, **kwargs):
            kwargs.setdefault("start_new_session", True)
            original(popen, *args, **kwargs)
            started.append(popen)

        subprocess.Popen.__init__ = init
        try:
            yield
        finally:
            subprocess.Popen.__init__ = original

    def stop_all(self) -> list[str]:
        """Stop every process still running; return their command lines."""
        left = []
        for process in self.processes:
            if process.poll() is None:
                left.append(" ".join(map(str, process.args)) if isinstance(process.args, list) else str(process.args))
            stop(process)
        self.processes.clear()
        return left


@contextlib.contextmanager
def localhost_sockets():
    """Sockets to 127.0.0.1 (and ::1) allowed for a while, every other host still refused."""
    import socket

    try:
        import pytest_socket
    except ImportError:  # nothing blocks sockets outside the tests
        yield
        return
    saved = (socket.socket, socket.socket.connect, socket.getaddrinfo, socket.gethostbyname)
    pytest_socket.enable_socket()
    pytest_socket.socket_allow_hosts(LOCALHOST, allow_unix_socket=True)
    try:
        yield
    finally:
        socket.socket.connect = saved[1]
        socket.socket, socket.getaddrinfo, socket.gethostbyname = saved[0], saved[2], saved[3]
