"""What psutil keeps in ``psutil._common``, for this package and for code that imports it.

The public names of psutil 7.2.2's ``psutil._common`` with the same behaviour, written
for this package: the exception hierarchy (attributes, ``str()``/``repr()`` text,
pickling), the status and connection constants, the enums, and the helpers that psutil's
scripts and test-suite import from there (``bytes2human``, ``print_color``, ``memoize``,
``wrap_numbers``, ``cat``, ``debug``...). ``install_as_psutil()`` registers this module
as ``psutil._common``.

Some helpers look things up through this module's globals on purpose, as psutil's do,
so that tests can patch them: ``open`` (``mock.patch('psutil._common.open',
create=True)``), ``os.stat`` and ``stat.S_ISREG`` (``isfile_strict``), ``socket``
(``supports_ipv6``) and ``PSUTIL_DEBUG`` (``debug``).
"""

import enum
import functools
import os
import socket
import stat
import sys
import warnings

from . import _ntuples
from ._wrap_numbers import _wrap_int_tuples, wrap_numbers  # noqa: F401

__all__ = [
    # platforms
    "FREEBSD", "BSD", "LINUX", "NETBSD", "OPENBSD", "MACOS", "OSX", "POSIX", "SUNOS",
    "WINDOWS",
    # connection constants
    "CONN_CLOSE", "CONN_CLOSE_WAIT", "CONN_CLOSING", "CONN_ESTABLISHED",
    "CONN_FIN_WAIT1", "CONN_FIN_WAIT2", "CONN_LAST_ACK", "CONN_LISTEN", "CONN_NONE",
    "CONN_SYN_RECV", "CONN_SYN_SENT", "CONN_TIME_WAIT",
    # net constants
    "NIC_DUPLEX_FULL", "NIC_DUPLEX_HALF", "NIC_DUPLEX_UNKNOWN",
    # process status constants
    "STATUS_DEAD", "STATUS_DISK_SLEEP", "STATUS_IDLE", "STATUS_LOCKED",
    "STATUS_RUNNING", "STATUS_SLEEPING", "STATUS_STOPPED", "STATUS_SUSPENDED",
    "STATUS_TRACING_STOP", "STATUS_WAITING", "STATUS_WAKE_KILL", "STATUS_WAKING",
    "STATUS_ZOMBIE", "STATUS_PARKED",
    # other constants
    "ENCODING", "ENCODING_ERRS", "AF_INET6",
    # utility functions
    "conn_tmap", "deprecated_method", "isfile_strict", "memoize",
    "parse_environ_block", "path_exists_strict", "usage_percent",
    "supports_ipv6", "sockfam_to_enum", "socktype_to_enum", "wrap_numbers",
    "open_text", "open_binary", "cat", "bcat",
    "bytes2human", "conn_to_ntuple", "debug",
    # shell utils
    "hilite", "term_supports_colors", "print_color",
]

# --- platforms (as psutil computes them from sys.platform / os.name) ---

POSIX = os.name == "posix"
WINDOWS = os.name == "nt"
LINUX = sys.platform.startswith("linux")
MACOS = sys.platform.startswith("darwin")
OSX = MACOS  # the old name
FREEBSD = sys.platform.startswith(("freebsd", "midnightbsd"))
OPENBSD = sys.platform.startswith("openbsd")
NETBSD = sys.platform.startswith("netbsd")
BSD = FREEBSD or OPENBSD or NETBSD
SUNOS = sys.platform.startswith(("sunos", "solaris"))
AIX = sys.platform.startswith("aix")

#: Set from the environment at import, as psutil: any non-empty PSUTIL_DEBUG.
PSUTIL_DEBUG = bool(os.getenv("PSUTIL_DEBUG"))

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


# Data, not logic: psutil's enums with their module-level aliases, declared the same way
# here (NicDuplex, BatteryTime) and in _pslinux.py (IOPriority).
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

# --- sockets, encodings, files ---

AF_INET = socket.AF_INET
AF_INET6 = getattr(socket, "AF_INET6", None)
AF_UNIX = getattr(socket, "AF_UNIX", None)
SOCK_STREAM = socket.SOCK_STREAM
SOCK_DGRAM = socket.SOCK_DGRAM

#: How file names and the text of /proc files are decoded.
ENCODING = sys.getfilesystemencoding()
ENCODING_ERRS = sys.getfilesystemencodeerrors()

#: The buffer size open_text() and open_binary() ask for.
FILE_READ_BUFFER_SIZE = 32 * 1024


