"""psutil_rs._common against psutil 7.2.2's psutil._common, side by side.

Every helper that psutil's scripts and test-suite import from ``psutil._common`` is
called on the same inputs in both modules (exceptions included: type and message), and
the results compared: exceptions' text, attributes and pickling, bytes2human,
wrap_numbers (results and cache_info() after each step of random sequences), memoize,
debug, print_color on a terminal and off it, and the rest.
"""

import collections
import contextlib
import copy
import enum
import errno
import inspect
import io
import itertools
import json
import os
import pickle
import random
import socket
import subprocess
import sys
import warnings
from unittest import mock

import psutil
import psutil._common
import pytest

import psutil_rs
import psutil_rs._common


@pytest.fixture
def mine():
    return psutil_rs._common


@pytest.fixture
def theirs():
    return psutil._common


def outcome(fn, *args, **kwargs):
    """What a call gives: ("ok", value) or ("raises", type name, message)."""
    try:
        return ("ok", fn(*args, **kwargs))
    except Exception as e:  # noqa: BLE001
        return ("raises", type(e).__name__, str(e))


# --- names ---


def test_all_names_exist_with_psutil_values(mine, theirs):
    assert mine.__all__ == theirs.__all__
    for name in theirs.__all__:
        b = getattr(theirs, name)
        a = getattr(mine, name)
        if isinstance(b, enum.Enum):
            assert type(a).__name__ == type(b).__name__ and a.name == b.name, name
            assert a == b, name
        elif callable(b):
            assert callable(a), name
        else:
            assert type(a) is type(b) and a == b, name


@pytest.mark.parametrize("name", [
    "AF_INET", "AF_INET6", "AF_UNIX", "SOCK_STREAM", "SOCK_DGRAM", "ENCODING",
    "ENCODING_ERRS", "FILE_READ_BUFFER_SIZE", "PSUTIL_DEBUG", "POSIX", "WINDOWS",
    "LINUX", "MACOS", "OSX", "FREEBSD", "OPENBSD", "NETBSD", "BSD", "SUNOS", "AIX",
    "STATUS_SUSPENDED", "STATUS_WAKE_KILL", "CONN_NONE",
])
def test_constants(mine, theirs, name):
    assert getattr(mine, name) == getattr(theirs, name)
    assert type(getattr(mine, name)) is type(getattr(theirs, name))


def test_conn_tmap(mine, theirs):
    assert mine.conn_tmap == theirs.conn_tmap
    assert list(mine.conn_tmap) == list(theirs.conn_tmap)
    for kind, (fams, types) in theirs.conn_tmap.items():
        mf, mt = mine.conn_tmap[kind]
        assert type(mf) is type(fams) and type(mt) is type(types)
        assert [type(x) for x in mf] == [type(x) for x in fams]
    # each entry has lists of its own, as psutil's literal table
    ids = [id(lst) for fams_types in mine.conn_tmap.values() for lst in fams_types]
    assert len(ids) == len(set(ids))


HELPERS = ["bytes2human", "usage_percent", "print_color", "hilite", "memoize",
           "memoize_when_activated", "debug", "supports_ipv6", "open_text",
           "open_binary", "cat", "bcat", "isfile_strict", "path_exists_strict",
           "parse_environ_block", "broadcast_addr", "wrap_numbers", "conn_to_ntuple",
           "sockfam_to_enum", "socktype_to_enum", "deprecated_method", "decode",
           "get_procfs_path", "term_supports_colors"]


@pytest.mark.parametrize("name", HELPERS)
def test_helper_signatures(mine, theirs, name):
    a = inspect.signature(getattr(mine, name))
    b = inspect.signature(getattr(theirs, name))
    assert [(p.name, p.kind) for p in a.parameters.values()] == \
           [(p.name, p.kind) for p in b.parameters.values()]
    for pa, pb in zip(a.parameters.values(), b.parameters.values()):
        simple = pb.default is inspect.Parameter.empty or isinstance(
            pb.default, (type(None), bool, int, str))
        if simple:
            assert pa.default == pb.default, (name, pa.name)
    assert getattr(mine, name).__name__ == getattr(theirs, name).__name__


def test_wrap_numbers_attributes(mine, theirs):
    assert type(mine.wrap_numbers) is type(theirs.wrap_numbers)  # a plain function
    for attr in ("cache_clear", "cache_info"):
        a = inspect.signature(getattr(mine.wrap_numbers, attr))
        b = inspect.signature(getattr(theirs.wrap_numbers, attr))
        assert str(a) == str(b)


# --- exceptions ---

PIDS = [None, 0, 1, 321, -1, True, 2**40]
NAMES = [None, "", "name", "x y", 0, b"raw"]
MSGS = [None, "", "a message", "it's \"quoted\"", 7]


def _exception_cases():
    for pid, name, msg in itertools.product(PIDS, NAMES, MSGS):
        yield "NoSuchProcess", (pid,), {"name": name, "msg": msg}
        yield "AccessDenied", (), {"pid": pid, "name": name, "msg": msg}
        for ppid in (None, 0, 1, 320):
            yield "ZombieProcess", (pid, name, ppid, msg), {}
    for seconds in (0, 5, 1.5, None, -1, "x", 10**20):
        for pid, name in itertools.product(PIDS, NAMES):
            yield "TimeoutExpired", (seconds,), {"pid": pid, "name": name}
    yield "AccessDenied", (), {}
    yield "NoSuchProcess", (5, "n"), {}
    yield "Error", (), {}
    yield "Error", ("given",), {}
    yield "Error", ("a", "b"), {}


EXCEPTION_CASES = list(_exception_cases())


def _describe(exc):
    return {
        "str": outcome(str, exc),
        "repr": outcome(repr, exc),
        "vars": list(vars(exc).items()),
        "args": exc.args,
        "mro": [c.__name__ for c in type(exc).__mro__],
    }


