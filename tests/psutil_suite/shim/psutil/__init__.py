"""``import psutil`` resolving to psutil_rs, for running psutil's own test suite.

Only the test run puts this directory first on ``sys.path``. Importing it registers the
installed psutil_rs as ``psutil`` (with ``psutil._common``, ``psutil._pslinux`` ...), so
the suite's ``import psutil`` and ``from psutil._common import ...`` get psutil_rs.
"""

import psutil_rs

psutil_rs.install_as_psutil()

# test_linux.py imports two helpers of psutil's private Linux module at its top, for the
# tests of those helpers; psutil_rs has neither (it finds the root device and
# computes available memory natively). The names exist only so the module's public-API
# tests can be collected; the tests that call them are deselected (deselect.txt).
for _name in ("RootFsDeviceFinder", "calculate_avail_vmem"):
    if not hasattr(psutil_rs._pslinux, _name):
        setattr(psutil_rs._pslinux, _name, None)
