"""Process, Popen, process_iter and wait_procs against psutil 7.2.2 on the same pids.

Differential: for a spawned child (sleeping, so its values hold still) and for the
current process, every method of psutil_rs.Process equals psutil.Process's on the same
pid, exactly for stable values and within the tolerances below for moving ones.
Exceptions: a vanished pid, a zombie and (run as nobody) a process of another user give
the same exception classes with the same pid/name/ppid/msg as psutil's. Behaviour:
identity, repr, oneshot, as_dict (rules and subclass overrides), cpu_percent
bookkeeping, process_iter's cache, wait()'s exit codes and Negsignal, Popen, wait_procs.
"""

import inspect
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time

import psutil
import pytest

import psutil_rs

CPU_TOL = 0.1  # seconds of CPU time between two reads of a live process
MEM_TOL = 8 * 1024 * 1024  # bytes of RSS drift of the current process between two reads
COUNT_TOL = 2000  # io/ctx-switch counters of the current process between two reads

CHILD_CODE = textwrap.dedent("""
    import os, sys, time
    f = open(sys.argv[1], "w")
    f.write("x")
    f.flush()
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    time.sleep(60)
""")


def outcome(fn):
    """('ok', value) or (exception class name, its pid/name/ppid/msg)."""
    try:
        return ("ok", fn())
    except (psutil.Error, psutil_rs.Error) as e:
        return (type(e).__name__, {k: getattr(e, k, None) for k in ("pid", "name", "ppid", "msg")})


@pytest.fixture
def child(tmp_path):
    env = dict(os.environ, PSUTIL_RS_TEST="1")
    target = tmp_path / "open.txt"
    proc = subprocess.Popen([sys.executable, "-c", CHILD_CODE, str(target)],
                            stdout=subprocess.PIPE, env=env, cwd=str(tmp_path))
    assert proc.stdout.readline() == b"ready\n"
    # let it reach its sleep: sleeping, no more CPU, I/O or context switches
    for _ in range(200):
        if psutil.Process(proc.pid).status() == "sleeping":
            break
        time.sleep(0.01)
    time.sleep(0.05)
    yield proc
    proc.kill()
    proc.wait()
    proc.stdout.close()


STABLE = ["ppid", "name", "exe", "cmdline", "environ", "create_time", "status", "cwd",
          "username", "uids", "gids", "terminal", "nice", "ionice", "num_threads",
          "cpu_affinity", "is_running", "open_files", "num_fds", "io_counters",
          "num_ctx_switches", "cpu_times", "memory_info", "memory_full_info",
          "memory_percent"]


def test_child_every_method_equals_psutil(child):
    a, b = psutil_rs.Process(child.pid), psutil.Process(child.pid)
    for m in STABLE:
        assert getattr(a, m)() == getattr(b, m)(), m
    assert a.threads() == b.threads()
    assert a.memory_maps() == b.memory_maps()
    assert a.memory_maps(grouped=False) == b.memory_maps(grouped=False)
    assert a.cpu_num() == b.cpu_num()
    assert a.parent().pid == b.parent().pid == os.getpid()
    assert repr(a.parent()).replace("psutil_rs.", "psutil.") == repr(b.parent())
    assert [p.pid for p in a.parents()] == [p.pid for p in b.parents()]
    assert a.children() == [] == b.children()
    for res in (psutil.RLIMIT_NOFILE, psutil.RLIMIT_CORE, psutil.RLIMIT_STACK,
                psutil.RLIMIT_AS, psutil.RLIMIT_NPROC):
        assert a.rlimit(res) == b.rlimit(res), res
    # as_dict: same keys and values
    da, db = a.as_dict(), b.as_dict()
    for k in ("cpu_percent", "cpu_num"):
        da.pop(k), db.pop(k)
    assert da == db


