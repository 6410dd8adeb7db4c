"""process_iter(attrs) reads the whole table in one native call: proofs and semantics.

- One call: the native entry point (``_native.process_table``) is wrapped and counted;
  no per-process native ``Process`` is made for instances the table already opened.
- Values: the table's ``info`` equals the per-process path (``as_dict``) and psutil
  7.2.2's ``process_iter`` on the same pids, exactly for stable values (a sleeping
  child, and every process whose values did not move between two table reads), with
  the same named tuple types.
- Semantics as psutil's: instances reused across calls, ``cache_clear()``, a process
  that exits drops out and a new one appears, pid order, ``attrs=[]``, ``ad_value``
  (a zombie; AccessDenied when run as nobody), invalid names, NoSuchProcess while
  iterating, cpu_percent's per-instance baseline, overridden methods honoured (class,
  patch, instance), and ``PROCFS_PATH`` pointed at the captured fixture tree.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

import psutil
import pytest

import psutil_rs
from psutil_rs import _native, _process

BENCH = ["pid", "ppid", "name", "cmdline", "status", "username", "create_time",
         "cpu_times", "memory_info", "num_threads"]
# values that hold still for a sleeping process
STILL = ["pid", "ppid", "name", "cmdline", "status", "username", "create_time", "uids",
         "gids", "terminal", "nice", "ionice", "num_threads", "cpu_affinity", "exe",
         "cwd", "environ", "memory_info", "cpu_times", "num_ctx_switches", "io_counters",
         "num_fds", "open_files", "threads"]
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures",
                       "linux", "debian12-6.18", "proc")


def pmap_of(mod):
    return mod._pmap


@pytest.fixture
def sleeper(tmp_path):
    # a child blocked in sleep with a file open: its values hold still
    code = ("import sys, time; f = open(sys.argv[1], 'w'); print('ready', flush=True); "
            "time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "f.txt")],
                            stdout=subprocess.PIPE)
    assert proc.stdout.readline() == b"ready\n"
    for _ in range(200):
        if psutil.Process(proc.pid).status() == "sleeping":
            break
        time.sleep(0.01)
    time.sleep(0.05)
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


@pytest.fixture
def counted(monkeypatch):
    """Counts the native calls: the table, and per-process handles made."""
    calls = {"table": 0, "process": 0}
    table, native_process = _native.process_table, _native.Process

    def counting_table(*args):
        calls["table"] += 1
        return table(*args)

    def counting_process(*args):
        calls["process"] += 1
        return native_process(*args)

    monkeypatch.setattr(_native, "process_table", counting_table)
    monkeypatch.setattr(_native, "Process", counting_process)
    return calls


def test_one_native_call_per_table(counted, monkeypatch):
    psutil_rs.process_iter.cache_clear()
    cold = list(psutil_rs.process_iter(BENCH))
    assert counted == {"table": 1, "process": 0}
    assert len(cold) > 5 and all(set(p.info) == set(BENCH) for p in cold)
    warm = list(psutil_rs.process_iter(BENCH))
    assert counted == {"table": 2, "process": 0}
    assert len({p.pid for p in cold} & {p.pid for p in warm}) > len(cold) // 2
    # nothing to read for the cached instances: the listing only, as psutil (only
    # the processes started meanwhile get their instance made alone)
    prev = {p.pid for p in warm}
    for attrs in (None, ["pid"], ["create_time", "pid"]):
        made = counted["process"]
        seen = [p.pid for p in psutil_rs.process_iter(attrs)]
        assert seen == sorted(seen) and os.getpid() in seen
        assert counted["table"] == 2
        assert counted["process"] - made <= len(set(seen) - prev)
        prev = set(seen)
    counted["process"] = 0
    # the computed ones: still one call per table
    vm_calls = []
    real_vm = psutil_rs.virtual_memory
    monkeypatch.setattr(psutil_rs, "virtual_memory", lambda: vm_calls.append(1) or real_vm())
    list(psutil_rs.process_iter(["cpu_percent", "memory_percent", "name"]))
    assert counted == {"table": 3, "process": 0}
    assert vm_calls == [1]  # the total memory once per table, not per process
    # an empty cache: the table makes every instance, also without attrs
    for attrs in (None, ["pid"], ["create_time"]):
        psutil_rs.process_iter.cache_clear()
        procs = list(psutil_rs.process_iter(attrs))
        assert len(procs) > 5 and all(p._proc is not None for p in procs)
    assert counted == {"table": 6, "process": 0}
    # a new process and a cached cache: its instance made alone, as psutil does
    prev = {p.pid for p in procs}
    new = subprocess.Popen(["sleep", "30"])
    try:
        procs = {p.pid: p for p in psutil_rs.process_iter(["create_time", "pid"])}
        assert counted["table"] == 6
        assert 1 <= counted["process"] <= len(set(procs) - prev)
        assert procs[new.pid].info == {"pid": new.pid,
                                       "create_time": psutil.Process(new.pid).create_time()}
        assert procs[new.pid] == psutil_rs.Process(new.pid)
    finally:
        new.kill()
        new.wait()


def test_values_equal_per_process_path_and_psutil(sleeper):
    psutil_rs.process_iter.cache_clear()
    ours = {p.pid: p for p in psutil_rs.process_iter(STILL, ad_value="AD")}
    mine = ours[sleeper.pid].info
    per_process = psutil_rs.Process(sleeper.pid).as_dict(STILL, ad_value="AD")
    theirs = {sleeper.pid: psutil.Process(sleeper.pid).as_dict(STILL, ad_value="AD")}
    assert mine == per_process == theirs[sleeper.pid]
    assert list(mine) == list(per_process)  # psutil's key order (its set's)
    for name, value in mine.items():
        assert type(value) is type(per_process[name]), name
        assert type(value).__name__ == type(theirs[sleeper.pid][name]).__name__, name
    assert type(mine["memory_info"]) is psutil_rs._ntuples.pmem
    assert all(type(t) is psutil_rs._ntuples.pthread for t in mine["threads"])
    assert [f.path for f in mine["open_files"]] == [f.path for f in
                                                    theirs[sleeper.pid]["open_files"]]
    # memory_info from /proc/<pid>/statm alone (no status read) too
    alone = [p for p in psutil_rs.process_iter(["memory_info"]) if p.pid == sleeper.pid]
    assert alone[0].info["memory_info"] == psutil.Process(sleeper.pid).memory_info()
    # the memory_maps and all-attributes forms
    p = [p for p in psutil_rs.process_iter([]) if p.pid == sleeper.pid][0]
    q = psutil.Process(sleeper.pid).as_dict()
    assert set(p.info) == set(q)
    for name in STILL + ["memory_maps"]:
        if name == "memory_maps":  # pss moves as other processes map the libraries
            assert [m.path for m in p.info[name]] == [m.path for m in q[name]]
        else:
            assert p.info[name] == q[name], name


def test_every_process_equals_per_process_path():
    names = ["pid", "ppid", "name", "cmdline", "status", "username", "create_time",
             "uids", "gids", "terminal", "exe", "cwd", "nice", "num_threads",
             "cpu_affinity", "memory_info", "num_ctx_switches"]
    psutil_rs.process_iter.cache_clear()
    before = {p.pid: p.info for p in psutil_rs.process_iter(names, ad_value="AD")}
    per_process = {}
    for pid in before:
        try:
            per_process[pid] = psutil_rs.Process(pid).as_dict(names, ad_value="AD")
        except psutil_rs.NoSuchProcess:
            pass
    psutil_rs.process_iter.cache_clear()
    after = {p.pid: p.info for p in psutil_rs.process_iter(names, ad_value="AD")}
    compared = 0
    for pid, info in before.items():
        # a process whose values moved between the two table reads proves nothing
        if pid not in per_process or after.get(pid) != info:
            continue
        compared += 1
        assert per_process[pid] == info, pid
        for name in names:
            assert type(per_process[pid][name]) is type(info[name]), (pid, name)
    assert compared > len(before) // 2


def test_cache_semantics_as_psutil(sleeper):
    for mod in (psutil_rs, psutil):
        mod.process_iter.cache_clear()
        first = {p.pid: p for p in mod.process_iter(["name"])}
        assert list(first) == sorted(first)
        assert sleeper.pid in first
        second = {p.pid: p for p in mod.process_iter()}
        assert second[sleeper.pid] is first[sleeper.pid]  # reused, with its info
        assert second[sleeper.pid].info == {"name": first[sleeper.pid].info["name"]}
        new = subprocess.Popen(["sleep", "30"])
        try:
            third = {p.pid: p for p in mod.process_iter(["pid"])}
            assert new.pid in third and third[sleeper.pid] is first[sleeper.pid]
            assert third[new.pid].info == {"pid": new.pid}
        finally:
            new.kill()
            new.wait()
        fourth = {p.pid: p for p in mod.process_iter(["pid"])}
        assert new.pid not in fourth and new.pid not in pmap_of(mod)
        mod.process_iter.cache_clear()
        fifth = {p.pid: p for p in mod.process_iter(["pid"])}
        assert fifth[sleeper.pid] is not first[sleeper.pid]
        assert fifth[sleeper.pid] == first[sleeper.pid]  # same process: equal
        assert pmap_of(mod)[sleeper.pid] is fifth[sleeper.pid]


def test_reused_pid_gets_a_new_instance(sleeper):
    psutil_rs.process_iter.cache_clear()
    old = [p for p in psutil_rs.process_iter() if p.pid == sleeper.pid][0]
    # as if the cached instance were an earlier process with the same pid
    old._ident = (old.pid, old._ident[1] - 1)
    new = [p for p in psutil_rs.process_iter(["ppid"]) if p.pid == sleeper.pid][0]
    assert new is not old and new == psutil_rs.Process(sleeper.pid)
    assert psutil_rs._pmap[sleeper.pid] is new


def test_new_instances_as_process(sleeper):
    psutil_rs.process_iter.cache_clear()
    p = [p for p in psutil_rs.process_iter(["name"]) if p.pid == sleeper.pid][0]
    q = psutil_rs.Process(sleeper.pid)
    assert p == q and hash(p) == hash(q) and type(p) is psutil_rs.Process
    assert repr(p) == repr(q)
    assert p._name == q.name() and p.cmdline() == q.cmdline()
    assert p.create_time() == q.create_time()
    p.kill()
    sleeper.wait()
    assert not p.is_running()


def test_attrs_empty_means_all():
    me = [p for p in psutil_rs.process_iter([]) if p.pid == os.getpid()][0]
    ref = psutil.Process().as_dict()
    assert set(me.info) == set(ref)
    assert me.info["name"] == ref["name"] and me.info["cmdline"] == ref["cmdline"]


def test_invalid_attrs_as_psutil():
    for bad in (["nope"], ["name", "nope", "bogus"], ["kill"], "name", 5, [["x"]]):
        with pytest.raises(Exception) as ours:
            next(psutil_rs.process_iter(bad))
        with pytest.raises(Exception) as theirs:
            next(psutil.process_iter(bad))
        assert type(ours.value) is type(theirs.value), bad
        if len(str(theirs.value).split(",")) == 1:
            assert str(ours.value) == str(theirs.value), bad


def test_ad_value_for_a_zombie():
    z = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(500):
            if psutil.Process(z.pid).status() == "zombie":
                break
            time.sleep(0.01)
        names = ["name", "cmdline", "exe", "cwd", "environ", "status", "ppid",
                 "memory_info", "num_fds", "open_files", "username"]
        ours = [p for p in psutil_rs.process_iter(names, ad_value="AD") if p.pid == z.pid]
        theirs = psutil.Process(z.pid).as_dict(names, ad_value="AD")
        assert ours[0].info == theirs
        assert ours[0].info["cmdline"] == "AD" and ours[0].info["status"] == "zombie"
        assert ours[0].info == psutil_rs.Process(z.pid).as_dict(names, ad_value="AD")
    finally:
        z.wait()


NOBODY_CODE = textwrap.dedent("""
    import json, psutil, psutil_rs
    names = ["pid", "name", "exe", "cwd", "environ", "username", "io_counters", "num_fds",
             "create_time", "open_files", "cmdline", "status"]
    out = []
    for m in (psutil_rs, psutil):
        out.append({p.pid: {k: repr(v) for k, v in p.info.items()}
                    for p in m.process_iter(names, ad_value="AD")})
    print(json.dumps(out))