def test_exception_cases_cover_enough():
    assert len(EXCEPTION_CASES) > 1000


@pytest.mark.parametrize("cls", ["NoSuchProcess", "ZombieProcess", "AccessDenied",
                                 "TimeoutExpired", "Error"])
def test_exceptions_text_attributes_and_pickling(mine, theirs, cls):
    n = 0
    for name, args, kwargs in EXCEPTION_CASES:
        if name != cls:
            continue
        n += 1
        a = getattr(mine, name)(*args, **kwargs)
        b = getattr(theirs, name)(*args, **kwargs)
        case = (name, args, kwargs)
        assert _describe(a) == _describe(b), case
        assert outcome(a.__reduce__)[0] == outcome(b.__reduce__)[0], case
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back_a = pickle.loads(pickle.dumps(a, protocol))
            back_b = pickle.loads(pickle.dumps(b, protocol))
            assert type(back_a) is type(a)
            assert _describe(back_a) == _describe(back_b), (case, protocol)
        assert _describe(copy.copy(a)) == _describe(copy.copy(b)), case
        assert _describe(copy.deepcopy(a)) == _describe(copy.deepcopy(b)), case
    assert n


def test_exceptions_documented_texts(mine):
    # psutil's own test_misc.py expectations
    assert str(mine.Error()) == "" and repr(mine.Error()) == "psutil.Error()"
    assert str(mine.NoSuchProcess(321)) == "process no longer exists (pid=321)"
    assert repr(mine.ZombieProcess(321, name="name", ppid=320, msg="foo")) == \
        "psutil.ZombieProcess(pid=321, ppid=320, name='name', msg='foo')"
    assert str(mine.AccessDenied(321)) == "(pid=321)"
    assert repr(mine.TimeoutExpired(5, pid=321, name="name")) == \
        "psutil.TimeoutExpired(pid=321, name='name', seconds=5, msg='timeout after 5 seconds')"
    assert str(mine.NoSuchProcess(0)) == "process no longer exists (pid=0)"


def test_exceptions_classes(mine, theirs):
    for name in ("Error", "NoSuchProcess", "ZombieProcess", "AccessDenied",
                 "TimeoutExpired"):
        a, b = getattr(mine, name), getattr(theirs, name)
        assert [c.__name__ for c in a.__mro__] == [c.__name__ for c in b.__mro__]
        assert a.__module__ == "psutil_rs"
        assert a is getattr(psutil_rs, name)
        if "__init__" in vars(b):
            assert inspect.signature(a.__init__) == inspect.signature(b.__init__)
        assert ("__reduce__" in vars(a)) == ("__reduce__" in vars(b))


def test_exception_subclass_repr(mine, theirs):
    def sub(mod):
        class Custom(mod.NoSuchProcess):
            pass
        return Custom(3, "n")

    assert repr(sub(mine)) == repr(sub(theirs)) == \
        "psutil.Custom(pid=3, name='n', msg='process no longer exists')"
    assert str(sub(mine)) == str(sub(theirs))


def test_exception_attributes_changed_after_creation(mine, theirs):
    for mod in (mine, theirs):
        e = mod.NoSuchProcess(1)
        e.msg = "changed"
        e.name = "later"
        e.ppid = 9
        mod.seen = (str(e), repr(e), _describe(pickle.loads(pickle.dumps(e))))
    try:
        assert mine.seen == theirs.seen
    finally:
        del mine.seen, theirs.seen


def test_infodict(mine, theirs):
    for args in [(0,), (5, "n"), (None,)]:
        a, b = mine.NoSuchProcess(*args), theirs.NoSuchProcess(*args)
        for attrs in [("pid", "ppid", "name"), ("pid", "ppid", "name", "seconds", "msg"),
                      ("msg",), ()]:
            assert a._infodict(attrs) == b._infodict(attrs)


# --- numbers ---

SIZES = ([0, 1, 5, 100, 1000, 1023, 1024, 1025, 10000, 100001221, 2**20 - 1, 2**20,
          1.5, 1023.99, 1024.0, 0.0, -0.0, True, False]
         + [sign * (1024 ** k + d) for k in range(1, 11) for d in (-1, 0, 1)
            for sign in (1, -1)]
         + [2**90, -(2**90), 10**30, 2**53 + 1, 3 * 2**70 + 12345678901])


@pytest.mark.parametrize("fmt", [None, "%(value).1f%(symbol)s", "%(value).2f %(symbol)s",
                                 "%(value)s%(symbol)s", "%(value)d %(symbol)s",
                                 "%(symbol)s", "%(value)r|%(symbol)r", "%(value)10.3f",
                                 "%(value)i%%"])
def test_bytes2human(mine, theirs, fmt):
    kwargs = {} if fmt is None else {"format": fmt}
    for n in SIZES:
        a = outcome(mine.bytes2human, n, **kwargs)
        b = outcome(theirs.bytes2human, n, **kwargs)
        assert a == b and type(a[1]) is type(b[1]), (n, fmt)
    rnd = random.Random(7)
    for _ in range(2000):
        n = rnd.choice([rnd.randrange(-2**64, 2**64), rnd.uniform(-1e20, 1e20),
                        rnd.randrange(-5000, 5000)])
        assert mine.bytes2human(n, **kwargs) == theirs.bytes2human(n, **kwargs), n


@pytest.mark.parametrize("n,fmt", [("x", None), (None, None), ([], None),
                                   (5, "%(other)s"), (5000, "%(n)s"), (5, "%s"),
                                   (5000, "%s"),
                                   (5000, "%(value)s %(symbol)d")])
