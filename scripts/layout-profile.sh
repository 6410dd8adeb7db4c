#!/usr/bin/env bash
# Records which functions of the native module `import psutil_rs` and a process-table
# snapshot run, into crates/psutil-py/layout/hot.txt, which crates/psutil-py/build.rs
# links together (see there and BENCHMARKS.md, issue 18). Run it again when those paths
# change much (scripts/package.sh reports the size of .text.hot; a list that matches
# little makes the module resident again). Needs gdb and nm (binutils); not run by CI.
#
#   bash scripts/layout-profile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
# An unstripped release build (the symbols are what is recorded); the layout itself is
# off, so that the recording does not depend on the previous list.
CARGO_PROFILE_RELEASE_STRIP=false PSUTIL_PY_LAYOUT=0 \
  cargo build --locked --release -p psutil-py
pkg=$(mktemp -d)
trap 'rm -rf "$pkg"' EXIT
cp -r python/psutil_rs "$pkg/"
cp "$target/release/lib_native.so" "$pkg/psutil_rs/_native.abi3.so"
out=crates/psutil-py/layout/hot.txt
{
  echo "# Functions of the native module that \`import psutil_rs\` and a process-table"
  echo "# snapshot run, in the order they first ran: recorded by scripts/layout-profile.sh"
  echo "# ($(uname -m), $(rustc --version)), linked together by build.rs."
} >"$out"
PYTHONPATH=$pkg LAYOUT_OUT="$pkg/hits" \
  gdb -q -batch -x scripts/layout/gdb_profile.py \
    --args "$(python3 -c "import sys; print(sys.executable)")" scripts/layout/workload.py
cat "$pkg/hits" >>"$out"
echo "$(grep -vc '^#' "$out") functions in $out"