def test_current_process_equals_psutil():
    a, b = psutil_rs.Process(), psutil.Process()
    for m in ("ppid", "name", "exe", "cmdline", "environ", "create_time", "status", "cwd",
              "username", "uids", "gids", "terminal", "nice", "ionice", "cpu_affinity"):
        assert getattr(a, m)() == getattr(b, m)(), m
    assert a.num_threads() == b.num_threads()
    assert [t.id for t in a.threads()] == [t.id for t in b.threads()]
    for x, y in zip(a.cpu_times(), b.cpu_times()):
        assert abs(x - y) <= CPU_TOL
    for x, y in zip(a.memory_info()[:2], b.memory_info()[:2]):
        assert abs(x - y) <= MEM_TOL
    for x, y in zip(a.io_counters(), b.io_counters()):
        assert abs(x - y) <= COUNT_TOL * 1024
    # each psutil_rs.Process holds an O_PATH descriptor on /proc/<pid> (and maybe a
    # pidfd): a few more descriptors than psutil sees
    assert 0 <= a.num_fds() - b.num_fds() <= 8
    assert {f.path for f in a.open_files()} == {f.path for f in b.open_files()}
    assert abs(a.memory_percent() - b.memory_percent()) < 1


def test_children_recursive():
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', " \
           "'import time; time.sleep(30)']); print('ok', flush=True); time.sleep(30)"
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert p.stdout.readline() == b"ok\n"
        me_a, me_b = psutil_rs.Process(), psutil.Process()
        assert [c.pid for c in me_a.children()] == [c.pid for c in me_b.children()]
        assert sorted(c.pid for c in me_a.children(recursive=True)) == \
            sorted(c.pid for c in me_b.children(recursive=True))
        assert len(me_a.children(recursive=True)) == 2
        assert all(type(c) is psutil_rs.Process for c in me_a.children())
    finally:
        for c in psutil.Process(p.pid).children():
            c.kill()
        p.kill()
        p.wait()
        p.stdout.close()


def test_repr_equals_psutils_modulo_module(child):
    a, b = psutil_rs.Process(child.pid), psutil.Process(child.pid)
    assert repr(a).replace("psutil_rs.", "psutil.") == repr(b)
    a.create_time(), b.create_time()
    assert "started=" in repr(a)
    assert str(a).replace("psutil_rs.", "psutil.") == str(b)
    child.kill()
    child.wait()
    assert repr(a).replace("psutil_rs.", "psutil.") == repr(b)
    assert "status='terminated'" in repr(a)


def test_identity_eq_hash():
    a, b = psutil_rs.Process(), psutil_rs.Process()
    assert a == b and not a != b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != psutil_rs.Process(1)
    assert (a == 1) is False and a.__eq__(1) is NotImplemented
    a.foo = 1  # has a __dict__
    assert a.foo == 1


def test_constructor_errors():
    for pid in ("1", 1.0):
        with pytest.raises(TypeError) as ea:
            psutil_rs.Process(pid)
        with pytest.raises(TypeError) as eb:
            psutil.Process(pid)
        assert str(ea.value) == str(eb.value)
    with pytest.raises(ValueError) as ea:
        psutil_rs.Process(-1)
    with pytest.raises(ValueError) as eb:
        psutil.Process(-1)
    assert str(ea.value) == str(eb.value)
    for pid in (0, 2**22 + 3, 2**31, 2**40):
        assert outcome(lambda: psutil_rs.Process(pid)) == outcome(lambda: psutil.Process(pid)), pid


def test_dead_pid_every_method(child):
    a, b = psutil_rs.Process(child.pid), psutil.Process(child.pid)
    a.name(), b.name()  # both remember it for their errors
    child.kill()
    child.wait()
    for m in STABLE + ["threads", "memory_maps", "cpu_num", "children", "suspend",
                       "resume", "terminate", "kill", "cpu_percent"]:
        if m in ("is_running", "create_time"):
            continue
        ra, rb = outcome(getattr(a, m)), outcome(getattr(b, m))
        assert ra == rb, m
    assert a.is_running() is b.is_running() is False
    assert a.wait() is None and b.wait() is None
    assert outcome(a.parent) == outcome(b.parent)


