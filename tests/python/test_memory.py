"""virtual_memory / swap_memory / boot_time against psutil and free(1)."""

import subprocess

from conftest import MEM_TOLERANCE


def test_virtual_memory_matches_psutil(ours, ref):
    a, b = ours.virtual_memory(), ref.virtual_memory()
    assert type(a).__name__ == "svmem"
    assert a._fields == b._fields
    assert a.total == b.total
    for f in ("available", "used", "free", "active", "inactive", "buffers", "cached",
              "shared", "slab"):
        assert abs(getattr(a, f) - getattr(b, f)) <= MEM_TOLERANCE, f
    assert abs(a.percent - b.percent) <= 1.0


def test_virtual_memory_matches_free(ours):
    out = subprocess.check_output(["free", "-b", "-w"], text=True)
    mem = next(line for line in out.splitlines() if line.startswith("Mem:")).split()[1:]
    total, used, free, shared, buffers, cache, available = map(int, mem)
    vm = ours.virtual_memory()
    assert vm.total == total
    assert abs(vm.used - used) <= MEM_TOLERANCE
    assert abs(vm.available - available) <= MEM_TOLERANCE
    assert abs(vm.cached - cache) <= MEM_TOLERANCE


def test_swap_memory_matches_psutil(ours, ref):
    a, b = ours.swap_memory(), ref.swap_memory()
    assert a._fields == b._fields
    assert (a.total, a.sin, a.sout) == (b.total, b.sin, b.sout)


def test_boot_time_matches_psutil(ours, ref):
    assert ours.boot_time() == ref.boot_time()


def test_procfs_path_is_honoured(ours, tmp_path):
    (tmp_path / "meminfo").write_text(
        "MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 400 kB\nCached: 50 kB\n"
        "SReclaimable: 5 kB\n"
    )
    old = ours.PROCFS_PATH
    ours.PROCFS_PATH = str(tmp_path)
    try:
        vm = ours.virtual_memory()
    finally:
        ours.PROCFS_PATH = old
    assert vm.total == 1000 * 1024
    assert vm.available == 400 * 1024
    assert vm.used == 600 * 1024
    assert vm.cached == 55 * 1024
    assert vm.percent == 60.0


def test_missing_procfs_raises_file_not_found(ours):
    old = ours.PROCFS_PATH
    ours.PROCFS_PATH = "/nonexistent-procfs"
    try:
        try:
            ours.virtual_memory()
        except FileNotFoundError as e:
            assert "nonexistent-procfs" in e.filename
        else:
            raise AssertionError("no error")
    finally:
        ours.PROCFS_PATH = old
