"""What `import psutil_rs` loads (issue 18: import time and memory next to psutil).

psutil imports subprocess (and through it locale and re) and datetime for every program;
psutil_rs imports them when first needed (the first Popen, the first repr() with a start
time), which is ~1 MiB of resident memory and ~15 ms of import less. Each check runs in a
fresh interpreter, as bench/py/footprint.py measures.
"""

import subprocess
import sys

LAZY = ("subprocess", "locale", "re", "datetime")


def run(code):
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       timeout=60, check=False)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_import_leaves_out_what_is_loaded_when_needed():
    # Each list holds the LAZY modules the import added (site may have loaded some
    # before: a .pth file importing re). What psutil_rs leaves out must be something
    # psutil itself loads, or the check would pass for the wrong reason.
    probe = ("import sys\nbefore = set(sys.modules)\nimport {}\n"
             f"print(*[m for m in {LAZY!r} if m in sys.modules and m not in before])")
    theirs = run(probe.format("psutil"))
    assert "subprocess" in theirs and "datetime" in theirs
    assert run(probe.format("psutil_rs")) == []


def test_popen_and_repr_load_them():
    out = run("import sys, psutil_rs\n"
              "p = psutil_rs.Popen([sys.executable, '-c', 'pass'])\n"
              "print(p.wait(), 'subprocess' in sys.modules, 'communicate' in dir(p))\n"
              "me = psutil_rs.Process()\n"
              "me.create_time()  # repr() shows the start time once it is known\n"
              "print('datetime' in sys.modules, 'started=' in repr(me),"
              " 'datetime' in sys.modules)")
    assert out == ["0", "True", "True", "False", "True", "True"]


def test_wait_procs_takes_subprocess_timeouts_once_loaded():
    # An object whose wait() raises subprocess.TimeoutExpired is still alive, as in psutil.
    out = run("import subprocess, psutil_rs\n"
              "class P:\n"
              "    returncode = None\n"
              "    def wait(self, timeout=None):\n"
              "        raise subprocess.TimeoutExpired('x', timeout)\n"
              "    def is_running(self):\n"
              "        return True\n"
              "gone, alive = psutil_rs.wait_procs([P()], timeout=0.05)\n"
              "print(len(gone), len(alive))")
    assert out == ["0", "1"]
