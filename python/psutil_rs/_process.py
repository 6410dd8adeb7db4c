"""psutil's ``Process`` and ``Popen`` classes, ``process_iter()`` and ``wait_procs()``.

Each ``Process`` holds a native handle (``psutil_rs._native.Process``, a
``psutil_rs::Process``) that does the reading; this module gives it psutil 7.2's
Python-level semantics: argument checks, named tuples, ``oneshot()``, ``as_dict()``,
``cpu_percent()`` bookkeeping, identity and ``repr``. ``process_iter(attrs)`` reads the
whole process table in one native call (``psutil_rs._native.process_table``, the
core's ``ProcessTable``) and keeps psutil's instance cache on top of it.
"""

import contextlib
import datetime
import enum
import errno
import operator
import os
import signal
import subprocess
import sys
import threading
import time
import warnings

from . import _native
from . import _ntuples as _ntp
from ._common import AccessDenied, NoSuchProcess, TimeoutExpired, ZombieProcess
from ._pslinux import IOPriority

__all__ = ["Process", "Popen", "process_iter", "wait_procs", "Negsignal"]

#: ``wait()``'s result for a process killed by a signal: minus the signal number.
Negsignal = enum.IntEnum("Negsignal", {s.name: -s.value for s in signal.Signals})

_SENTINEL = object()
# A named tuple from its values, without namedtuple's Python-level __new__.
_new = tuple.__new__
# IOPriority by kernel class number (quicker than calling the enum).
_IOCLASSES = tuple(IOPriority(c) for c in range(4))
_PID_T_MAX = 2**31 - 1


def _pkg():
    # The package module, looked up at call time (tests patch its globals, e.g.
    # cpu_count, as psutil's do).
    return sys.modules[__package__]


def _procfs():
    return _pkg()._procfs()


def _pprint_secs(secs):
    fmt = "%H:%M:%S" if int(time.time() - secs) < 86400 else "%Y-%m-%d %H:%M:%S"
    return datetime.datetime.fromtimestamp(secs).strftime(fmt)


def _exitcode(code):
    if code is not None and code < 0:
        try:
            return Negsignal(code)
        except ValueError:
            return code
    return code


# The native attributes' conversions into psutil's types.
_WRAP = {
    "uids": lambda v: _new(_ntp.puids, v),
    "gids": lambda v: _new(_ntp.pgids, v),
    "ionice": lambda v: _ntp.pionice(IOPriority(v[0]), v[1]),
    "io_counters": lambda v: _new(_ntp.pio, v),
    "num_ctx_switches": lambda v: _new(_ntp.pctxsw, v),
    "threads": lambda v: [_new(_ntp.pthread, t) for t in v],
    "cpu_times": lambda v: _new(_ntp.pcputimes, v),
    "cpu_affinity": lambda v: sorted(set(v)),
    "memory_info": lambda v: _new(_ntp.pmem, v),
    "memory_full_info": lambda v: _new(_ntp.pfullmem, v),
    "memory_maps": lambda v: [_new(_ntp.pmmap_grouped, m) for m in v],
    "memory_maps_ungrouped": lambda v: [_new(_ntp.pmmap_ext, m) for m in v],
    "open_files": lambda v: [_new(_ntp.popenfile, f) for f in v],
}

# Attributes read from one kernel file each; inside oneshot() the first use of one
# fetches its whole group in one native call (the core's oneshot: one read per file).
_GROUPS = (
    ("ppid", "name", "status", "create_time", "cpu_times", "cpu_num", "nice",
     "num_threads"),  # /proc/<pid>/stat
    ("uids", "gids", "num_ctx_switches"),  # /proc/<pid>/status
    ("memory_info",),  # /proc/<pid>/statm
)
_GROUP_OF = {n: g for g in _GROUPS for n in g}

# The names as_dict() may fetch from the native side in one batch, when the class
# does not override them.
_BATCHABLE = ("ppid", "name", "exe", "cmdline", "environ", "create_time", "status", "cwd",
              "username", "uids", "gids", "terminal", "nice", "ionice", "io_counters",
              "num_ctx_switches", "num_fds", "num_threads", "threads", "cpu_times",
              "cpu_num", "cpu_affinity", "memory_info", "memory_maps",
              "open_files")

_CONN_KINDS = ("all", "tcp", "tcp4", "udp", "udp4", "inet", "inet4", "inet6", "tcp6",
               "udp6", "unix")


def _checked_pid(pid):
    # psutil's checks of a pid argument, in its order and with its messages: the
    # comparison refuses what is not a number, operator.index what is not an integer.
    if pid < 0:
        raise ValueError(f"pid must be a positive integer (got {pid})")
    too_big = operator.index(pid) > _PID_T_MAX
    if too_big or isinstance(pid, bool):  # psutil looks for /proc/True
        msg = "process PID out of range" if too_big else "process PID not found"
        raise NoSuchProcess(pid, msg=msg)
    return pid


