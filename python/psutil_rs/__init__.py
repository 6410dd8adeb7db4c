"""psutil_rs: a drop-in for psutil 7 on Linux, built on the psutil-rs Rust core.

``import psutil_rs as psutil`` and existing psutil code works. All work happens in the
native module ``psutil_rs._native``; this package gives it psutil's shape: functions with
psutil's signatures, named tuples, exceptions and constants.
"""

import errno as _errno
import os as _os
import socket as _socket
import sys as _sys
import time as _time

from . import _native
from . import _ntuples as ntp
from . import _pslinux
from ._common import NicDuplex as _NicDuplex
from ._pslinux import AF_LINK  # noqa: F401
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
    path = _sys.modules[__name__].PROCFS_PATH
    # psutil formats it into f"{PROCFS_PATH}/stat", so any object works as its str().
    return path if isinstance(path, str) else f"{path}"


def virtual_memory():
    """System memory statistics in bytes (``svmem``), from /proc/meminfo."""
    return ntp.svmem(*_native.virtual_memory(_procfs()))


def swap_memory():
    """Swap statistics in bytes (``sswap``), from /proc/meminfo and /proc/vmstat."""
    return ntp.sswap(*_native.swap_memory(_procfs()))


def boot_time():
    """System boot time in seconds since the epoch, from /proc/stat ``btime``."""
    return _native.boot_time(_procfs())


# --- CPU ---


def cpu_times(percpu=False):
    """System-wide CPU times in seconds (``scputimes``), from /proc/stat; a list with one
    entry per CPU when *percpu* is true."""
    procfs = _procfs()
    if not percpu:
        return _pslinux.make_scputimes(_native.cpu_times(procfs))
    return [_pslinux.make_scputimes(t) for t in _native.cpu_times_percpu(procfs)]


def _check_interval(interval, text):
    blocking = interval is not None and interval > 0.0
    if interval is not None and interval < 0:
        raise ValueError(f"interval is not positive (got {text(interval)})")
    return blocking


def cpu_percent(interval=None, percpu=False):
    """System-wide CPU utilisation in percent. With *interval* > 0, blocks that long and
    compares; otherwise compares with the previous call made by this thread (or the
    import, for the main thread). A list per CPU when *percpu* is true."""
    blocking = _check_interval(interval, str)
    sample = _native.cpu_percent_percpu if percpu else _native.cpu_percent
    procfs = _procfs()
    if blocking:
        sample(procfs)  # this thread's baseline becomes "now"
        _time.sleep(interval)
    return sample(procfs)


def cpu_times_percent(interval=None, percpu=False):
    """The share of each CPU mode in percent (``scputimes`` of percentages); *interval*
    and *percpu* as in ``cpu_percent()``, with baselines of its own."""
    blocking = _check_interval(interval, repr)
    procfs = _procfs()
    sample = _native.cpu_times_percent_percpu if percpu else _native.cpu_times_percent
    if blocking:
        sample(procfs)
        _time.sleep(interval)
    if percpu:
        return [_pslinux.make_scputimes(t) for t in sample(procfs)]
    return _pslinux.make_scputimes(sample(procfs))


def cpu_count(logical=True):
    """The number of logical CPUs, or of physical cores when *logical* is false; None
    when undetermined."""
    return _native.cpu_count(_procfs(), bool(logical))


def cpu_stats():
    """Context switches, interrupts and soft interrupts since boot (``scpustats``)."""
    return ntp.scpustats(*_native.cpu_stats(_procfs()))


def cpu_freq(percpu=False):
    """CPU frequency in MHz (``scpufreq``): the mean over CPUs, or a list per CPU when
    *percpu* is true; None when unknown."""
    procfs = _procfs()
    if percpu:
        return [ntp.scpufreq(*f) for f in _native.cpu_freq_percpu(procfs)]
    f = _native.cpu_freq(procfs)
    return None if f is None else ntp.scpufreq(*f)


def getloadavg():
    """The 1, 5 and 15 minute load averages, as ``os.getloadavg()``."""
    return _native.getloadavg(_procfs())