def _connection_kinds():
    inet = [AF_INET] + ([AF_INET6] if AF_INET6 is not None else [])
    unix = [AF_UNIX] if AF_UNIX is not None else []
    stream, dgram = [SOCK_STREAM], [SOCK_DGRAM]
    kinds = {  # kind: (families, socket types), in psutil's order
        "all": (inet + unix, stream + dgram),
        "tcp": (inet, stream),
        "tcp4": ([AF_INET], stream),
        "udp": (inet, dgram),
        "udp4": ([AF_INET], dgram),
        "inet": (inet, stream + dgram),
        "inet4": ([AF_INET], stream + dgram),
    }
    if AF_INET6 is not None:
        kinds["inet6"] = ([AF_INET6], stream + dgram)
        kinds["tcp6"] = ([AF_INET6], stream)
        kinds["udp6"] = ([AF_INET6], dgram)
    if unix:
        kinds["unix"] = (unix, stream + dgram)
    # lists of their own, as a literal table would have
    return {kind: (list(families), list(types)) for kind, (families, types) in kinds.items()}


#: ``net_connections(kind)``'s table: kind -> ([families], [socket types]).
conn_tmap = _connection_kinds()
del _connection_kinds


# --- exceptions ---
#
# Each exception describes itself from its attributes. ``str()`` is the message
# followed by the identity of the process in parentheses; ``repr()`` lists every
# attribute as keyword arguments after "psutil.<class>". An attribute shows when it is
# set to something truthy, or for ``pid``, also when it is 0.

_STR_FIELDS = ("pid", "ppid", "name")
_REPR_FIELDS = ("pid", "ppid", "name", "seconds", "msg")


def _shown(exc, fields):
    pairs = []
    for field in fields:
        value = getattr(exc, field, None)
        if value or (field == "pid" and value == 0):
            pairs.append((field, value))
    return pairs


def _keywords(pairs):
    return ", ".join(f"{field}={value!r}" for field, value in pairs)


class Error(Exception):
    """Base class of every exception this package raises."""

    __module__ = "psutil_rs"

    def _infodict(self, attrs):
        return dict(_shown(self, attrs))

    def __str__(self):
        identity = _shown(self, _STR_FIELDS)
        parts = [getattr(self, "msg", "")]
        if identity:
            parts.append(f"({_keywords(identity)})")
        return " ".join(part for part in parts if part)

    def __repr__(self):
        return f"psutil.{type(self).__name__}({_keywords(_shown(self, _REPR_FIELDS))})"


def _rebuild_from(*fields):
    # __reduce__ for an exception whose constructor takes these attributes, in order
    def __reduce__(self):
        return (type(self), tuple(getattr(self, field) for field in fields))

    return __reduce__


class NoSuchProcess(Error):
    """The process does not exist, or no longer exists."""

    __module__ = "psutil_rs"

    def __init__(self, pid, name=None, msg=None):
        super().__init__()
        vars(self).update(pid=pid, name=name, msg=msg or "process no longer exists")

    __reduce__ = _rebuild_from("pid", "name", "msg")


class ZombieProcess(NoSuchProcess):
    """The process is a zombie: it exists, but most of its data is gone."""

    __module__ = "psutil_rs"

    def __init__(self, pid, name=None, ppid=None, msg=None):
        super().__init__(pid, name, msg or "PID still exists but it's a zombie")
        self.ppid = ppid

    __reduce__ = _rebuild_from("pid", "name", "ppid", "msg")


class AccessDenied(Error):
    """The operating system refused the operation."""

    __module__ = "psutil_rs"

    def __init__(self, pid=None, name=None, msg=None):
        super().__init__()
        vars(self).update(pid=pid, name=name, msg=msg or "")

    __reduce__ = _rebuild_from("pid", "name", "msg")


class TimeoutExpired(Error):
    """``Process.wait(timeout)`` ran out of time with the process still alive."""

    __module__ = "psutil_rs"

    def __init__(self, seconds, pid=None, name=None):
        super().__init__()
        vars(self).update(seconds=seconds, pid=pid, name=name,
                          msg=f"timeout after {seconds} seconds")

    __reduce__ = _rebuild_from("seconds", "pid", "name")


del _rebuild_from


# --- numbers ---


def usage_percent(used, total, round_=None):
    """``used / total * 100``, 0.0 when ``total`` is 0, optionally rounded."""
    try:
        share = float(used) / total
    except ZeroDivisionError:
        return 0.0
    percent = share * 100
    return percent if round_ is None else round(percent, round_)


# (bytes in one unit, its symbol), the largest unit first
_BINARY_UNITS = tuple((1 << (10 * rank), symbol)
                      for rank, symbol in reversed(list(enumerate("KMGTPEZY", start=1))))