""")


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root and setpriv to run as nobody")
def test_access_denied_as_nobody():
    d = tempfile.mkdtemp(prefix="pyspeed-nobody-")
    try:
        for mod in (psutil, psutil_rs):
            shutil.copytree(os.path.dirname(mod.__file__), os.path.join(d, mod.__name__),
                            ignore=shutil.ignore_patterns("__pycache__"))
        for root, dirs, files in os.walk(d):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        out = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", py, "-c",
             NOBODY_CODE], env={"PYTHONPATH": d, "PATH": "/usr/bin:/bin"}, cwd="/",
            capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        ours, theirs = json.loads(out.stdout)
        compared = denied = 0
        for pid, info in ours.items():
            other = theirs.get(pid)
            if other is None or other["create_time"] != info["create_time"]:
                continue
            if any(other[k] != info[k] for k in
                   ("environ", "num_fds", "io_counters", "open_files", "name", "status")):
                continue  # moving values (a kworker's name shows its current work; a
                # process exiting in between: a zombie for the second package)
            compared += 1
            assert info == other, pid
            denied += info["exe"] == "'AD'"
        assert compared > 5 and denied > 5
    finally:
        shutil.rmtree(d)


def test_no_such_process_while_iterating_skips(sleeper, monkeypatch):
    # a method called per process (cmdline overridden) finds the process gone
    for mod in (psutil_rs, psutil):
        mod.process_iter.cache_clear()
        real = mod.Process.cmdline

        def cmdline(self, real=real, mod=mod):
            if self.pid == sleeper.pid:
                raise mod.NoSuchProcess(self.pid)
            return real(self)

        monkeypatch.setattr(mod.Process, "cmdline", cmdline)
        seen = [p.pid for p in mod.process_iter(["cmdline", "name"])]
        assert sleeper.pid not in seen and os.getpid() in seen
        assert sleeper.pid not in pmap_of(mod)
        monkeypatch.undo()


def test_cpu_percent_baseline_per_instance():
    psutil_rs.process_iter.cache_clear()
    first = {p.pid: p for p in psutil_rs.process_iter(["cpu_percent"])}
    assert all(p.info["cpu_percent"] == 0.0 for p in first.values())  # new instances
    me = first[os.getpid()]

    def busy():
        # burns CPU for 0.3 s: the percent of one CPU this process got meanwhile
        t, c = time.monotonic(), sum(os.times()[:2])
        while time.monotonic() - t < 0.3:
            pass
        return (sum(os.times()[:2]) - c) / (time.monotonic() - t) * 100

    got = busy()
    second = {p.pid: p for p in psutil_rs.process_iter(["cpu_percent"])}
    assert second[os.getpid()] is me
    assert abs(me.info["cpu_percent"] - got) < 15.0 and me.info["cpu_percent"] > 5.0
    # the instance's own calls continue from the table's baseline
    got = busy()
    percent = me.cpu_percent()
    assert abs(percent - got) < 15.0 and percent > 5.0
    # psutil: the same first-call rule
    psutil.process_iter.cache_clear()
    assert all(p.info["cpu_percent"] == 0.0 for p in psutil.process_iter(["cpu_percent"]))


def test_memory_percent_as_method():
    me = [p for p in psutil_rs.process_iter(["memory_percent", "memory_info"])
          if p.pid == os.getpid()][0]
    total = psutil_rs.virtual_memory().total
    assert me.info["memory_percent"] == me.info["memory_info"].rss / float(total) * 100
    assert abs(me.info["memory_percent"] - psutil.Process().memory_percent()) < 1.0


class Sub(psutil_rs.Process):
    def name(self):
        return "sub:" + super().name()

    def memory_info(self):
        return psutil_rs._ntuples.pmem(*([psutil_rs.virtual_memory().total // 4] * 7))


class SubInit(psutil_rs.Process):
    made = 0

    def __init__(self, pid=None):
        SubInit.made += 1
        super().__init__(pid)


def test_overrides_honoured(counted, monkeypatch, sleeper):
    # a subclass in place of psutil_rs.Process: its methods, the rest from the table
    monkeypatch.setattr(psutil_rs, "Process", Sub)
    psutil_rs.process_iter.cache_clear()
    procs = {p.pid: p for p in psutil_rs.process_iter(["name", "ppid", "memory_percent"])}
    p = procs[sleeper.pid]
    assert type(p) is Sub
    assert p.info["name"] == "sub:" + psutil.Process(sleeper.pid).name()
    assert p.info["ppid"] == os.getpid()
    assert p.info["memory_percent"] == 25.0  # memory_percent calls memory_info()
    assert counted == {"table": 1, "process": 0}
    # a patch on the class
    monkeypatch.setattr(Sub, "ppid", lambda self: -7)
    p = [q for q in psutil_rs.process_iter(["ppid", "status"]) if q.pid == sleeper.pid][0]
    assert p.info == {"ppid": -7, "status": "sleeping"}
    # a method set on one instance
    p.status = lambda: "mine"
    procs = {q.pid: q for q in psutil_rs.process_iter(["status"])}
    assert procs[sleeper.pid].info == {"status": "mine"}
    assert procs[os.getpid()].info == {"status": "running"}
    # a class with its own __init__ makes its instances itself
    monkeypatch.setattr(psutil_rs, "Process", SubInit)
    psutil_rs.process_iter.cache_clear()
    SubInit.made = 0
    procs = list(psutil_rs.process_iter(["pid"]))
    assert all(type(p) is SubInit for p in procs)
    assert 0 <= SubInit.made - len(procs) < 50  # (the ones gone meanwhile are made too)
    psutil_rs.process_iter.cache_clear()


def test_ad_value_replaces_denied_overrides():
    class Denied(psutil_rs.Process):
        def cmdline(self):
            raise psutil_rs.AccessDenied(self.pid)

    orig = psutil_rs.Process
    psutil_rs.Process = Denied
    try:
        psutil_rs.process_iter.cache_clear()
        infos = [p.info for p in psutil_rs.process_iter(["cmdline", "pid"], ad_value=42)]
        assert infos and all(i["cmdline"] == 42 for i in infos)
    finally:
        psutil_rs.Process = orig
        psutil_rs.process_iter.cache_clear()


def test_procfs_path_fixture_tree(monkeypatch, counted):
    names = ["pid", "ppid", "name", "cmdline", "status", "create_time", "uids", "gids",
             "num_ctx_switches", "num_threads", "cpu_times", "memory_info", "io_counters",
             "cpu_num", "username", "threads"]
    monkeypatch.setattr(psutil_rs, "PROCFS_PATH", FIXTURE)
    monkeypatch.setattr(psutil, "PROCFS_PATH", FIXTURE)
    psutil_rs.process_iter.cache_clear()
    psutil.process_iter.cache_clear()
    try:
        ours = {p.pid: p.info for p in psutil_rs.process_iter(names)}
        theirs = {p.pid: p.info for p in psutil.process_iter(names)}
        assert sorted(ours) == [22762, 26049]
        assert ours == theirs
        assert [p.pid for p in psutil_rs.process_iter()] == [22762, 26049]
        assert counted == {"table": 1, "process": 0}  # the cached ones: listing only
        # the username and memory_info form (status read): same values
        both = {p.pid: p.info for p in psutil_rs.process_iter(["memory_info", "username"])}
        assert {pid: i["memory_info"] for pid, i in both.items()} == \
            {pid: i["memory_info"] for pid, i in theirs.items()}
    finally:
        psutil_rs.process_iter.cache_clear()
        psutil.process_iter.cache_clear()


def test_cached_exe_and_create_time_as_psutil(counted, sleeper):
    for mod in (psutil_rs, psutil):
        mod.process_iter.cache_clear()
        list(mod.process_iter(["exe"]))
        # psutil's instances keep exe and create_time after the first read
        p = [p for p in mod.process_iter() if p.pid == sleeper.pid][0]
        p._exe, p._create_time = "/cached/exe", 12.5
        for attrs in (["exe", "create_time"], ["exe", "cwd", "create_time"]):
            q = [q for q in mod.process_iter(attrs) if q.pid == sleeper.pid][0]
            assert q is p and q.info["exe"] == "/cached/exe", mod
            assert q.info["create_time"] == 12.5, mod
    # ours: nothing else to read -> the listing; the table otherwise
    assert counted["table"] == 2


def test_new_process_without_stat_attrs(counted, sleeper):
    psutil_rs.process_iter.cache_clear()
    list(psutil_rs.process_iter(["cwd"]))
    assert counted == {"table": 1, "process": 0}
    prev = set(psutil_rs._pmap)
    new = subprocess.Popen(["sleep", "30"], cwd="/tmp")
    try:
        procs = {p.pid: p for p in psutil_rs.process_iter(["cwd", "exe"])}
        # no stat read for the cached: the new instances are made alone, as psutil
        assert counted["table"] == 2
        assert 1 <= counted["process"] <= len(set(procs) - prev)
        assert procs[new.pid].info == {"cwd": "/tmp", "exe": psutil.Process(new.pid).exe()}
        assert procs[new.pid] == psutil_rs.Process(new.pid)
        assert procs[sleeper.pid].info["cwd"] == psutil.Process(sleeper.pid).cwd()
    finally:
        new.kill()
        new.wait()


def test_large_table_as_psutil():
    # 300 sleepers: a table large enough to be read by several threads (the Rust tests
    # count them), whose rows come as they are read. Same values as psutil for every
    # sleeper, pid order, the cache kept; a generator left after one process stops
    # cleanly and the next call sees everything.
    kids = [subprocess.Popen(["sleep", "60", str(i)]) for i in range(300)]
    try:
        mine = {k.pid for k in kids}
        for _ in range(500):
            if all(psutil.Process(p).status() == "sleeping" and
                   psutil.Process(p).cmdline()[:1] == ["sleep"] for p in mine):
                break
            time.sleep(0.01)
        psutil_rs.process_iter.cache_clear()
        it = psutil_rs.process_iter(BENCH)
        first = next(it)
        del it
        assert first.pid == min(psutil_rs.pids())
        psutil_rs.process_iter.cache_clear()
        ours = list(psutil_rs.process_iter(BENCH))
        pids = [p.pid for p in ours]
        assert pids == sorted(pids) and mine <= set(pids)
        psutil.process_iter.cache_clear()
        ref = {p.pid: p.info for p in psutil.process_iter(BENCH) if p.pid in mine}
        stable = ["pid", "ppid", "name", "cmdline", "status", "username", "create_time",
                  "num_threads"]
        for p in ours:
            if p.pid in mine:
                assert {k: p.info[k] for k in stable} == {k: ref[p.pid][k] for k in stable}
                assert type(p.info["memory_info"]).__name__ == "pmem"
                assert p.info["memory_info"]._fields == ref[p.pid]["memory_info"]._fields
                assert p.info["memory_info"].vms == ref[p.pid]["memory_info"].vms
        again = {p.pid: p for p in psutil_rs.process_iter(["name"])}
        assert all(again[p.pid] is p for p in ours if p.pid in mine)
    finally:
        for k in kids:
            k.kill()
        for k in kids:
            k.wait()
    gone = {p.pid for p in psutil_rs.process_iter(["name"])}
    assert not (mine & gone)


def test_fork_while_iterating():
    # A table large enough for reading threads, forked mid-iteration: the threads are
    # the parent's; the child's iteration ends (complete, or OSError for the batches
    # the parent's threads held) instead of waiting for them forever.
    kids = [subprocess.Popen(["sleep", "60", str(i)]) for i in range(300)]
    try:
        it = psutil_rs.process_iter(["name"])
        next(it)
        child = os.fork()
        if child == 0:
            code = 4
            try:
                sum(1 for _ in it)
                code = 0
            except OSError:
                code = 3
            finally:
                os._exit(code)
        rest = list(it)
        assert len(rest) >= 300
        for _ in range(400):
            done, status = os.waitpid(child, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(child, 9)
            os.waitpid(child, 0)
            pytest.fail("the forked child's iteration hung")
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 3), status
    finally:
        for k in kids:
            k.kill()
        for k in kids:
            k.wait()


@pytest.mark.parametrize("cached", [True, False])
def test_patched_as_dict_is_called_as_psutil(cached):
    # mock.patch("psutil.Process.as_dict", side_effect=...) makes psutil's
    # process_iter(attrs) skip every process (NoSuchProcess) or raise (AccessDenied);
    # with the cache populated and without it
    from unittest import mock

    for mod in (psutil, psutil_rs):
        mod.process_iter.cache_clear()
        if cached:
            list(mod.process_iter())
        with mock.patch.object(mod.Process, "as_dict",
                               side_effect=mod.NoSuchProcess(os.getpid())) as m:
            assert list(mod.process_iter(attrs=["cpu_times"])) == [], mod.__name__
            assert m.called, mod.__name__
        with mock.patch.object(mod.Process, "as_dict",
                               side_effect=mod.AccessDenied(os.getpid())):
            with pytest.raises(mod.AccessDenied):
                list(mod.process_iter(attrs=["cpu_times"]))
        # unpatched again: the table's values
        infos = [p.info for p in mod.process_iter(attrs=["pid", "name"])]
        assert any(i["pid"] == os.getpid() for i in infos), mod.__name__


def test_pmap_rebinding_as_psutil():
    # psutil._pmap is process_iter's cache: rebinding it to {} empties the cache, and
    # an iteration fills the new dict
    for mod in (psutil, psutil_rs):
        list(mod.process_iter())
        assert os.getpid() in mod._pmap, mod.__name__
        mod._pmap = {}
        first = next(p for p in mod.process_iter() if p.pid == os.getpid())
        assert mod._pmap.get(os.getpid()) is first, mod.__name__
        mod.process_iter.cache_clear()
        assert not mod._pmap, mod.__name__


def test_repr_names_psutil_class():
    # psutil's repr is "psutil.Process(pid=..., name=..., status=...)"; a subclass
    # shows its own module
    for mod in (psutil, psutil_rs):
        p = mod.Process()
        text = repr(p)
        assert text.startswith("psutil.Process(pid="), text
        assert str(p) == text
        sub = type("Mine", (mod.Process,), {})()
        assert repr(sub).startswith(f"{__name__}.Mine(pid="), repr(sub)
