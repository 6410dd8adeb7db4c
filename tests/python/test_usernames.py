"""username() through NSS, as psutil 7.2.2's pwd.getpwuid (issue 12).

- live: for every uid that owns a process, ``Process.username()`` and
  ``process_iter(['username'])`` against Python's ``pwd`` module (NSS) and psutil;
- an account that only NSS knows: a child Python runs in a private mount namespace
  (``unshare --mount``) where a tmpfs covers /run, ``/run/userdb/<name>.user`` is a
  systemd userdb drop-in record (read by nss-systemd) and /etc/nsswitch.conf is
  bind-mounted to ``passwd: files systemd``. /etc/passwd lacks the uid, so names read
  from /etc/passwd alone would give the uid and the test fails. Nothing on the host
  changes.
"""

import json
import os
import pwd
import subprocess
import sys
import textwrap

import pytest

UID = 64242
NAME = "psutilnss"


def pwd_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def test_every_uid_matches_pwd_and_psutil(ours, ref):
    names = {}
    for p in ours.process_iter(["pid", "uids", "username"]):
        names.setdefault(p.info["uids"].real, (p.info["pid"], p.info["username"]))
    assert 0 in names
    for uid, (pid, name) in names.items():
        assert name == pwd_name(uid), uid
        try:
            assert ours.Process(pid).username() == name
            assert ref.Process(pid).username() == name
        except (ours.NoSuchProcess, ref.NoSuchProcess):
            pass


PROBE = textwrap.dedent(f"""
    import json, pwd, subprocess, time
    import psutil, psutil_rs
    child = subprocess.Popen(["setpriv", "--reuid={UID}", "--regid={UID}",
                              "--clear-groups", "sleep", "60"])
    try:
        time.sleep(0.2)
        out = {{
            "pwd": pwd.getpwuid({UID}).pw_name,
            "psutil": psutil.Process(child.pid).username(),
            "ours": psutil_rs.Process(child.pid).username(),
            "iter": [p.info["username"] for p in psutil_rs.process_iter(["username"])
                     if p.pid == child.pid],
            "as_dict": psutil_rs.Process(child.pid).as_dict(["username"]),
        }}
        print(json.dumps(out))
    finally:
        child.kill()
        child.wait()
""")

SETUP = f"""set -e
mount -t tmpfs psutil-nss /run
mkdir /run/userdb
printf '%s\\n' '{{"userName":"{NAME}","uid":{UID},"gid":{UID},"disposition":"regular","homeDirectory":"/nonexistent","shell":"/usr/sbin/nologin"}}' > /run/userdb/{NAME}.user
ln -s {NAME}.user /run/userdb/{UID}.user
printf 'passwd: files systemd\\ngroup: files systemd\\n' > /run/nsswitch.conf
mount --bind /run/nsswitch.conf /etc/nsswitch.conf
exec "$@"
"""


def test_nss_only_account(ours):
    if os.geteuid() != 0:
        pytest.skip("a private mount namespace needs root")
    with open("/etc/passwd") as f:
        assert str(UID) not in [line.split(":")[2] for line in f if line.count(":") >= 2]
    assert pwd_name(UID) == str(UID)  # not an account on the host
    out = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", SETUP, "sh",
         sys.executable, "-c", PROBE],
        capture_output=True, text=True, cwd=os.path.dirname(__file__))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["pwd"] == NAME, "nss-systemd did not resolve the drop-in"
    assert got == {"pwd": NAME, "psutil": NAME, "ours": NAME, "iter": [NAME],
                   "as_dict": {"username": NAME}}
