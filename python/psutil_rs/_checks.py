"""psutil 7.2.2's checks of arguments, in its order, with its messages and exception
types: those of ``Process``'s methods, and those the package's functions share with
them (connection kinds, memory percentages, ``wait_procs()``'s). Each returns the
argument as it is passed on, or raises.
"""

import errno
import operator
import os

from ._common import NoSuchProcess
from ._pslinux import IOPriority

_PID_T_MAX = 2**31 - 1

# psutil's valid connection kinds, in the order its error message lists them.
CONN_KINDS = ("all", "tcp", "tcp4", "udp", "udp4", "inet", "inet4", "inet6", "tcp6",
              "udp6", "unix")


def _c_int(v):
    # whether an int fits a C int
    return -2**31 <= v < 2**31


def _einval():
    # the kernel's answer to a number it does not take
    return OSError(errno.EINVAL, os.strerror(errno.EINVAL))


def pid(pid):
    """A pid argument: the comparison refuses what is not a number, operator.index
    what is not an integer; NoSuchProcess beyond pid_t, and for a bool (psutil looks
    for /proc/True)."""
    if pid < 0:
        raise ValueError(f"pid must be a positive integer (got {pid})")
    too_big = operator.index(pid) > _PID_T_MAX
    if too_big or isinstance(pid, bool):
        msg = "process PID out of range" if too_big else "process PID not found"
        raise NoSuchProcess(pid, msg=msg)
    return pid


def nice(value):
    """``nice(value)``: setpriority(2) clamps a C int to -20..19 (psutil passes any C
    int through; other values fail in the native conversion)."""
    if isinstance(value, int) and _c_int(value):
        return min(max(value, -20), 19)
    return value


def ionice(ioclass, value):
    """``ionice(ioclass, value)`` when setting: (class, value) as ioprio_set(2) gets
    them, after psutil's checks and its C call's int conversion."""
    if value is None:
        value = 0
    if value and ioclass in (IOPriority.IOPRIO_CLASS_IDLE, IOPriority.IOPRIO_CLASS_NONE):
        raise ValueError(f"{ioclass!r} ioclass accepts no value")
    if value < 0 or value > 7:
        raise ValueError("value not in 0-7 range")
    for v in (ioclass, value):
        if not isinstance(v, int):
            raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
        if not _c_int(v):
            raise OverflowError("signed integer is greater than maximum")
    if not 0 <= ioclass <= 3:
        raise _einval()
    return int(ioclass), value


def rlimit(limits):
    """``rlimit(resource, limits)``: the (soft, hard) pair."""
    if len(limits) != 2:
        raise ValueError(f"second argument must be a (soft, hard) tuple, got {limits!r}")
    soft, hard = limits
    return soft, hard


def cpu_affinity(cpus, eligible):
    """``cpu_affinity(cpus)``: the CPUs, each once (``eligible()`` for an empty list,
    and in the message for a negative CPU)."""
    if not cpus:
        cpus = eligible()
    for cpu in cpus:
        if isinstance(cpu, int) and cpu < 0:
            raise ValueError(f"invalid CPU {cpu!r}; choose between {eligible()!r}")
    return list(set(cpus))


def interval(interval):
    """``cpu_percent(interval)``: whether it blocks."""
    if interval is not None and interval < 0:
        raise ValueError(f"interval is not positive (got {interval!r})")
    return interval is not None and interval > 0.0


def memtype(memtype, valid):
    """``memory_percent(memtype)``: one of *valid*, the fields of pfullmem."""
    if memtype not in valid:
        raise ValueError(f"invalid memtype {memtype!r}; valid types are {tuple(valid)!r}")
    return memtype


def memory_percent(value, total):
    """*value* bytes as a percentage of *total* physical memory, which must be
    positive (``Process.memory_percent()`` and ``process_iter(["memory_percent"])``)."""
    if not total > 0:
        raise ValueError("can't calculate process memory percent because total "
                         f"physical system memory is not positive ({total!r})")
    return (value / float(total)) * 100


def conn_kind(kind):
    """A connection kind (``net_connections(kind)``), as psutil's own str."""
    for k in CONN_KINDS:
        if kind == k:
            return k
    raise ValueError(f"invalid kind argument {kind!r}; valid ones are: {CONN_KINDS}")


def signal(sig):
    """``send_signal(sig)``: psutil passes a C long, and the kernel refuses a signal
    number beyond a C int."""
    if isinstance(sig, int) and -2**63 <= sig < 2**63 and not _c_int(sig):
        raise _einval()
    return sig


def wait_timeout(timeout):
    """``wait(timeout)``: None, or a number of seconds >= 0."""
    if timeout is not None:
        if not isinstance(timeout, (int, float)):
            raise TypeError(f"timeout must be an int or float (got {type(timeout)})")
        if timeout < 0:
            raise ValueError(f"timeout must be positive or zero (got {timeout})")
    return timeout


def poll_timeout(timeout):
    """``wait(timeout)`` when there is something to wait for: what psutil 7.2.2's
    wait_pid does with the timeout: it asserts timeout >= 0 (False for NaN), then polls
    a pidfd for int(timeout * 1000) ms, which select.poll refuses above INT_MAX (and
    int() for infinity)."""
    if timeout is not None:
        if timeout != timeout:
            raise AssertionError
        if timeout * 1000 > 2**31 - 1:
            raise OverflowError("timeout is too large")
    return timeout


def wait_procs(timeout, callback):
    """``wait_procs(procs, timeout, callback)``'s timeout and callback."""
    if timeout is not None and not timeout >= 0:
        raise ValueError(f"timeout must be a positive integer, got {timeout}")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback {callback!r} is not a callable")
    return timeout, callback