def test_zombie_every_method():
    z = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(500):
            if psutil.Process(z.pid).status() == "zombie":
                break
            time.sleep(0.01)
        a, b = psutil_rs.Process(z.pid), psutil.Process(z.pid)
        assert a.status() == b.status() == "zombie"
        for m in STABLE + ["threads", "memory_maps", "cpu_num", "children"]:
            if m in ("create_time", "memory_percent", "cpu_times"):
                continue
            ra, rb = outcome(getattr(a, m)), outcome(getattr(b, m))
            assert ra == rb, m
        assert a.is_running() and b.is_running()
        assert repr(a).replace("psutil_rs.", "psutil.") == repr(b)
        with pytest.raises(psutil_rs.ZombieProcess) as e:
            a.environ()
        e2 = pickle.loads(pickle.dumps(e.value))
        assert (type(e2), e2.pid, e2.name, e2.ppid, e2.msg) == \
            (type(e.value), e.value.pid, e.value.name, e.value.ppid, e.value.msg)
        assert a.as_dict(["name", "cmdline"], ad_value="AD") == \
            b.as_dict(["name", "cmdline"], ad_value="AD")
    finally:
        z.wait()


NOBODY_CODE = textwrap.dedent("""
    import json, psutil, psutil_rs
    def outcome(fn):
        try:
            v = fn()
            return ["ok", v if isinstance(v, (int, str, float, type(None))) else repr(v)]
        except Exception as e:
            return [type(e).__name__, [getattr(e, k, None) for k in ("pid", "name", "msg")]]
    out = {}
    a, b = psutil_rs.Process(1), psutil.Process(1)
    for m in ("name", "exe", "cmdline", "environ", "cwd", "num_fds", "open_files",
              "io_counters", "memory_maps", "memory_full_info", "threads", "terminate",
              "suspend", "status", "username", "ppid", "uids"):
        out[m] = [outcome(getattr(a, m)), outcome(getattr(b, m))]
    out["nice"] = [outcome(lambda: a.nice(5)), outcome(lambda: b.nice(5))]
    out["rlimit"] = [outcome(lambda: a.rlimit(psutil.RLIMIT_NOFILE, (1, 1))),
                     outcome(lambda: b.rlimit(psutil.RLIMIT_NOFILE, (1, 1)))]
    da, db = a.as_dict(["exe", "environ", "name"], "AD"), b.as_dict(["exe", "environ", "name"], "AD")
    out["as_dict"] = [da, db]
    print(json.dumps(out))
""")


def run_as_nobody(code, *args):
    """Runs *code* with the system python as nobody, psutil and psutil_rs copied where
    nobody can read them; returns its JSON output."""
    d = tempfile.mkdtemp(prefix="pyproc-nobody-")
    try:
        for mod in (psutil, psutil_rs):
            shutil.copytree(os.path.dirname(mod.__file__),
                            os.path.join(d, mod.__name__),
                            ignore=shutil.ignore_patterns("__pycache__"))
        for root, dirs, files in os.walk(d):
            os.chmod(root, 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        os.chmod(d, 0o755)
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        out = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", py, "-c",
             code, *args], env={"PYTHONPATH": d, "PATH": "/usr/bin:/bin"}, cwd="/",
            capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)
    finally:
        shutil.rmtree(d)


as_root = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                             reason="needs root and setpriv to run as nobody")


@as_root
def test_access_denied_as_nobody():
    res = run_as_nobody(NOBODY_CODE)
    denied = 0
    for m, (a, b) in res.items():
        assert a == b, m
        denied += a[0] == "AccessDenied" if isinstance(a, list) else 0
    assert denied >= 5  # exe, environ, cwd, num_fds, io_counters, signals, ...


ZOMBIE_AS_NOBODY_CODE = textwrap.dedent("""
    import json, sys, psutil, psutil_rs
    def outcome(fn):
        try:
            v = fn()
            return ["ok", v if isinstance(v, (int, str, float, type(None))) else repr(v)]
        except Exception as e:
            return [type(e).__name__,
                    [getattr(e, k, None) for k in ("pid", "name", "ppid", "msg")]]
    pid = int(sys.argv[1])
    out = {}
    a, b = psutil_rs.Process(pid), psutil.Process(pid)
    # psutil's errors carry the name only once name() has run (ours always do)
    out["name"] = [outcome(a.name), outcome(b.name)]
    for m in ("exe", "cwd", "cmdline", "environ", "num_fds", "open_files",
              "net_connections", "io_counters", "memory_maps", "memory_full_info",
              "threads", "status", "username", "is_running"):
        out[m] = [outcome(getattr(a, m)), outcome(getattr(b, m))]
    out["as_dict"] = [a.as_dict(["exe", "cwd", "name"], "AD"),
                      b.as_dict(["exe", "cwd", "name"], "AD")]
    print(json.dumps(out))
""")


