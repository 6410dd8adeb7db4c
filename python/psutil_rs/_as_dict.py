"""The rules of ``Process.as_dict()``, stated once: the names it gives, the names the
native side may read in one batch, psutil's checks of *attrs*, and what a failed read
becomes. ``Process.as_dict()`` and ``process_iter(attrs)`` (whose table stands in for
as_dict) both follow them.
"""

from ._common import AccessDenied, ZombieProcess

# The public methods of Process that are not attributes: as_dict() never calls them.
_EXCLUDED = frozenset({
    "send_signal", "suspend", "resume", "terminate", "kill", "wait", "is_running",
    "as_dict", "parent", "parents", "children", "rlimit", "connections", "oneshot"})

# The names as_dict() may fetch from the native side in one batch (and process_iter from
# its table), when the class does not override their methods.
BATCHABLE = ("ppid", "name", "exe", "cmdline", "environ", "create_time", "status", "cwd",
             "username", "uids", "gids", "terminal", "nice", "ionice", "io_counters",
             "num_ctx_switches", "num_fds", "num_threads", "threads", "cpu_times",
             "cpu_num", "cpu_affinity", "memory_info", "memory_maps", "open_files")


def attrnames(cls):
    """The names as_dict() gives for *cls*: its public names but the excluded methods."""
    return {n for n in dir(cls) if not n.startswith("_")} - _EXCLUDED


def checked(attrs, valid):
    """*attrs* (a list, tuple or set of names) as a set, with psutil's TypeError and
    ValueError when it is no such collection or names something not in *valid*."""
    if not isinstance(attrs, (list, tuple, set, frozenset)):
        raise TypeError(f"invalid attrs type {type(attrs)}")
    attrs = set(attrs)
    invalid = attrs - valid
    if invalid:
        raise ValueError("invalid attr name{} {}".format(
            "s" if len(invalid) > 1 else "", ", ".join(map(repr, invalid))))
    return attrs


def settle(info, name, err, ad_value, explicit):
    """What a failed read of *name* leaves in *info*: *ad_value* for AccessDenied and
    ZombieProcess, no entry for NotImplementedError unless the name was asked for
    (*explicit*: attrs named names); any other error is raised."""
    if isinstance(err, (AccessDenied, ZombieProcess)):
        info[name] = ad_value
    elif isinstance(err, NotImplementedError) and not explicit:
        info.pop(name, None)
    else:
        raise err


def call_into(info, proc, names, ad_value, explicit):
    """Sets ``info[name] = proc.name()`` for each of *names*, failures settled as
    :func:`settle` says."""
    for name in names:
        try:
            info[name] = getattr(proc, name)()
        except (AccessDenied, ZombieProcess, NotImplementedError) as err:
            settle(info, name, err, ad_value, explicit)
