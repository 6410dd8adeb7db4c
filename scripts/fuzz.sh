#!/usr/bin/env bash
# Runs every cargo-fuzz target (fuzz/fuzz_targets/*.rs, one per parser module) for a
# bounded time each, on the nightly toolchain:
#
#   scripts/fuzz.sh [seconds-per-target] [target...]     (default: 30 s, every target)
#
# Needs `rustup toolchain install nightly` and `cargo install cargo-fuzz`. scripts/test.sh
# (and so CI) runs it for 2 s per target; the committed corpora are also replayed on stable
# by tests/it/fuzz_corpus.rs.
#
# The committed seeds in fuzz/corpus/<target>/ are read-only inputs; what libFuzzer finds
# goes to a scratch corpus (fuzz/scratch/<target>/, ignored by git) so the repository
# stays small. FUZZ_MERGE=1 merges into fuzz/corpus/<target>/ the scratch inputs that add
# coverage. A crash is written to fuzz/artifacts/<target>/: commit it after fixing the
# bug, and the stable replay keeps it as a regression test.
#
# Prints a table of executions per target (libFuzzer's number_of_executed_units) and
# exits non-zero if any target crashed.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

secs=${1:-30}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
jobs=${FUZZ_JOBS:-1}
max_len=${FUZZ_MAX_LEN:-8192}

cargo +nightly fuzz build || exit 1

failed=()
summary="| target | seconds | executions | exec/s | corpus (scratch) | result |\n|---|---:|---:|---:|---:|---|\n"
for t in "${targets[@]}"; do
  mkdir -p "scratch/$t" "artifacts/$t"
  log=$(mktemp)
  echo "== $t (${secs}s)"
  # With -jobs libFuzzer runs workers that log to fuzz-<n>.log and echoes those logs.
  parallel=()
  if [ "$jobs" -gt 1 ]; then
    parallel=(-jobs="$jobs" -workers="$jobs")
  fi
  cargo +nightly fuzz run "$t" "scratch/$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len="$max_len" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 "${parallel[@]}" >"$log" 2>&1
  rc=$?
  rm -f fuzz-*.log  # the main process already echoed them
  execs=$(awk '/stat::number_of_executed_units/ { s += $NF } END { print s + 0 }' "$log")
  rate=$(awk '/stat::average_exec_per_sec/ { s += $NF } END { print s + 0 }' "$log")
  ncorpus=$(find "scratch/$t" -type f | wc -l)
  if [ $rc -eq 0 ]; then
    result=ok
  else
    result="CRASH (see fuzz/artifacts/$t)"
    failed+=("$t")
    grep -E "panicked|ERROR|SUMMARY|Test unit written" "$log" | head -20
  fi
  echo "   $execs executions, $rate exec/s, $result"
  summary+="| $t | $secs | $execs | $rate | $ncorpus | $result |\n"
  if [ "${FUZZ_MERGE:-0}" = 1 ] && [ $rc -eq 0 ]; then
    cargo +nightly fuzz run "$t" "corpus/$t" "scratch/$t" -- -merge=1 >/dev/null 2>&1 || true
  fi
  rm -f "$log"
done

echo
printf "%b" "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "crashed: ${failed[*]}"
  exit 1
fi