@as_root
def test_zombie_of_another_user_as_nobody():
    # root's zombie read by nobody: the exe/cwd links are EACCES; psutil's exe() then
    # guesses from cmdline, which is empty for a zombie: ZombieProcess; cwd() stays
    # AccessDenied. Both packages side by side.
    z = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        for _ in range(500):
            if psutil.Process(z.pid).status() == "zombie":
                break
            time.sleep(0.01)
        res = run_as_nobody(ZOMBIE_AS_NOBODY_CODE, str(z.pid))
        for m, (a, b) in res.items():
            assert a == b, m
        assert res["exe"][0][0] == "ZombieProcess"
        assert res["cwd"][0][0] == "AccessDenied"
        assert res["as_dict"][0]["exe"] == "AD" and res["as_dict"][0]["cwd"] == "AD"
    finally:
        z.wait()


def test_exceptions_pickle_and_text(child):
    a = psutil_rs.Process(child.pid)
    a.name()
    child.kill()
    child.wait()
    with pytest.raises(psutil_rs.NoSuchProcess) as e:
        a.cmdline()
    e2 = pickle.loads(pickle.dumps(e.value))
    assert (e2.pid, e2.name, e2.msg, str(e2)) == (e.value.pid, e.value.name, e.value.msg,
                                                   str(e.value))
    with pytest.raises(psutil_rs.NoSuchProcess) as e:
        psutil_rs.Process(2**22 + 3)
    assert repr(e.value) == repr(pytest.raises(psutil.NoSuchProcess, psutil.Process,
                                               2**22 + 3).value)


def test_oneshot_reentrant_and_consistent(child):
    a = psutil_rs.Process(child.pid)
    with a.oneshot():
        t1 = a.cpu_times()
        with a.oneshot():
            assert a.cpu_times() == t1
            assert a.name() == psutil.Process(child.pid).name()
        assert a._oneshot_cache is not None  # the inner exit did not end it
    assert a._oneshot_cache is None
    me = psutil_rs.Process()
    with me.oneshot():
        t = me.cpu_times()
        sum(range(3_000_000))  # burn CPU: the cached value must not move
        assert me.cpu_times() == t
    assert me.cpu_times() != t


def test_as_dict_rules(child):
    a, b = psutil_rs.Process(child.pid), psutil.Process(child.pid)
    for bad in ("name", {"name": 1}, 3):
        with pytest.raises(TypeError) as ea:
            a.as_dict(bad)
        with pytest.raises(TypeError) as eb:
            b.as_dict(bad)
        assert str(ea.value) == str(eb.value)
    for bad in (["foo"], ["name", "kill"]):
        with pytest.raises(ValueError) as ea:
            a.as_dict(bad)
        with pytest.raises(ValueError) as eb:
            b.as_dict(bad)
        assert str(ea.value) == str(eb.value)
    assert a.as_dict(["pid", "name", "uids"]) == b.as_dict(["pid", "name", "uids"])
    a.custom = 1
    assert "custom" not in a.as_dict()
    assert set(psutil_rs.Process().as_dict()) == set(psutil.Process().as_dict())
    assert a.as_dict(["net_connections"]) == b.as_dict(["net_connections"])


class Sub(psutil_rs.Process):
    def name(self):
        return "overridden"

    def cpu_times(self):
        raise psutil_rs.AccessDenied(self.pid)


def test_subclass_override_honoured_by_as_dict_and_process_iter():
    s = Sub()
    d = s.as_dict(["name", "cpu_times", "ppid"], ad_value="AD")
    assert d == {"name": "overridden", "cpu_times": "AD", "ppid": os.getppid()}
    assert "overridden" in repr(s) and repr(s).startswith(f"{__name__}.Sub(")
    # patched on the class
    orig = psutil_rs.Process.ppid
    psutil_rs.Process.ppid = lambda self: -7
    try:
        assert psutil_rs.Process().as_dict(["ppid"]) == {"ppid": -7}
        mine = [p for p in psutil_rs.process_iter(["ppid"]) if p.pid == os.getpid()]
        assert mine[0].info == {"ppid": -7}
    finally:
        psutil_rs.Process.ppid = orig
    # set on the instance
    p = psutil_rs.Process()
    p.name = lambda: "inst"
    assert p.as_dict(["name"]) == {"name": "inst"}