def test_bytes2human_errors(mine, theirs, n, fmt):
    kwargs = {} if fmt is None else {"format": fmt}
    a = outcome(mine.bytes2human, n, **kwargs)
    b = outcome(theirs.bytes2human, n, **kwargs)
    if fmt in ("%(n)s", "%s") and n >= 1024:
        # psutil formats with its function's locals() from 1024 up, so "%(n)s" happens
        # to work there and "%s" shows them all; this package gives the format only
        # "value" and "symbol"
        assert b[0] == "ok" and (a[0] == "raises" or "prefix" not in a[1])
        return
    assert a[:2] == b[:2]


def test_usage_percent(mine, theirs):
    rnd = random.Random(3)
    pairs = [(0, 0), (1, 0), (0, 1), (1, 3), (2, 3), (10, 7), (-1, 4), (1.5, 0.0),
             (True, 3), (5, -0.0), ("5", 10), (10**30, 3), (1, 10**400)]
    for _ in range(3000):
        pairs.append((rnd.randrange(0, 2**40), rnd.randrange(0, 2**40)))
        pairs.append((rnd.uniform(0, 1e6), rnd.uniform(0, 1e6)))
    for used, total in pairs:
        for round_ in (None, 0, 1, 2, -1):
            a = outcome(mine.usage_percent, used, total, round_)
            b = outcome(theirs.usage_percent, used, total, round_)
            assert a == b and type(a[1]) is type(b[1]), (used, total, round_)
            assert outcome(mine.usage_percent, used, total, round_=round_) == b
    assert outcome(mine.usage_percent, "x", 3)[:2] == outcome(theirs.usage_percent, "x", 3)[:2]
    assert outcome(mine.usage_percent, 1, "3")[:2] == outcome(theirs.usage_percent, 1, "3")[:2]


# --- wrap_numbers ---


@pytest.fixture
def fresh():
    """Both wrap_numbers start and end empty (psutil's own counters share them)."""
    psutil._common.wrap_numbers.cache_clear()
    psutil_rs._common.wrap_numbers.cache_clear()
    yield
    psutil._common.wrap_numbers.cache_clear()
    psutil_rs._common.wrap_numbers.cache_clear()


def plain(info):
    """cache_info() as plain data (defaultdicts as dicts, sets sorted)."""
    last, offsets, wrapped = info
    return ({n: dict(d) if isinstance(d, dict) else d for n, d in last.items()},
            {n: dict(d) for n, d in offsets.items()},
            {n: {k: sorted(v) for k, v in d.items()} for n, d in wrapped.items()})


def shape(result):
    """A result with the type of each value (psutil gives tuples, or the input's own
    objects for keys it sees for the first time)."""
    if not isinstance(result, dict):
        return result
    return [(k, type(v).__name__, v) for k, v in result.items()]


def both(mine, theirs, data, name, copy_input=True, internal=False):
    """One call in each module; the inputs are copies so that identity checks work.
    *internal*: ours through the entry point of the package's own counters."""
    a_in = dict(data) if copy_input and isinstance(data, dict) else data
    b_in = dict(data) if copy_input and isinstance(data, dict) else data
    a = outcome(mine._wrap_int_tuples if internal else mine.wrap_numbers, a_in, name)
    b = outcome(theirs.wrap_numbers, b_in, name)
    assert (a[0], shape(a[1]) if a[0] == "ok" else a[1:]) == \
        (b[0], shape(b[1]) if b[0] == "ok" else b[1:]), data
    if a[0] == "ok":
        assert (a[1] is a_in) == (b[1] is b_in)
    assert plain(mine.wrap_numbers.cache_info()) == plain(theirs.wrap_numbers.cache_info())
    return a


nt = collections.namedtuple("foo", "a b c")


def test_wrap_numbers_psutil_scenarios(mine, theirs, fresh):
    steps = [
        {"disk1": nt(100, 100, 100)}, {"disk1": nt(100, 100, 10)},
        {"disk1": nt(100, 100, 10)}, {"disk1": nt(100, 100, 90)},
        {"disk1": nt(100, 100, 20)}, {"disk1": nt(50, 100, 20)},
        {"disk1": nt(40, 100, 20)},
        {"disk1": nt(50, 50, 50), "disk2": nt(100, 100, 10)},
        {"disk1": nt(50, 50, 50)},
        {"disk1": nt(50, 50, 50), "disk2": nt(100, 100, 100)},
        {"disk1": nt(50, 50, 50), "disk2": nt(100, 100, 10)},
        {"disk3": nt(1, 2, 3)}, {"disk3": nt(0, 0, 0), "disk1": nt(1, 1, 1)},
        {},
        {"disk1": nt(1, 1, 1)},
    ]
    for step in steps:
        both(mine, theirs, step, "disk_io")
    r = mine.wrap_numbers.cache_info()
    assert r is not None


@pytest.mark.parametrize("internal", [False, True])
def test_wrap_numbers_random_sequences(mine, theirs, fresh, internal):
    rnd = random.Random(12)
    for seq in range(60):
        name = f"seq{seq % 3}"
        keys = [f"k{i}" for i in range(rnd.randrange(1, 6))]
        width = rnd.randrange(1, 5)
        state = {k: [rnd.randrange(0, 50) for _ in range(width)] for k in keys}
        for _ in range(rnd.randrange(2, 25)):
            data = {}
            for k in keys:
                if rnd.random() < 0.15:
                    continue  # disappears this time
                vals = state[k]
                for i in range(width):
                    r = rnd.random()
                    if r < 0.15:
                        vals[i] = rnd.randrange(0, 10)  # wraps
                    elif r < 0.8:
                        vals[i] += rnd.randrange(0, 30)
                named = width == 3 and rnd.random() < 0.5 and not internal
                data[k] = nt(*vals[:3]) if named else tuple(vals)
            both(mine, theirs, data, name, internal=internal)
        if rnd.random() < 0.3:
            mine.wrap_numbers.cache_clear(name)
            theirs.wrap_numbers.cache_clear(name)
    assert plain(mine.wrap_numbers.cache_info()) == plain(theirs.wrap_numbers.cache_info())