class Process:
    """A process, identified by its pid and its start time (psutil's ``Process``).

    ``Process()`` is the current process. Raises ``NoSuchProcess`` when there is no
    process with this pid, ``ValueError`` for a negative pid, ``TypeError`` for a
    non-integer.
    """

    __module__ = "psutil_rs"

    def __init__(self, pid=None):
        self._init(pid)

    def _init(self, pid, _ignore_nsp=False):
        self._reset(os.getpid() if pid is None else _checked_pid(pid))
        try:
            self._proc = _native.Process(_procfs(), self._pid)
        except NoSuchProcess:
            if not _ignore_nsp:
                raise NoSuchProcess(self._pid, msg="process PID not found") from None
            self._proc = None
            self._gone = True
        self._ident = (self._pid, None) if self._proc is None else self._proc.identity()

    # psutil's private per-instance state, which some tests and programs look at:
    # every instance starts with these values.
    _FRESH_STATE = (
        ("_name", None), ("_exe", None), ("_create_time", None), ("_gone", False),
        ("_pid_reused", False), ("_hash", None), ("_ppid", None),
        ("_last_sys_cpu_times", None), ("_last_proc_cpu_times", None),
        ("_exitcode", _SENTINEL), ("_oneshot_cache", None),
    )

    def _reset(self, pid):
        self.__dict__.update(self._FRESH_STATE)
        self._pid = pid
        self._lock = threading.RLock()

    @classmethod
    def _from_native(cls, native):
        self = cls.__new__(cls)
        self._reset(native.pid)
        self._proc = native
        self._ident = native.identity()
        return self

    # --- native access ---

    def _native(self):
        if self._proc is None:
            raise NoSuchProcess(self._pid, self._name)
        return self._proc

    def _get(self, name):
        cache = self._oneshot_cache
        try:
            if cache is not None and name in _GROUP_OF:
                if name not in cache:
                    cache.update(self._native().batch(list(_GROUP_OF[name])))
                value = cache[name]
                if isinstance(value, BaseException):
                    raise value
            else:
                value = self._native().get(name)
        except (NoSuchProcess, AccessDenied) as err:
            raise self._named(err) from None
        wrap = _WRAP.get(name)
        return value if wrap is None else wrap(value)

    def _named(self, err):
        # psutil's errors name the process as this object knows it: the name() it
        # returned (the whole name, not the kernel's 15-character comm), else None
        if isinstance(err, (NoSuchProcess, AccessDenied)):
            err.name = self._name
        return err

    # --- identity ---

    def _describe(self):
        # (key, value) pairs of str(): what is known without raising, read in one
        # oneshot; a process gone or reused says so in "status".
        yield "pid", self.pid
        status = None
        name = self._name or None  # a name read before, unless empty
        if self._pid_reused:
            status = "terminated + PID reused"
        else:
            try:
                name = self.name()
                status = self.status()
            except ZombieProcess:
                status = "zombie"
            except NoSuchProcess:
                status = "terminated"
            except AccessDenied:
                pass
        if name is not None:
            yield "name", name
        if status is not None:
            yield "status", status
        if self._exitcode is not _SENTINEL and self._exitcode is not None:
            yield "exitcode", self._exitcode
        if self._create_time is not None:
            yield "started", _pprint_secs(self._create_time)

    def __str__(self):
        with self.oneshot():
            fields = ", ".join(f"{key}={value!r}" for key, value in self._describe())
        cls = type(self)
        # psutil's classes print as psutil.Process / psutil.Popen; a subclass as itself
        module = "psutil" if cls in (Process, Popen) else cls.__module__
        return f"{module}.{cls.__name__}({fields})"

    __repr__ = __str__

    def __eq__(self, other):
        # the same process: the same pid and start time (PID reuse makes another)
        if isinstance(other, Process):
            return self._ident == other._ident
        return NotImplemented

    def __ne__(self, other):
        same = self.__eq__(other)
        return same if same is NotImplemented else not same

    def __hash__(self):
        cached = self._hash
        if cached is None:
            cached = self._hash = hash(self._ident)
        return cached

    #: The process ID.
    pid = property(operator.attrgetter("_pid"), doc="The process ID.")

    # --- utilities ---

    @contextlib.contextmanager
    def oneshot(self):
        """Context manager: inside it, the values read from /proc/<pid>/stat, status
        and statm are read once and shared by every method (the core's oneshot).
        Re-entrant: a nested oneshot() does nothing."""
        with self._lock:
            outermost = self._oneshot_cache is None
            if outermost:
                self._oneshot_cache = {}
            try:
                yield
            finally:
                if outermost:
                    self._oneshot_cache = None

    def _fast_names(self):
        # The as_dict names fetched natively: those this object's class does not
        # override, and that are not set on the instance.
        cls = type(self)
        inst = self.__dict__
        return {n for n in _BATCHABLE
                if n not in inst and getattr(cls, n, None) is _ORIGINAL[n]}

    def as_dict(self, attrs=None, ad_value=None):
        """The process's attributes as a dict (all readable ones, or the names in
        *attrs*); *ad_value* replaces values denied by AccessDenied/ZombieProcess."""
        valid_names = _as_dict_attrnames
        if attrs is not None:
            if not isinstance(attrs, (list, tuple, set, frozenset)):
                raise TypeError(f"invalid attrs type {type(attrs)}")
            attrs = set(attrs)
            invalid = attrs - valid_names
            if invalid:
                raise ValueError("invalid attr name{} {}".format(
                    "s" if len(invalid) > 1 else "", ", ".join(map(repr, invalid))))
        ret = {}
        names = attrs or valid_names
        with self.oneshot():
            fast = self._fast_names() & set(names)
            batch = self._native().batch(sorted(fast)) if fast else {}
            for name in names:
                try:
                    if name == "pid":
                        value = self.pid
                    elif name in batch:
                        value = batch[name]
                        if isinstance(value, BaseException):
                            raise self._named(value)
                        wrap = _WRAP.get(name)
                        if wrap is not None:
                            value = wrap(value)
                        self._remember(name, value)
                    else:
                        value = getattr(self, name)()
                except (AccessDenied, ZombieProcess):
                    value = ad_value
                except NotImplementedError:
                    if attrs:
                        raise
                    continue
                ret[name] = value
        return ret

    def _remember(self, name, value):
        if name == "name":
            self._name = value
        elif name == "create_time":
            self._create_time = value

    def parent(self):
        """The parent process as a Process, or None (pid 1, or a parent that is gone
        or started after this process)."""
        p = self._native().parent()
        return None if p is None else _with_ctime(Process._from_native(p))

    def parents(self):
        """The parents of this process up to pid 1 (nearest first)."""
        return [_with_ctime(Process._from_native(p)) for p in self._native().parents()]

    def is_running(self):
        """Whether this process is still running (a zombie counts as running); False
        once its pid was reused by another process."""
        if self._gone or self._pid_reused:
            return False
        current = _pkg().Process
        if current is not Process and not isinstance(current, type):
            # psutil.Process replaced by something that is not a class (a mock):
            # psutil's way, which asks it for the process now under this pid
            try:
                return self == current(self.pid)
            except ZombieProcess:
                return True
            except NoSuchProcess:
                return False
        if self._native().is_running():
            return True
        try:
            self._pid_reused = self != _pkg().Process(self.pid)
        except NoSuchProcess:
            self._pid_reused = False
        if self._pid_reused:
            _pids_reused.add(self.pid)
        else:
            self._gone = True
        return False

    # --- actual API ---

    def ppid(self):
        """The parent's pid."""
        return self._get("ppid")

    def name(self):
        """The process name."""
        name = self._get("name")
        self._name = name
        return name

    def exe(self):
        """The absolute path of the executable ("" if unknown); kept after the first
        success, as psutil does."""
        if self._exe is None:
            self._exe = self._get("exe")
        return self._exe

    def cmdline(self):
        """The command line, as a list of strings."""
        return self._get("cmdline")

    def status(self):
        """The status, one of the STATUS_* constants."""
        try:
            return self._get("status")
        except ZombieProcess:
            return "zombie"

    def username(self):
        """The name of the user owning the process (its real uid), resolved through
        NSS (getpwuid_r, as psutil's pwd.getpwuid) on the host, or from
        <root>/etc/passwd when PROCFS_PATH points at another /proc; the uid as a string
        when it has no name."""
        return self._get("username")

    def create_time(self):
        """The creation time, in seconds since the epoch."""
        if self._create_time is None:
            self._create_time = self._get("create_time")
        return self._create_time

    def cwd(self):
        """The current working directory ("" if unknown)."""
        return self._get("cwd")

    def nice(self, value=None):
        """Gets or sets the niceness."""
        if value is None:
            if self._oneshot_cache is None and self._proc is not None:
                return self._proc.nice()  # getpriority(2), as psutil
            return self._get("nice")
        if isinstance(value, int) and -2**31 <= value < 2**31:
            # setpriority(2) clamps to -20..19 (psutil passes any C int through)
            value = min(max(value, -20), 19)
        self._native().set_nice(value)
        return None

    def uids(self):
        """Real, effective and saved user ids (``puids``)."""
        return self._get("uids")

    def gids(self):
        """Real, effective and saved group ids (``pgids``)."""
        return self._get("gids")

    def terminal(self):
        """The terminal path, or None."""
        return self._get("terminal")

    def num_fds(self):
        """The number of open file descriptors."""
        return self._get("num_fds")

    def io_counters(self):
        """I/O counters (``pio``), from /proc/<pid>/io."""
        return self._get("io_counters")

    def ionice(self, ioclass=None, value=None):
        """Gets (``pionice``) or sets the I/O class and priority."""
        if ioclass is None:
            if value is not None:
                raise ValueError("'ioclass' argument must be specified")
            ioclass, value = self._native().ionice()
            return _ntp.pionice(_IOCLASSES[ioclass], value)
        # psutil's checks, in its order, then its C call's int conversion.
        if value is None:
            value = 0
        if value and ioclass in (IOPriority.IOPRIO_CLASS_IDLE, IOPriority.IOPRIO_CLASS_NONE):
            raise ValueError(f"{ioclass!r} ioclass accepts no value")
        if value < 0 or value > 7:
            raise ValueError("value not in 0-7 range")
        for v in (ioclass, value):
            if not isinstance(v, int):
                raise TypeError(f"'{type(v).__name__}' object cannot be interpreted as an integer")
            if not -2**31 <= v < 2**31:
                raise OverflowError("signed integer is greater than maximum")
        if not 0 <= ioclass <= 3:
            # the kernel's answer to ioprio_set(2) with an unknown class
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        self._native().set_ionice(int(ioclass), value)
        return None

    def rlimit(self, resource, limits=None):
        """Gets or sets a resource limit: a (soft, hard) tuple."""
        if self._pid == 0:
            raise ValueError("can't use prlimit() against PID 0 process")
        if limits is None:
            return self._native().rlimit(resource)
        if len(limits) != 2:
            raise ValueError(f"second argument must be a (soft, hard) tuple, got {limits!r}")
        soft, hard = limits
        self._native().set_rlimit(resource, soft, hard)
        return None

    def cpu_affinity(self, cpus=None):
        """Gets or sets the CPUs the process may run on (``[]`` sets all eligible)."""
        if cpus is None:
            return self._native().cpu_affinity()  # sorted, each CPU once
        if not cpus:
            cpus = _eligible_cpus(self.pid)
        for cpu in cpus:
            if isinstance(cpu, int) and cpu < 0:
                raise ValueError(f"invalid CPU {cpu!r}; choose between "
                                 f"{_eligible_cpus(self.pid)!r}")
        self._native().set_cpu_affinity(list(set(cpus)))
        return None

    def cpu_num(self):
        """The CPU the process is running on."""
        return self._get("cpu_num")

    def environ(self):
        """The environment variables, as a dict."""
        return self._get("environ")

    def num_ctx_switches(self):
        """Voluntary and involuntary context switches (``pctxsw``)."""
        return self._get("num_ctx_switches")

    def num_threads(self):
        """The number of threads."""
        return self._get("num_threads")

    def threads(self):
        """The threads, as ``pthread(id, user_time, system_time)``."""
        return self._get("threads")

    def children(self, recursive=False):
        """The children (all descendants when *recursive*), as Process instances."""
        try:  # psutil reads the create time of a fresh Process(pid) first
            _native.Process(_procfs(), self.pid)
        except NoSuchProcess:
            raise NoSuchProcess(self.pid, msg="process PID not found") from None
        return [_with_ctime(Process._from_native(p))
                for p in self._native().children(bool(recursive))]

    def cpu_percent(self, interval=None):
        """CPU utilisation in percent, as psutil: since the previous call on this
        instance (the first returns 0.0), or over *interval* seconds (blocking)."""
        blocking = interval is not None and interval > 0.0
        if interval is not None and interval < 0:
            raise ValueError(f"interval is not positive (got {interval!r})")
        num_cpus = _pkg().cpu_count() or 1

        def timer():
            return time.monotonic() * num_cpus

        native = self._native()
        if blocking:
            st1 = timer()
            pt1 = native.get("cpu_times")
            time.sleep(interval)
            st2 = timer()
            pt2 = native.get("cpu_times")
        else:
            return self._cpu_percent_since_last(timer(), native.get("cpu_times"), num_cpus)
        self._last_sys_cpu_times = st1
        self._last_proc_cpu_times = pt1
        return self._cpu_percent_since_last(st2, pt2, num_cpus)

    def _cpu_percent_since_last(self, st2, pt2, num_cpus):
        # cpu_percent() from the baseline of the previous call (0.0 without one) to
        # (st2: monotonic time * num_cpus, pt2: the plain cpu_times tuple), which
        # becomes the new baseline; process_iter(["cpu_percent"]) calls it too.
        st1 = self._last_sys_cpu_times
        pt1 = self._last_proc_cpu_times
        self._last_sys_cpu_times = st2
        self._last_proc_cpu_times = pt2
        if st1 is None or pt1 is None:
            return 0.0
        delta_proc = (pt2[0] - pt1[0]) + (pt2[1] - pt1[1])
        delta_time = st2 - st1
        try:
            overall = (delta_proc / delta_time) * 100
        except ZeroDivisionError:
            return 0.0
        return round(overall * num_cpus, 1)

    def cpu_times(self):
        """User, system, children and iowait CPU times in seconds (``pcputimes``)."""
        return self._get("cpu_times")

    def memory_info(self):
        """Memory use in bytes (``pmem``), from /proc/<pid>/statm."""
        return self._get("memory_info")

    def memory_full_info(self):
        """``memory_info()`` plus uss, pss and swap (``pfullmem``)."""
        try:
            return self._get("memory_full_info")
        except ZombieProcess:
            # psutil reads an empty smaps_rollup for a zombie: zeros, not an error
            return _ntp.pfullmem(*self._get("memory_info"), 0, 0, 0)

    def memory_percent(self, memtype="rss"):
        """*memtype* of ``memory_full_info()`` as a percentage of total memory."""
        valid = list(_ntp.pfullmem._fields)
        if memtype not in valid:
            raise ValueError(f"invalid memtype {memtype!r}; valid types are {tuple(valid)!r}")
        fun = self.memory_info if memtype in _ntp.pmem._fields else self.memory_full_info
        value = getattr(fun(), memtype)
        # the total of the last virtual_memory() call on this PROCFS_PATH, as psutil
        pkg = _pkg()
        cached = pkg._TOTAL_PHYMEM
        if cached is not None and cached[0] == pkg._procfs():
            total = cached[1]
        else:
            total = pkg.virtual_memory().total
        if not total > 0:
            raise ValueError("can't calculate process memory percent because total "
                             f"physical system memory is not positive ({total!r})")
        return (value / float(total)) * 100

    def memory_maps(self, grouped=True):
        """The memory mappings: summed per path (``pmmap_grouped``) or one per mapping
        (``pmmap_ext``)."""
        return self._get("memory_maps" if grouped else "memory_maps_ungrouped")

    def open_files(self):
        """Regular files opened (``popenfile``)."""
        return self._get("open_files")

    def net_connections(self, kind="inet"):
        """The sockets of this process (``pconn``) of the given *kind*."""
        if kind not in _CONN_KINDS:
            raise ValueError(f"invalid kind argument {kind!r}; valid ones are: {_CONN_KINDS}")
        from . import _conn_addr, _family, _socktype

        return [_ntp.pconn(fd, _family(fam), _socktype(typ), _conn_addr(laddr),
                           _conn_addr(raddr), status)
                for fd, fam, typ, laddr, raddr, status
                in self._native().net_connections(kind)]

    def connections(self, kind="inet"):
        """Deprecated alias of net_connections()."""
        warnings.warn("connections() is deprecated and will be removed; use "
                      "net_connections() instead", category=DeprecationWarning, stacklevel=2)
        return self.net_connections(kind)

    # --- signals ---

    def send_signal(self, sig):
        """Sends signal *sig*."""
        if isinstance(sig, int) and -2**63 <= sig < 2**63 and not -2**31 <= sig < 2**31:
            # psutil passes a C long: the kernel refuses such a signal number
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        self._native().send_signal(sig)

    def suspend(self):
        """Suspends the process (SIGSTOP)."""
        self._native().send_signal(signal.SIGSTOP)

    def resume(self):
        """Resumes the process (SIGCONT)."""
        self._native().send_signal(signal.SIGCONT)

    def terminate(self):
        """Terminates the process (SIGTERM)."""
        self._native().send_signal(signal.SIGTERM)

    def kill(self):
        """Kills the process (SIGKILL)."""
        self._native().send_signal(signal.SIGKILL)

    def wait(self, timeout=None):
        """Waits for the process to end: its exit code (a ``Negsignal`` when killed by
        a signal) when it is a child, else None. ``TimeoutExpired`` after *timeout*."""
        if self.pid == 0:
            raise ValueError("can't wait for PID 0")
        if timeout is not None:
            if not isinstance(timeout, (int, float)):
                raise TypeError(f"timeout must be an int or float (got {type(timeout)})")
            if timeout < 0:
                raise ValueError(f"timeout must be positive or zero (got {timeout})")
        if self._exitcode is not _SENTINEL:
            return self._exitcode
        if timeout is not None:
            # What psutil 7.2.2's wait_pid does with such timeouts: it asserts
            # timeout >= 0 (False for NaN), then polls a pidfd for int(timeout * 1000)
            # ms, which select.poll refuses above INT_MAX (and int() for infinity).
            if timeout != timeout:
                raise AssertionError
            if timeout * 1000 > 2**31 - 1:
                raise OverflowError("timeout is too large")
        if self._proc is None:
            self._exitcode = None
            return None
        try:
            code = self._proc.wait(None if timeout is None else float(timeout))
        except TimeoutExpired:
            raise TimeoutExpired(timeout, self.pid, self._name) from None
        self._exitcode = _exitcode(code)
        return self._exitcode


