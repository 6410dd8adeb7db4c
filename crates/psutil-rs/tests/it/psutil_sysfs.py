"""Runs psutil 7.2.2's own sensors code against a fake /sys tree.

psutil hard-codes /sys in psutil._pslinux, so this redirects the few names that
function uses: `glob` (patterns under /sys are rewritten to the tree and results
rewritten back, so psutil's regex on /sys/devices/platform/coretemp still applies),
`cat`/`bcat` (paths rewritten) and POWER_SUPPLY_PATH. Nothing else is changed: the
parsing, sorting and fallbacks are psutil's.

usage: python3 psutil_sysfs.py TREE_ROOT
prints JSON {"temperatures": .., "temperatures_f": .., "fans": .., "battery": ..};
each value is {"ok": result} or {"err": exception class name}. Every number is
written as the bits of float(x) (an exact integer), because JSON readers may round
long decimal floats.
"""

import glob as _glob
import json
import struct
import sys

import psutil
from psutil import _common
from psutil import _pslinux

assert psutil.__version__ == "7.2.2", psutil.__version__

TREE = sys.argv[1].rstrip("/")


def real(p):
    return TREE + p if p.startswith("/sys/") else p


def fake(p):
    return p[len(TREE) :] if p.startswith(TREE + "/sys/") else p


class Glob:
    @staticmethod
    def glob(pattern):
        return [fake(p) for p in _glob.glob(real(pattern))]


_pslinux.glob = Glob
_pslinux.cat = lambda f, *a, **k: _common.cat(real(f), *a, **k)
_pslinux.bcat = lambda f, *a, **k: _common.bcat(real(f), *a, **k)
_pslinux.POWER_SUPPLY_PATH = real("/sys/class/power_supply")


def conv(o):
    if hasattr(o, "_asdict"):
        return {k: conv(v) for k, v in o._asdict().items()}
    if isinstance(o, dict):
        return {str(k): conv(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [conv(x) for x in o]
    if hasattr(o, "value") and not isinstance(o, (bool, float, str)):
        o = o.value
    if isinstance(o, (int, float)) and not isinstance(o, bool):
        return struct.unpack("<q", struct.pack("<d", float(o)))[0]
    return o


def run(fn):
    try:
        return {"ok": conv(fn())}
    except Exception as e:  # noqa: BLE001
        return {"err": type(e).__name__}


print(
    json.dumps({
        "temperatures": run(psutil.sensors_temperatures),
        "temperatures_f": run(lambda: psutil.sensors_temperatures(fahrenheit=True)),
        "fans": run(psutil.sensors_fans),
        "battery": run(psutil.sensors_battery),
    })
)
