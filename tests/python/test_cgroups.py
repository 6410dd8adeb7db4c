"""psutil_rs.cgroups (an extension beyond psutil) against the kernel's files read
directly, the classic tools (nproc, taskset) and cgroups created by the test itself."""

import contextlib
import math
import os
import pathlib
import shutil
import subprocess
import sys
import time

import pytest

import psutil_rs
import psutil_rs.cgroups as cg

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "linux"


def _proc_cgroup(pid="self"):
    out = []
    for line in pathlib.Path(f"/proc/{pid}/cgroup").read_text().splitlines():
        hid, ctrls, path = line.split(":", 2)
        out.append((int(hid), [c for c in ctrls.split(",") if c], path))
    return out


def _cgroup_mounts():
    """(fstype, super options, mount root, mount point) of every cgroup mount, from
    /proc/self/mountinfo read here."""
    mounts = []
    for line in pathlib.Path("/proc/self/mountinfo").read_text().splitlines():
        left, right = line.split(" - ", 1)
        f = left.split()
        fstype, _source, opts = right.split()[:3]
        if fstype in ("cgroup", "cgroup2"):
            mounts.append((fstype, opts.split(","), f[3], f[4]))
    return mounts


def _v1_dir(controller):
    """The directory of this process's cgroup in the v1 hierarchy of `controller`."""
    for hid, ctrls, path in _proc_cgroup():
        if controller in ctrls:
            for fstype, opts, root, point in _cgroup_mounts():
                if fstype == "cgroup" and controller in opts and path.startswith(root):
                    rel = path[len(root):].lstrip("/")
                    return pathlib.Path(point) / rel
    return None


def test_memberships_are_proc_pid_cgroup_resolved_through_mountinfo():
    ours = cg.cgroups()
    assert [(m.hierarchy_id, m.controllers, m.path) for m in ours] == _proc_cgroup()
    mounts = _cgroup_mounts()
    for m in ours:
        assert m.version == ("v2" if m.hierarchy_id == 0 else "v1")
        if m.version == "v2":
            want = [p for t, _o, r, p in mounts if t == "cgroup2" and m.path.startswith(r)]
        else:
            want = [p for t, o, r, p in mounts
                    if t == "cgroup" and set(m.controllers) <= set(o) and m.path.startswith(r)]
        if want:
            root = [r for t, o, r, p in mounts if p == want[0]][0]
            expect = os.path.join(want[0], m.path[len(root):].lstrip("/")).rstrip("/")
            assert m.dir.rstrip("/") == expect
            assert os.path.isdir(m.dir)
        else:
            assert m.dir is None


def test_pressure_agrees_with_proc_pressure():
    if not os.path.exists("/proc/pressure/cpu"):
        pytest.skip("kernel without PSI (/proc/pressure, Linux 4.20+)")

    def direct():
        out = {}
        for res in ("cpu", "memory", "io", "irq"):
            try:
                text = pathlib.Path(f"/proc/pressure/{res}").read_text()
            except (FileNotFoundError, OSError):
                out[res] = None
                continue
            lines = {}
            for line in text.splitlines():
                kind, *kv = line.split()
                vals = dict(x.split("=") for x in kv)
                lines[kind] = cg.spsi(float(vals["avg10"]), float(vals["avg60"]),
                                      float(vals["avg300"]), int(vals["total"]))
            out[res] = lines
        return out

    # The kernel refreshes the averages every 2 s and the totals continuously: a reading
    # between two direct reads has averages equal to one of them and totals between.
    for _ in range(20):
        before = direct()
        ours = cg.pressure()
        after = direct()
        ok = True
        for res in ("cpu", "memory", "io", "irq"):
            got = getattr(ours, res)
            if before[res] is None:
                assert got is None
                continue
            for kind in ("some", "full"):
                line = getattr(got, kind)
                b, a = before[res].get(kind), after[res].get(kind)
                if b is None:
                    assert line is None
                    continue
                assert b.total <= line.total <= a.total, (res, kind)
                if line[:3] not in (b[:3], a[:3]):
                    ok = False
        if ok:
            return
        time.sleep(0.05)
    pytest.fail("the averages never matched a direct read of /proc/pressure")


def _nproc(*prefix):
    return int(subprocess.check_output([*prefix, "nproc"], text=True))


def test_cpu_count_effective_agrees_with_nproc():
    assert cg.cpu_count_effective() == _nproc()
    # psutil's cpu_count() stays the machine's
    assert psutil_rs.cpu_count() == os.cpu_count()


def test_cpu_count_effective_under_taskset():
    if shutil.which("taskset") is None:
        pytest.skip("taskset (util-linux) not installed")
    code = "import psutil_rs.cgroups as c; print(c.cpu_count_effective())"
    ours = subprocess.check_output(["taskset", "-c", "0", sys.executable, "-c", code],
                                   text=True)
    assert int(ours) == _nproc("taskset", "-c", "0") == 1


def test_effective_memory_outside_a_limit_is_the_machines():
    eff = cg.virtual_memory_effective()
    vm = psutil_rs.virtual_memory()
    limit = cg.cgroup().memory.limit
    if limit in (None, cg.UNLIMITED) or limit >= vm.total:
        assert eff.total == vm.total
        assert eff.limit is None
    assert eff.available <= eff.total
    assert eff.percent == pytest.approx(eff.used / eff.total * 100, abs=0.1)


