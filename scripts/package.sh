#!/usr/bin/env bash
# The packaging checks (issue 18): what users install must build, install and run.
#
#   scripts/package.sh                  # every check below except the x86_64 wheel
#   scripts/package.sh crates           # cargo publish --dry-run of psutil-rs and psutil-cli
#   scripts/package.sh examples         # build crates/psutil-rs/examples and run each once
#   scripts/package.sh wheel ARCH       # manylinux2014 wheel for x86_64 or aarch64
#   scripts/package.sh sdist            # maturin sdist, pip-installed into a fresh venv
#   scripts/package.sh footprint        # import time and RSS vs psutil (bench/py/footprint.py)
#
# scripts/test.sh builds the x86_64 wheel in its Python stage (`wheel x86_64`, the wheel
# pytest then installs and tests) and runs the rest in its packaging stage. Wheels go to
# target/wheels, the sdist to target/sdist. Needs what requirements-test.txt installs
# (maturin, ziglang for `maturin --zig`, auditwheel) and the Rust target of each wheel.
set -euo pipefail
cd "$(dirname "$0")/.."

# The wheel-size limit of issue 18 (bytes of the .whl file).
MAX_WHEEL_BYTES=3000000
# The least code crates/psutil-py/build.rs must gather into .text.hot (bytes): the
# functions of crates/psutil-py/layout/hot.txt take ~300 KB; far less means the list no
# longer matches the build's symbols (scripts/layout-profile.sh records it again).
MIN_HOT_BYTES=150000

fail() { echo "package.sh: $*" >&2; exit 1; }

crates() {
  # Both crates in one run: cargo packages psutil-rs, then verifies psutil-cli against
  # that package through a local registry, so the CLI's version+path dependency is
  # checked without psutil-rs being on crates.io. --allow-dirty: a developer's
  # uncommitted work is packaged as it is (CI's checkout is clean anyway).
  cargo publish --dry-run --locked --allow-dirty -p psutil-rs -p psutil-cli 2>&1 |
    { grep -v '^warning: ignoring \(test\|benchmark\) .* not included in the published package$' || true; }
  # The package must hold what its doc tests read, and nothing of the repository's.
  local list
  list=$(cargo package --list --locked --allow-dirty -p psutil-rs)
  grep -qx 'tests/data/debian12-6.18/proc/stat' <<<"$list" || fail "psutil-rs package lacks tests/data"
  if grep -q '^\.\./\|fixtures/' <<<"$list"; then fail "psutil-rs package holds repository files"; fi
}

examples() {
  cargo build --locked -p psutil-rs --examples
  local dir=${CARGO_TARGET_DIR:-target}/debug/examples
  # Each once, briefly; output kept out of the log but every exit status checked.
  "$dir/top" --iterations 1 --interval 0.2 >/dev/null
  "$dir/memory_watcher" --iterations 2 --interval 0.1 >/dev/null
  # Outputs captured whole before grep reads them (grep -q in a pipe would close it early).
  local out
  out=$("$dir/process_tree")
  grep -q "($$)" <<<"$out" || fail "process_tree does not show this shell ($$)"
  "$dir/process_tree" 1 >/dev/null
  out=$("$dir/disk_usage")
  grep -q ' /$' <<<"$out" || fail "disk_usage does not list /"
  # kill_by_name on a process of a name no other process has: it must end by SIGTERM.
  local tmp victim pid status=0
  tmp=$(mktemp -d)
  victim="pkgvictim$$"
  cp "$(command -v sleep)" "$tmp/$victim"
  "$tmp/$victim" 300 &
  pid=$!
  sleep 0.3
  out=$("$dir/kill_by_name" --dry-run "$victim")
  grep -qx "$pid $victim" <<<"$out" || fail "kill_by_name --dry-run did not list $pid: $out"
  kill -0 "$pid" || fail "kill_by_name --dry-run signalled $pid"
  out=$("$dir/kill_by_name" "$victim")
  grep -qx "$pid ended" <<<"$out" || fail "kill_by_name did not end $pid: $out"
  wait "$pid" || status=$?
  rm -rf "$tmp"
  [ "$status" = 143 ] || fail "the victim exited with $status, not 143 (SIGTERM)"
  echo "examples: top, memory_watcher, process_tree, disk_usage, kill_by_name ran"
}

