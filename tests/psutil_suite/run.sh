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
# -o addopts= and no config file: psutil's pyproject (not unpacked) would ask for
# pytest-xdist and pytest-instafail.
PYTHONPATH="$here/shim" exec python3 -m pytest -p psutil_suite_plugin -p no:cacheprovider \
  -o addopts= -q -rfE --tb=short "${files[@]}" "$@"
