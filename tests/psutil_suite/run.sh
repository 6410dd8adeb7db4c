#!/usr/bin/env bash
# psutil 7.2.2's own test suite, run against the installed psutil_rs.
#
# Downloads psutil's sdist (pinned by version and sha256), unpacks only its tests/
# directory under target/psutil-suite, and runs the public-API test files with `import
# psutil` resolving to psutil_rs through shim/ (first on PYTHONPATH). deselect.txt lists
# the tests left out, each with its reason; the plugin in shim/ applies it.
# Usage: tests/psutil_suite/run.sh [pytest args...]   (from anywhere; python3 on PATH
# must have psutil_rs and pytest installed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${PSUTIL_SUITE_DIR:-$here/../../target/psutil-suite}
version=7.2.2
sdist=psutil-$version.tar.gz
sha256=0746f5f8d406af344fd547f1c8daa5f5c33dbc293bb8d6a16d80b4bb88f59372

mkdir -p "$work"
if ! echo "$sha256  $work/$sdist" | sha256sum --check --status 2>/dev/null; then
  rm -f "$work/$sdist"
  python3 -m pip download --quiet --disable-pip-version-check --no-deps \
    --no-binary :all: "psutil==$version" -d "$work"
  echo "$sha256  $work/$sdist" | sha256sum --check --quiet
fi
# Only tests/: the sdist's psutil/ source directory must not shadow the shim.
rm -rf "$work/src"
mkdir -p "$work/src"
tar -xzf "$work/$sdist" -C "$work/src" --strip-components=1 "psutil-$version/tests"
# An empty config: the root directory is here, and nothing of the project's applies.
printf '[pytest]\n' >"$work/src/pytest.ini"

files=()
for name in process system misc contracts posix connections unicode process_all testutils \
            heap linux; do
  files+=("tests/test_$name.py")
done
cd "$work/src"

# psutil's test_linux.py::TestMisc::test_issue_687 takes the second-lowest thread id of
# its process for a thread that is not the main one: true until the kernel's pid counter
# wraps at pid_max (32768 here) while the run lasts, which a run of several thousand
# forks on a busy machine does now and then. As root, each run starts with the counter
# low (ns_last_pid: where the next pid search starts; nothing else changes).
low_pids() {
  if [ -w /proc/sys/kernel/ns_last_pid ]; then echo 1000 >/proc/sys/kernel/ns_last_pid || true; fi
}

args=(-p psutil_suite_plugin -p no:cacheprovider -o addopts= -q -rfE --tb=short "${files[@]}")
# -o addopts= and the empty pytest.ini: psutil's pyproject (not unpacked) would ask for
# pytest-xdist and pytest-instafail.
low_pids
PYTHONPATH="$here/shim" python3 -m pytest "${args[@]}" "$@"

# The same again as an unprivileged user, where psutil's tests expect AccessDenied and
# zombies of other users: as root those checks are skipped. nobody cannot read root's
# Python, so the system Python runs copies of pytest, psutil_rs, the shim and the tests.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && [ -x /usr/bin/python3 ] \
   && [ "${PSUTIL_SUITE_AS_NOBODY:-1}" = 1 ]; then
  echo "== psutil's suite again, as nobody"
  nob=$(mktemp -d /tmp/psutil-suite-nobody.XXXXXX)
  trap 'rm -rf "$nob"' EXIT
  mkdir "$nob/lib"
  python3 - "$nob/lib" <<'PY'
import importlib, os, shutil, sys
for name in ("pytest", "_pytest", "py", "pluggy", "iniconfig", "packaging", "pygments",
             "psutil_rs"):
    try:
        importlib.import_module(name)
    except ImportError:  # optional (pygments)
        continue
    mod = importlib.import_module(name)
    path = mod.__file__
    if os.path.basename(path) == "__init__.py":
        shutil.copytree(os.path.dirname(path), os.path.join(sys.argv[1], name),
                        ignore=shutil.ignore_patterns("__pycache__"))
    else:
        shutil.copy(path, sys.argv[1])
PY
  cp -r "$here/shim" "$nob/shim"
  cp "$here/deselect.txt" "$nob/deselect.txt"
  cp -r "$work/src" "$nob/src"
  chmod -R a+rX "$nob"
  chmod 1777 "$nob/src"  # psutil's tests create their files in the working directory
  cd "$nob/src"
  low_pids
  env -i PATH=/usr/bin:/bin HOME=/tmp PYTHONPATH="$nob/shim:$nob/lib" PYTHONDONTWRITEBYTECODE=1 \
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
    /usr/bin/python3 -m pytest "${args[@]}" "$@"
fi
