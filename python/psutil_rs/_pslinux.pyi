# Typed view of psutil_rs._pslinux (Linux specifics kept where psutil keeps them).

import enum
from collections.abc import Sequence
from typing import NamedTuple, Optional

class AddressFamily(enum.IntEnum):
    AF_LINK = 17

AF_LINK: AddressFamily

# Private test hook: a tree with sys/ and run/ read by sensors_*() and users().
_FAKE_ROOT: Optional[str]
CLOCK_TICKS: int
from ._common import open_binary as open_binary, open_text as open_text

class IOPriority(enum.IntEnum):
    IOPRIO_CLASS_NONE = 0
    IOPRIO_CLASS_RT = 1
    IOPRIO_CLASS_BE = 2
    IOPRIO_CLASS_IDLE = 3

IOPRIO_CLASS_NONE: IOPriority
IOPRIO_CLASS_RT: IOPriority
IOPRIO_CLASS_BE: IOPriority
IOPRIO_CLASS_IDLE: IOPriority

RLIMIT_NAMES: tuple[str, ...]
RLIMITS: dict[str, int]

# At runtime the fields are those of the running kernel's /proc/stat cpu line (7 to 10,
# decided at import); all ten are listed here.
class scputimes(NamedTuple):
    user: float
    nice: float
    system: float
    idle: float
    iowait: float
    irq: float
    softirq: float
    steal: float
    guest: float
    guest_nice: float

def make_scputimes(values: Sequence[float]) -> scputimes: ...