wheel() {
  local arch=${1:?wheel x86_64|aarch64}
  local target="$arch-unknown-linux-gnu"
  rustup target list --installed | grep -qx "$target" || rustup target add "$target"
  mkdir -p target/wheels
  rm -f target/wheels/psutil_rs-*_"$arch".whl
  # zig as the linker, against glibc 2.17's symbol versions: manylinux2014.
  maturin build --locked --release --quiet --zig --compatibility manylinux2014 \
    --target "$target" --out target/wheels
  local whl
  whl=$(ls target/wheels/psutil_rs-*manylinux_2_17_"$arch".whl) || fail "no manylinux_2_17_$arch wheel"
  local show
  show=$(python3 -m auditwheel show "$whl")
  grep -q "\"manylinux_2_17_$arch\"" <<<"$show" || { echo "$show"; fail "$whl: auditwheel does not accept manylinux_2_17_$arch"; }
  local bytes
  bytes=$(stat -c %s "$whl")
  [ "$bytes" -le "$MAX_WHEEL_BYTES" ] || fail "$whl is $bytes bytes, over $MAX_WHEEL_BYTES"
  local so
  so=$(python3 -c 'import sys, zipfile; print(next(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.endswith(".so")))' "$whl")
  local tmp hot
  tmp=$(mktemp -d)
  python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); n = next(i for i in z.namelist() if i.endswith(".so")); open(sys.argv[2], "wb").write(z.read(n))' "$whl" "$tmp/native.so"
  # The size column of the section's line: "[Nr] .text.hot PROGBITS ADDR OFF SIZE ...".
  hot=$(readelf -SW "$tmp/native.so" | sed -n 's/.* \.text\.hot  *PROGBITS  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
  hot=$((16#${hot:-0}))
  rm -rf "$tmp"
  [ "${hot:-0}" -ge "$MIN_HOT_BYTES" ] || fail "$whl: .text.hot is ${hot:-absent} bytes, under $MIN_HOT_BYTES (run scripts/layout-profile.sh)"
  echo "wheel $(basename "$whl"): $bytes bytes (_native.abi3.so $so bytes, .text.hot $hot bytes), auditwheel: manylinux_2_17_$arch"
}

sdist() {
  rm -rf target/sdist
  maturin sdist --out target/sdist >/dev/null
  local sd venv
  sd=$(ls target/sdist/psutil_rs-*.tar.gz)
  venv=$(mktemp -d)
  python3 -m venv "$venv"
  # A user's install: pip builds the wheel from the sdist with the build backend the
  # pyproject names (maturin from PyPI, in pip's isolated build environment).
  # The build shares the wheels' target directory and target triple, so that cargo
  # reuses the dependencies the x86_64 wheel compiled (only the two path crates are
  # rebuilt from the unpacked sources).
  CARGO_TARGET_DIR=$(realpath "${CARGO_TARGET_DIR:-target}") \
    MATURIN_PEP517_ARGS="--target $(rustc -vV | sed -n 's/^host: //p')" \
    "$venv/bin/pip" install --quiet --disable-pip-version-check "$sd"
  # From / so that the repository's python/ is not what gets imported.
  (cd / && "$venv/bin/python" -c 'import psutil_rs; vm = psutil_rs.virtual_memory(); assert vm.total > 0; print("sdist", psutil_rs.__file__, "total", vm.total)')
  rm -rf "$venv"
  echo "sdist $(basename "$sd"): $(stat -c %s "$sd") bytes, installed with pip and imported"
}

footprint() {
  # The x86_64 wheel (the one pytest tested) and psutil 7.2.2 in a fresh venv, as a
  # user installs them (not over the system's site-packages, whose .pth files import
  # modules for both): import time and RSS side by side (BENCHMARKS.md, packaging).
  # An RSS target not met fails the check; the import time is printed.
  local whl venv
  whl=$(ls target/wheels/psutil_rs-*manylinux_2_17_x86_64.whl 2>/dev/null) || { wheel x86_64; whl=$(ls target/wheels/psutil_rs-*manylinux_2_17_x86_64.whl); }
  venv=$(mktemp -d)
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check psutil==7.2.2 "$whl"
  (cd / && "$venv/bin/python" "$OLDPWD/bench/py/footprint.py" --procs 1000 --runs 11 --check) || { rm -rf "$venv"; fail "an RSS target of issue 18 is not met (above)"; }
  rm -rf "$venv"
}

if [ $# -eq 0 ]; then
  crates
  examples
  wheel aarch64
  sdist
  footprint
else
  cmd=$1
  shift
  case "$cmd" in
    crates | examples | wheel | sdist | footprint) "$cmd" "$@" ;;
    *) fail "unknown check $cmd (crates, examples, wheel ARCH, sdist, footprint)" ;;
  esac
fi
