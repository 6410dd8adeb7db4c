#!/usr/bin/env bash
# The Windows stage of the test suite (scripts/test.sh calls it): builds psutil-rs for
# x86_64-pc-windows-gnu and runs its tests under Wine, through the runner in
# .cargo/config.toml (scripts/windows/wine-run.sh).
#
# Installs what is missing first: Debian's wine (64-bit) and mingw-w64 gcc through apt,
# the Rust target through rustup. When that is impossible (no apt, a refused download,
# no rustup), nothing can be tested: it prints one line starting with
# `SKIPPED (Windows)` and the reason, and exits 0, so the suite's summary counts the
# stage as skipped, never as passed. A build or test failure exits non-zero.
#
# Output: clippy for the target, cargo's usual `test result:` lines (one per test binary,
# the library's and the command's), then the stage's wall time. Extra cargo arguments are passed on to `cargo test` (a test name filter, say).
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
start=$SECONDS

skip() {
  echo "SKIPPED (Windows): $*"
  exit 0
}

have_wine() {
  [ -x /usr/lib/wine/wine64 ] || command -v wine64 >/dev/null || command -v wine >/dev/null
}

missing=()
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=(gcc-mingw-w64-x86-64)
have_wine || missing+=(wine wine64)
command -v wineserver >/dev/null || [ -x /usr/lib/wine/wineserver64 ] || missing+=(wine)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  if ! command -v apt-get >/dev/null; then
    skip "no apt-get to install ${missing[*]}"
  fi
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null; }; then
    skip "apt-get could not install ${missing[*]}"
  fi
fi

if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
  echo "installing the Rust target $target"
  command -v rustup >/dev/null || skip "no rustup to add the $target target"
  rustup target add "$target" || skip "rustup could not add the $target target"
fi

# Stop this run's wineserver at the end (the runner leaves it up between test binaries).
prefix=${CARGO_TARGET_DIR:-$PWD/target}/wine/prefix
cleanup() {
  if [ -d "$prefix" ]; then WINEPREFIX=$prefix wineserver -k 2>/dev/null || true; fi
}
trap cleanup EXIT

# The host's own view of the filesystem behind Wine's Z: drive, for the disk_usage
# comparison in tests/windows/system_disk.rs (bytes: total used available).
export PSUTIL_HOST_DF_ROOT="$(df -B1 --output=size,used,avail / | tail -1)"

status=0
echo "== cargo clippy -p psutil-rs -p psutil-cli --target $target"
cargo clippy -p psutil-rs -p psutil-cli --all-targets --target "$target" --locked -- -D warnings || status=$?
if [ "$status" = 0 ]; then
  echo "== cargo doc -p psutil-rs --target $target"
  RUSTDOCFLAGS="-D warnings" cargo doc -p psutil-rs --no-deps --target "$target" --locked || status=$?
fi
if [ "$status" = 0 ]; then
  echo "== cargo test -p psutil-rs -p psutil-cli --target $target (under Wine)"
  cargo test -p psutil-rs -p psutil-cli --target "$target" --locked "$@" || status=$?
fi
echo "Windows stage: $((SECONDS - start)) s (exit status $status)"
exit "$status"