def bytes2human(n, format="%(value).1f%(symbol)s"):
    """Human-readable size with binary prefixes: ``bytes2human(10000) == '9.8K'``.

    *format* is a %-format with the keys ``value`` and ``symbol``; below 1024 the value
    is *n* itself and the symbol ``B``.

    >>> bytes2human(100001221)
    '95.4M'
    """
    size = abs(n)
    for unit, symbol in _BINARY_UNITS:
        if size >= unit:
            return format % {"value": float(n) / unit, "symbol": symbol}
    return format % {"symbol": "B", "value": n}


# wrap_numbers(): in _wrap_numbers, imported at the top.


# --- decorators ---

_NOTHING = object()


def memoize(fun):
    """Caches *fun*'s result per (hashable) arguments; ``fun.cache_clear()`` empties
    the cache. Works on functions, methods and classes (a singleton per arguments)."""
    results = {}

    @functools.wraps(fun)
    def cached(*args, **kwargs):
        key = (args, frozenset(kwargs.items()))
        found = results.get(key, _NOTHING)
        if found is _NOTHING:
            found = results[key] = fun(*args, **kwargs)
        return found

    cached.cache_clear = results.clear
    return cached


def memoize_when_activated(fun):
    """Caches a method without arguments, per instance, while the cache is active:
    ``obj.meth.cache_activate(obj)`` starts caching (in ``obj._cache``),
    ``obj.meth.cache_deactivate(obj)`` drops the cache and stops."""

    @functools.wraps(fun)
    def method(self):
        try:
            store = self._cache
        except AttributeError:  # not active
            return fun(self)
        try:
            return store[fun]
        except KeyError:
            pass
        value = store[fun] = fun(self)
        return value

    def cache_activate(proc):
        proc._cache = {}

    def cache_deactivate(proc):
        try:
            del proc._cache
        except AttributeError:  # was not active
            pass

    method.cache_activate = cache_activate
    method.cache_deactivate = cache_deactivate
    return method


def deprecated_method(replacement):
    """Decorates a method kept for compatibility: calling it warns
    (``DeprecationWarning``) and calls the method named *replacement* instead."""

    def decorate(fun):
        text = f"{fun.__name__}() is deprecated and will be removed; use {replacement}() instead"

        @functools.wraps(fun)
        def forward(self, *args, **kwargs):
            warnings.warn(text, category=DeprecationWarning, stacklevel=2)
            return getattr(self, replacement)(*args, **kwargs)

        return forward

    return decorate


# --- files ---


def open_text(fname):
    """Opens *fname* for reading as text, decoded as file names are (``ENCODING`` with
    ``ENCODING_ERRS``)."""
    return open(fname, buffering=FILE_READ_BUFFER_SIZE, encoding=ENCODING,
                errors=ENCODING_ERRS)


def open_binary(fname):
    """Opens *fname* for reading as bytes."""
    return open(fname, "rb", buffering=FILE_READ_BUFFER_SIZE)


_DEFAULT = object()


def cat(fname, fallback=_DEFAULT, _open=open_text):
    """The whole content of *fname* as text. With *fallback*, that is returned instead
    when the file cannot be opened or read (any ``OSError``)."""
    try:
        with _open(fname) as f:
            return f.read()
    except OSError:
        if fallback is _DEFAULT:
            raise
        return fallback


def bcat(fname, fallback=_DEFAULT):
    """:func:`cat` in binary mode: the content as bytes."""
    return cat(fname, fallback=fallback, _open=open_binary)


def _stat_strict(path):
    # os.stat(path), None when it fails for any reason but a permission problem
    try:
        return os.stat(path)
    except PermissionError:
        raise
    except OSError:
        return None


def isfile_strict(path):
    """``os.path.isfile()`` that raises ``PermissionError`` (EPERM / EACCES) instead
    of answering False."""
    st = _stat_strict(path)
    return st is not None and stat.S_ISREG(st.st_mode)


def path_exists_strict(path):
    """``os.path.exists()`` that raises ``PermissionError`` (EPERM / EACCES) instead
    of answering False."""
    return _stat_strict(path) is not None


def parse_environ_block(data):
    """The ``{name: value}`` of a C environment block (``NAME=value\\0...\\0\\0``):
    entries end with NUL, the block ends at an empty entry, and entries without a name
    and ``=`` are skipped."""
    env = {}
    start = 0
    while True:
        end = data.find("\0", start)
        if end <= start:  # no terminated entry left, or the empty one that ends it
            return env
        name, sep, value = data[start:end].partition("=")
        if name and sep:
            env[name] = value
        start = end + 1


