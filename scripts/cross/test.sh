#!/usr/bin/env bash
# The other platforms' stage of the test suite (scripts/test.sh calls it; issue 15):
#
# - Linux aarch64: psutil-rs's tests built for aarch64-unknown-linux-gnu and run under
#   qemu-user against this machine's kernel and /proc (cargo's runner:
#   scripts/cross/qemu-run.sh; the binaries the tests start themselves reach qemu through
#   a binfmt_misc entry registered here).
# - Linux i686: psutil-rs's tests built for i686-unknown-linux-gnu and run natively
#   (the kernel's 32-bit entry) with Debian's i686 cross glibc.
# - macOS (x86_64, aarch64) and FreeBSD (x86_64): psutil-rs and the psutil command
#   checked and linted (`cargo clippy -D warnings`, which type-checks everything it
#   lints); these cannot run here.
#
# Installs what is missing first (Debian's qemu-user and cross gcc through apt, the Rust
# targets through rustup). What cannot be installed or set up prints one line
# `SKIPPED (<target>): <reason>` and the rest goes on: the suite's summary counts it as
# skipped, never as passed. A build, lint or test failure exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/../.."

status=0
skipped=()
skip() { # target, reason
  echo "SKIPPED ($1): $2"
  skipped+=("$1")
}
is_skipped() { [[ " ${skipped[*]:-} " == *" $1 "* ]]; }
timed() { # label, command...
  local t=$SECONDS label=$1
  shift
  if "$@"; then echo "  $label: $((SECONDS - t)) s"; else
    echo "FAILED: $label ($((SECONDS - t)) s)"
    status=1
  fi
}

# Debian packages for the two Linux targets.
declare -A pkgs_of=(
  [aarch64-unknown-linux-gnu]="qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross"
  [i686-unknown-linux-gnu]="gcc-i686-linux-gnu libc6-dev-i386-cross"
)
declare -A probe_of=(
  [aarch64-unknown-linux-gnu]="qemu-aarch64 aarch64-linux-gnu-gcc"
  [i686-unknown-linux-gnu]="i686-linux-gnu-gcc"
)
linux_targets=(aarch64-unknown-linux-gnu i686-unknown-linux-gnu)
lint_targets=(x86_64-apple-darwin aarch64-apple-darwin x86_64-unknown-freebsd)

missing=()
for t in "${linux_targets[@]}"; do
  for c in ${probe_of[$t]}; do
    command -v "$c" >/dev/null || { missing+=(${pkgs_of[$t]}); break; }
  done
  [ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] || [ "$t" != aarch64-unknown-linux-gnu ] || missing+=(libc6-dev-arm64-cross)
  [ -e /usr/i686-linux-gnu/lib/libc.so.6 ] || [ "$t" != i686-unknown-linux-gnu ] || missing+=(libc6-dev-i386-cross)
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  if ! command -v apt-get >/dev/null \
    || ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null; }; then
    for t in "${linux_targets[@]}"; do skip "$t" "apt-get could not install ${pkgs_of[$t]}"; done
  fi
fi

# The Rust standard library of each target.
installed=$(rustup target list --installed 2>/dev/null || true)
for t in "${linux_targets[@]}" "${lint_targets[@]}"; do
  is_skipped "$t" && continue
  grep -qx "$t" <<<"$installed" && continue
  echo "installing the Rust target $t"
  rustup target add "$t" >/dev/null 2>&1 || skip "$t" "rustup could not add the target"
done

# aarch64 binaries started by the tests themselves (their probes re-executed, under
# setpriv or unshare) go through the kernel's binfmt_misc: register qemu-aarch64 there,
# with the F flag (the interpreter opened now, usable in every mount namespace).
t=aarch64-unknown-linux-gnu
if ! is_skipped $t; then
  bm=/proc/sys/fs/binfmt_misc
  [ -e $bm/register ] || mount -t binfmt_misc binfmt_misc $bm 2>/dev/null || true
  if [ ! -e $bm/qemu-aarch64 ] && [ -w $bm/register ]; then
    printf '%s' ':qemu-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:'"$(command -v qemu-aarch64)"':F' \
      >$bm/register 2>/dev/null || true
  fi
  grep -qx enabled $bm/qemu-aarch64 2>/dev/null \
    || skip $t "no binfmt_misc entry for qemu-aarch64 (needs root and binfmt_misc)"
fi

# nextest runs each test in a process of its own, started natively (see
# .config/nextest.toml's `qemu` profile: a test whose forked child qemu deadlocks is
# ended and retried, and reported FLAKY or FAILED). Its summary is turned into one
# `test result:` line, which scripts/test.sh's closing count reads.
nextest_aarch64() {
  local out rc=0
  # The whole output is kept in target/cross-aarch64-nextest.log; the lines shown are
  # every status but PASS, START and SLOW (FAIL, FLAKY, TIMEOUT, LEAK-FAIL, SIG*, ...).
  out=${CARGO_TARGET_DIR:-target}/cross-aarch64-nextest.log
  cargo nextest run -p psutil-rs --locked --target aarch64-unknown-linux-gnu --profile qemu \
    --no-fail-fast >"$out" 2>&1 || rc=$?
  grep -E '^ +[A-Z]' "$out" | grep -vE '^ +(PASS|START|SLOW|Starting|Finished|Compiling|Running|Checking|Nextest)\b' || true
  awk '/^ +Summary \[/ {
         for (i = 1; i <= NF; i++) {
           if ($i ~ /^passed/) p = $(i-1); if ($i ~ /^failed/) f = $(i-1); if ($i ~ /^skipped/) s = $(i-1)
         }
         printf "test result: %s. %d passed; %d failed; %d ignored; (aarch64, nextest)\n", (f ? "FAILED" : "ok"), p, f, s
       }' "$out"
  return "$rc"
}

echo "Linux on other architectures: psutil-rs's tests"
for t in "${linux_targets[@]}"; do
  is_skipped "$t" && continue
  echo "== $t"
  if [ "$t" = aarch64-unknown-linux-gnu ] && cargo nextest --version >/dev/null 2>&1; then
    timed "$t tests (nextest, qemu-user)" nextest_aarch64
  elif [ "$t" = aarch64-unknown-linux-gnu ]; then
    skip "$t" "cargo-nextest is not installed (the runner that survives qemu-user's fork deadlocks)"
  else
    # --tests: the unit and integration tests; the doc tests (examples, run on the host)
    # would be linked without the cross glibc's loader path.
    timed "$t tests" cargo test -p psutil-rs --locked --target "$t" --tests
  fi
done

echo "macOS and FreeBSD: checked and linted (not run)"
for t in "${lint_targets[@]}"; do
  is_skipped "$t" && continue
  echo "== $t"
  timed "$t clippy" cargo clippy -p psutil-rs -p psutil-cli --locked --target "$t" -- -D warnings
done
exit $status