def test_wrap_numbers_odd_values(mine, theirs, fresh):
    # values psutil's arithmetic treats in its own way: adding 0 makes bools ints
    # and -0.0 0.0, strings cannot take a number, shorter/longer tuples
    cases = [
        ("bools", [{"a": (True, False)}, {"a": (True, True)}, {"a": (False, True)}]),
        ("floats", [{"a": (1.5, -0.0)}, {"a": (2.5, -0.0)}, {"a": (0.5, 1.0)}]),
        ("strings", [{"a": (1.5, "x")}, {"a": (1.0, "y")}]),
        ("strings2", [{"a": ("x",)}, {"a": ("y",)}]),
        ("strings3", [{"a": (1,)}, {"a": (2,)}, {"a": ("x",)}, {"a": (3,)}]),
        ("shorter", [{"a": (1, 2, 3)}, {"a": (1, 2)}, {"a": (0, 1)}]),
        ("longer", [{"a": (1, 2)}, {"a": (1, 2, 3)}]),
        # one key shorter while another really went back: not to be missed
        ("shrinking", [{"a": (1, 2, 3), "b": (10, 10)}, {"a": (1, 2, 3), "b": (10, 10)},
                       {"a": (1, 2), "b": (5, 10)}, {"a": (1, 2), "b": (6, 10)}]),
        ("growing", [{"a": (1, 2), "b": (10, 10)}, {"a": (1, 2), "b": (10, 10)},
                     {"a": (1, 2, 0), "b": (10, 10)}]),
        ("lists", [{"z": [1, 2]}, {"z": [1, 1]}, {"z": [3, 0]}]),
        ("big", [{"a": (2**64 - 5, 2**70)}, {"a": (3, 2**71)}, {"a": (4, 1)}]),
        ("negative", [{"a": (0, -5)}, {"a": (-1, -10)}, {"a": (-2, 3)}]),
    ]
    for name, steps in cases:
        for step in steps:
            both(mine, theirs, step, name)
    for name, steps in cases:
        if name in ("shrinking", "growing", "big", "negative"):
            for step in steps:
                both(mine, theirs, step, "internal-" + name, internal=True)
    # the same dict object given again, changed in place
    for mod in (mine, theirs):
        d = {"a": [5]}
        mod.wrap_numbers(d, "inplace")
        d["a"][0] = 1
        mod.result = mod.wrap_numbers(d, "inplace")
    try:
        assert mine.result == theirs.result
        assert plain(mine.wrap_numbers.cache_info()) == plain(theirs.wrap_numbers.cache_info())
    finally:
        del mine.result, theirs.result


def test_wrap_numbers_first_call_and_identity(mine, fresh):
    data = {"d": nt(5, 5, 5)}
    assert mine.wrap_numbers(data, "x") is data
    info = mine.wrap_numbers.cache_info()
    assert info[0]["x"] is data
    assert isinstance(info[1]["x"], collections.defaultdict)
    assert isinstance(info[2]["x"], collections.defaultdict)
    out = mine.wrap_numbers({"d": nt(5, 5, 5)}, "x")
    assert type(out["d"]) is tuple  # later calls: plain tuples
    # cache_info() gives the live dicts, and cache_clear() empties them in place
    again = mine.wrap_numbers.cache_info()
    assert all(x is y for x, y in zip(info, again)) and info is not again
    mine.wrap_numbers.cache_clear()
    assert info == ({}, {}, {})


def test_wrap_numbers_cache_clear(mine, theirs, fresh):
    for mod in (mine, theirs):
        mod.wrap_numbers({"a": (5,)}, "one")
        mod.wrap_numbers({"a": (3,)}, "one")
        mod.wrap_numbers({"a": (5,)}, "two")
        mod.wrap_numbers.cache_clear("one")
        mod.wrap_numbers.cache_clear("never-seen")
        mod.after = plain(mod.wrap_numbers.cache_info())
        assert mod.wrap_numbers.cache_clear("two") is None
        assert mod.wrap_numbers.cache_info() == ({}, {}, {})
    try:
        assert mine.after == theirs.after
        assert list(mine.after[0]) == ["two"]
    finally:
        del mine.after, theirs.after


def test_wrap_numbers_threads(mine, fresh):
    # one lock: concurrent callers never see a half-updated state
    import threading

    errors = []

    def run(seed):
        rnd = random.Random(seed)
        try:
            for i in range(300):
                data = {f"k{j}": (rnd.randrange(100), i) for j in range(5)}
                out = mine.wrap_numbers(data, "threads")
                assert set(out) == set(data)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=run, args=(s,)) for s in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


# --- the public counters go through wrap_numbers under psutil's keys ---


def test_cache_clear_public_apis(fresh):
    # psutil's tests/test_misc.py::TestWrapNumbers::test_cache_clear_public_apis
    wn = psutil_rs._common.wrap_numbers
    if not psutil_rs.disk_io_counters() or not psutil_rs.net_io_counters():
        pytest.skip("no disks or NICs available")
    psutil_rs.disk_io_counters()
    psutil_rs.net_io_counters()
    for cache in wn.cache_info():
        assert "psutil.disk_io_counters" in cache
        assert "psutil.net_io_counters" in cache
    psutil_rs.disk_io_counters.cache_clear()
    for cache in wn.cache_info():
        assert "psutil.net_io_counters" in cache
        assert "psutil.disk_io_counters" not in cache
    psutil_rs.net_io_counters.cache_clear()
    assert wn.cache_info() == ({}, {}, {})
    # nowrap=False leaves the cache alone
    psutil_rs.disk_io_counters(nowrap=False)
    psutil_rs.net_io_counters(pernic=True, nowrap=False)
    assert wn.cache_info() == ({}, {}, {})


