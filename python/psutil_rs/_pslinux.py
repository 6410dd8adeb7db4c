"""Linux specifics that psutil keeps in ``psutil._pslinux``.

``scputimes`` has as many fields as the running kernel's ``/proc/stat`` ``cpu`` line has
columns (decided once, at import, as psutil does), so it lives here, where pickle finds
it. ``AddressFamily``/``AF_LINK`` is psutil's alias of ``AF_PACKET`` for MAC addresses.
"""

import enum
import socket
from collections import namedtuple

from . import _native
from . import _ntuples as ntp

_BASE_FIELDS = ("user", "nice", "system", "idle", "iowait", "irq", "softirq")
_OPTIONAL_FIELDS = ("steal", "guest", "guest_nice")

AddressFamily = enum.IntEnum("AddressFamily", {"AF_LINK": int(socket.AF_PACKET)})
AF_LINK = AddressFamily.AF_LINK


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
        return scputimes(*values)
    fields = _scputimes_fields(len(values))
    cls = _other_shapes.get(fields)
    if cls is None:
        cls = _other_shapes[fields] = namedtuple("scputimes", fields)
    return cls(*values)
