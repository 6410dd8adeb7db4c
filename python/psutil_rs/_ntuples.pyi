# Typed view of psutil_rs._ntuples: psutil 7.2's named tuples (collections.namedtuple
# at runtime), with the types of their fields on Linux.

from socket import AddressFamily, SocketKind
from typing import Any, NamedTuple, Optional, Union

from ._common import BatteryTime, NicDuplex
from ._pslinux import IOPriority
from ._pslinux import scputimes as scputimes

class scpustats(NamedTuple):
    ctx_switches: int
    interrupts: int
    soft_interrupts: Optional[int]
    syscalls: int

class scpufreq(NamedTuple):
    current: float
    min: float
    max: float

class svmem(NamedTuple):
    total: int
    available: int
    percent: float
    used: int
    free: int
    active: int
    inactive: int
    buffers: int
    cached: int
    shared: int
    slab: int

class sswap(NamedTuple):
    total: int
    used: int
    free: int
    percent: float
    sin: int
    sout: int

class sdiskusage(NamedTuple):
    total: int
    used: int
    free: int
    percent: float

class sdiskpart(NamedTuple):
    device: str
    mountpoint: str
    fstype: str
    opts: str

class sdiskio(NamedTuple):
    read_count: int
    write_count: int
    read_bytes: int
    write_bytes: int
    read_time: int
    write_time: int
    read_merged_count: int
    write_merged_count: int
    busy_time: int

class snetio(NamedTuple):
    bytes_sent: int
    bytes_recv: int
    packets_sent: int
    packets_recv: int
    errin: int
    errout: int
    dropin: int
    dropout: int

class sconn(NamedTuple):
    fd: int
    family: Union[AddressFamily, int]
    type: Union[SocketKind, int]
    laddr: Union[addr, tuple[()], str]
    raddr: Union[addr, tuple[()], str]
    status: str
    pid: Optional[int]

class addr(NamedTuple):
    ip: str
    port: int

class snicaddr(NamedTuple):
    family: Union[AddressFamily, int]
    address: str
    netmask: Optional[str]
    broadcast: Optional[str]
    ptp: Optional[str]

class snicstats(NamedTuple):
    isup: bool
    duplex: NicDuplex
    speed: int
    mtu: int
    flags: str

class shwtemp(NamedTuple):
    label: str
    current: float
    high: Optional[float]
    critical: Optional[float]

class sfan(NamedTuple):
    label: str
    current: int

class sbattery(NamedTuple):
    percent: float
    secsleft: Union[int, BatteryTime]
    power_plugged: Optional[bool]

class suser(NamedTuple):
    name: str
    terminal: Optional[str]
    host: str
    started: float
    pid: int

class pheap(NamedTuple):
    heap_used: int
    mmap_used: int

class pconn(NamedTuple):
    fd: int
    family: Union[AddressFamily, int]
    type: Union[SocketKind, int]
    laddr: Union[addr, tuple[()], str]
    raddr: Union[addr, tuple[()], str]
    status: str

class pcputimes(NamedTuple):
    user: float
    system: float
    children_user: float
    children_system: float
    iowait: float

class pmem(NamedTuple):
    rss: int
    vms: int
    shared: int
    text: int
    lib: int
    data: int
    dirty: int

class pfullmem(NamedTuple):
    rss: int
    vms: int
    shared: int
    text: int
    lib: int
    data: int
    dirty: int
    uss: int
    pss: int
    swap: int

class pmmap_grouped(NamedTuple):
    path: str
    rss: int
    size: int
    pss: int
    shared_clean: int
    shared_dirty: int
    private_clean: int
    private_dirty: int
    referenced: int
    anonymous: int
    swap: int

class pmmap_ext(NamedTuple):
    addr: str
    perms: str
    path: str
    rss: int
    size: int
    pss: int
    shared_clean: int
    shared_dirty: int
    private_clean: int
    private_dirty: int
    referenced: int
    anonymous: int
    swap: int

class pio(NamedTuple):
    read_count: int
    write_count: int
    read_bytes: int
    write_bytes: int
    read_chars: int
    write_chars: int

class pionice(NamedTuple):
    ioclass: IOPriority
    value: int

class pctxsw(NamedTuple):
    voluntary: int
    involuntary: int

class puids(NamedTuple):
    real: int
    effective: int
    saved: int

class pgids(NamedTuple):
    real: int
    effective: int
    saved: int

class pthread(NamedTuple):
    id: int
    user_time: float
    system_time: float

class popenfile(NamedTuple):
    path: str
    fd: int
    position: int
    mode: str
    flags: int

PROCESS_TYPES: dict[str, type[tuple[Any, ...]]]
