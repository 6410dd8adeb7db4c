"""psutil's ``Popen`` (a ``subprocess.Popen`` that is also a ``Process``) and
``wait_procs()``.

``subprocess`` is imported by the first ``Popen``, not with the package: with the
``locale`` and ``re`` it imports, it is ~1 MiB of resident memory and ~15 ms of
``import psutil_rs`` that programs not starting processes would pay (issue 18)."""

import sys
import time

from . import _checks
from ._common import TimeoutExpired
from ._process import Process

__all__ = ["Popen", "wait_procs"]


class Popen(Process):
    """``subprocess.Popen`` and ``Process`` in one object: the child is started with
    ``subprocess.Popen(*args, **kwargs)``, whose attributes are available too."""

    __module__ = "psutil_rs"

    def __init__(self, *args, **kwargs):
        import subprocess

        self.__subproc = subprocess.Popen(*args, **kwargs)
        self._init(self.__subproc.pid, _ignore_nsp=True)

    def __dir__(self):
        import subprocess

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



def _timeouts():
    """The TimeoutExpired classes a wait() may raise: psutil's, and subprocess's once
    something imported it (before, none of its can be raised)."""
    subprocess = sys.modules.get("subprocess")
    return TimeoutExpired if subprocess is None else (TimeoutExpired, subprocess.TimeoutExpired)


def wait_procs(procs, timeout=None, callback=None):
    """Waits for the processes in *procs* to end; returns (gone, alive). The gone ones
    get a ``returncode`` attribute; *callback(proc)* is called for each as it ends.
    Does not raise TimeoutExpired.

    Each round gives every process still alive a slice of at most 1/N s (N alive)
    to end, so one long-lived process does not keep the others from being noticed."""
    timeout, callback = _checks.wait_procs(timeout, callback)
    deadline = None if timeout is None else time.monotonic() + timeout
    gone = []
    alive = list(dict.fromkeys(procs))  # each process once, as a set would

    def ended(proc, slice_):
        # whether proc ended within slice_ seconds (then it is in gone)
        try:
            code = proc.wait(timeout=slice_)
        except _timeouts():
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
