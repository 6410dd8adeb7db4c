# Typed view of psutil_rs._common (psutil._common's public names, registered as
# psutil._common by install_as_psutil()).

import enum
import socket
from typing import IO, Any, BinaryIO, Callable, Optional, TextIO, TypeVar, Union

from ._ntuples import pconn, sconn

_F = TypeVar("_F", bound=Callable[..., Any])

__all__ = [
    "FREEBSD", "BSD", "LINUX", "NETBSD", "OPENBSD", "MACOS", "OSX", "POSIX", "SUNOS",
    "WINDOWS",
    "CONN_CLOSE", "CONN_CLOSE_WAIT", "CONN_CLOSING", "CONN_ESTABLISHED",
    "CONN_FIN_WAIT1", "CONN_FIN_WAIT2", "CONN_LAST_ACK", "CONN_LISTEN", "CONN_NONE",
    "CONN_SYN_RECV", "CONN_SYN_SENT", "CONN_TIME_WAIT",
    "NIC_DUPLEX_FULL", "NIC_DUPLEX_HALF", "NIC_DUPLEX_UNKNOWN",
    "STATUS_DEAD", "STATUS_DISK_SLEEP", "STATUS_IDLE", "STATUS_LOCKED",
    "STATUS_RUNNING", "STATUS_SLEEPING", "STATUS_STOPPED", "STATUS_SUSPENDED",
    "STATUS_TRACING_STOP", "STATUS_WAITING", "STATUS_WAKE_KILL", "STATUS_WAKING",
    "STATUS_ZOMBIE", "STATUS_PARKED",
    "ENCODING", "ENCODING_ERRS", "AF_INET6",
    "conn_tmap", "deprecated_method", "isfile_strict", "memoize",
    "parse_environ_block", "path_exists_strict", "usage_percent",
    "supports_ipv6", "sockfam_to_enum", "socktype_to_enum", "wrap_numbers",
    "open_text", "open_binary", "cat", "bcat",
    "bytes2human", "conn_to_ntuple", "debug",
    "hilite", "term_supports_colors", "print_color",
]

# platforms
POSIX: bool
WINDOWS: bool
LINUX: bool
MACOS: bool
OSX: bool
FREEBSD: bool
OPENBSD: bool
NETBSD: bool
BSD: bool
SUNOS: bool
AIX: bool

PSUTIL_DEBUG: bool

STATUS_RUNNING: str
STATUS_SLEEPING: str
STATUS_DISK_SLEEP: str
STATUS_STOPPED: str
STATUS_TRACING_STOP: str
STATUS_ZOMBIE: str
STATUS_DEAD: str
STATUS_WAKE_KILL: str
STATUS_WAKING: str
STATUS_IDLE: str
STATUS_LOCKED: str
STATUS_WAITING: str
STATUS_SUSPENDED: str
STATUS_PARKED: str

CONN_ESTABLISHED: str
CONN_SYN_SENT: str
CONN_SYN_RECV: str
CONN_FIN_WAIT1: str
CONN_FIN_WAIT2: str
CONN_TIME_WAIT: str
CONN_CLOSE: str
CONN_CLOSE_WAIT: str
CONN_LAST_ACK: str
CONN_LISTEN: str
CONN_CLOSING: str
CONN_NONE: str

class NicDuplex(enum.IntEnum):
    NIC_DUPLEX_FULL = 2
    NIC_DUPLEX_HALF = 1
    NIC_DUPLEX_UNKNOWN = 0

NIC_DUPLEX_FULL: NicDuplex
NIC_DUPLEX_HALF: NicDuplex
NIC_DUPLEX_UNKNOWN: NicDuplex

class BatteryTime(enum.IntEnum):
    POWER_TIME_UNKNOWN = -1
    POWER_TIME_UNLIMITED = -2

POWER_TIME_UNKNOWN: BatteryTime
POWER_TIME_UNLIMITED: BatteryTime

AF_INET: socket.AddressFamily
AF_INET6: Optional[socket.AddressFamily]
AF_UNIX: Optional[socket.AddressFamily]
SOCK_STREAM: socket.SocketKind
SOCK_DGRAM: socket.SocketKind
ENCODING: str
ENCODING_ERRS: str
FILE_READ_BUFFER_SIZE: int

conn_tmap: dict[str, tuple[list[Optional[socket.AddressFamily]], list[socket.SocketKind]]]

# exceptions
class Error(Exception):
    def _infodict(self, attrs: tuple[str, ...]) -> dict[str, Any]: ...

class NoSuchProcess(Error):
    pid: int
    name: Optional[str]
    msg: str
    def __init__(self, pid: int, name: Optional[str] = None, msg: Optional[str] = None) -> None: ...

class ZombieProcess(NoSuchProcess):
    ppid: Optional[int]
    def __init__(
        self,
        pid: int,
        name: Optional[str] = None,
        ppid: Optional[int] = None,
        msg: Optional[str] = None,
    ) -> None: ...

class AccessDenied(Error):
    pid: Optional[int]
    name: Optional[str]
    msg: str
    def __init__(
        self, pid: Optional[int] = None, name: Optional[str] = None, msg: Optional[str] = None
    ) -> None: ...

class TimeoutExpired(Error):
    seconds: float
    pid: Optional[int]
    name: Optional[str]
    msg: str
    def __init__(self, seconds: float, pid: Optional[int] = None, name: Optional[str] = None) -> None: ...

# numbers
def usage_percent(used: float, total: float, round_: Optional[int] = None) -> float: ...
def bytes2human(n: float, format: str = "%(value).1f%(symbol)s") -> str: ...

# At runtime it also has cache_clear(name=None) and cache_info() -> (last inputs,
# offsets, wrapped fields), each a dict keyed by name.
def wrap_numbers(input_dict: dict[Any, Any], name: Any) -> dict[Any, Any]: ...

# decorators
def memoize(fun: _F) -> _F: ...
def memoize_when_activated(fun: _F) -> _F: ...
def deprecated_method(replacement: str) -> Callable[[_F], _F]: ...

# files
def open_text(fname: Union[str, bytes, int]) -> TextIO: ...
def open_binary(fname: Union[str, bytes, int]) -> BinaryIO: ...
def cat(fname: Union[str, bytes, int], fallback: Any = ..., _open: Callable[[Any], IO[Any]] = ...) -> Any: ...
def bcat(fname: Union[str, bytes, int], fallback: Any = ...) -> Any: ...
def isfile_strict(path: Union[str, bytes]) -> bool: ...
def path_exists_strict(path: Union[str, bytes]) -> bool: ...
def parse_environ_block(data: str) -> dict[str, str]: ...
def decode(s: bytes) -> str: ...
def get_procfs_path() -> str: ...

# network
def supports_ipv6() -> bool: ...
def sockfam_to_enum(num: int) -> Union[socket.AddressFamily, int]: ...
def socktype_to_enum(num: int) -> Union[socket.SocketKind, int]: ...
def conn_to_ntuple(
    fd: int,
    fam: int,
    type_: int,
    laddr: Any,
    raddr: Any,
    status: Any,
    status_map: dict[Any, str],
    pid: Optional[int] = None,
) -> Union[pconn, sconn]: ...
def broadcast_addr(addr: Any) -> Optional[str]: ...

# terminal and debugging
def term_supports_colors(file: IO[str] = ...) -> bool: ...
def hilite(s: str, color: Optional[str] = None, bold: bool = False) -> str: ...
def print_color(s: object, color: Optional[str] = None, bold: bool = False, file: IO[str] = ...) -> None: ...
def debug(msg: object) -> None: ...