def test_bad_pids():
    with pytest.raises(ValueError, match=r"pid must be a positive integer \(got -1\)"):
        cg.cgroup(-1)
    proc = subprocess.Popen(["true"])
    proc.wait()
    for fn in (cg.cgroups, cg.cgroup, cg.cpu_count_effective, cg.virtual_memory_effective):
        with pytest.raises(psutil_rs.NoSuchProcess):
            fn(proc.pid)


def _read(path):
    return pathlib.Path(path).read_text().strip()


def test_v1_fixture_limits_are_the_tightest_ancestor():
    tree = FIXTURES / "cgroup-v1"
    cg._FAKE_ROOT = str(tree)
    try:
        info = cg.cgroup(4242)
        members = cg.cgroups(4242)
    finally:
        cg._FAKE_ROOT = None
    mem = [m for m in members if "memory" in m.controllers][0]
    assert mem.dir.startswith(str(tree / "sys"))
    # the memory limit: the smallest memory.limit_in_bytes on the chain, read directly
    chain, d = [], pathlib.Path(mem.dir)
    while True:
        f = d / "memory.limit_in_bytes"
        if f.exists():
            chain.append(int(_read(f)))
        if d == tree / "sys" / "fs" / "cgroup" / "memory":
            break
        d = d.parent
    limited = [v for v in chain if v < 9223372036854771712]
    assert info.memory.limit == (min(limited) if limited else cg.UNLIMITED)
    assert info.layout == "v1"


def test_v2_fixture_reads_the_files():
    tree = FIXTURES / "cgroup-v2"
    cg._FAKE_ROOT = str(tree)
    try:
        info = cg.cgroup(1234)
        psi = cg.pressure()
        eff = cg.virtual_memory_effective(1234)
    finally:
        cg._FAKE_ROOT = None
    assert info.layout == "v2"
    cgdir = tree / "sys" / "fs" / "cgroup" / "app"
    cur = cgdir / "memory.current"
    if cur.exists():
        assert info.memory.current == int(_read(cur))
    some = _read(tree / "proc" / "pressure" / "cpu").splitlines()[0].split()
    assert psi.cpu.some.total == int(some[4].split("=")[1])
    assert psi.cpu.some.avg10 == float(some[1].split("=")[1])
    assert eff.total <= int(_read(tree / "proc" / "meminfo").split()[1]) * 1024


def _v1_writable(controller):
    d = _v1_dir(controller)
    return d is not None and os.access(d, os.W_OK) and os.geteuid() == 0


@contextlib.contextmanager
def _child_cgroups(name):
    """A cgroup `name` under this process's v1 cpu and memory cgroups, removed at exit
    (after the processes in it are gone)."""
    made = []
    try:
        for ctrl in ("cpu", "memory"):
            d = _v1_dir(ctrl) / name
            d.mkdir()
            made.append(d)
        yield made
    finally:
        for d in reversed(made):
            for _ in range(100):
                try:
                    d.rmdir()
                    break
                except OSError:
                    time.sleep(0.05)


@pytest.mark.skipif(not (_v1_writable("cpu") and _v1_writable("memory")),
                    reason="needs root and writable cgroup v1 cpu and memory hierarchies")
def test_live_cgroup_with_quota_and_limit():
    name = f"psutil-rs-pytest-{os.getpid()}"
    with _child_cgroups(name) as (cpu_dir, mem_dir):
        (cpu_dir / "cpu.cfs_period_us").write_text("100000")
        (cpu_dir / "cpu.cfs_quota_us").write_text("50000")
        (mem_dir / "memory.limit_in_bytes").write_text(str(100 * 1024 * 1024))
        proc = subprocess.Popen(["sleep", "60"])
        try:
            (cpu_dir / "cgroup.procs").write_text(str(proc.pid))
            (mem_dir / "cgroup.procs").write_text(str(proc.pid))
            dirs = {tuple(m.controllers): m.dir for m in cg.cgroups(proc.pid)}
            assert dirs[("cpu",)] == str(cpu_dir)
            assert dirs[("memory",)] == str(mem_dir)
            info = cg.cgroup(proc.pid)
            assert (info.cpu.quota_us, info.cpu.period_us) == (50000, 100000)
            assert info.memory.limit == 100 * 1024 * 1024
            usage = int(_read(mem_dir / "memory.usage_in_bytes"))
            # sleep's pages charged after the move: a small, moving number
            assert abs(info.memory.current - usage) <= 4 * 1024 * 1024
            assert cg.cpu_count_effective(proc.pid) == 1
            eff = cg.virtual_memory_effective(proc.pid)
            assert eff.total == eff.limit == 100 * 1024 * 1024
        finally:
            proc.kill()
            proc.wait()


def test_submodule_keeps_the_top_level_psutils():
    # importing the submodule adds only the module attribute itself
    assert "cgroup" not in dir(psutil_rs)
    assert "cpu_count_effective" not in dir(psutil_rs)
    assert "cgroups" not in psutil_rs.__all__
    assert cg.UNLIMITED == -1
    assert math.isfinite(cg.virtual_memory_effective().percent)
