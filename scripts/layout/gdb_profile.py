"""gdb script: which functions of psutil_rs's native module a Python program runs.

    gdb -q -batch -x scripts/layout/gdb_profile.py --args python PROGRAM

When the module's init function is reached, a breakpoint is set at the entry of every
function the module defines (its symbol table: the module must not be stripped); each
records its function once, then disables itself, so the program runs at nearly full
speed. The functions are written in the order they first ran, one per line, to the file
named by the environment variable LAYOUT_OUT. Threads are followed (all-stop mode).
"""

import os
import subprocess

import gdb

# The init function runs before the breakpoints exist: recorded as the first.
hits = ["PyInit__native"]


class First(gdb.Breakpoint):
    """Records its function the first time any thread enters it."""

    def __init__(self, address, name):
        super().__init__(f"*{address:#x}", internal=True)
        self.name = name
        self.silent = True

    def stop(self):
        hits.append(self.name)
        self.enabled = False
        return False


class Init(gdb.Breakpoint):
    """PyInit__native: the module is mapped; breakpoints on all its functions."""

    def stop(self):
        pid = gdb.selected_inferior().pid
        base = path = None
        with open(f"/proc/{pid}/maps") as maps:
            for line in maps:
                fields = line.split()
                if len(fields) > 5 and "_native" in fields[5] and int(fields[2], 16) == 0:
                    base, path = int(fields[0].split("-")[0], 16), fields[5]
                    break
        if path is None:
            raise gdb.GdbError("the native module is not mapped")
        nm = subprocess.run(["nm", "-S", "--defined-only", path],
                            capture_output=True, text=True, check=True).stdout
        count = 0
        for line in nm.splitlines():
            fields = line.split()
            if len(fields) == 4 and fields[2] in "tTwW" and int(fields[1], 16) > 0:
                First(base + int(fields[0], 16), fields[3])
                count += 1
        if count == 0:
            raise gdb.GdbError(f"{path} has no symbols (a stripped build?)")
        gdb.write(f"breakpoints on {count} functions\n")
        return False


for setting in ("pagination off", "confirm off", "breakpoint pending on",
                "print thread-events off", "startup-with-shell off"):
    gdb.execute(f"set {setting}")
gdb.execute("handle SIGCHLD nostop noprint pass")
Init("PyInit__native")
gdb.execute("run")
with open(os.environ["LAYOUT_OUT"], "w") as out:
    out.write("".join(f"{name}\n" for name in hits))
gdb.write(f"{len(hits)} functions ran\n")