def test_process_iter_cache():
    psutil_rs.process_iter.cache_clear()
    first = {p.pid: p for p in psutil_rs.process_iter()}
    second = list(psutil_rs.process_iter())
    assert [p.pid for p in second] == sorted(p.pid for p in second)
    reused = [p for p in second if p.pid in first]
    assert len(reused) > len(second) // 2 and all(p is first[p.pid] for p in reused)
    psutil_rs.process_iter.cache_clear()
    third = list(psutil_rs.process_iter())
    assert not any(p is first.get(p.pid) for p in third)
    pids = set(psutil.pids())
    assert len(pids ^ {p.pid for p in third}) < 10
    for p in psutil_rs.process_iter(["pid", "name"], ad_value="AD"):
        assert set(p.info) == {"pid", "name"} and p.info["pid"] == p.pid
    with pytest.raises(ValueError):
        next(psutil_rs.process_iter(["nope"]))
    me = [p for p in psutil_rs.process_iter(["name", "username", "status"])
          if p.pid == os.getpid()][0]
    assert me.info == psutil.Process().as_dict(["name", "username", "status"])


def test_cpu_percent_bookkeeping(monkeypatch):
    p, q = psutil_rs.Process(), psutil.Process()
    assert p.cpu_percent() == 0.0 == q.cpu_percent()  # the first call is the baseline
    t = time.monotonic()
    while time.monotonic() - t < 0.5:
        pass
    v, w = p.cpu_percent(), q.cpu_percent()
    assert 10 <= v <= 110 and abs(v - w) <= 10  # the CPU is shared: compare with psutil
    with pytest.raises(ValueError):
        p.cpu_percent(-1)
    # ncpu comes from the module's cpu_count (looked up at call time)
    monkeypatch.setattr(psutil_rs, "cpu_count", lambda: None)
    assert 0 <= p.cpu_percent(0.05) <= 110


def test_wait_exit_codes_and_negsignal():
    p = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(3)"])
    assert psutil_rs.Process(p.pid).wait(5) == 3
    s = subprocess.Popen(["sleep", "30"])
    a = psutil_rs.Process(s.pid)
    with pytest.raises(psutil_rs.TimeoutExpired) as e:
        a.wait(0.05)
    assert (e.value.seconds, e.value.pid, str(e.value)) == (0.05, s.pid,
                                                           "timeout after 0.05 seconds (pid=%d)" % s.pid)
    for bad, exc in (("1", TypeError), (-1, ValueError)):
        with pytest.raises(exc):
            a.wait(bad)
    a.terminate()
    code = a.wait(5)
    assert code == -signal.SIGTERM
    assert type(code).__name__ == "Negsignal" and code.name == "SIGTERM"
    assert repr(code) == repr(psutil._psposix.Negsignal(-15))
    assert a.wait() is code  # remembered
    assert "exitcode=<Negsignal.SIGTERM: -15>" in repr(a)
    # reaped by psutil_rs: subprocess finds no child (ECHILD) and settles on 0
    p.wait(), s.wait()