def decode(s):
    """*s* (bytes) as text, decoded as file names are."""
    return s.decode(encoding=ENCODING, errors=ENCODING_ERRS)


def get_procfs_path():
    """The current ``PROCFS_PATH`` of the package."""
    return sys.modules[__package__].PROCFS_PATH


# --- network ---


def supports_ipv6():
    """Whether this system can use IPv6: a socket can be bound to ``::1``."""
    if not socket.has_ipv6 or AF_INET6 is None:
        return False
    try:
        with socket.socket(AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
    except OSError:  # socket.gaierror included
        return False
    return True


def _as_enum(kind, num):
    try:
        return kind(num)
    except ValueError:
        return num


def sockfam_to_enum(num):
    """The ``socket.AddressFamily`` of a number, or the number if it has none."""
    return _as_enum(socket.AddressFamily, num)


def socktype_to_enum(num):
    """The ``socket.SocketKind`` of a number, or the number if it has none."""
    return _as_enum(socket.SocketKind, num)


def conn_to_ntuple(fd, fam, type_, laddr, raddr, status, status_map, pid=None):
    """A connection's ``pconn`` (no *pid*) or ``sconn``: family and type as enums, the
    Internet addresses as ``addr``, and *status* through *status_map* for TCP (any
    other socket is ``CONN_NONE``)."""
    fam = sockfam_to_enum(fam)
    type_ = socktype_to_enum(type_)
    internet = fam in (AF_INET, AF_INET6)
    if internet:
        laddr, raddr = (_ntuples.addr(*a) if a else a for a in (laddr, raddr))
    tcp = internet and type_ == SOCK_STREAM
    status = status_map.get(status, CONN_NONE) if tcp else CONN_NONE
    fields = (fd, fam, type_, laddr, raddr, status)
    if pid is None:
        return _ntuples.pconn(*fields)
    return _ntuples.sconn(*fields, pid)


def broadcast_addr(addr):
    """The broadcast address of an ``snicaddr`` (family, address, netmask) as a
    string; None without address or netmask, or for a family other than IPv4/IPv6."""
    if not (addr.address and addr.netmask):
        return None
    import ipaddress

    family = addr.family
    for known, network in ((AF_INET, ipaddress.IPv4Network),
                           (AF_INET6, ipaddress.IPv6Network)):
        if family == known:
            net = network(f"{addr.address}/{addr.netmask}", strict=False)
            return str(net.broadcast_address)
    return None


# --- terminal ---

# SGR code of each colour hilite() knows, in the order its error message lists them
_COLOURS = {
    "blue": "34", "brown": "33", "darkgrey": "30", "green": "32", "grey": "37",
    "lightblue": "36", "red": "91", "violet": "35", "yellow": "93", None: "29",
}


@memoize
def term_supports_colors(file=sys.stdout):
    """Whether *file* is a terminal (its own ``isatty()``, with a real descriptor)."""
    try:
        file.fileno()
        return bool(file.isatty())
    except Exception:  # noqa: BLE001  (any file-like object: no means no)
        return False


def hilite(s, color=None, bold=False):
    """*s* in *color* (and bold), when standard output is a terminal; *s* itself
    otherwise."""
    if not term_supports_colors():
        return s
    if color not in _COLOURS:
        raise ValueError(f"invalid color {color!r}; choose amongst {list(_COLOURS)}")
    codes = _COLOURS[color] + (";1" if bold else "")
    return f"\x1b[{codes}m{s}\x1b[0m"


def print_color(s, color=None, bold=False, file=sys.stdout):
    """Prints *s* to *file*, in *color* (``red``, ``green``, ``yellow``, ``blue``,
    ``violet``, ``lightblue``, ``grey``, ``darkgrey``, ``brown``) and bold when
    standard output is a terminal."""
    if term_supports_colors():
        s = hilite(s, color, bold)
    print(s, file=file)


def debug(msg):
    """With ``PSUTIL_DEBUG`` set, writes *msg* to stderr after the caller's
    ``file:line``; an exception shows as ``ignoring <it>``."""
    if not PSUTIL_DEBUG:
        return
    caller = sys._getframe(1)
    if isinstance(msg, Exception):
        # OSError's str() names the file; the others are clearer as repr()
        msg = f"ignoring {msg}" if isinstance(msg, OSError) else f"ignoring {msg!r}"
    where = f"{caller.f_code.co_filename}:{caller.f_lineno}"
    print(f"psutil-debug [{where}]> {msg}", file=sys.stderr)
