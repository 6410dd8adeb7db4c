"""psutil's ``Process`` class.

Each ``Process`` holds a native handle (``psutil_rs._native.Process``, a
``psutil_rs::Process``) that does the reading and builds psutil's values; this module
gives it psutil 7.2's Python-level semantics: argument checks, ``oneshot()``,
``as_dict()`` (whose rules are ``_as_dict``'s), ``cpu_percent()`` bookkeeping, identity
and ``repr``. ``Popen`` and ``wait_procs()`` are in ``_popen``, ``process_iter()`` in
``_process_iter``.
"""

import contextlib
import enum
import operator
import os
import signal
import sys
import threading
import time
import warnings

from . import _as_dict
from . import _checks
from . import _native
from . import _ntuples as _ntp
from ._common import AccessDenied, NoSuchProcess, TimeoutExpired, ZombieProcess
from ._pslinux import IOPriority

__all__ = ["Process", "Negsignal"]

#: ``wait()``'s result for a process killed by a signal: minus the signal number.
Negsignal = enum.IntEnum("Negsignal", {s.name: -s.value for s in signal.Signals})

_SENTINEL = object()

# The native side builds psutil's process values with the package's types (Process
# methods, as_dict() and process_iter()'s table alike).
_native.bind_types({**_ntp.PROCESS_TYPES, "IOPriority": IOPriority})


def _pkg():
    # The package module, looked up at call time (tests patch its globals, e.g.
    # cpu_count, as psutil's do).
    return sys.modules[__package__]


def _procfs():
    return _pkg()._procfs()


def _pprint_secs(secs):
    # datetime is imported here, by the first repr() that shows a start time: the
    # package does not load it for everyone (issue 18: import time and memory).
    import datetime

    fmt = "%H:%M:%S" if int(time.time() - secs) < 86400 else "%Y-%m-%d %H:%M:%S"
    return datetime.datetime.fromtimestamp(secs).strftime(fmt)


def _exitcode(code):
    if code is not None and code < 0:
        try:
            return Negsignal(code)
        except ValueError:
            return code
    return code


# Attributes read from one kernel file each; inside oneshot() the first use of one
# fetches its whole group in one native call (the core's oneshot: one read per file).
_GROUPS = (
    ("ppid", "name", "status", "create_time", "cpu_times", "cpu_num", "nice",
     "num_threads"),  # /proc/<pid>/stat
    ("uids", "gids", "num_ctx_switches"),  # /proc/<pid>/status
    ("memory_info",),  # /proc/<pid>/statm
)
_GROUP_OF = {n: g for g in _GROUPS for n in g}

# The pids of instances whose process is gone and whose pid another process took:
# process_iter() drops them from its cache.
_pids_reused = set()


