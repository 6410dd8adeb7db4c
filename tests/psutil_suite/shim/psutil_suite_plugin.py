"""pytest plugin for running psutil 7.2.2's own test suite against psutil_rs.

Deselects the tests listed in deselect.txt (next to this directory's parent). Each entry
there is ``PATTERN  NEEDLE  REASON``: a test is deselected when its node id matches the
fnmatch PATTERN and its own source text (decorators included) matches the regular
expression NEEDLE (the private module or internal it reaches into), so an entry can only ever remove tests that really touch
what its reason names. An entry that removes no test fails the run, so the list cannot
go stale.
"""

import fnmatch
import inspect
import pathlib
import re
import shutil
import subprocess

import pytest

DESELECT = pathlib.Path(__file__).resolve().parent.parent / "deselect.txt"


def _entries():
    entries = []
    for n, line in enumerate(DESELECT.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) != 3:
            raise pytest.UsageError(f"{DESELECT}:{n}: want PATTERN NEEDLE REASON: {line!r}")
        entries.append((n, parts[0], re.compile(parts[1]), parts[2]))
    return entries


def _source(item):
    func = getattr(item, "obj", None)
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):
        return ""


def pytest_configure(config):
    # psutil's tests group some tests for pytest-xdist, which this run does not use
    config.addinivalue_line("markers", "xdist_group(name): pytest-xdist grouping")


def _nobody_logged_in():
    # Neither psutil_rs (utmp, then logind's sessions) nor who(1) sees a logged-in
    # user: a machine no one has logged in to (a CI runner), where psutil's own
    # users() is empty too.
    import psutil_rs

    if psutil_rs.users():
        return False
    who = shutil.which("who")
    if who is None:
        return False
    out = subprocess.run([who], capture_output=True, text=True, check=False).stdout
    return not out.strip()


# Tests that need something of the machine, with the check that it is absent.
NEEDS = {
    "tests/test_system.py::TestMiscAPIs::test_users":
        (_nobody_logged_in, "no user is logged in on this machine (who(1) shows none)"),
}


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        need = NEEDS.get(item.nodeid)
        if need is not None and need[0]():
            item.add_marker(pytest.mark.skip(reason=need[1]))
    entries = _entries()
    used = {n: 0 for n, *_ in entries}
    keep, drop = [], []
    for item in items:
        source = None
        for n, pattern, needle, _reason in entries:
            if fnmatch.fnmatchcase(item.nodeid, pattern):
                if source is None:
                    source = _source(item)
                if needle.search(source):
                    used[n] += 1
                    drop.append(item)
                    break
        else:
            keep.append(item)
    # Entries for files not collected in this run (e.g. one file run alone) are fine;
    # an entry matching collected tests but removing none is stale.
    collected = {item.nodeid.split("::")[0] for item in items}
    stale = [n for n, pattern, *_ in entries
             if used[n] == 0 and fnmatch.filter(collected, pattern.split("::")[0])]
    if stale:
        raise pytest.UsageError(f"{DESELECT}: entries on lines {stale} deselect no test")
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_report_header(config):
    return f"psutil's suite against psutil_rs; deselected per {DESELECT}"
