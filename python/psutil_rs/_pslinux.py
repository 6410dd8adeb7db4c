"""Linux specifics that psutil keeps in ``psutil._pslinux``.

``IOPriority`` (``IOPRIO_CLASS_*``) and the ``RLIMIT_*`` constants are here as in psutil.

``scputimes`` has as many fields as the running kernel's ``/proc/stat`` ``cpu`` line has
columns (decided once, at import, as psutil does), so it lives here, where pickle finds
it. ``AddressFamily``/``AF_LINK`` is psutil's alias of ``AF_PACKET`` for MAC addresses.
"""

import enum
import os
import resource
import socket
from collections import namedtuple

from . import _native
from ._common import open_binary, open_text  # noqa: F401  (psutil's _pslinux has them)
from . import _ntuples as ntp

_BASE_FIELDS = ("user", "nice", "system", "idle", "iowait", "irq", "softirq")
_OPTIONAL_FIELDS = ("steal", "guest", "guest_nice")

#: psutil's name for its platform C extension; the native module is ours.
cext = _native

#: Clock ticks per second (``sysconf(_SC_CLK_TCK)``), the unit of /proc's CPU times.
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

AddressFamily = enum.IntEnum("AddressFamily", {"AF_LINK": int(socket.AF_PACKET)})
AF_LINK = AddressFamily.AF_LINK

#: Private test hook, not part of the API: a directory holding ``sys/`` and ``run/``
#: trees (a captured or hand-written system) that ``sensors_*()`` and ``users()`` read
#: instead of the host's ``/sys`` and ``/run``. psutil reads those two directories
#: whatever ``PROCFS_PATH`` says, so this is the only way to point them elsewhere.
#: ``None`` (the default) means the host.
_FAKE_ROOT = None


# Declared as _common.py declares NicDuplex and BatteryTime (data: enum + aliases).
class IOPriority(enum.IntEnum):
    """I/O scheduling classes of ``Process.ionice()`` (``ioprio_set(2)``)."""

    IOPRIO_CLASS_NONE = 0
    IOPRIO_CLASS_RT = 1
    IOPRIO_CLASS_BE = 2
    IOPRIO_CLASS_IDLE = 3


IOPRIO_CLASS_NONE = IOPriority.IOPRIO_CLASS_NONE
IOPRIO_CLASS_RT = IOPriority.IOPRIO_CLASS_RT
IOPRIO_CLASS_BE = IOPriority.IOPRIO_CLASS_BE
IOPRIO_CLASS_IDLE = IOPriority.IOPRIO_CLASS_IDLE

# The resource numbers of Process.rlimit(), in psutil's (alphabetical) order. Python's
# resource module has the running architecture's values, except RLIMIT_LOCKS, which is
# 10 on every Linux architecture (asm-generic/resource.h). RLIM_INFINITY is -1, as
# psutil exposes it (the C value (rlim_t)-1 read as a signed long long).
RLIMIT_NAMES = (
    "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA", "RLIMIT_FSIZE", "RLIMIT_LOCKS",
    "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_NOFILE", "RLIMIT_NPROC",
    "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME", "RLIMIT_SIGPENDING", "RLIMIT_STACK",
    "RLIM_INFINITY",
)
RLIMITS = {name: getattr(resource, name, 10 if name == "RLIMIT_LOCKS" else None)
           for name in RLIMIT_NAMES}
RLIMITS["RLIM_INFINITY"] = -1


def _scputimes_fields(count):
    extra = max(0, min(count - len(_BASE_FIELDS), len(_OPTIONAL_FIELDS)))
    return _BASE_FIELDS + _OPTIONAL_FIELDS[:extra]


try:
    scputimes = namedtuple("scputimes", _scputimes_fields(len(_native.cpu_times("/proc"))))
except Exception:  # noqa: BLE001  (never fail at import, as psutil)
    scputimes = namedtuple("scputimes", _BASE_FIELDS)

ntp.scputimes = scputimes

_other_shapes = {}


def make_scputimes(values):
    """``scputimes(*values)``; a /proc with another column count (``PROCFS_PATH``
    pointed at another kernel's tree) gets a tuple type of its own shape."""
    if len(values) == len(scputimes._fields):
        return tuple.__new__(scputimes, values)  # without namedtuple's Python __new__
    fields = _scputimes_fields(len(values))
    cls = _other_shapes.get(fields)
    if cls is None:
        cls = _other_shapes[fields] = namedtuple("scputimes", fields)
    return cls(*values)
