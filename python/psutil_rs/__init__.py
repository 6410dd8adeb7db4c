"""psutil_rs: a drop-in for psutil 7 on Linux, built on the psutil-rs Rust core.

``import psutil_rs as psutil`` and existing psutil code works. All work happens in the
native module ``psutil_rs._native``; this package gives it psutil's shape: functions with
psutil's signatures, named tuples, exceptions and constants.
"""

import errno as _errno
import functools as _functools
import operator as _operator
import os as _os
import socket as _socket
import sys as _sys
import time as _time

from . import _checks
from . import _common
from . import _native
from . import _ntuples as _ntp
from . import _pslinux
from ._common import NicDuplex as _NicDuplex
from ._pslinux import AF_LINK  # noqa: F401
from ._pslinux import (  # noqa: F401
    IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE, IOPRIO_CLASS_NONE, IOPRIO_CLASS_RT,
)
from ._common import BatteryTime as _BatteryTime
from ._process import Process  # noqa: F401
from ._popen import Popen, wait_procs  # noqa: F401
from ._process_iter import process_iter  # noqa: F401
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

# psutil's names that this package does not have yet; tests/python/test_contracts.py
# tracks them.
_NOT_YET = ()

# psutil 7.2.2's Linux __all__, in its order (duplicates included), minus _NOT_YET,
# plus install_as_psutil.
__all__ = [
    "Error", "NoSuchProcess", "ZombieProcess", "AccessDenied", "TimeoutExpired",
    "version_info", "__version__",
    "STATUS_RUNNING", "STATUS_IDLE", "STATUS_SLEEPING", "STATUS_DISK_SLEEP",
    "STATUS_STOPPED", "STATUS_TRACING_STOP", "STATUS_ZOMBIE", "STATUS_DEAD",
    "STATUS_WAKING", "STATUS_LOCKED", "STATUS_WAITING", "STATUS_LOCKED",
    "STATUS_PARKED",
    "CONN_ESTABLISHED", "CONN_SYN_SENT", "CONN_SYN_RECV", "CONN_FIN_WAIT1",
    "CONN_FIN_WAIT2", "CONN_TIME_WAIT", "CONN_CLOSE", "CONN_CLOSE_WAIT",
    "CONN_LAST_ACK", "CONN_LISTEN", "CONN_CLOSING", "CONN_NONE",
    "AF_LINK",
    "NIC_DUPLEX_FULL", "NIC_DUPLEX_HALF", "NIC_DUPLEX_UNKNOWN",
    "POWER_TIME_UNKNOWN", "POWER_TIME_UNLIMITED",
    "BSD", "FREEBSD", "LINUX", "NETBSD", "OPENBSD", "MACOS", "OSX", "POSIX",
    "SUNOS", "WINDOWS", "AIX",
    "Process", "Popen",
    "pid_exists", "pids", "process_iter", "wait_procs",
    "virtual_memory", "swap_memory",
    "cpu_times", "cpu_percent", "cpu_times_percent", "cpu_count", "cpu_stats",
    "net_io_counters", "net_connections", "net_if_addrs", "net_if_stats",
    "disk_io_counters", "disk_partitions", "disk_usage",
    "users", "boot_time",
    # psutil._pslinux.__extra__all__
    "PROCFS_PATH",
    "IOPRIO_CLASS_NONE", "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE",
    "CONN_ESTABLISHED", "CONN_SYN_SENT", "CONN_SYN_RECV", "CONN_FIN_WAIT1",
    "CONN_FIN_WAIT2", "CONN_TIME_WAIT", "CONN_CLOSE", "CONN_CLOSE_WAIT",
    "CONN_LAST_ACK", "CONN_LISTEN", "CONN_CLOSING",
    *_pslinux.RLIMIT_NAMES,
    "cpu_freq", "getloadavg",
    "sensors_temperatures", "sensors_fans", "sensors_battery",
    "heap_info", "heap_trim",
    "install_as_psutil",
]
__all__ = [n for n in __all__ if n not in _NOT_YET]

# RLIMIT_* and RLIM_INFINITY (Process.rlimit()'s resources), as psutil exports them.
globals().update(_pslinux.RLIMITS)

# Interned: the native getloadavg() knows it by identity (crates/psutil-py/src/cpu.rs).
#: The directory read as /proc; writable, honoured by every call (psutil's PROCFS_PATH).
PROCFS_PATH = _sys.intern("/proc")

# Builds a named tuple from a tuple of its values without the Python-level __new__
# that namedtuple generates (a frame per object); the native side gives the values in
# the fields' order and number.
_new = tuple.__new__

