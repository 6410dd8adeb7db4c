#!/bin/sh
# Cargo's runner for aarch64-unknown-linux-gnu (.cargo/config.toml): runs a test binary
# under qemu-user against the host's kernel and /proc. QEMU_LD_PREFIX names the cross
# glibc's root; it is exported so that the binaries the tests start themselves (their
# own probes re-executed, through the kernel's binfmt_misc entry that
# scripts/cross/test.sh registers) find it too.
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
# Tells the tests that a user-mode emulator stands between them and the kernel (its
# /proc/self views, and the syscalls it does not translate): tests/it/util.rs.
export PSUTIL_TEST_EMULATOR=qemu-aarch64
exec qemu-aarch64 "$@"