def test_public_cache_clear_objects():
    for fn in ("disk_io_counters", "net_io_counters"):
        a = getattr(psutil_rs, fn).cache_clear
        b = getattr(psutil, fn).cache_clear
        assert type(a) is type(b)
        assert a.__doc__ == b.__doc__ == "Clears nowrap argument cache"
        assert str(inspect.signature(a)) == str(inspect.signature(b))


def _diskstats(reads, extra=""):
    return (f"   8       0 sda {reads} 2 300 4 5 6 700 8 0 10 11\n"
            f"   8       1 sda1 {reads // 2} 600 8 900\n"
            f" 254       0 vda 1 {reads} 2 3 4 5 6 7 0 9 10 0 0 0 0 0 0\n" + extra)


def _net_dev(rx, extra=""):
    head = ("Inter-|   Receive                                                |  Transmit\n"
            " face |bytes    packets errs drop fifo frame compressed multicast|"
            "bytes    packets errs drop fifo colls carrier compressed\n")
    return head + (f"    lo: {rx} 2 3 4 0 0 0 0 5 6 7 8 0 0 0 0\n"
                   f"  eth9: 10 {rx} 30 40 0 0 0 0 50 60 70 80 0 0 0 0\n" + extra)


@contextlib.contextmanager
def _procfs(path):
    old = psutil_rs.PROCFS_PATH, psutil.PROCFS_PATH
    psutil_rs.PROCFS_PATH = psutil.PROCFS_PATH = str(path)
    try:
        yield
    finally:
        psutil_rs.PROCFS_PATH, psutil.PROCFS_PATH = old


def _public_run(lib, tmp_path):
    out = []
    steps = [(4_000_000_000, ""), (4_294_967_000, ""), (100, ""),
             (300, "   8      16 sdb 1 2 3 4 5 6 7 8 0 10 11\n"), (200, ""), (900, "")]
    for reads, extra in steps:
        (tmp_path / "diskstats").write_text(_diskstats(reads, extra))
        (tmp_path / "net" / "dev").write_text(
            _net_dev(reads, "  new0: 1 2 3 4 0 0 0 0 5 6 7 8 0 0 0 0\n" if extra else ""))
        out.append((lib.disk_io_counters(), lib.disk_io_counters(perdisk=True),
                    lib.disk_io_counters(nowrap=False),
                    lib.disk_io_counters(perdisk=True, nowrap=False),
                    lib.net_io_counters(), lib.net_io_counters(pernic=True),
                    lib.net_io_counters(nowrap=False)))
        out.append(plain(lib._common.wrap_numbers.cache_info()))
    lib.disk_io_counters.cache_clear()
    out.append(plain(lib._common.wrap_numbers.cache_info()))
    out.append(lib.disk_io_counters(perdisk=True))
    lib.net_io_counters.cache_clear()
    out.append(plain(lib._common.wrap_numbers.cache_info()))
    return out


def test_public_counters_and_cache_like_psutil(tmp_path, fresh):
    (tmp_path / "net").mkdir()
    with _procfs(tmp_path):
        mine_out = _public_run(psutil_rs, tmp_path)
        theirs_out = _public_run(psutil, tmp_path)
    assert mine_out == theirs_out
    # the values in the cache have psutil's types too: the first perdisk call's named
    # tuples, then plain tuples
    assert json.dumps(repr(mine_out[1])) == json.dumps(repr(theirs_out[1]))


def test_public_counters_live_wrap_state(fresh):
    psutil_rs.disk_io_counters(perdisk=True)
    psutil_rs.net_io_counters(pernic=True)
    info = psutil_rs._common.wrap_numbers.cache_info()
    disks = info[0]["psutil.disk_io_counters"]
    nics = info[0]["psutil.net_io_counters"]
    assert set(disks) == set(psutil.disk_io_counters(perdisk=True, nowrap=False))
    assert set(nics) == set(psutil.net_io_counters(pernic=True, nowrap=False))
    # not psutil's module: ours alone holds our state
    assert "psutil.disk_io_counters" not in psutil._common.wrap_numbers.cache_info()[0]
    assert info[0] is not psutil._common.wrap_numbers.cache_info()[0]


# --- decorators ---


@pytest.mark.parametrize("which", ["mine", "theirs"])
def test_memoize(request, which):
    mod = request.getfixturevalue(which)
    calls = []

    @mod.memoize
    def foo(*args, **kwargs):
        """My docstring."""
        calls.append((args, kwargs))
        return len(calls)

    assert foo() == foo() == 1
    assert foo(1) == foo(1) == 2
    assert foo(1, bar=2) == foo(1, bar=2) == 3
    assert foo(a=1, b=2) == foo(b=2, a=1) == 4
    assert foo(1.0) == 2 and foo(True) == 2  # equal keys
    assert outcome(foo, [1])[:2] == ("raises", "TypeError")
    assert outcome(foo, x={})[:2] == ("raises", "TypeError")
    assert len(calls) == 4
    assert foo.cache_clear() is None
    assert foo() == 5
    assert foo.__doc__ == "My docstring." and foo.__name__ == "foo"
    assert foo.__wrapped__(9) == 6

    @mod.memoize
    def boom(x):
        calls.append(x)
        raise ValueError(x)

    for _ in range(2):
        with pytest.raises(ValueError) as info:
            boom(1)
    assert calls[-2:] == [1, 1]  # failures are not cached
    assert info.value.__cause__ is None

    @mod.memoize
    class Single:
        def __init__(self, *args, **kwargs):
            pass

    assert Single() is Single() and Single(1) is Single(1) and Single(1) is not Single(2)

    class Holder:
        @staticmethod
        @mod.memoize
        def s(x):
            calls.append(x)
            return x

        @classmethod
        @mod.memoize
        def c(cls, x):
            calls.append(x)
            return x

    n = len(calls)
    assert Holder().s(3) == Holder.s(3) == 3 and Holder.c(4) == Holder().c(4) == 4
    assert len(calls) == n + 2