def test_wait_not_a_child():
    code = ("import subprocess, sys; p = subprocess.Popen(['sleep', '30'], "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(p.pid)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    pid = int(out.stdout)  # orphaned, re-parented: not our child
    a = psutil_rs.Process(pid)
    a.kill()
    assert a.wait(5) is None


REAPER_CODE = textwrap.dedent("""
    import ctypes, os, sys, time
    g = os.fork()
    if g == 0:
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG: SIGKILL when we die
        time.sleep(60)
        os._exit(0)
    print(g, flush=True)
    sys.stdin.readline()
    os.waitpid(g, 0)
    print("reaped", flush=True)
    sys.stdin.readline()
""")


def test_wait_unreaped_zombie_not_a_child():
    # our grandchild, killed: a zombie its parent reaps only when told to
    middle = subprocess.Popen([sys.executable, "-c", REAPER_CODE], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        g = int(middle.stdout.readline())
        a, b = psutil_rs.Process(g), psutil.Process(g)
        assert a.ppid() == b.ppid() == middle.pid
        a.terminate()
        for _ in range(500):
            if b.status() == "zombie":
                break
            time.sleep(0.01)
        assert a.status() == "zombie"
        # unreaped: both time out, in full, and the pid still exists
        for p, exc in ((a, psutil_rs.TimeoutExpired), (b, psutil.TimeoutExpired)):
            t = time.monotonic()
            with pytest.raises(exc):
                p.wait(0.3)
            assert time.monotonic() - t >= 0.29
            with pytest.raises(exc):
                p.wait(0)
        with pytest.raises(psutil_rs.TimeoutExpired):
            a._proc.wait(0.05)
        assert psutil_rs.pid_exists(g) and psutil.pid_exists(g)
        assert a.is_running() and b.is_running()
        ga, aa = psutil_rs.wait_procs([a], timeout=0.3)
        gb, ab = psutil.wait_procs([b], timeout=0.3)
        assert (ga, [p.pid for p in aa]) == (gb, [p.pid for p in ab]) == ([], [g])
        # reaped while both wait: both return None then, not before
        res = {}
        waiters = [threading.Thread(target=lambda k=k, p=p: res.__setitem__(k, p.wait(10)))
                   for k, p in (("a", a), ("b", b))]
        for w in waiters:
            w.start()
        time.sleep(0.3)
        assert all(w.is_alive() for w in waiters), "wait returned on an unreaped zombie"
        middle.stdin.write("\n")
        middle.stdin.flush()
        assert middle.stdout.readline() == "reaped\n"
        for w in waiters:
            w.join(10)
        assert res == {"a": None, "b": None}
        assert not psutil_rs.pid_exists(g) and not psutil.pid_exists(g)
        assert not a.is_running() and not b.is_running()
    finally:
        middle.kill()
        middle.wait()
        middle.stdin.close()
        middle.stdout.close()


def test_native_wait_timeout_is_optional():
    # psutil's own tests call p._proc.wait() with no argument
    s = subprocess.Popen(["sleep", "30"])
    a = psutil_rs.Process(s.pid)
    a.kill()
    assert a._proc.wait() == -signal.SIGKILL
    s.wait()


def test_kernel_thread_running_after_memory_full_info():
    # pid 2's smaps_rollup fails with ESRCH (a kernel thread has no mm): both fall back
    # to an empty smaps, and the process is still running afterwards
    a, b = psutil_rs.Process(2), psutil.Process(2)
    assert outcome(a.memory_full_info) == outcome(b.memory_full_info)
    assert a.is_running() is b.is_running() is True
    for m in ("environ", "memory_maps", "exe", "cwd", "open_files", "num_fds", "threads",
              "io_counters", "net_connections"):
        outcome(getattr(a, m)), outcome(getattr(b, m))
        assert a.is_running() and b.is_running(), m
    assert psutil_rs.Process(2) == a


def test_popen():
    with psutil_rs.Popen([sys.executable, "-c", "print('hi'); import sys; sys.exit(4)"],
                         stdout=subprocess.PIPE) as p:
        assert isinstance(p, psutil_rs.Process)
        assert p.name() == psutil.Process(p.pid).name()
        assert p.stdout.read() == b"hi\n"
        assert p.wait(5) == 4
        assert p.returncode == 4
        assert "communicate" in dir(p) and "as_dict" in dir(p)
    with pytest.raises(AttributeError):
        p.nothing_like_this
    q = psutil_rs.Popen(["sleep", "30"])
    q.kill()
    assert q.wait(5) == -signal.SIGKILL and q.returncode == -signal.SIGKILL
    assert inspect.signature(psutil_rs.Popen.__init__) == inspect.signature(psutil.Popen.__init__)


def test_wait_procs():
    procs = [psutil_rs.Popen(["sleep", "30"]) for _ in range(2)]
    procs.append(psutil_rs.Popen([sys.executable, "-c", "pass"]))
    seen = []
    gone, alive = psutil_rs.wait_procs(procs, timeout=0.5, callback=seen.append)
    assert [p.pid for p in gone] == [procs[2].pid] and gone[0].returncode == 0
    assert sorted(p.pid for p in alive) == sorted(p.pid for p in procs[:2])
    assert seen == gone
    for p in alive:
        p.terminate()
    gone, alive = psutil_rs.wait_procs(procs[:2], timeout=5)
    assert alive == [] and {p.returncode for p in gone} == {-signal.SIGTERM}
    with pytest.raises(ValueError):
        psutil_rs.wait_procs(procs, timeout=-1)
    with pytest.raises(TypeError):
        psutil_rs.wait_procs(procs, callback=1)


def test_setters_round_trip(child):
    a, b = psutil_rs.Process(child.pid), psutil.Process(child.pid)
    a.nice(5)
    assert b.nice() == 5
    a.ionice(psutil_rs.IOPRIO_CLASS_BE, 6)
    assert b.ionice() == (psutil.IOPRIO_CLASS_BE, 6)
    with pytest.raises(ValueError):
        a.ionice(value=3)
    a.rlimit(psutil.RLIMIT_NOFILE, (100, 200))
    assert b.rlimit(psutil.RLIMIT_NOFILE) == (100, 200)
    with pytest.raises(ValueError):
        a.rlimit(psutil.RLIMIT_NOFILE, (1, 2, 3))
    a.cpu_affinity([0])
    assert b.cpu_affinity() == [0]
    a.cpu_affinity([])
    assert a.cpu_affinity() == b.cpu_affinity() == list(range(os.cpu_count()))
    a.suspend()
    time.sleep(0.05)
    assert b.status() == "stopped"
    a.resume()
    time.sleep(0.05)
    assert b.status() == "sleeping"


def test_connections_deprecated():
    p = psutil_rs.Process()
    with pytest.warns(DeprecationWarning, match=r"connections\(\) is deprecated"):
        assert p.connections() == p.net_connections()
    with pytest.raises(ValueError):
        p.net_connections("foo")


@pytest.mark.parametrize("kind", ["inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp",
                                  "udp4", "udp6", "unix", "all"])
def test_net_connections_match_psutil(kind):
    import socket

    socks = []
    for fam, typ, addr in [(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 0)),
                           (socket.AF_INET6, socket.SOCK_STREAM, ("::1", 0)),
                           (socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 0)),
                           (socket.AF_INET6, socket.SOCK_DGRAM, ("::1", 0)),
                           (socket.AF_UNIX, socket.SOCK_STREAM, "\0psutil-rs-pyconn")]:
        s = socket.socket(fam, typ)
        s.bind(addr)
        if typ == socket.SOCK_STREAM:
            s.listen()
        socks.append(s)
    try:
        ours = sorted(psutil_rs.Process().net_connections(kind))
        theirs = sorted(psutil.Process().net_connections(kind))
        assert ours == theirs
        assert ours, "our sockets are found"
        assert all(type(c).__name__ == "pconn" for c in ours)
        assert all(isinstance(c.family, socket.AddressFamily) for c in ours)
    finally:
        for s in socks:
            s.close()


FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures",
                       "linux", "debian12-6.18", "proc")


@pytest.mark.parametrize("pid", [22762, 26049])
def test_procfs_path_fixture_tree(monkeypatch, pid):
    # the captured /proc of two processes: both packages read it through PROCFS_PATH
    monkeypatch.setattr(psutil_rs, "PROCFS_PATH", FIXTURE)
    monkeypatch.setattr(psutil, "PROCFS_PATH", FIXTURE)
    a, b = psutil_rs.Process(pid), psutil.Process(pid)
    for m in ("ppid", "name", "cmdline", "status", "create_time", "uids", "gids",
              "num_ctx_switches", "num_threads", "cpu_times", "memory_info",
              "memory_full_info", "io_counters", "threads", "memory_maps", "cpu_num"):
        assert outcome(getattr(a, m)) == outcome(getattr(b, m)), m
    assert a.as_dict(["name", "ppid", "cmdline"]) == b.as_dict(["name", "ppid", "cmdline"])
    with pytest.raises(psutil_rs.NoSuchProcess):
        psutil_rs.Process(os.getpid() if os.getpid() not in (22762, 26049) else 1)
