# Typed view of psutil_rs, the drop-in for psutil 7 (psutil's public API on Linux).

import os
from typing import Any, Callable, Literal, Optional, Union, overload

from ._common import (
    CONN_CLOSE as CONN_CLOSE,
    CONN_CLOSE_WAIT as CONN_CLOSE_WAIT,
    CONN_CLOSING as CONN_CLOSING,
    CONN_ESTABLISHED as CONN_ESTABLISHED,
    CONN_FIN_WAIT1 as CONN_FIN_WAIT1,
    CONN_FIN_WAIT2 as CONN_FIN_WAIT2,
    CONN_LAST_ACK as CONN_LAST_ACK,
    CONN_LISTEN as CONN_LISTEN,
    CONN_NONE as CONN_NONE,
    CONN_SYN_RECV as CONN_SYN_RECV,
    CONN_SYN_SENT as CONN_SYN_SENT,
    CONN_TIME_WAIT as CONN_TIME_WAIT,
    NIC_DUPLEX_FULL as NIC_DUPLEX_FULL,
    NIC_DUPLEX_HALF as NIC_DUPLEX_HALF,
    NIC_DUPLEX_UNKNOWN as NIC_DUPLEX_UNKNOWN,
    POWER_TIME_UNKNOWN as POWER_TIME_UNKNOWN,
    POWER_TIME_UNLIMITED as POWER_TIME_UNLIMITED,
    STATUS_DEAD as STATUS_DEAD,
    STATUS_DISK_SLEEP as STATUS_DISK_SLEEP,
    STATUS_IDLE as STATUS_IDLE,
    STATUS_LOCKED as STATUS_LOCKED,
    STATUS_PARKED as STATUS_PARKED,
    STATUS_RUNNING as STATUS_RUNNING,
    STATUS_SLEEPING as STATUS_SLEEPING,
    STATUS_STOPPED as STATUS_STOPPED,
    STATUS_TRACING_STOP as STATUS_TRACING_STOP,
    STATUS_WAITING as STATUS_WAITING,
    STATUS_WAKING as STATUS_WAKING,
    STATUS_ZOMBIE as STATUS_ZOMBIE,
    AccessDenied as AccessDenied,
    Error as Error,
    NoSuchProcess as NoSuchProcess,
    TimeoutExpired as TimeoutExpired,
    ZombieProcess as ZombieProcess,
)
from ._ntuples import (
    pheap,
    sbattery,
    sconn,
    scpufreq,
    scpustats,
    sdiskio,
    sdiskpart,
    sdiskusage,
    sfan,
    shwtemp,
    snetio,
    snicaddr,
    snicstats,
    sswap,
    suser,
    svmem,
)
from ._popen import Popen as Popen
from ._popen import wait_procs as wait_procs
from ._process import Process as Process
from ._process_iter import process_iter as process_iter
from ._pslinux import AF_LINK as AF_LINK
from ._pslinux import IOPRIO_CLASS_BE as IOPRIO_CLASS_BE
from ._pslinux import IOPRIO_CLASS_IDLE as IOPRIO_CLASS_IDLE
from ._pslinux import IOPRIO_CLASS_NONE as IOPRIO_CLASS_NONE
from ._pslinux import IOPRIO_CLASS_RT as IOPRIO_CLASS_RT
from ._pslinux import scputimes

# psutil's __all__ (minus _NOT_YET, now empty), plus install_as_psutil
__all__ = [
    "Error", "NoSuchProcess", "ZombieProcess", "AccessDenied", "TimeoutExpired",
    "version_info", "__version__", "STATUS_RUNNING", "STATUS_IDLE", "STATUS_SLEEPING",
    "STATUS_DISK_SLEEP", "STATUS_STOPPED", "STATUS_TRACING_STOP", "STATUS_ZOMBIE",
    "STATUS_DEAD", "STATUS_WAKING", "STATUS_LOCKED", "STATUS_WAITING", "STATUS_PARKED",
    "CONN_ESTABLISHED", "CONN_SYN_SENT", "CONN_SYN_RECV", "CONN_FIN_WAIT1",
    "CONN_FIN_WAIT2", "CONN_TIME_WAIT", "CONN_CLOSE", "CONN_CLOSE_WAIT",
    "CONN_LAST_ACK", "CONN_LISTEN", "CONN_CLOSING", "CONN_NONE", "AF_LINK",
    "NIC_DUPLEX_FULL", "NIC_DUPLEX_HALF", "NIC_DUPLEX_UNKNOWN", "POWER_TIME_UNKNOWN",
    "POWER_TIME_UNLIMITED", "BSD", "FREEBSD", "LINUX", "NETBSD", "OPENBSD", "MACOS",
    "OSX", "POSIX", "SUNOS", "WINDOWS", "AIX", "Process", "Popen", "pid_exists", "pids",
    "process_iter", "wait_procs", "virtual_memory",
    "swap_memory", "cpu_times", "cpu_percent", "cpu_times_percent", "cpu_count",
    "cpu_stats", "net_io_counters", "net_connections", "net_if_addrs", "net_if_stats",
    "disk_io_counters", "disk_partitions", "disk_usage", "users", "boot_time",
    "PROCFS_PATH", "IOPRIO_CLASS_NONE", "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE",
    "IOPRIO_CLASS_IDLE", "RLIMIT_AS", "RLIMIT_CORE", "RLIMIT_CPU", "RLIMIT_DATA",
    "RLIMIT_FSIZE", "RLIMIT_LOCKS", "RLIMIT_MEMLOCK", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
    "RLIMIT_NOFILE", "RLIMIT_NPROC", "RLIMIT_RSS", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    "RLIMIT_SIGPENDING", "RLIMIT_STACK", "RLIM_INFINITY", "cpu_freq", "getloadavg",
    "sensors_temperatures", "sensors_fans", "sensors_battery", "heap_info", "heap_trim",
    "install_as_psutil"
]
_NOT_YET: tuple[str, ...]
__version__: str
version_info: tuple[int, int, int]