@pytest.mark.parametrize("which", ["mine", "theirs"])
def test_memoize_when_activated(request, which):
    mod = request.getfixturevalue(which)
    calls = []

    class Foo:
        @mod.memoize_when_activated
        def foo(self):
            """doc"""
            calls.append(None)
            return len(calls)

        @mod.memoize_when_activated
        def bar(self):
            return "bar"

    f, g = Foo(), Foo()
    assert f.foo() == 1 and f.foo() == 2
    f.foo.cache_activate(f)
    assert f.foo() == 3 and f.foo() == 3
    assert g.foo() == 4 and g.foo() == 5  # per instance
    assert f._cache == {Foo.foo.__wrapped__: 3}
    assert f.bar() == "bar" and len(f._cache) == 2  # one cache for every method
    f.foo.cache_activate(f)  # again: starts empty
    assert f._cache == {}
    f.foo.cache_deactivate(f)
    assert not hasattr(f, "_cache")
    f.foo.cache_deactivate(f)  # twice is fine
    assert f.foo() == 6 and f.foo() == 7
    assert Foo.foo.__name__ == "foo" and Foo.foo.__doc__ == "doc"
    assert str(inspect.signature(Foo.foo)) == "(self)"
    assert outcome(f.foo, 1)[:2] == ("raises", "TypeError")

    class Boom:
        @mod.memoize_when_activated
        def foo(self):
            raise ValueError

    b = Boom()
    b.foo.cache_activate(b)
    with pytest.raises(ValueError):
        b.foo()
    assert b._cache == {}
    b._cache = None
    assert outcome(b.foo)[:2] == ("raises", "TypeError")


def test_deprecated_method(mine, theirs):
    def run(mod):
        class K:
            def new(self, *args, **kwargs):
                return ("new", args, kwargs)

            @mod.deprecated_method("new")
            def old(self, *args, **kwargs):
                """old doc"""
                return "body"

            @mod.deprecated_method("missing")
            def gone(self):
                pass

        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            ret = K().old(1, x=2)  # the same line for both modules
            err = outcome(K().gone)
        return (ret, err, K.old.__name__, K.old.__doc__,
                [(str(w.message), w.category, w.filename, w.lineno) for w in ws])

    assert run(mine) == run(theirs)


# --- files ---


def test_open_text_binary_cat_bcat(mine, theirs, tmp_path):
    text = tmp_path / "t.txt"
    text.write_bytes(b"hello \xff\xfe world\n\x00end")
    missing = str(tmp_path / "missing")
    for fn in ("cat", "bcat"):
        for args in [(str(text),), (text,), (missing,), (str(tmp_path),), (missing, None),
                     (missing, "fallback"), (str(tmp_path), 0), (None, 1), (123456, 1),
                     (b"/proc/self/mem", "unreadable"), ("/proc/self/status\0", 1)]:
            a = outcome(getattr(mine, fn), *args)
            b = outcome(getattr(theirs, fn), *args)
            if fn == "bcat" or a[0] != "ok" or args[0] != "/proc/self/status":
                assert a == b, (fn, args)
    for fn in ("open_text", "open_binary"):
        with getattr(mine, fn)(str(text)) as fa, getattr(theirs, fn)(str(text)) as fb:
            assert type(fa) is type(fb) and fa.mode == fb.mode
            assert getattr(fa, "encoding", None) == getattr(fb, "encoding", None)
            assert getattr(fa, "errors", None) == getattr(fb, "errors", None)
            assert fa.read() == fb.read()
    assert mine.cat(str(text), _open=mine.open_binary) == theirs.bcat(str(text))


def test_open_goes_through_module_open(mine, theirs):
    # psutil's tests patch psutil._common.open: both call it the same way
    seen = []
    for mod, target in ((mine, "psutil_rs._common.open"), (theirs, "psutil._common.open")):
        with mock.patch(target, create=True) as m:
            m.side_effect = lambda *args, **kwargs: io.StringIO("data")
            mod.open_text("/x")
            mod.open_binary("/y")
            mod.cat("/z")
            mod.bcat("/w")
            seen.append(m.call_args_list)
    assert seen[0] == seen[1]


@pytest.mark.parametrize("which", ["mine", "theirs"])
def test_isfile_and_exists_strict(request, which, tmp_path):
    mod = request.getfixturevalue(which)
    path = __name__ + ".common"
    this = os.path.abspath(__file__)
    assert mod.isfile_strict(this) and mod.isfile_strict(this.encode())
    assert not mod.isfile_strict(os.path.dirname(this))
    assert mod.path_exists_strict(os.path.dirname(this))
    assert not mod.isfile_strict(str(tmp_path / "nope"))
    assert not mod.path_exists_strict(str(tmp_path / "nope"))
    assert not mod.isfile_strict(this + "/below-a-file")
    assert outcome(mod.isfile_strict, "a\0b")[:2] == ("raises", "ValueError")
    target = f"{mod.__name__}.os.stat"
    for exc, want in [(PermissionError, "raises"), (OSError(errno.EACCES, "x"), "raises"),
                      (OSError(errno.EPERM, "x"), "raises"), (FileNotFoundError, False),
                      (OSError(errno.ENOTDIR, "x"), False), (OSError(errno.EIO, "x"), False),
                      (OSError(errno.ELOOP, "x"), False), (OSError, False),
                      (ValueError("v"), "raises")]:
        for fn in (mod.isfile_strict, mod.path_exists_strict):
            with mock.patch(target, side_effect=exc):
                got = outcome(fn, this)
            assert (got[0] if want == "raises" else got[1]) == want, (exc, fn)
    with mock.patch(f"{mod.__name__}.stat.S_ISREG", return_value=False):
        assert not mod.isfile_strict(this)
    assert path


