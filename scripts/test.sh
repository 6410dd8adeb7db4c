#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then runs the lint gates and every
# Rust and Python test. README's test command and CI's .ci/run both run this file.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing test requirements"
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
for tool in free df ss ip who lscpu ps pmap lsof prlimit taskset ionice; do
  command -v "$tool" >/dev/null || { echo "missing $tool (procps/iproute2/util-linux/lsof)"; need_apt=1; }
done
if [ "${need_apt:-0}" = 1 ]; then
  apt-get update -qq && apt-get install -y -qq procps iproute2 util-linux lsof psmisc >/dev/null
fi

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
echo "== cargo test"
cargo test --workspace --locked
