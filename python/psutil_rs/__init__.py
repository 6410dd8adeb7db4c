"""psutil_rs: a drop-in for psutil 7 on Linux, built on the psutil-rs Rust core.

``import psutil_rs as psutil`` and existing psutil code works. All work happens in the
native module ``psutil_rs._native``; this package gives it psutil's shape: functions with
psutil's signatures, named tuples, exceptions and constants.
"""

import sys as _sys

from . import _native
from . import _ntuples as ntp
from ._common import (  # noqa: F401
    AccessDenied,
    Error,
    NoSuchProcess,
    TimeoutExpired,
    ZombieProcess,
    CONN_CLOSE, CONN_CLOSE_WAIT, CONN_CLOSING, CONN_ESTABLISHED, CONN_FIN_WAIT1,
    CONN_FIN_WAIT2, CONN_LAST_ACK, CONN_LISTEN, CONN_NONE, CONN_SYN_RECV, CONN_SYN_SENT,
    CONN_TIME_WAIT,
    NIC_DUPLEX_FULL, NIC_DUPLEX_HALF, NIC_DUPLEX_UNKNOWN,
    POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED,
    STATUS_DEAD, STATUS_DISK_SLEEP, STATUS_IDLE, STATUS_LOCKED, STATUS_PARKED,
    STATUS_RUNNING, STATUS_SLEEPING, STATUS_STOPPED, STATUS_TRACING_STOP, STATUS_WAITING,
    STATUS_WAKING, STATUS_ZOMBIE,
)

__version__ = "7.2.2"
version_info = (7, 2, 2)

#: The directory read as /proc; writable, honoured by every call (psutil's PROCFS_PATH).
PROCFS_PATH = "/proc"

POSIX = True
LINUX = _sys.platform.startswith("linux")
WINDOWS = MACOS = OSX = FREEBSD = OPENBSD = NETBSD = BSD = SUNOS = AIX = False


def _procfs():
    return _sys.modules[__name__].PROCFS_PATH


def virtual_memory():
    """System memory statistics in bytes (``svmem``), from /proc/meminfo."""
    return ntp.svmem(*_native.virtual_memory(_procfs()))


def swap_memory():
    """Swap statistics in bytes (``sswap``), from /proc/meminfo and /proc/vmstat."""
    return ntp.sswap(*_native.swap_memory(_procfs()))


def boot_time():
    """System boot time in seconds since the epoch, from /proc/stat ``btime``."""
    return _native.boot_time(_procfs())