# The importing thread's baselines, so that its first cpu_percent() measures the time
# since import, as psutil's do.
for _seed in (_native.cpu_percent, _native.cpu_percent_percpu,
              _native.cpu_times_percent, _native.cpu_times_percent_percpu):
    try:
        _seed(_procfs())
    except Exception:  # noqa: BLE001  (never fail at import, as psutil)
        pass
del _seed


# --- disks ---


def disk_partitions(all=False):
    """Mounted filesystems (``sdiskpart``); physical devices only unless *all*."""
    return [ntp.sdiskpart(*p) for p in _native.disk_partitions(_procfs(), bool(all))]


def disk_usage(path):
    """Space of the filesystem holding *path* (``sdiskusage``), from statvfs(2). *path*
    is anything ``os.statvfs`` takes: str, bytes, path-like or open file descriptor."""
    if isinstance(path, int):
        try:
            return ntp.sdiskusage(*_native.disk_usage(b"/proc/self/fd/%d" % path))
        except FileNotFoundError:
            # not an open descriptor; CPython's statvfs takes -1 for "no path" (EFAULT)
            code = _errno.EFAULT if path == -1 else _errno.EBADF
            raise OSError(code, _os.strerror(code), path) from None
    try:
        path = _os.fspath(path)
    except TypeError:
        raise TypeError("statvfs: path should be string, bytes, os.PathLike or integer, "
                        f"not {type(path).__name__}") from None
    raw = _os.fsencode(path)
    if b"\0" in raw:
        # os.statvfs's two messages
        raise ValueError("embedded null byte" if isinstance(path, str)
                         else "statvfs: embedded null character in path")
    return ntp.sdiskusage(*_native.disk_usage(raw))


def disk_io_counters(perdisk=False, nowrap=True):
    """Disk I/O counters (``sdiskio``) summed over whole disks, or a dict per device
    (partitions included) when *perdisk* is true; None / {} without any device.
    *nowrap* corrects counters that wrap around (see ``.cache_clear()``)."""
    procfs = _procfs()
    if perdisk:
        return {name: ntp.sdiskio(*v)
                for name, v in _native.disk_io_counters_perdisk(procfs, bool(nowrap))}
    v = _native.disk_io_counters(procfs, bool(nowrap))
    return None if v is None else ntp.sdiskio(*v)


def _disk_io_counters_cache_clear():
    """Clears nowrap argument cache"""
    _native.disk_io_counters_cache_clear()


disk_io_counters.cache_clear = _disk_io_counters_cache_clear


# --- network ---


def net_io_counters(pernic=False, nowrap=True):
    """Network I/O counters (``snetio``) summed over all interfaces, or a dict per
    interface when *pernic* is true; None / {} without any interface. *nowrap* corrects
    counters that wrap around (see ``.cache_clear()``)."""
    procfs = _procfs()
    if not pernic and nowrap:
        v = _native.net_io_counters(procfs)
        return None if v is None else ntp.snetio(*v)
    per = _native.net_io_counters_pernic(procfs, bool(nowrap))
    if pernic:
        return {name: ntp.snetio(*v) for name, v in per}
    if not per:
        return None
    return ntp.snetio(*(sum(col) for col in zip(*(v for _, v in per))))


def _net_io_counters_cache_clear():
    """Clears nowrap argument cache"""
    _native.net_io_counters_cache_clear()


net_io_counters.cache_clear = _net_io_counters_cache_clear


def _family(num):
    try:
        return _socket.AddressFamily(num)
    except ValueError:
        return AF_LINK if num == AF_LINK else num


def net_if_addrs():
    """The addresses of each network interface: a dict of name -> list of
    ``snicaddr`` (IPv4, IPv6, then the MAC as ``AF_PACKET``), from getifaddrs(3)."""
    return {name: [ntp.snicaddr(_family(fam), *rest) for fam, *rest in addrs]
            for name, addrs in _native.net_if_addrs()}


def net_if_stats():
    """State of each network interface of /proc/net/dev: a dict of name ->
    ``snicstats`` (isup, duplex, speed, mtu, flags)."""
    return {name: ntp.snicstats(isup, _NicDuplex(duplex), speed, mtu, flags)
            for name, (isup, duplex, speed, mtu, flags) in _native.net_if_stats(_procfs())}