def test_parse_environ_block(mine, theirs):
    blocks = ["", "\0", "a=1", "a=1\0", "\0a=1\0", "a=1=2\0", "a=1\0a=2\0", "=\0a=1\0",
              "a\0b=\0", "a=\0\0b=1\0", " a = 1 \0", "A=1\0a=2\0", "a=1\0\0\0b=2\0",
              "x=\xff\udcff\0", "a=b\nc=d\0", "a=1\0b=2", "=b=2\0c=3\0", "==\0"]
    rnd = random.Random(5)
    for _ in range(3000):
        blocks.append("".join(rnd.choice("ab=\0\0x") for _ in range(rnd.randrange(0, 20))))
    for block in blocks:
        a, b = mine.parse_environ_block(block), theirs.parse_environ_block(block)
        assert a == b and list(a) == list(b), repr(block)
    assert outcome(mine.parse_environ_block, b"a=1\0")[:2] == \
        outcome(theirs.parse_environ_block, b"a=1\0")[:2]


def test_decode_and_procfs_path(mine, theirs):
    for raw in (b"", b"abc", b"\xff\xfe", "caf\u00e9".encode()):
        assert mine.decode(raw) == theirs.decode(raw)
    assert outcome(mine.decode, "str")[:2] == outcome(theirs.decode, "str")[:2]
    assert mine.get_procfs_path() == "/proc"
    old = psutil_rs.PROCFS_PATH
    psutil_rs.PROCFS_PATH = "/elsewhere"
    try:
        assert mine.get_procfs_path() == "/elsewhere"
    finally:
        psutil_rs.PROCFS_PATH = old


# --- network ---


def test_supports_ipv6(mine, theirs):
    assert mine.supports_ipv6() == theirs.supports_ipv6()
    if not theirs.supports_ipv6():
        return
    # psutil's tests/test_misc.py::TestCommonModule::test_supports_ipv6, on ours
    with mock.patch("psutil_rs._common.socket") as s:
        s.has_ipv6 = False
        assert not mine.supports_ipv6()
    for side_effect in (OSError, socket.gaierror):
        with mock.patch("psutil_rs._common.socket.socket", side_effect=side_effect) as s:
            assert not mine.supports_ipv6()
            assert s.called
    with mock.patch("psutil_rs._common.socket.socket.bind",
                    side_effect=socket.gaierror) as s:
        assert not mine.supports_ipv6()
        assert s.called
    assert mine.supports_ipv6()  # not memoised


Addr = collections.namedtuple("Addr", "family address netmask")


def test_broadcast_addr(mine, theirs):
    cases = [Addr(socket.AF_INET, "192.168.1.5", "255.255.255.0"),
             Addr(2, "10.1.2.3", "255.255.0.0"), Addr(2, "10.1.2.3", "16"),
             Addr(2, "10.1.2.3", "0.0.0.0"), Addr(2, "10.1.2.3", "255.0.255.0"),
             Addr(2, "bad", "255.0.0.0"), Addr(2, "10.1.2.3", ""),
             Addr(2, "10.1.2.3", None), Addr(2, "", "255.0.0.0"), Addr(2, None, None),
             Addr(10, "fe80::1", "64"), Addr(10, "::1", "128"),
             Addr(10, "fe80::1", "ffff:ffff:ffff:ffff::"),
             Addr(socket.AF_INET6, "fe80::1%eth0", "64"),
             Addr(socket.AF_PACKET, "aa:bb:cc:dd:ee:ff", "ff:ff:ff:ff:ff:ff"),
             Addr(99, "x", "y"), Addr(2, b"10.0.0.1", "255.0.0.0"), Addr(2, 0, 0),
             Addr(2.0, "10.0.0.1", "8")]
    for nic in psutil.net_if_addrs().values():
        cases.extend(nic)
    for addr in cases:
        assert outcome(mine.broadcast_addr, addr) == outcome(theirs.broadcast_addr, addr), addr


def test_sockfam_socktype_to_enum(mine, theirs):
    for num in list(range(-2, 50)) + [socket.AF_INET6, 2**16]:
        for fn in ("sockfam_to_enum", "socktype_to_enum"):
            a, b = getattr(mine, fn)(num), getattr(theirs, fn)(num)
            assert a == b and type(a).__name__ == type(b).__name__ and repr(a) == repr(b)
    assert outcome(mine.sockfam_to_enum, "x") == outcome(theirs.sockfam_to_enum, "x")


def test_conn_to_ntuple(mine, theirs):
    smap = {"01": "ESTABLISHED", "0A": "LISTEN", 1: "X"}
    addrs = [("1.2.3.4", 80), (), None, "", "/sock", ["5.6.7.8", 90], ("::1", 22)]
    for fam, typ, laddr, raddr, status, pid in itertools.product(
            [2, 10, 1, 17, 99], [1, 2, 5, 77], addrs, addrs[:4], ["01", "0A", "zz", 1],
            [None, 0, 5]):
        args = (3, fam, typ, laddr, raddr, status, smap)
        a = outcome(mine.conn_to_ntuple, *args, pid=pid)
        b = outcome(theirs.conn_to_ntuple, *args, pid=pid)
        if a[0] == "ok" and b[0] == "ok":
            assert type(a[1]).__name__ == type(b[1]).__name__
            assert a[1]._fields == b[1]._fields
            assert [repr(x) for x in a[1]] == [repr(x) for x in b[1]], args
            assert [type(x).__name__ for x in a[1]] == [type(x).__name__ for x in b[1]]
        else:
            assert a[:2] == b[:2], args


# --- terminal and debug ---


