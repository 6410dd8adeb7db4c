"""The public surface against psutil 7.2.2's: every name of its Linux ``__all__``
exists here with the same kind (function with an equal ``inspect.signature``,
exception class, enum with the same members, constant with the same value and type),
class with the same public methods and signatures), except the names still missing,
listed in NOT_YET (empty since the Process class landed).
"""

import collections
import enum
import inspect
import subprocess
import sys
import types

import pytest

import psutil
import psutil_rs

# psutil names this package does not have yet (none since the Process class landed).
NOT_YET = []

EXTRA = ["install_as_psutil"]  # ours only (issue 4: the only addition to the top level)

PRESENT = [n for n in dict.fromkeys(psutil.__all__) if n not in NOT_YET]


def public(mod):
    return {n for n in dir(mod) if not n.startswith("_")}


def test_all_is_psutils_minus_not_yet_plus_install(ours, ref):
    assert ours.__all__ == [n for n in ref.__all__ if n not in NOT_YET] + EXTRA
    assert ours._NOT_YET == tuple(NOT_YET)


def test_star_import_works():
    ns = {}
    exec("from psutil_rs import *", ns)  # noqa: S102
    assert set(PRESENT + EXTRA) <= set(ns)


def test_no_public_name_beyond_psutils(ours, ref):
    # psutil's dir() also lists the stdlib modules it imports (os, sys, ...); ours
    # imports them under private names, so its public names are a subset. Our own
    # submodules of extensions (psutil_rs.cgroups) appear once imported, as modules.
    extensions = {n for n in public(ours) - public(ref)
                  if isinstance(getattr(ours, n), types.ModuleType)
                  and getattr(ours, n).__name__ == f"psutil_rs.{n}"}
    assert extensions <= {"cgroups"}
    assert public(ours) - public(ref) - extensions == set(EXTRA)
    missing = {n for n in public(ref) - public(ours)
               if not isinstance(getattr(ref, n), types.ModuleType)}
    # `debug` is psutil's PSUTIL_DEBUG printer, outside __all__.
    assert missing == set(NOT_YET) | {"debug"}


@pytest.mark.parametrize("name", PRESENT)
def test_same_kind_as_psutil(ours, ref, name):
    a, b = getattr(ours, name), getattr(ref, name)
    if inspect.isclass(b) and issubclass(b, BaseException):
        assert inspect.isclass(a) and issubclass(a, BaseException)
        assert [c.__name__ for c in a.__mro__] == [c.__name__ for c in b.__mro__]
        assert inspect.signature(a.__init__) == inspect.signature(b.__init__)
    elif inspect.isclass(b):  # Process, Popen
        assert inspect.isclass(a)
        assert [c.__name__ for c in a.__mro__] == [c.__name__ for c in b.__mro__]
        assert public(a) == public(b)
        for m in public(b):
            if callable(getattr(b, m)):
                assert inspect.signature(getattr(a, m)) == inspect.signature(getattr(b, m)), m
        assert inspect.signature(a.__init__) == inspect.signature(b.__init__)
    elif callable(b):
        assert callable(a) and not inspect.isclass(a)
        assert inspect.signature(a) == inspect.signature(b)
        assert a.__name__ == b.__name__
    elif isinstance(b, enum.Enum):
        assert type(a).__name__ == type(b).__name__
        assert a.name == b.name and a.value == b.value
        assert {m.name: m.value for m in type(a)} == {m.name: m.value for m in type(b)}
    else:
        assert type(a) is type(b)
        assert a == b


@pytest.mark.parametrize("mod,cls", [
    ("_common", "NicDuplex"), ("_common", "BatteryTime"),
    ("_pslinux", "AddressFamily"), ("_pslinux", "IOPriority"),
])
def test_enum_classes(ours, ref, mod, cls):
    a = getattr(getattr(ours, mod), cls)
    b = getattr(getattr(ref, mod), cls)
    assert issubclass(a, enum.IntEnum) and issubclass(b, enum.IntEnum)
    assert {m.name: m.value for m in a} == {m.name: m.value for m in b}


def _namedtuples(mod):
    return {n: t for n, t in vars(mod).items()
            if isinstance(t, type) and issubclass(t, tuple) and hasattr(t, "_fields")}


def test_every_named_tuple_of_psutil(ours, ref):
    import psutil._ntuples
    import psutil_rs._ntuples

    theirs = _namedtuples(psutil._ntuples)
    mine = _namedtuples(psutil_rs._ntuples)
    assert set(theirs) - {"nt"} <= set(mine)
    for name in set(theirs) - {"nt"}:
        assert mine[name].__name__ == theirs[name].__name__, name
        assert mine[name]._fields == theirs[name]._fields, name


@pytest.mark.parametrize("name", ["bytes2human", "usage_percent"])
def test_common_helpers(ours, ref, name):
    a = getattr(ours._common, name)
    b = getattr(ref._common, name)
    assert inspect.signature(a) == inspect.signature(b)


# --- install_as_psutil ---

THIRD_PARTY = """
import sys
import psutil_rs
assert "psutil" not in sys.modules
assert psutil_rs.install_as_psutil() is psutil_rs

# what third-party code writes
import psutil
from psutil._common import bytes2human
from psutil import _common
import psutil._pslinux
from psutil._ntuples import svmem

assert psutil is psutil_rs, psutil
assert psutil.__name__ == "psutil_rs"
mem = psutil.virtual_memory()
assert isinstance(mem, svmem) and mem.total > 0
assert bytes2human(10000) == "9.8K"
assert _common is psutil_rs._common
assert psutil._pslinux is psutil_rs._pslinux
assert "psutil_rs._native" in repr(sys.modules["psutil"]._native)
print("ok", psutil.cpu_count() > 0)
"""


def test_install_as_psutil_in_subprocess():
    out = subprocess.run([sys.executable, "-c", THIRD_PARTY], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok True"


def test_install_as_psutil_nothing_loads_real_psutil():
    # The real psutil is installed next to ours: after install_as_psutil() no module of
    # it may be imported by anything the package does.
    code = ("import sys, psutil_rs; psutil_rs.install_as_psutil(); import psutil;"
            "psutil.net_connections('all'); psutil.users(); psutil.sensors_battery();"
            "print(sorted(m for m in sys.modules if m.startswith('psutil')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == str(sorted([
        "psutil", "psutil._common", "psutil._ntuples", "psutil._pslinux", "psutil._psposix",
        "psutil_rs", "psutil_rs._as_dict", "psutil_rs._checks", "psutil_rs._common",
        "psutil_rs._native", "psutil_rs._ntuples", "psutil_rs._popen", "psutil_rs._process",
        "psutil_rs._process_iter", "psutil_rs._pslinux", "psutil_rs._psposix",
        "psutil_rs._wrap_numbers"]))


def test_json_and_pickle_of_new_types(ours):
    import json
    import pickle

    values = [ours.net_connections("all"), ours.users(), ours.sensors_temperatures(),
              ours.sensors_fans(), ours.sensors_battery(), ours.pids()[:3]]
    for v in values:
        assert pickle.loads(pickle.dumps(v)) == v
        json.dumps(v)
    assert isinstance(ours.heap_info(), collections.abc.Sequence)
