//! User names through NSS (issue 12): `username()` and the table's `username` resolve
//! uids with `getpwuid_r` on the host, as psutil's `pwd.getpwuid`, so accounts that are
//! not in /etc/passwd (LDAP, SSSD, systemd DynamicUser/userdb) get their names.
//!
//! The account that exists only through NSS is made without touching the system: a
//! child copy of this test binary runs in a private mount namespace (`unshare
//! --mount`) where a tmpfs covers /run, `/run/userdb/psutilnss.user` is a systemd
//! userdb drop-in record (read by `nss-systemd`, the `systemd` source of Debian's
//! nsswitch.conf) and /etc/nsswitch.conf is bind-mounted to one saying
//! `passwd: files systemd`. /etc/passwd has no such uid, so a lookup in the file alone
//! gives the uid, and the test fails.

use std::collections::BTreeMap;
use std::process::Command;

use psutil_rs::{Attr, AttrSet, ProcessTable, Root};

use crate::util::*;
use psutil_rs::os::unix::ProcessExt as _;

/// The NSS-only account (a uid no Debian package allocates).
const UID: u32 = 64_242;
const NAME: &str = "psutilnss";

/// The uids of /etc/passwd, read directly.
fn etc_passwd_uids() -> Vec<u32> {
    std::fs::read_to_string("/etc/passwd")
        .unwrap()
        .lines()
        .filter_map(|l| l.split(':').nth(2)?.parse().ok())
        .collect()
}

/// Python's `pwd.getpwuid(uid).pw_name` (NSS), `str(uid)` on KeyError: psutil's rule.
fn pwd_names(uids: &[u32]) -> BTreeMap<u32, String> {
    let script = format!(
        "import json, pwd\n\
         def n(u):\n    try: return pwd.getpwuid(u).pw_name\n    except KeyError: return str(u)\n\
         print(json.dumps({{u: n(u) for u in {uids:?}}}))\n"
    );
    let v: BTreeMap<String, String> =
        serde_json::from_str(&run("python3", &["-c", &script])).expect("pwd names as JSON");
    v.into_iter()
        .map(|(k, n)| (k.parse().unwrap(), n))
        .collect()
}

