"""POSIX helpers psutil keeps in ``psutil._psposix``: ``pid_exists`` and ``wait_pid``.

psutil's own test helpers wait for a pid they no longer hold a ``Process`` for with
``wait_pid``; programs written against psutil do the same.
"""

from . import _native
from ._common import NoSuchProcess, TimeoutExpired

__all__ = ["pid_exists", "wait_pid"]


def pid_exists(pid):
    """Whether a process with this pid exists (a zombie does), ``kill(pid, 0)``'s
    answer as psutil gives it."""
    from . import pid_exists as public  # the package's, with its argument checks
    return public(pid)


def wait_pid(pid, timeout=None):
    """Waits until *pid* has ended and returns its exit code (minus the signal that
    killed it, as a ``Negsignal``) when it is a child of this process; None for any
    other process once its pid is gone, or when there was no such pid. Raises
    ``TimeoutExpired(timeout, pid)`` when *timeout* seconds pass first."""
    from . import _procfs
    from ._process import _exitcode
    try:
        handle = _native.Process(_procfs(), pid)
    except NoSuchProcess:
        return None
    try:
        code = handle.wait(None if timeout is None else float(timeout))
    except TimeoutExpired:
        raise TimeoutExpired(timeout, pid) from None
    return _exitcode(code)