def _reader(name, doc):
    # The method `name` that reads its attribute natively (psutil's value), within a
    # oneshot() from the group read once.
    def read(self):
        return self._get(name)

    read.__name__, read.__qualname__, read.__doc__ = name, f"Process.{name}", doc
    return read


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
        self._reset(os.getpid() if pid is None else _checks.pid(pid))
        try:
            self._proc = _native.Process(_procfs(), self._pid)
        except NoSuchProcess:
            if not _ignore_nsp:
                raise NoSuchProcess(self._pid, msg="process PID not found") from None
            self._proc = None
            self._gone = True
        self._ident = (self._pid, None) if self._proc is None else self._proc.identity()

    def _reset(self, pid):
        self._pid = pid
        self._lock = threading.RLock()
        # psutil's private per-instance state, which some tests and programs look at.
        # Plain attribute stores, in one order for every instance: CPython keeps such
        # instances' attributes inline, the quickest to read (a __dict__.update would
        # not, and would double the cost of e.g. a cached create_time()).
        self._name = self._exe = self._create_time = self._hash = self._ppid = None
        self._last_sys_cpu_times = self._last_proc_cpu_times = self._oneshot_cache = None
        self._gone = self._pid_reused = False
        self._exitcode = _SENTINEL

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
                return value
            return self._native().get(name)
        except (NoSuchProcess, AccessDenied) as err:
            raise self._named(err) from None

    def _call(self, method, *args):
        # the native handle's method, its errors named as psutil's (see _named)
        try:
            return getattr(self._native(), method)(*args)
        except (NoSuchProcess, AccessDenied) as err:
            raise self._named(err) from None

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
        # psutil's classes (Process, Popen) print as psutil.<name>; a subclass as itself
        module = "psutil" if cls.__module__ == __package__ else cls.__module__
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
        return {n for n in _as_dict.BATCHABLE
                if n not in inst and getattr(cls, n, None) is _ORIGINAL[n]}

    def as_dict(self, attrs=None, ad_value=None):
        """The process's attributes as a dict (all readable ones, or the names in
        *attrs*); *ad_value* replaces values denied by AccessDenied/ZombieProcess."""
        if attrs is not None:
            attrs = _as_dict.checked(attrs, _as_dict_attrnames)
        ret = {}
        names = attrs or _as_dict_attrnames
        explicit = bool(attrs)
        with self.oneshot():
            fast = self._fast_names() & set(names)
            batch = self._native().batch(sorted(fast)) if fast else {}
            for name in names:
                if name == "pid":
                    ret[name] = self.pid
                elif name not in batch:
                    _as_dict.call_into(ret, self, (name,), ad_value, explicit)
                elif isinstance(batch[name], BaseException):
                    _as_dict.settle(ret, name, self._named(batch[name]), ad_value, explicit)
                else:
                    ret[name] = batch[name]
                    self._remember(name, batch[name])
        return ret

    def _remember(self, name, value):
        if name == "name":
            self._name = value
        elif name == "create_time":
            self._create_time = value

    def parent(self):
        """The parent process as a Process, or None (pid 1, or a parent that is gone
        or started after this process)."""
        p = self._call("parent")
        return None if p is None else _with_ctime(Process._from_native(p))

    def parents(self):
        """The parents of this process up to pid 1 (nearest first)."""
        return [_with_ctime(Process._from_native(p)) for p in self._call("parents")]

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

    ppid = _reader("ppid", "The parent's pid.")

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

    cmdline = _reader("cmdline", "The command line, as a list of strings.")

    def status(self):
        """The status, one of the STATUS_* constants."""
        try:
            return self._get("status")
        except ZombieProcess:
            return "zombie"

    username = _reader(
        "username", """The name of the user owning the process (its real uid), resolved through
        NSS (getpwuid_r, as psutil's pwd.getpwuid) on the host, or from
        <root>/etc/passwd when PROCFS_PATH points at another /proc; the uid as a string
        when it has no name.""")

    def create_time(self):
        """The creation time, in seconds since the epoch."""
        if self._create_time is None:
            self._create_time = self._get("create_time")
        return self._create_time

    cwd = _reader("cwd", """The current working directory ("" if unknown).""")

    def nice(self, value=None):
        """Gets or sets the niceness."""
        if value is None:
            if self._oneshot_cache is None and self._proc is not None:
                return self._proc.nice()  # getpriority(2), as psutil
            return self._get("nice")
        self._call("set_nice", _checks.nice(value))
        return None

    uids = _reader("uids", "Real, effective and saved user ids (``puids``).")
    gids = _reader("gids", "Real, effective and saved group ids (``pgids``).")
    terminal = _reader("terminal", "The terminal path, or None.")
    num_fds = _reader("num_fds", "The number of open file descriptors.")
    io_counters = _reader("io_counters", "I/O counters (``pio``), from /proc/<pid>/io.")

    def ionice(self, ioclass=None, value=None):
        """Gets (``pionice``) or sets the I/O class and priority."""
        if ioclass is None:
            if value is not None:
                raise ValueError("'ioclass' argument must be specified")
            try:  # not through _call: a getter of about a microsecond
                return self._native().ionice()
            except (NoSuchProcess, AccessDenied) as err:
                raise self._named(err) from None
        self._call("set_ionice", *_checks.ionice(ioclass, value))
        return None

    def rlimit(self, resource, limits=None):
        """Gets or sets a resource limit: a (soft, hard) tuple."""
        if self._pid == 0:
            raise ValueError("can't use prlimit() against PID 0 process")
        if limits is None:
            try:  # not through _call: a getter of about a microsecond
                return self._native().rlimit(resource)
            except (NoSuchProcess, AccessDenied) as err:
                raise self._named(err) from None
        self._call("set_rlimit", resource, *_checks.rlimit(limits))
        return None

    def cpu_affinity(self, cpus=None):
        """Gets or sets the CPUs the process may run on (``[]`` sets all eligible)."""
        if cpus is None:
            try:  # not through _call: a getter of about a microsecond
                return self._native().cpu_affinity()  # sorted, each CPU once
            except (NoSuchProcess, AccessDenied) as err:
                raise self._named(err) from None
        cpus = _checks.cpu_affinity(cpus, lambda: _eligible_cpus(self.pid))
        self._call("set_cpu_affinity", cpus)
        return None

    cpu_num = _reader("cpu_num", "The CPU the process is running on.")
    environ = _reader("environ", "The environment variables, as a dict.")
    num_ctx_switches = _reader(
        "num_ctx_switches", "Voluntary and involuntary context switches (``pctxsw``).")
    num_threads = _reader("num_threads", "The number of threads.")
    threads = _reader("threads", "The threads, as ``pthread(id, user_time, system_time)``.")

    def children(self, recursive=False):
        """The children (all descendants when *recursive*), as Process instances."""
        try:  # psutil reads the create time of a fresh Process(pid) first
            _native.Process(_procfs(), self.pid)
        except NoSuchProcess:
            raise NoSuchProcess(self.pid, msg="process PID not found") from None
        return [_with_ctime(Process._from_native(p))
                for p in self._call("children", bool(recursive))]

    def cpu_percent(self, interval=None):
        """CPU utilisation in percent, as psutil: since the previous call on this
        instance (the first returns 0.0), or over *interval* seconds (blocking)."""
        blocking = _checks.interval(interval)
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

    cpu_times = _reader(
        "cpu_times", "User, system, children and iowait CPU times in seconds (``pcputimes``).")
    memory_info = _reader(
        "memory_info", "Memory use in bytes (``pmem``), from /proc/<pid>/statm.")

    def memory_full_info(self):
        """``memory_info()`` plus uss, pss and swap (``pfullmem``)."""
        try:
            return self._get("memory_full_info")
        except ZombieProcess:
            # psutil reads an empty smaps_rollup for a zombie: zeros, not an error
            return _ntp.pfullmem(*self._get("memory_info"), 0, 0, 0)

    def memory_percent(self, memtype="rss"):
        """*memtype* of ``memory_full_info()`` as a percentage of total memory."""
        _checks.memtype(memtype, _ntp.pfullmem._fields)
        fun = self.memory_info if memtype in _ntp.pmem._fields else self.memory_full_info
        value = getattr(fun(), memtype)
        # the total of the last virtual_memory() call on this PROCFS_PATH, as psutil
        pkg = _pkg()
        cached = pkg._TOTAL_PHYMEM
        if cached is not None and cached[0] == pkg._procfs():
            total = cached[1]
        else:
            total = pkg.virtual_memory().total
        return _checks.memory_percent(value, total)

    def memory_maps(self, grouped=True):
        """The memory mappings: summed per path (``pmmap_grouped``) or one per mapping
        (``pmmap_ext``)."""
        return self._get("memory_maps" if grouped else "memory_maps_ungrouped")

    open_files = _reader("open_files", "Regular files opened (``popenfile``).")

    def net_connections(self, kind="inet"):
        """The sockets of this process (``pconn``) of the given *kind*."""
        from . import _connections

        rows = self._call("net_connections", _checks.conn_kind(kind))
        return _connections(rows, _ntp.pconn)

    def connections(self, kind="inet"):
        """Deprecated alias of net_connections()."""
        warnings.warn("connections() is deprecated and will be removed; use "
                      "net_connections() instead", category=DeprecationWarning, stacklevel=2)
        return self.net_connections(kind)

    # --- signals ---

    def send_signal(self, sig):
        """Sends signal *sig*."""
        self._call("send_signal", _checks.signal(sig))

    def suspend(self):
        """Suspends the process (SIGSTOP)."""
        self._call("send_signal", signal.SIGSTOP)

    def resume(self):
        """Resumes the process (SIGCONT)."""
        self._call("send_signal", signal.SIGCONT)

    def terminate(self):
        """Terminates the process (SIGTERM)."""
        self._call("send_signal", signal.SIGTERM)

    def kill(self):
        """Kills the process (SIGKILL)."""
        self._call("send_signal", signal.SIGKILL)

    def wait(self, timeout=None):
        """Waits for the process to end: its exit code (a ``Negsignal`` when killed by
        a signal) when it is a child, else None. ``TimeoutExpired`` after *timeout*."""
        if self.pid == 0:
            raise ValueError("can't wait for PID 0")
        _checks.wait_timeout(timeout)
        if self._exitcode is not _SENTINEL:
            return self._exitcode
        _checks.poll_timeout(timeout)
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
             for n in _as_dict.BATCHABLE + ("cpu_percent", "memory_percent", "__init__", "_init",
                                    "as_dict", "oneshot")}

_as_dict_attrnames = _as_dict.attrnames(Process)


