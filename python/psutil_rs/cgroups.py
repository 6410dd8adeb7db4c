"""Control groups and pressure stall information: what a process can really use.

An extension beyond psutil, kept in this submodule so that the top-level namespace stays
exactly psutil's (``import psutil_rs.cgroups``; Linux only). Inside a container,
``psutil.cpu_count()`` and ``psutil.virtual_memory()`` describe the host; the functions
here read the process's cgroups (v1, v2 or the hybrid of both) and give what the kernel
lets it use.

Every limit is the effective one: the tightest among the process's cgroup and its
ancestors up to the root of the mount (what the kernel applies). A value is ``None``
when its controller or file is absent; a limit is its number, or :data:`UNLIMITED`
(-1, as ``resource.RLIM_INFINITY``) when there is none ("max" in v2, -1 or the
page-rounded ``LONG_MAX`` in v1).

Files read: ``/proc/<pid>/cgroup``, ``/proc/self/mountinfo`` (where each hierarchy is
mounted), the cgroup directories' ``cpu.max``/``cpu.cfs_quota_us``,
``cpu.cfs_period_us``, ``cpu.weight``/``cpu.shares``, ``cpuset.cpus.effective``/
``cpuset.effective_cpus``, ``cpu.stat``, ``cpuacct.usage``, ``cpuacct.stat``,
``memory.max``/``memory.limit_in_bytes``, ``memory.high``, ``memory.current``/
``memory.usage_in_bytes``, ``memory.swap.*``/``memory.memsw.*``, ``memory.stat``,
``memory.events``/``memory.oom_control``, ``pids.current``, ``pids.max``,
``io.max``/``blkio.throttle.*_device``, ``io.stat``/``blkio.throttle.io_service*``,
``*.pressure``; ``/proc/pressure/{cpu,memory,io,irq}`` for :func:`pressure`.
"""

import os as _os
from collections import namedtuple as _nt

from . import _checks
from . import _native

__all__ = [
    "UNLIMITED",
    "cgroups", "cgroup", "pressure", "cpu_count_effective", "virtual_memory_effective",
    "scgroup", "scgroupinfo", "scgcpu", "scgmemory", "scgpids", "scgio", "siomax",
    "siostat", "spressures", "spressure", "spsi", "seffmem",
]

#: The value of a limit that is not set ("max" in cgroup v2, -1 in v1).
UNLIMITED = -1

#: Private test hook, not part of the API: a directory holding a whole captured system
#: (``proc/``, ``sys/``) that every function here reads instead of the host's.
_FAKE_ROOT = None

scgroup = _nt("scgroup", ["hierarchy_id", "controllers", "path", "version", "dir"])
scgcpu = _nt("scgcpu", ["quota_us", "period_us", "weight", "shares", "cpuset",
                        "usage_usec", "user_usec", "system_usec", "nr_periods",
                        "nr_throttled", "throttled_usec"])
scgmemory = _nt("scgmemory", ["limit", "high", "swap_limit", "current", "swap_current",
                              "anon", "file", "kernel", "shmem", "inactive_file", "oom",
                              "oom_kill"])
scgpids = _nt("scgpids", ["current", "max"])
siomax = _nt("siomax", ["major", "minor", "rbps", "wbps", "riops", "wiops"])
siostat = _nt("siostat", ["major", "minor", "rbytes", "wbytes", "rios", "wios", "dbytes",
                          "dios"])
scgio = _nt("scgio", ["max", "stat"])
spsi = _nt("spsi", ["avg10", "avg60", "avg300", "total"])
spressure = _nt("spressure", ["some", "full"])
spressures = _nt("spressures", ["cpu", "memory", "io", "irq"])
scgroupinfo = _nt("scgroupinfo", ["pid", "layout", "path", "cpu", "memory", "pids", "io",
                                  "pressure"])
seffmem = _nt("seffmem", ["total", "available", "percent", "used", "free", "limit"])


def _procfs():
    from . import _procfs as procfs  # the package's PROCFS_PATH, read at each call
    return procfs()


def _pid(pid):
    return _os.getpid() if pid is None else _checks.pid(pid)


def _pressures(values):
    def one(p):
        if p is None:
            return None
        some, full = p
        return spressure(None if some is None else spsi(*some),
                         None if full is None else spsi(*full))
    return spressures(*(one(p) for p in values))


def cgroups(pid=None):
    """The cgroups ``pid`` (default: this process) belongs to, a ``scgroup`` per line of
    ``/proc/<pid>/cgroup``: hierarchy id (0 for v2), v1 controllers, the cgroup's path,
    ``"v1"``/``"v2"``, and the directory where it is mounted here (from
    ``/proc/self/mountinfo``; ``None`` when not visible from this mount namespace)."""
    return [scgroup(*m) for m in _native.cgroup_memberships(_pid(pid), _procfs(), _FAKE_ROOT)]


def cgroup(pid=None):
    """Limits, usage and pressure of the cgroup of ``pid`` (default: this process), as
    ``scgroupinfo(pid, layout, path, cpu, memory, pids, io, pressure)``: ``layout`` is
    ``"v1"``, ``"v2"`` or ``"hybrid"``; ``cpu`` an ``scgcpu`` (quota and period in µs,
    CPU times in µs), ``memory`` an ``scgmemory`` (bytes), ``pids`` an ``scgpids``,
    ``io`` an ``scgio`` (lists of ``siomax``/``siostat`` per device, or ``None``),
    ``pressure`` an ``spressures`` of the cgroup (v2's ``*.pressure`` files)."""
    pid_, layout, path, cpu, mem, pids, io, psi = _native.cgroup(
        _pid(pid), _procfs(), _FAKE_ROOT)
    iomax, iostat = io
    return scgroupinfo(
        pid_, layout, path, scgcpu(*cpu), scgmemory(*mem), scgpids(*pids),
        scgio(None if iomax is None else [siomax(*d) for d in iomax],
              None if iostat is None else [siostat(*d) for d in iostat]),
        _pressures(psi))


def pressure():
    """System-wide pressure stall information from ``/proc/pressure/{cpu,memory,io,irq}``
    (Linux 4.20+; irq 6.1+): ``spressures(cpu, memory, io, irq)``, each an
    ``spressure(some, full)`` of ``spsi(avg10, avg60, avg300, total)`` (averages in
    percent of time, total in µs), ``None`` when the file is absent or PSI is off."""
    return _pressures(_native.pressure(_procfs(), _FAKE_ROOT))


def cpu_count_effective(pid=None):
    """The CPUs ``pid`` (default: this process) can really use: the smallest of its
    affinity set (``sched_getaffinity(2)``), ``ceil(quota / period)`` of its cgroup and
    every ancestor, and the cgroup's effective cpuset; at least 1 (as Go's GOMAXPROCS
    and the JVM compute it). ``psutil.cpu_count()`` stays the machine's count."""
    return _native.cpu_count_effective(_pid(pid), _procfs(), _FAKE_ROOT)


def virtual_memory_effective(pid=None):
    """Memory as ``pid`` (default: this process) can use it in its cgroup, as
    ``seffmem(total, available, percent, used, free, limit)``: total is the smaller of
    physical memory and the tightest memory limit of the cgroup and its ancestors; used
    the cgroup's working set (usage minus inactive page cache); available ``min(total -
    used, the host's available)``; free ``total - usage``; limit the cgroup limit that
    applied, or ``None``. ``psutil.virtual_memory()`` stays the machine's."""
    return seffmem(*_native.virtual_memory_effective(_pid(pid), _procfs(), _FAKE_ROOT))
