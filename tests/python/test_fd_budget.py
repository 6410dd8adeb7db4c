"""More processes than descriptors: psutil_rs's Process objects hold their
/proc/<pid> directory open only up to half the soft RLIMIT_NOFILE (the core's
descriptor budget), so process_iter() and a list of Process objects keep working, as
psutil's do, where one descriptor per process would fail with EMFILE."""

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent("""
    import os, resource, subprocess, sys
    import psutil, psutil_rs
    kids = [subprocess.Popen(["sleep", "60"]) for _ in range(80)]
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE,
                           (64, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
        n_fds = lambda: len(os.listdir("/proc/self/fd"))
        ours = {p.pid: p.info["name"] for p in psutil_rs.process_iter(["name"])}
        theirs = {p.pid: p.info["name"] for p in psutil.process_iter(["name"])}
        kid_pids = {k.pid for k in kids}
        assert kid_pids <= set(ours), "sleepers missing"
        assert all(ours[k] == "sleep" for k in kid_pids)
        # Stable processes agree with psutil (kworkers rename themselves).
        both = set(ours) & set(theirs)
        assert len(both) > 64, len(both)
        assert all(ours[p] == theirs[p] for p in kid_pids)
        assert n_fds() <= 32 + 16, n_fds()
        # Again through the warm cache, and Process objects made one by one.
        assert kid_pids <= {p.pid for p in psutil_rs.process_iter(["cmdline"])}
        procs = [psutil_rs.Process(k) for k in kid_pids]
        assert all(p.cmdline() == ["sleep", "60"] for p in procs)
        assert all(p.ppid() == os.getpid() for p in procs)
        assert n_fds() <= 32 + 16, n_fds()
        # A handle past the budget whose process exits reads as gone.
        k = kids[0]
        p = psutil_rs.Process(k.pid)
        k.kill(); k.wait()
        try:
            p.name()
            raise AssertionError("no NoSuchProcess")
        except psutil_rs.NoSuchProcess:
            pass
        print("ok", len(ours), n_fds())
    finally:
        for k in kids:
            k.kill(); k.wait()
""")


def test_process_iter_with_more_processes_than_descriptors():
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok "), out.stdout