TERMINAL_SCRIPT = r"""
import io, json, sys
import psutil._common as theirs
import psutil_rs._common as mine

class Tty(io.StringIO):
    def isatty(self):
        return True

class TtyWithFd(Tty):
    def fileno(self):
        return 1

class NotTty(io.StringIO):
    def isatty(self):
        return False
    def fileno(self):
        return 1

def run(mod):
    out = {"stdout": mod.term_supports_colors()}
    for name, f in (("tty", Tty()), ("ttyfd", TtyWithFd()), ("nottty", NotTty()),
                    ("plain", io.StringIO())):
        out["supports-" + name] = mod.term_supports_colors(f)
    for colour in [None, "red", "green", "yellow", "blue", "violet", "lightblue", "grey",
                   "darkgrey", "brown", "bad", "RED", 3]:
        for bold in (False, True):
            try:
                out[f"hilite-{colour}-{bold}"] = mod.hilite("text", colour, bold)
            except Exception as e:
                out[f"hilite-{colour}-{bold}"] = [type(e).__name__, str(e)]
            sink = io.StringIO()
            try:
                mod.print_color("text", colour, bold, file=sink)
                out[f"print-{colour}-{bold}"] = sink.getvalue()
            except Exception as e:
                out[f"print-{colour}-{bold}"] = [type(e).__name__, str(e)]
    sink = Tty()
    mod.print_color(12345, "red", file=sink)
    out["non-str"] = sink.getvalue()
    return out

with open(sys.argv[1], "w") as f:
    json.dump([run(mine), run(theirs)], f)
mine.print_color("to stdout", "green", bold=True)
theirs.print_color("to stdout", "green", bold=True)
"""


def _terminal_run(tmp_path, tty, term):
    script = tmp_path / "term.py"
    script.write_text(TERMINAL_SCRIPT)
    result = tmp_path / "result.json"
    env = dict(os.environ)
    env.pop("TERM", None)
    if term is not None:
        env["TERM"] = term
    if tty:
        import pty

        master, slave = pty.openpty()
        try:
            proc = subprocess.run([sys.executable, str(script), str(result)], stdin=slave,
                                  stdout=slave, stderr=subprocess.PIPE, env=env,
                                  timeout=60, check=False)
            os.close(slave)
            slave = None
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:  # EIO: the other side is closed and drained
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            printed = b"".join(chunks)
        finally:
            if slave is not None:
                os.close(slave)
            os.close(master)
    else:
        proc = subprocess.run([sys.executable, str(script), str(result)],
                              capture_output=True, env=env, timeout=60, check=False)
        printed = proc.stdout
    assert proc.returncode == 0, proc.stderr
    ours, ref = json.loads(result.read_text())
    return ours, ref, printed


@pytest.mark.parametrize("tty,term", [(True, "xterm"), (True, None), (True, "dumb"),
                                      (False, "xterm")])
def test_print_color_hilite_terminal(tmp_path, tty, term):
    ours, ref, printed = _terminal_run(tmp_path, tty, term)
    assert ours == ref
    assert ours["stdout"] is tty
    if tty:
        assert ours["hilite-red-True"] == "\x1b[91;1mtext\x1b[0m"
        assert ours["print-bad-False"][0] == "ValueError"
        line = b"\x1b[32;1mto stdout\x1b[0m\r\n"
    else:
        assert ours["hilite-red-True"] == "text"
        line = b"to stdout\n"
    assert printed == line * 2


def test_term_supports_colors_is_memoized(mine, theirs):
    for mod in (mine, theirs):
        assert callable(mod.term_supports_colors.cache_clear)
        assert mod.term_supports_colors.__wrapped__


def _debug_capture(mod, msg, enabled=True):
    with mock.patch.object(mod, "PSUTIL_DEBUG", enabled):
        with contextlib.redirect_stderr(io.StringIO()) as f:
            mod.debug(msg)  # the same line for both modules
    return f.getvalue()


def test_debug(mine, theirs):
    oserr = OSError(2, "no such file")
    oserr.filename = "/foo"

    class Custom(Exception):
        pass

    msgs = ["hello", ValueError("this is an error"), oserr, OSError("plain"),
            FileNotFoundError(2, "nf"), KeyError("k"), 123, b"bytes", None, Custom(),
            Exception, KeyboardInterrupt("k"), SystemExit(2), OSError(), psutil_rs.NoSuchProcess(3),
            psutil.NoSuchProcess(3), "multi\nline"]
    for msg in msgs:
        a, b = _debug_capture(mine, msg), _debug_capture(theirs, msg)
        assert a == b, msg
        assert a.startswith(f"psutil-debug [{__file__}:")
        assert _debug_capture(mine, msg, enabled=False) == ""
    # psutil's own checks
    assert "ignoring ValueError" in _debug_capture(mine, ValueError("this is an error"))
    assert "'this is an error'" in _debug_capture(mine, ValueError("this is an error"))
    assert "/foo" in _debug_capture(mine, oserr)


@pytest.mark.parametrize("value", [None, "", "0", "1", "yes", " "])
def test_psutil_debug_from_environment(value):
    env = dict(os.environ)
    env.pop("PSUTIL_DEBUG", None)
    if value is not None:
        env["PSUTIL_DEBUG"] = value
    code = ("import psutil._common as t, psutil_rs._common as m;"
            "print(m.PSUTIL_DEBUG, t.PSUTIL_DEBUG);"
            "m.debug('from ours')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    mine_flag, theirs_flag = out.stdout.split()
    assert mine_flag == theirs_flag
    if mine_flag == "True":
        assert out.stderr.startswith("psutil-debug [<string>:1]> from ours")
    else:
        assert "from ours" not in out.stderr


# --- install_as_psutil ---


def test_install_as_psutil_registers_this_common():
    code = ("import sys, psutil_rs; psutil_rs.install_as_psutil();"
            "import psutil._common as c;"
            "from psutil._common import wrap_numbers, bytes2human, print_color, debug;"
            "assert c is psutil_rs._common, c;"
            "import psutil; psutil.disk_io_counters(); psutil.net_io_counters();"
            "assert 'psutil.net_io_counters' in wrap_numbers.cache_info()[0];"
            "print(bytes2human(10000))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "9.8K"