POSIX = True
LINUX = _sys.platform.startswith("linux")
WINDOWS = MACOS = OSX = FREEBSD = OPENBSD = NETBSD = BSD = SUNOS = AIX = False


def _procfs():
    path = PROCFS_PATH  # this module's attribute: its global
    # psutil formats it into f"{PROCFS_PATH}/stat", so any object works as its str().
    return path if isinstance(path, str) else f"{path}"


# (PROCFS_PATH, total) of the last virtual_memory() result, which
# Process.memory_percent() uses instead of reading meminfo again (psutil's
# _TOTAL_PHYMEM; psutil keeps it across PROCFS_PATH changes, this one does not).
_TOTAL_PHYMEM = None


def virtual_memory():
    """System memory statistics in bytes (``svmem``), from /proc/meminfo."""
    global _TOTAL_PHYMEM
    procfs = _procfs()
    ret = _new(_ntp.svmem, _native.virtual_memory(procfs))
    _TOTAL_PHYMEM = (procfs, ret.total)
    return ret


def swap_memory():
    """Swap statistics in bytes (``sswap``), from /proc/meminfo and /proc/vmstat."""
    return _new(_ntp.sswap, _native.swap_memory(_procfs()))


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


_SC_NPROCESSORS_ONLN = getattr(_os, "sysconf_names", {}).get("SC_NPROCESSORS_ONLN")


def cpu_count(logical=True):
    """The number of logical CPUs, or of physical cores when *logical* is false; None
    when undetermined."""
    if logical and PROCFS_PATH == "/proc" and _SC_NPROCESSORS_ONLN is not None:
        # psutil's own call (the same sysconf the native side makes, minus a layer),
        # with the name's number looked up once
        n = _os.sysconf(_SC_NPROCESSORS_ONLN)
        if n >= 1:
            return n
    return _native.cpu_count(_procfs(), bool(logical))


def cpu_stats():
    """Context switches, interrupts and soft interrupts since boot (``scpustats``)."""
    return _new(_ntp.scpustats, _native.cpu_stats(_procfs()))


def cpu_freq(percpu=False):
    """CPU frequency in MHz (``scpufreq``): the mean over CPUs, or a list per CPU when
    *percpu* is true; None when unknown."""
    procfs = _procfs()
    if percpu:
        return [_new(_ntp.scpufreq, f) for f in _native.cpu_freq_percpu(procfs)]
    f = _native.cpu_freq(procfs)
    return None if f is None else _new(_ntp.scpufreq, f)


# psutil's getloadavg() is os.getloadavg() itself, a builtin; this one is native too:
# sysinfo(2) as os.getloadavg() while PROCFS_PATH is /proc, else PROCFS_PATH/loadavg
# (it reads PROCFS_PATH from this module's globals, bound below).
getloadavg = _native.getloadavg
_native.bind_package(globals())


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
    return [_new(_ntp.sdiskpart, p) for p in _native.disk_partitions(_procfs(), bool(all))]


def disk_usage(path):
    """Space of the filesystem holding *path* (``sdiskusage``), from statvfs(2). *path*
    is anything ``os.statvfs`` takes: str, bytes, path-like or open file descriptor."""
    if isinstance(path, int):
        if not -2**31 <= path < 2**31:
            # os.statvfs's C int conversion
            raise OverflowError("fd is greater than maximum" if path > 0
                                else "fd is less than minimum")
        try:
            return _new(_ntp.sdiskusage, _native.disk_usage(b"/proc/self/fd/%d" % path))
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
    return _new(_ntp.sdiskusage, _native.disk_usage(raw))


def disk_io_counters(perdisk=False, nowrap=True):
    """Disk I/O counters (``sdiskio``) summed over whole disks, or a dict per device
    (partitions included) when *perdisk* is true; None / {} without any device.
    *nowrap* corrects counters that wrap around (see ``.cache_clear()``)."""
    rows = dict(_native.disk_io_counters_raw(_procfs(), bool(perdisk)))
    return _counters(rows, nowrap, "psutil.disk_io_counters", _ntp.sdiskio, perdisk)


def _counters(rows, nowrap, key, kind, per_name):
    # psutil's steps: nothing -> None / {}; the raw counters through wrap_numbers under
    # psutil's key (its cache then shows the same names and values as psutil's); then
    # per name, or summed
    if not rows:
        return {} if per_name else None
    if nowrap:
        rows = _common._wrap_int_tuples(rows, key)
    if per_name:
        # in place, as psutil: on the first call the dict is the one wrap_numbers keeps
        for name, values in rows.items():
            rows[name] = _new(kind, values)
        return rows
    return _new(kind, tuple(map(sum, zip(*rows.values()))))


