# Typed view of psutil_rs.cgroups (an extension beyond psutil: cgroup limits, usage and
# pressure stall information; Linux only).

from typing import NamedTuple, Optional

__all__ = [
    "UNLIMITED",
    "cgroups", "cgroup", "pressure", "cpu_count_effective", "virtual_memory_effective",
    "scgroup", "scgroupinfo", "scgcpu", "scgmemory", "scgpids", "scgio", "siomax",
    "siostat", "spressures", "spressure", "spsi", "seffmem",
]

UNLIMITED: int
_FAKE_ROOT: Optional[str]

class scgroup(NamedTuple):
    hierarchy_id: int
    controllers: list[str]
    path: str
    version: str
    dir: Optional[str]

class scgcpu(NamedTuple):
    quota_us: Optional[int]
    period_us: Optional[int]
    weight: Optional[int]
    shares: Optional[int]
    cpuset: Optional[list[int]]
    usage_usec: Optional[int]
    user_usec: Optional[int]
    system_usec: Optional[int]
    nr_periods: Optional[int]
    nr_throttled: Optional[int]
    throttled_usec: Optional[int]

class scgmemory(NamedTuple):
    limit: Optional[int]
    high: Optional[int]
    swap_limit: Optional[int]
    current: Optional[int]
    swap_current: Optional[int]
    anon: Optional[int]
    file: Optional[int]
    kernel: Optional[int]
    shmem: Optional[int]
    inactive_file: Optional[int]
    oom: Optional[int]
    oom_kill: Optional[int]

class scgpids(NamedTuple):
    current: Optional[int]
    max: Optional[int]

class siomax(NamedTuple):
    major: int
    minor: int
    rbps: int
    wbps: int
    riops: int
    wiops: int

class siostat(NamedTuple):
    major: int
    minor: int
    rbytes: int
    wbytes: int
    rios: int
    wios: int
    dbytes: Optional[int]
    dios: Optional[int]

class scgio(NamedTuple):
    max: Optional[list[siomax]]
    stat: Optional[list[siostat]]

class spsi(NamedTuple):
    avg10: float
    avg60: float
    avg300: float
    total: int

class spressure(NamedTuple):
    some: Optional[spsi]
    full: Optional[spsi]

class spressures(NamedTuple):
    cpu: Optional[spressure]
    memory: Optional[spressure]
    io: Optional[spressure]
    irq: Optional[spressure]

class scgroupinfo(NamedTuple):
    pid: int
    layout: str
    path: Optional[str]
    cpu: scgcpu
    memory: scgmemory
    pids: scgpids
    io: scgio
    pressure: spressures

class seffmem(NamedTuple):
    total: int
    available: int
    percent: float
    used: int
    free: int
    limit: Optional[int]

def cgroups(pid: Optional[int] = None) -> list[scgroup]: ...
def cgroup(pid: Optional[int] = None) -> scgroupinfo: ...
def pressure() -> spressures: ...
def cpu_count_effective(pid: Optional[int] = None) -> int: ...
def virtual_memory_effective(pid: Optional[int] = None) -> seffmem: ...
