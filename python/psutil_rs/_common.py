"""Exceptions, enums, constants and helpers shared by the package.

This mirrors the public parts of psutil's ``psutil._common`` (psutil 7.2.2): the
exception hierarchy with the same attributes, ``str()``/``repr()`` text and pickling;
the status and connection constants; the enums; and helpers such as ``bytes2human``
that scripts import from ``psutil._common``.
"""

import enum
import socket

__all__ = [
    "Error", "NoSuchProcess", "ZombieProcess", "AccessDenied", "TimeoutExpired",
    "NicDuplex", "BatteryTime", "bytes2human", "usage_percent",
]

# --- process status (Process.status()) ---
STATUS_RUNNING = "running"
STATUS_SLEEPING = "sleeping"
STATUS_DISK_SLEEP = "disk-sleep"
STATUS_STOPPED = "stopped"
STATUS_TRACING_STOP = "tracing-stop"
STATUS_ZOMBIE = "zombie"
STATUS_DEAD = "dead"
STATUS_WAKE_KILL = "wake-kill"
STATUS_WAKING = "waking"
STATUS_IDLE = "idle"
STATUS_LOCKED = "locked"
STATUS_WAITING = "waiting"
STATUS_SUSPENDED = "suspended"
STATUS_PARKED = "parked"

# --- connection status ---
CONN_ESTABLISHED = "ESTABLISHED"
CONN_SYN_SENT = "SYN_SENT"
CONN_SYN_RECV = "SYN_RECV"
CONN_FIN_WAIT1 = "FIN_WAIT1"
CONN_FIN_WAIT2 = "FIN_WAIT2"
CONN_TIME_WAIT = "TIME_WAIT"
CONN_CLOSE = "CLOSE"
CONN_CLOSE_WAIT = "CLOSE_WAIT"
CONN_LAST_ACK = "LAST_ACK"
CONN_LISTEN = "LISTEN"
CONN_CLOSING = "CLOSING"
CONN_NONE = "NONE"


class NicDuplex(enum.IntEnum):
    """Duplex of a network interface (``net_if_stats()``)."""

    NIC_DUPLEX_FULL = 2
    NIC_DUPLEX_HALF = 1
    NIC_DUPLEX_UNKNOWN = 0


NIC_DUPLEX_FULL = NicDuplex.NIC_DUPLEX_FULL
NIC_DUPLEX_HALF = NicDuplex.NIC_DUPLEX_HALF
NIC_DUPLEX_UNKNOWN = NicDuplex.NIC_DUPLEX_UNKNOWN


class BatteryTime(enum.IntEnum):
    """Sentinels of ``sensors_battery().secsleft``."""

    POWER_TIME_UNKNOWN = -1
    POWER_TIME_UNLIMITED = -2


POWER_TIME_UNKNOWN = BatteryTime.POWER_TIME_UNKNOWN
POWER_TIME_UNLIMITED = BatteryTime.POWER_TIME_UNLIMITED

AF_INET6 = getattr(socket, "AF_INET6", None)
AF_UNIX = getattr(socket, "AF_UNIX", None)


# --- exceptions ---


class Error(Exception):
    """Base class of every exception this package raises."""

    __module__ = "psutil_rs"

    def _infodict(self, attrs):
        info = {}
        for name in attrs:
            value = getattr(self, name, None)
            if value or (name == "pid" and value == 0):
                info[name] = value
        return info

    def __str__(self):
        info = self._infodict(("pid", "ppid", "name"))
        details = None
        if info:
            details = "(" + ", ".join(f"{k}={v!r}" for k, v in info.items()) + ")"
        return " ".join(x for x in (getattr(self, "msg", ""), details) if x)

    def __repr__(self):
        info = self._infodict(("pid", "ppid", "name", "seconds", "msg"))
        details = ", ".join(f"{k}={v!r}" for k, v in info.items())
        # The same text as psutil's, so logs and tests that match on it keep working.
        return f"psutil.{type(self).__name__}({details})"


class NoSuchProcess(Error):
    """The process does not exist, or no longer exists."""

    __module__ = "psutil_rs"

    def __init__(self, pid, name=None, msg=None):
        Error.__init__(self)
        self.pid = pid
        self.name = name
        self.msg = msg or "process no longer exists"

    def __reduce__(self):
        return (self.__class__, (self.pid, self.name, self.msg))


class ZombieProcess(NoSuchProcess):
    """The process is a zombie: it exists, but most of its data is gone."""

    __module__ = "psutil_rs"

    def __init__(self, pid, name=None, ppid=None, msg=None):
        NoSuchProcess.__init__(self, pid, name, msg)
        self.ppid = ppid
        self.msg = msg or "PID still exists but it's a zombie"

    def __reduce__(self):
        return (self.__class__, (self.pid, self.name, self.ppid, self.msg))


class AccessDenied(Error):
    """The operating system refused the operation."""

    __module__ = "psutil_rs"

    def __init__(self, pid=None, name=None, msg=None):
        Error.__init__(self)
        self.pid = pid
        self.name = name
        self.msg = msg or ""

    def __reduce__(self):
        return (self.__class__, (self.pid, self.name, self.msg))


class TimeoutExpired(Error):
    """``Process.wait(timeout)`` ran out of time with the process still alive."""

    __module__ = "psutil_rs"

    def __init__(self, seconds, pid=None, name=None):
        Error.__init__(self)
        self.seconds = seconds
        self.pid = pid
        self.name = name
        self.msg = f"timeout after {seconds} seconds"

    def __reduce__(self):
        return (self.__class__, (self.seconds, self.pid, self.name))


# --- helpers scripts import from psutil._common ---


def usage_percent(used, total, round_=None):
    """``used / total * 100``, 0.0 when ``total`` is 0, optionally rounded."""
    try:
        ret = (float(used) / total) * 100
    except ZeroDivisionError:
        return 0.0
    if round_ is not None:
        ret = round(ret, round_)
    return ret


def bytes2human(n, format="%(value).1f%(symbol)s"):
    """Human-readable size with binary prefixes: ``bytes2human(10000) == '9.8K'``."""
    symbols = ("B", "K", "M", "G", "T", "P", "E", "Z", "Y")
    prefix = {}
    for i, s in enumerate(symbols[1:]):
        prefix[s] = 1 << (i + 1) * 10
    for symbol in reversed(symbols[1:]):
        if abs(n) >= prefix[symbol]:
            value = float(n) / prefix[symbol]
            return format % locals()
    return format % dict(symbol=symbols[0], value=n)
