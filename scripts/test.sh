#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then runs the lint gates and every
# Rust and Python test. README's test command and CI's .ci/run both run this file.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage's wall time, printed at the end, so that CI's minutes can be accounted for.
timings=()
stage() {
  if [ -n "${stage_name:-}" ]; then timings+=("$((SECONDS - stage_start)) s  $stage_name"); fi
  stage_name=$1
  stage_start=$SECONDS
  [ -z "$1" ] || echo "== $1"
}

stage "installing test requirements"
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
for tool in free df ss ip who lscpu ps pmap lsof prlimit taskset ionice tmux valgrind promtool prometheus prometheus-node-exporter curl openssl; do
  command -v "$tool" >/dev/null || { echo "missing $tool (procps/iproute2/util-linux/lsof/tmux/valgrind/prometheus/prometheus-node-exporter/curl/openssl)"; need_apt=1; }
done
# tests/it/nss.rs resolves an account that only NSS knows (a systemd userdb drop-in,
# read by nss-systemd) in a private mount namespace.
pkgs="procps iproute2 util-linux lsof psmisc tmux valgrind prometheus prometheus-node-exporter curl openssl"
if ! ldconfig -p | grep -q 'libnss_systemd\.so\.2'; then
  echo "missing nss-systemd (libnss-systemd)"; need_apt=1; pkgs="$pkgs libnss-systemd"
fi
if [ "${need_apt:-0}" = 1 ]; then
  apt-get update -qq && apt-get install -y -qq $pkgs >/dev/null
fi

stage "cargo fmt"
cargo fmt --all -- --check
stage "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
# the command without its default `serve` feature (the exporter's dependencies left out)
cargo clippy -p psutil-cli --no-default-features --all-targets --locked -- -D warnings
stage "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
stage "fuzz: a short bounded run of every cargo-fuzz target (nightly)"
# The corpus replay on stable runs in cargo test below; this adds 2 s of real fuzzing
# per target. cargo-fuzz needs the nightly toolchain this machine kind ships.
if rustup toolchain list | grep -q '^nightly'; then
  command -v cargo-fuzz >/dev/null || cargo install --locked --quiet cargo-fuzz
  bash scripts/fuzz.sh 2
else
  echo "no nightly toolchain: the bounded fuzz run is skipped (the corpus replay still runs)"
fi

stage "cargo test"
log=$(mktemp)
pylog=$(mktemp)
suitelog=$(mktemp)
trap 'rm -f "$log" "$pylog" "$suitelog" "${winlog:-}" "${crosslog:-}"' EXIT
cargo test --workspace --locked 2>&1 | tee "$log"

stage "Windows: x86_64-pc-windows-gnu built, linted and tested under Wine (scripts/windows)"
winlog=$(mktemp)
bash scripts/windows/test.sh 2>&1 | tee "$winlog"

stage "Linux aarch64 (qemu-user) and i686 run, macOS and FreeBSD linted (scripts/cross)"
crosslog=$(mktemp)
bash scripts/cross/test.sh 2>&1 | tee "$crosslog"

stage "python package (the manylinux2014 x86_64 release wheel: zig build, auditwheel, size; then pytest on it)"
rm -rf target/wheels
# The wheel users get (release profile, stripped), checked by auditwheel and for size;
# the same file is installed and tested below.
bash scripts/package.sh wheel x86_64
python3 -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/psutil_rs-*manylinux_2_17_x86_64.whl
# Run from a directory without python/psutil_rs so the installed wheel is what is tested.
(cd tests/python && python3 -m pytest -q -p no:cacheprovider .) 2>&1 | tee "$pylog"

stage "psutil 7.2.2's own test suite against psutil_rs (tests/psutil_suite)"
bash tests/psutil_suite/run.sh 2>&1 | tee "$suitelog"

stage "stubtest (python/psutil_rs/*.pyi against the installed package)"
python3 -m pip install --quiet --disable-pip-version-check mypy==2.4.1
# From tests/python too (no psutil_rs source there); no mypy cache left behind.
(cd tests/python && MYPY_CACHE_DIR=/dev/null python3 -m mypy.stubtest psutil_rs \
  --allowlist stubtest-allowlist.txt)

stage "packaging: cargo publish dry runs, examples, aarch64 wheel, sdist install (scripts/package.sh)"
bash scripts/package.sh

# One closing line over everything: cargo prints a "test result" line per test binary
# (the last, the doc tests, may count few tests) and pytest its own summary.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?/) p += $(i-1); if ($i ~ /^failed;?/) f += $(i-1); if ($i ~ /^ignored;?/) s += $(i-1) } }
     / in [0-9.]+s/ && /passed|failed/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed,?$/) p += $(i-1); if ($i ~ /^failed,?$/) f += $(i-1); if ($i ~ /^skipped,?$/) s += $(i-1) } }
     /^SKIPPED \(/ { s++ }
     END { printf "\nall: %d passed, %d failed, %d skipped\n", p, f, s }' "$log" "$winlog" "$crosslog" "$pylog" "$suitelog"
stage ""
echo "stage times:"
printf '  %s\n' "${timings[@]}"