disk_io_counters.cache_clear = _functools.partial(_common.wrap_numbers.cache_clear,
                                                  "psutil.disk_io_counters")
disk_io_counters.cache_clear.__doc__ = "Clears nowrap argument cache"


# --- network ---


def net_io_counters(pernic=False, nowrap=True):
    """Network I/O counters (``snetio``) summed over all interfaces, or a dict per
    interface when *pernic* is true; None / {} without any interface. *nowrap* corrects
    counters that wrap around (see ``.cache_clear()``)."""
    rows = dict(_native.net_io_counters_raw(_procfs()))
    return _counters(rows, nowrap, "psutil.net_io_counters", _ntp.snetio, pernic)


net_io_counters.cache_clear = _functools.partial(_common.wrap_numbers.cache_clear,
                                                 "psutil.net_io_counters")
net_io_counters.cache_clear.__doc__ = "Clears nowrap argument cache"


def _memoised_enum(enum, other):
    # enum(num), memoised (calling an enum is slow); other(num) for a number it lacks
    cache = {}

    def member(num):
        value = cache.get(num)
        if value is None:
            try:
                value = enum(num)
            except ValueError:
                value = other(num)
            cache[num] = value
        return value

    return member


# The AddressFamily and SocketKind members of numbers.
_family = _memoised_enum(_socket.AddressFamily,
                         lambda num: AF_LINK if num == AF_LINK else num)
_socktype = _memoised_enum(_socket.SocketKind, lambda num: num)


def net_if_addrs():
    """The addresses of each network interface: a dict of name -> list of
    ``snicaddr`` (IPv4, IPv6, then the MAC as ``AF_PACKET``), from getifaddrs(3)."""
    fam, cls = _family, _ntp.snicaddr
    return {name: [_new(cls, (fam(f), a, m, b, p)) for f, a, m, b, p in addrs]
            for name, addrs in _native.net_if_addrs()}


def net_if_stats():
    """State of each network interface of /proc/net/dev: a dict of name ->
    ``snicstats`` (isup, duplex, speed, mtu, flags)."""
    return {name: _ntp.snicstats(isup, _NicDuplex(duplex), speed, mtu, flags)
            for name, (isup, duplex, speed, mtu, flags) in _native.net_if_stats(_procfs())}


def _conn_addr(a):
    # (ip, port) -> addr; () (no address) and Unix paths (str) stay as they are
    return _new(_ntp.addr, a) if type(a) is tuple and a else a


def _connections(rows, cls):
    # The native rows of sockets (pconn's values, and sconn's pid) as cls, sconn or
    # pconn: family and type as enums, Internet addresses as addr.
    fam, kind, addr = _family, _socktype, _conn_addr
    n = len(cls._fields)
    return [_new(cls, (fd, fam(f), kind(t), addr(la), addr(ra), *rest)[:n])
            for fd, f, t, la, ra, *rest in rows]


def net_connections(kind="inet"):
    """System-wide sockets (``sconn``: fd, family, type, laddr, raddr, status, pid) of
    the given *kind*: inet (default), inet4, inet6, tcp, tcp4, tcp6, udp, udp4, udp6,
    unix or all. Sockets of processes this user may not inspect have ``fd=-1`` and
    ``pid=None``. Read through netlink sock_diag (as ``ss``), or ``PROCFS_PATH``/net/*
    when that is not /proc."""
    return _connections(_native.net_connections(_procfs(), _checks.conn_kind(kind)),
                        _ntp.sconn)


# --- sensors ---


def sensors_temperatures(fahrenheit=False):
    """Hardware temperatures (``shwtemp``: label, current, high, critical) per sensor
    chip, in Celsius or, with *fahrenheit*, Fahrenheit; from /sys/class/hwmon, else
    /sys/class/thermal. {} without sensors."""
    return {name: [_new(_ntp.shwtemp, t) for t in temps]
            for name, temps in _native.sensors_temperatures(bool(fahrenheit),
                                                            _pslinux._FAKE_ROOT)}


def sensors_fans():
    """Fan speeds in RPM (``sfan``: label, current) per chip, from /sys/class/hwmon.
    {} without fans."""
    return {name: [_new(_ntp.sfan, f) for f in fans]
            for name, fans in _native.sensors_fans(_pslinux._FAKE_ROOT)}


def _secsleft(secs):
    return _BatteryTime(secs) if secs < 0 else secs