PROCFS_PATH: str
POSIX: bool
LINUX: bool
WINDOWS: bool
MACOS: bool
OSX: bool
FREEBSD: bool
OPENBSD: bool
NETBSD: bool
BSD: bool
SUNOS: bool
AIX: bool

RLIMIT_AS: int
RLIMIT_CORE: int
RLIMIT_CPU: int
RLIMIT_DATA: int
RLIMIT_FSIZE: int
RLIMIT_LOCKS: int
RLIMIT_MEMLOCK: int
RLIMIT_MSGQUEUE: int
RLIMIT_NICE: int
RLIMIT_NOFILE: int
RLIMIT_NPROC: int
RLIMIT_RSS: int
RLIMIT_RTPRIO: int
RLIMIT_RTTIME: int
RLIMIT_SIGPENDING: int
RLIMIT_STACK: int
RLIM_INFINITY: int

_Kind = Literal["inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6",
                "unix", "all"]

class _CacheClearing:
    # a function with psutil's nowrap cache-clearing attribute
    cache_clear: Callable[[], None]

# memory, boot
def virtual_memory() -> svmem: ...
def swap_memory() -> sswap: ...
def boot_time() -> float: ...

# cpu
@overload
def cpu_times(percpu: Literal[False] = False) -> scputimes: ...
@overload
def cpu_times(percpu: Literal[True]) -> list[scputimes]: ...
@overload
def cpu_times(percpu: bool) -> Union[scputimes, list[scputimes]]: ...
@overload
def cpu_percent(interval: Optional[float] = None, percpu: Literal[False] = False) -> float: ...
@overload
def cpu_percent(interval: Optional[float], percpu: Literal[True]) -> list[float]: ...
@overload
def cpu_percent(interval: Optional[float] = None, *, percpu: Literal[True]) -> list[float]: ...
@overload
def cpu_times_percent(interval: Optional[float] = None, percpu: Literal[False] = False) -> scputimes: ...
@overload
def cpu_times_percent(interval: Optional[float], percpu: Literal[True]) -> list[scputimes]: ...
@overload
def cpu_times_percent(interval: Optional[float] = None, *, percpu: Literal[True]) -> list[scputimes]: ...
def cpu_count(logical: bool = True) -> Optional[int]: ...
def cpu_stats() -> scpustats: ...
@overload
def cpu_freq(percpu: Literal[False] = False) -> Optional[scpufreq]: ...
@overload
def cpu_freq(percpu: Literal[True]) -> list[scpufreq]: ...
def getloadavg() -> tuple[float, float, float]: ...

# disks
def disk_partitions(all: bool = False) -> list[sdiskpart]: ...
def disk_usage(path: Union[int, str, bytes, os.PathLike[str], os.PathLike[bytes]]) -> sdiskusage: ...
def disk_io_counters(perdisk: bool = False, nowrap: bool = True) -> Any: ...

# network
def net_io_counters(pernic: bool = False, nowrap: bool = True) -> Any: ...
def net_connections(kind: _Kind = "inet") -> list[sconn]: ...
def net_if_addrs() -> dict[str, list[snicaddr]]: ...
def net_if_stats() -> dict[str, snicstats]: ...

# sensors
def sensors_temperatures(fahrenheit: bool = False) -> dict[str, list[shwtemp]]: ...
def sensors_fans() -> dict[str, list[sfan]]: ...
def sensors_battery() -> Optional[sbattery]: ...

# others
def users() -> list[suser]: ...
def pids() -> list[int]: ...
def pid_exists(pid: int) -> bool: ...
def heap_info() -> pheap: ...
def heap_trim() -> None: ...
def install_as_psutil() -> Any: ...
