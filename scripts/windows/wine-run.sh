#!/usr/bin/env bash
# Cargo's runner for x86_64-pc-windows-gnu (.cargo/config.toml): runs a Windows .exe under
# Wine, so `cargo test/run --target x86_64-pc-windows-gnu` work on a Linux machine.
#
#   scripts/windows/wine-run.sh <program.exe> [args...]
#
# What it sets up, once per target directory (under $CARGO_TARGET_DIR or ./target,
# in wine/):
# - a private Wine prefix (wine/prefix, made with `wineboot -i`), so runs never touch
#   ~/.wine and every run sees the same fresh Windows;
# - bcryptprimitives.dll, built with mingw from prng.c/prng.def: Wine 8's builtin lacks
#   ProcessPrng, which Rust's std imports, so the .exe would not load without it. It is
#   copied beside the .exe, where the loader looks first;
# - a persistent wineserver (`wineserver -p`), started before the program and left up
#   for $PSUTIL_WINESERVER_PERSIST seconds (default 120) after the last Wine process
#   exits: test binaries that cargo runs one after another share one Wine "system", so
#   its boot time and service processes do not change between them. `wineserver -k`
#   with the same WINEPREFIX stops it at once (scripts/windows/test.sh does).
#
# WINEDEBUG=-all silences Wine's fixme/err lines (and the "wine32 is missing" notice of a
# 64-bit-only install); set PSUTIL_WINEDEBUG to see them. The program's exit status is
# returned unchanged.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <program.exe> [args...]" >&2
  exit 2
fi
exe=$1
shift

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${PSUTIL_WINE_DIR:-${CARGO_TARGET_DIR:-$root/target}/wine}
mkdir -p "$state"
state=$(cd "$state" && pwd)

# The 64-bit loader directly (Debian's /usr/bin/wine wrapper only adds the wine32 hint).
if [ -x /usr/lib/wine/wine64 ]; then
  loader=/usr/lib/wine/wine64
elif command -v wine64 >/dev/null; then
  loader=$(command -v wine64)
else
  loader=$(command -v wine)
fi
export WINELOADER=$loader
export WINEPREFIX=$state/prefix
export WINEDEBUG=${PSUTIL_WINEDEBUG:--all}
export WINEARCH=win64
server=$(command -v wineserver || echo /usr/lib/wine/wineserver64)

# One-time set-up, serialised: cargo may start several runners at once (cargo test -j).
exec 9>"$state/.lock"
flock 9
dll=$state/bcryptprimitives.dll
if [ ! -f "$dll" ] || [ "$here/prng.c" -nt "$dll" ] || [ "$here/prng.def" -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll.tmp" "$here/prng.c" "$here/prng.def" -ladvapi32
  mv "$dll.tmp" "$dll"
fi
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  # mscoree/mshtml disabled: no Mono/Gecko install prompt in a headless run.
  WINEDLLOVERRIDES="mscoree,mshtml=" "$loader" wineboot -i >/dev/null 2>&1
fi
# Exits 2 when this prefix's server is already up, which is fine: that one persists too.
"$server" -p"${PSUTIL_WINESERVER_PERSIST:-120}" 2>/dev/null || true
flock -u 9
exec 9>&-

# Beside the exe; for a test in deps/ (or an example) also in the profile directory
# above it, where the crate's binaries are, so that the executables a test spawns
# (CARGO_BIN_EXE_*) load too.
exe_dir=$(cd "$(dirname "$exe")" && pwd)
dirs=("$exe_dir")
case "$(basename "$exe_dir")" in
  deps | examples) dirs+=("$(dirname "$exe_dir")") ;;
esac
for d in "${dirs[@]}"; do
  if ! cmp -s "$dll" "$d/bcryptprimitives.dll"; then
    cp "$dll" "$d/bcryptprimitives.dll.$$"
    mv -f "$d/bcryptprimitives.dll.$$" "$d/bcryptprimitives.dll"
  fi
done

exec "$loader" "$exe" "$@"