def _with_ctime(proc):
    # psutil compares creation times to pick parents and children, so the instances it
    # returns know theirs (their repr shows "started=")
    try:
        proc.create_time()
    except Exception:  # noqa: BLE001  (a process gone meanwhile keeps no start time)
        pass
    return proc


def _eligible_cpus(pid):
    # psutil 7.2.2: Cpus_allowed_list in its single-range form, else every CPU.
    try:
        with open(f"{_procfs()}/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"Cpus_allowed_list:"):
                    value = line.split()[1]
                    if b"-" in value and b"," not in value:
                        lo, hi = value.split(b"-")
                        return list(range(int(lo), int(hi) + 1))
    except OSError:
        pass
    return list(range(len(_pkg().cpu_times(percpu=True))))


# The methods as defined here: one replaced on the class (a subclass, or a patch) is
# called by as_dict() and process_iter() instead of the native batch or table.
_ORIGINAL = {n: Process.__dict__[n]
             for n in _BATCHABLE + ("cpu_percent", "memory_percent", "__init__", "_init",
                                    "as_dict", "oneshot")}

_EXCLUDED = {"send_signal", "suspend", "resume", "terminate", "kill", "wait", "is_running",
             "as_dict", "parent", "parents", "children", "rlimit", "connections",
             "oneshot"}
_as_dict_attrnames = {n for n in dir(Process) if not n.startswith("_")} - _EXCLUDED


class Popen(Process):
    """``subprocess.Popen`` and ``Process`` in one object: the child is started with
    ``subprocess.Popen(*args, **kwargs)``, whose attributes are available too."""

    __module__ = "psutil_rs"

    def __init__(self, *args, **kwargs):
        self.__subproc = subprocess.Popen(*args, **kwargs)
        self._init(self.__subproc.pid, _ignore_nsp=True)

    def __dir__(self):
        return sorted({*dir(Popen), *dir(subprocess.Popen)})

    def __enter__(self):
        enter = getattr(self.__subproc, "__enter__", None)
        if enter is not None:
            enter()
        return self

    def __exit__(self, *args, **kwargs):
        return self.__subproc.__exit__(*args, **kwargs)

    def __getattribute__(self, name):
        # this object's attributes first, then the subprocess.Popen's
        get = object.__getattribute__
        for owner in (self, get(self, "_Popen__subproc")):
            try:
                return get(owner, name)
            except AttributeError:
                pass
        raise AttributeError(f"{type(self)!r} has no attribute {name!r}")

    def wait(self, timeout=None):
        subproc = self.__subproc
        if subproc.returncode is None:
            # reaped here: subprocess learns the code too
            subproc.returncode = super().wait(timeout)
        return subproc.returncode


# process_iter()'s instances by pid live in the package's _pmap, psutil's name, which
# programs and psutil's tests read and rebind (psutil._pmap = {}).
_pids_reused = set()

# process_iter(attrs): the names read for the whole table in one native call, each
# with the methods whose override (on the class or the instance) makes it a call of
# the method instead: cpu_percent (its per-instance baseline kept here) and
# memory_percent are computed from the table's cpu_times and memory_info.
_TABLE_DEPS = {n: (n,) for n in _BATCHABLE}
_TABLE_DEPS["cpu_percent"] = ("cpu_percent",)
_TABLE_DEPS["memory_percent"] = ("memory_percent", "memory_info")
_TABLE_OVERRIDABLE = frozenset(d for deps in _TABLE_DEPS.values() for d in deps)
# The table's values with a side effect on the instance, or computed here.
_TABLE_POST = ("name", "exe", "create_time", "cpu_percent", "memory_percent")
# The values an instance keeps after its first success (psutil caches them).
_TABLE_CACHED = {"create_time", "exe"}
# The names the table reads from /proc/<pid>/stat, which gives the identity.
_TABLE_STAT = {"ppid", "name", "status", "create_time", "cpu_times", "cpu_num",
               "terminal", "num_threads", "nice", "cpu_percent"}
# The types the table builds psutil's values with (as _WRAP does).
_TABLE_TYPES = {
    "cpu_times": _ntp.pcputimes, "memory_info": _ntp.pmem,
    "memory_full_info": _ntp.pfullmem, "uids": _ntp.puids, "gids": _ntp.pgids,
    "num_ctx_switches": _ntp.pctxsw, "io_counters": _ntp.pio, "ionice": _ntp.pionice,
    "threads": _ntp.pthread, "memory_maps": _ntp.pmmap_grouped,
    "open_files": _ntp.popenfile, "IOPriority": IOPriority,
}


def _own_as_dict(cls):
    # Whether cls's as_dict and oneshot are this module's (the table may stand in
    # for them).
    return cls.as_dict is _ORIGINAL["as_dict"] and cls.oneshot is _ORIGINAL["oneshot"]


def _table_names(cls, exclude=()):
    # The names the table gives instances of cls: those whose methods are not
    # overridden (nor in *exclude*, the names set on an instance).
    return {n for n, deps in _TABLE_DEPS.items()
            if all(d not in exclude and getattr(cls, d, None) is _ORIGINAL[d]
                   for d in deps)}


def _table_instance(cls, pid, ticks, handle):
    # A new instance on the table's handle, without another read: what cls(pid) makes,
    # unless cls constructs its instances its own way or there is no handle (then
    # cls(pid) is called).
    if (handle is not None and cls.__new__ is object.__new__
            and cls.__init__ is _ORIGINAL["__init__"] and cls._init is _ORIGINAL["_init"]):
        proc = cls.__new__(cls)
        proc._reset(pid)
        proc._proc = handle
        proc._ident = (pid, ticks)
        return proc
    return cls(pid)


def process_iter(attrs=None, ad_value=None):
    """Yields a Process for every running process, in pid order. Instances are cached
    and reused across calls (``process_iter.cache_clear()`` empties the cache). With
    *attrs*, each gets ``info = as_dict(attrs, ad_value)``.

    The whole table is read in one native call (the GIL released): the attributes
    whose methods are not overridden come from it, each /proc file read once per
    process, and new instances are made on the handles it opened; the others are
    called per process as as_dict() does. The values are read when the iteration
    starts, not as it proceeds. When there is nothing to read that the cached
    instances do not already know (no attrs, ["pid"], ["create_time"]), only the
    new pids are opened, one by one, as psutil does, unless the cache is empty."""
    pkg = _pkg()
    cls = pkg.Process
    if attrs is not None and not _own_as_dict(cls):
        # as_dict, or the oneshot it runs in, is not ours (a subclass's, a patch):
        # each process goes through it, as psutil's process_iter does.
        yield from _process_iter_per_process(attrs, ad_value)
        return
    if attrs is not None:
        try:
            names = (set(attrs) if isinstance(attrs, (list, tuple, set, frozenset))
                     else None)
        except TypeError:
            names = None
        if names is None or not names <= _as_dict_attrnames:
            # psutil raises as_dict()'s TypeError/ValueError at the first process:
            # the per-process path does just that.
            yield from _process_iter_per_process(attrs, ad_value)
            return
        explicit = bool(names)
        order = list(names or _as_dict_attrnames)
    start = _pkg()._pmap
    pmap = start.copy()
    while _pids_reused:
        pmap.pop(_pids_reused.pop(), None)
    fetch = ()
    if attrs is not None:
        wanted = set(order)
        fast_of = {c: _table_names(c) & wanted for c in {cls, *map(type, pmap.values())}}
        fetch = sorted(set().union(*fast_of.values()))
    if pmap and not set(fetch) - _TABLE_CACHED:
        # Nothing to read that the cached instances do not know: psutil's listing,
        # new instances made one by one.
        fetch = ()
        if attrs is not None:
            fast_of = dict.fromkeys(fast_of, frozenset())
        rows = [(pid, None, None, None if attrs is None else dict.fromkeys(order), None,
                 None) for pid in pkg.pids()]
        listed = [row[0] for row in rows]
        if attrs is not None and "pid" in wanted:
            for row in rows:
                row[3]["pid"] = row[0]
    else:
        if "cpu_percent" in fetch:
            num_cpus = pkg.cpu_count() or 1
        if "memory_percent" in fetch:
            total = pkg.virtual_memory().total
        # The identity (stat) of every process is read when the cache is empty (all
        # are new) or for free; else the new ones are opened one by one, and the
        # cached ones kept by pid, as psutil does. Threads read the rows in the
        # background while this loop makes them into instances.
        rows = _native.process_table(_procfs(), fetch, None if attrs is None else order,
                                     _TABLE_TYPES, not pmap or not _TABLE_STAT.isdisjoint(fetch))
        listed = rows.pids
    if attrs is not None:
        # per class: the names called per process, the table values to finish
        slow_of = {c: [n for n in order if n not in f and n != "pid"]
                   for c, f in fast_of.items()}
        post_of = {c: [n for n in _TABLE_POST if n in f] for c, f in fast_of.items()}
    for pid in set(pmap).difference(listed):
        del pmap[pid]
    seen = set()
    try:
        for pid, ticks, handle, info, errs, read_at in rows:
            seen.add(pid)
            proc = pmap.get(pid)
            try:
                if proc is None or (ticks is not None and proc._ident[1] is not None
                                    and proc._ident[1] != ticks):
                    # new, or a new process with this pid
                    proc = _table_instance(cls, pid, ticks, handle)
                    pmap[pid] = proc
                if info is None:
                    yield proc
                    continue
                pcls = type(proc)
                if "as_dict" in proc.__dict__ or not _own_as_dict(pcls):
                    # a cached instance whose as_dict is not ours: it is called
                    proc.info = proc.as_dict(attrs, ad_value)
                    yield proc
                    continue
                slow = slow_of[pcls]
                post = post_of[pcls]
                if fetch and not _TABLE_OVERRIDABLE.isdisjoint(proc.__dict__):
                    # methods set on the instance: called
                    fast = _table_names(pcls, proc.__dict__)
                    slow = [n for n in order if n not in fast and n != "pid"]
                    post = [n for n in post if n in fast]
                if errs is not None:
                    for name, err in errs.items():
                        if name in slow:
                            continue
                        if isinstance(err, (AccessDenied, ZombieProcess)):
                            info[name] = ad_value
                        elif isinstance(err, NotImplementedError) and not explicit:
                            del info[name]
                        else:
                            raise err
                for name in post:
                    if errs is not None and name in errs:
                        continue
                    if name == "name":
                        proc._name = info["name"]
                    elif name == "exe":
                        if proc._exe is None:
                            proc._exe = info["exe"]
                        else:
                            info["exe"] = proc._exe
                    elif name == "create_time":
                        if proc._create_time is None:
                            proc._create_time = info["create_time"]
                        else:
                            info["create_time"] = proc._create_time
                    elif name == "cpu_percent":
                        info["cpu_percent"] = proc._cpu_percent_since_last(
                            read_at * num_cpus, info["cpu_percent"], num_cpus)
                    else:  # memory_percent: memory_percent("rss")
                        if not total > 0:
                            raise ValueError(
                                "can't calculate process memory percent because total "
                                f"physical system memory is not positive ({total!r})")
                        info["memory_percent"] = (info["memory_percent"] / float(total)) * 100
                if slow:
                    with proc.oneshot():
                        for name in slow:
                            try:
                                info[name] = getattr(proc, name)()
                            except (AccessDenied, ZombieProcess):
                                info[name] = ad_value
                            except NotImplementedError:
                                if explicit:
                                    raise
                                del info[name]
                proc.info = info
                yield proc
            except NoSuchProcess:
                pmap.pop(pid, None)
        # listed, but gone before it was read
        for pid in set(listed).difference(seen):
            pmap.pop(pid, None)
    finally:
        _pkg()._pmap = _newer_cache(start, pmap)


def _process_iter_per_process(attrs, ad_value):
    # psutil's process_iter, one as_dict() per process.
    start = _pkg()._pmap
    pmap = start.copy()
    current = set(_pkg().pids())
    for pid in set(pmap) - current:
        pmap.pop(pid, None)
    while _pids_reused:
        pmap.pop(_pids_reused.pop(), None)
    new = current - set(pmap)
    try:
        for pid, proc in sorted(list(pmap.items()) + [(p, None) for p in new],
                                key=lambda item: item[0]):
            try:
                if proc is None:
                    proc = _pkg().Process(pid)
                    pmap[proc.pid] = proc
                if attrs is not None:
                    proc.info = proc.as_dict(attrs=attrs, ad_value=ad_value)
                yield proc
            except NoSuchProcess:
                pmap.pop(pid, None)
    finally:
        _pkg()._pmap = _newer_cache(start, pmap)


def _newer_cache(start, pmap):
    # The cache an iteration leaves: its own, unless another iteration has ended since
    # this one began (an abandoned generator is finished by the garbage collector,
    # possibly much later: its view is older than the cache then).
    current = _pkg()._pmap
    return pmap if current is start else current


def _process_iter_cache_clear():
    _pkg()._pmap.clear()


_process_iter_cache_clear.__doc__ = "Clear process_iter() internal cache."
process_iter.cache_clear = _process_iter_cache_clear


def wait_procs(procs, timeout=None, callback=None):
    """Waits for the processes in *procs* to end; returns (gone, alive). The gone ones
    get a ``returncode`` attribute; *callback(proc)* is called for each as it ends.
    Does not raise TimeoutExpired.

    Each round gives every process still alive a slice of at most 1/N s (N alive)
    to end, so one long-lived process does not keep the others from being noticed."""
    if timeout is not None and not timeout >= 0:
        raise ValueError(f"timeout must be a positive integer, got {timeout}")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback {callback!r} is not a callable")
    deadline = None if timeout is None else time.monotonic() + timeout
    gone = []
    alive = list(dict.fromkeys(procs))  # each process once, as a set would

    def ended(proc, slice_):
        # whether proc ended within slice_ seconds (then it is in gone)
        try:
            code = proc.wait(timeout=slice_)
        except (TimeoutExpired, subprocess.TimeoutExpired):
            return False
        if code is None and proc.is_running():
            return False
        proc.returncode = code
        gone.append(proc)
        if callback is not None:
            callback(proc)
        return True

    while alive and (deadline is None or deadline > time.monotonic()):
        share = 1.0 / len(alive)
        still = []
        for proc in alive:
            left = share if deadline is None else min(share, deadline - time.monotonic())
            if left <= 0 or not ended(proc, left):
                still.append(proc)
        alive = still
    # a last look, without waiting, at those the deadline left
    alive = [proc for proc in alive if not ended(proc, 0)]
    return (gone, alive)