#[test]
#[cfg_attr(
    not(target_arch = "x86_64"),
    ignore = "nss-systemd is installed for the host's architecture only: a cross-built \
              (aarch64, i686) test binary's glibc cannot load it (Debian has no cross package)"
)]
fn nss_only_account_has_its_name() {
    assert!(
        !etc_passwd_uids().contains(&UID),
        "uid {UID} is in /etc/passwd: pick another"
    );
    let exe = std::env::current_exe().unwrap();
    let setup = format!(
        "set -e\n\
         mount -t tmpfs psutil-nss /run\n\
         mkdir /run/userdb\n\
         printf '%s\\n' '{{\"userName\":\"{NAME}\",\"uid\":{UID},\"gid\":{UID},\"disposition\":\"regular\",\"homeDirectory\":\"/nonexistent\",\"shell\":\"/usr/sbin/nologin\"}}' > /run/userdb/{NAME}.user\n\
         ln -s {NAME}.user /run/userdb/{UID}.user\n\
         printf 'passwd: files systemd\\ngroup: files systemd\\n' > /run/nsswitch.conf\n\
         mount --bind /run/nsswitch.conf /etc/nsswitch.conf\n\
         exec \"$@\"\n"
    );
    let out = Command::new("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            &setup,
            "sh",
        ])
        .arg(&exe)
        .args([
            "--exact",
            "nss::nss_only_account_probe",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("PSUTIL_RS_NSS_PROBE", "1")
        .output()
        .expect("unshare (util-linux) must be installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "the probe failed (root and util-linux's unshare are needed):\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Back on the host: the account does not exist here.
    assert_eq!(pwd_names(&[UID])[&UID], UID.to_string());
}

#[test]
#[ignore = "run by nss_only_account_has_its_name in a private mount namespace"]
fn nss_only_account_probe() {
    if std::env::var_os("PSUTIL_RS_NSS_PROBE").is_none() {
        return;
    }
    // The account is there through NSS only (Python's pwd module, independently of us).
    assert!(!etc_passwd_uids().contains(&UID));
    assert_eq!(
        pwd_names(&[UID])[&UID],
        NAME,
        "nss-systemd did not resolve the userdb drop-in (is libnss-systemd installed?)"
    );
    // setpriv execs sleep: same pid.
    let mut child = Command::new("setpriv")
        .args([
            &format!("--reuid={UID}"),
            &format!("--regid={UID}"),
            "--clear-groups",
            "sleep",
            "60",
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let pid = child.id();
    let check = || {
        // psutil 7.2.2
        let theirs = psutil(&format!("psutil.Process({pid}).username()"));
        assert_eq!(theirs.as_str(), Some(NAME));
        // Process::username
        let p = psutil_rs::Process::new(pid).unwrap();
        assert_eq!(p.uids().unwrap().real, UID);
        assert_eq!(p.username().unwrap(), NAME);
        // the table, on one thread and on several (the names are shared by the threads)
        for threads in [1, 2, 3] {
            let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Username]));
            t.set_threads(std::num::NonZeroUsize::new(threads));
            for _ in 0..2 {
                let recs = t.snapshot().unwrap();
                let r = recs.iter().find(|r| r.pid() == pid).unwrap();
                assert_eq!(r.username(), Some(NAME), "{threads} threads");
            }
        }
        // Under a root that is not the host's, the root's own etc/passwd is read: here
        // the same /etc/passwd, without the account.
        let other = Root::under("/");
        assert!(!other.is_host());
        assert_eq!(
            other.process(pid).unwrap().username().unwrap(),
            UID.to_string()
        );
        let mut t = other.process_table(AttrSet::from([Attr::Pid, Attr::Username]));
        let recs = t.snapshot().unwrap();
        let r = recs.iter().find(|r| r.pid() == pid).unwrap();
        assert_eq!(r.username(), Some(UID.to_string().as_str()));
    };
    let res = std::panic::catch_unwind(check);
    let _ = child.kill();
    let _ = child.wait();
    if let Err(e) = res {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn every_uid_of_proc_matches_pwd_and_psutil() {
    // The table's names for every uid that owns a process now, against Python's pwd
    // (NSS) and psutil 7.2.2 for one process of each uid.
    let mut t = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Uids, Attr::Username]));
    let mut ours: BTreeMap<u32, (u32, String)> = BTreeMap::new();
    for r in t.snapshot().unwrap() {
        if let (Some(u), Some(n)) = (r.uids(), r.username()) {
            ours.entry(u.real).or_insert((r.pid(), n.to_string()));
        }
    }
    assert!(ours.contains_key(&0), "{ours:?}");
    let uids: Vec<u32> = ours.keys().copied().collect();
    let pwd = pwd_names(&uids);
    for (uid, (pid, name)) in &ours {
        assert_eq!(&pwd[uid], name, "uid {uid}");
        assert_eq!(
            &psutil_rs::Process::new(*pid).unwrap().username().unwrap(),
            name
        );
        // psutil, if the process is still there
        let theirs = psutil(&format!(
            "(lambda p: p.username() if p.is_running() else None)(psutil.Process({pid})) if psutil.pid_exists({pid}) else None"
        ));
        if let Some(theirs) = theirs.as_str() {
            assert_eq!(theirs, name, "uid {uid} (pid {pid})");
        }
    }
}

#[test]
fn fixture_roots_read_their_own_passwd() {
    // A tree whose etc/passwd names uid 0 differently from the host: the tree's name,
    // not NSS's "root"; a tree without etc/passwd gives the uid.
    let status = |uid: u32| {
        format!(
            "Name:\tsh\nState:\tS (sleeping)\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t0\t0\t0\t0\n"
        )
    };
    let stat = |pid: u32| {
        format!("{pid} (sh) S 1 {pid} {pid} 0 -1 4194304 100 0 0 0 0 0 0 0 20 0 1 0 293656 2990080 409 18446744073709551615 1 1 1 0 0 0 0 0 0 1 0 0 17 1 0 0 0 0 0 1 1 1 1 1 1 1 0\n")
    };
    let t = TempTree::new(&[
        ("proc/42/stat", stat(42).as_bytes()),
        ("proc/42/status", status(0).as_bytes()),
        ("proc/43/stat", stat(43).as_bytes()),
        ("proc/43/status", status(UID).as_bytes()),
        ("etc/passwd", b"toor:x:0:0::/:/bin/sh\n"),
    ]);
    let root = t.root();
    assert_eq!(root.process(42).unwrap().username().unwrap(), "toor");
    assert_eq!(
        root.process(43).unwrap().username().unwrap(),
        UID.to_string()
    );
    std::fs::remove_file(t.dir.join("etc/passwd")).unwrap();
    assert_eq!(root.process(42).unwrap().username().unwrap(), "0");
}