def sensors_battery():
    """Battery status (``sbattery``: percent, secsleft, power_plugged) from
    /sys/class/power_supply; None without a battery. *secsleft* is
    ``POWER_TIME_UNLIMITED`` when plugged in, ``POWER_TIME_UNKNOWN`` when it cannot be
    estimated."""
    b = _native.sensors_battery(_pslinux._FAKE_ROOT)
    if b is None:
        return None
    percent, secsleft, plugged = b
    return _ntp.sbattery(percent, _secsleft(secsleft), plugged)


# --- other system functions ---


def users():
    """Users logged in (``suser``: name, terminal, host, started, pid), from the
    USER_PROCESS records of /run/utmp.

    Beyond psutil: where there is no utmp file (systemd built without utmp, as on
    Debian 13), psutil returns [] (psutil issue #2597); this reads systemd-logind's
    session files, /run/systemd/sessions/<id>, instead. Sessions of class ``user``
    that are not closing are reported, by start time: *name* from USER=, *terminal*
    from TTY= (None when logind has none, as for most SSH sessions), *host* from
    REMOTE_HOST= ('localhost' for a local session, psutil's rule for an empty
    ut_host), *started* from REALTIME= (with its microseconds), *pid* from LEADER=.
    [] when neither exists."""
    return [_new(_ntp.suser, u) for u in _native.users(_pslinux._FAKE_ROOT)]


# --- processes (the system-wide part) ---


def pids():
    """The pids of all processes, sorted (the numeric entries of ``PROCFS_PATH``)."""
    return _native.pids(_procfs())


_PID_T_MAX = 2**31 - 1
_LONG_MAX = 2**63 - 1


def pid_exists(pid):
    """Whether a process with this pid exists: kill(pid, 0), then its
    /proc/<pid>/status Tgid must be the pid (a thread id is not a process). Negative
    pids and 0 are False."""
    if pid < 0:
        return False
    if pid == 0:
        # kill(0, ...) means "my process group": psutil asks the process list instead
        return pid in pids()
    # os.kill's argument conversion, with its errors (psutil calls os.kill here)
    pid = _operator.index(pid)
    if pid > _LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")
    if pid > _PID_T_MAX:
        raise OverflowError("signed integer is greater than maximum")
    return _native.pid_exists(_procfs(), pid)


# --- the C heap (glibc) ---

if hasattr(_native, "heap_info"):

    def heap_info():
        """This process's C heap (glibc mallinfo2): ``pheap(heap_used, mmap_used)``,
        the bytes in use from the malloc arenas and in mmap-ed blocks."""
        return _new(_ntp.pheap, _native.heap_info())

    def heap_trim():
        """Asks glibc to give unused heap memory back to the system (malloc_trim(0)).
        Mostly useful before measuring ``heap_info()`` in leak tests."""
        _native.heap_trim()
else:  # pragma: no cover  (musl: psutil has neither)
    __all__ = [n for n in __all__ if n not in ("heap_info", "heap_trim")]


# --- psutil's private names that programs and psutil's own tests reach for ---

import os  # noqa: E402  (psutil.os: psutil imports os at its top level)
import pwd  # noqa: E402  (psutil.pwd, likewise on POSIX)

from . import _psposix  # noqa: E402,F401

#: process_iter()'s cache of instances by pid (psutil's name; rebinding it empties it).
_pmap = {}

#: psutil's name for the running platform's module (``psutil._pslinux`` here).
_psplatform = _pslinux


def _cpu_busy_time(times):
    """The busy part of a ``cpu_times()`` tuple: everything but idle and iowait, with
    guest and guest_nice left out (the kernel counts them in user and nice already)."""
    fields = times._asdict()
    not_busy = ("idle", "iowait", "guest", "guest_nice")
    return sum(value for field, value in fields.items() if field not in not_busy)


def _set_debug(value):
    """Turns psutil's debug messages (``psutil._common.debug``, to stderr) on or off."""
    from . import _common
    _common.PSUTIL_DEBUG = bool(value)


# --- running as psutil ---


def install_as_psutil():
    """Makes ``import psutil`` give this package: registers it as ``psutil`` in
    ``sys.modules``, with ``psutil._common``, ``psutil._ntuples`` and
    ``psutil._pslinux`` (``from psutil._common import bytes2human`` works). Call it
    before anything imports psutil: modules that already did keep the one they got.
    Returns the package."""
    this = _sys.modules[__name__]
    _sys.modules["psutil"] = this
    for sub in ("_common", "_ntuples", "_pslinux", "_psposix"):
        _sys.modules["psutil." + sub] = _sys.modules[f"{__name__}.{sub}"]
    return this
