"""psutil's ``process_iter()``: the whole process table read in one native call
(``psutil_rs._native.process_table``, the core's ``ProcessTable``), with psutil's
instance cache (the package's ``_pmap``) on top of it. The table stands in for
``as_dict()`` where the class does not override it, following the rules of
``_as_dict``; the names it cannot give are called per process.
"""

from . import _as_dict
from . import _checks
from . import _native
from ._common import NoSuchProcess
from ._process import _ORIGINAL, _as_dict_attrnames, _pids_reused, _pkg, _procfs

__all__ = ["process_iter"]

# process_iter()'s instances by pid live in the package's _pmap, psutil's name, which
# programs and psutil's tests read and rebind (psutil._pmap = {}).

# process_iter(attrs): the names read for the whole table in one native call, each
# with the methods whose override (on the class or the instance) makes it a call of
# the method instead: cpu_percent (its per-instance baseline kept here) and
# memory_percent are computed from the table's cpu_times and memory_info.
_TABLE_DEPS = {n: (n,) for n in _as_dict.BATCHABLE}
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
            names = _as_dict.checked(attrs, _as_dict_attrnames)
        except (TypeError, ValueError):
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
                                     not pmap or not _TABLE_STAT.isdisjoint(fetch))
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
                        if name not in slow:
                            _as_dict.settle(info, name, err, ad_value, explicit)
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
                        info["memory_percent"] = _checks.memory_percent(
                            info["memory_percent"], total)
                if slow:
                    with proc.oneshot():
                        _as_dict.call_into(info, proc, slow, ad_value, explicit)
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

