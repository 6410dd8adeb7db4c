//! `users()` from systemd-logind's session files when there is no utmp (beyond
//! psutil, issue 12).

use super::*;

// --- without utmp: systemd-logind's session files (beyond psutil, issue 12) ---

/// (name, terminal, host, started, pid) as written in a test.
type Expected = (&'static [u8], Option<&'static str>, &'static [u8], f64, u32);
/// (name, terminal, host, started, pid) of a `User`.
type Row = (Vec<u8>, Option<String>, Vec<u8>, f64, u32);

/// What `users()` must report for `fixtures/linux/debian13-logind`, written out by hand
/// from its session files: the `user`/`user-early` sessions that are not closing, by
/// start time (no greeter `c1`, no closing `5`, no cron `6`, no `manager` `7`, not the
/// `.#…` temporary file). (name, terminal, host, started, pid).
fn debian13_expected() -> Vec<Expected> {
    vec![
        (b"root", Some("tty4"), b"localhost", 1_754_300_002.5, 655),
        (
            b"carol",
            Some("tty3"),
            b"localhost",
            1_754_300_012.345678,
            812,
        ),
        (b"bob", Some("tty2"), b"localhost", 1_754_300_060.0, 1501),
        (b"alice", None, b"203.0.113.7", 1_754_303_600.123456, 2345),
        (
            b"dave",
            Some("pts/1"),
            b"2001:db8::5",
            1_754_307_200.0,
            3101,
        ),
        (
            "jos\u{e9}".as_bytes(),
            None,
            "h\u{e4}st.example".as_bytes(),
            1_754_310_000.000007,
            3555,
        ),
    ]
}

pub(super) fn tuples(users: &[psutil_rs::User]) -> Vec<Row> {
    users
        .iter()
        .map(|u| {
            (
                u.name.as_bytes().to_vec(),
                u.terminal
                    .as_ref()
                    .map(|t| t.to_string_lossy().into_owned()),
                u.host.as_bytes().to_vec(),
                u.started,
                u.pid,
            )
        })
        .collect()
}

fn owned(v: Vec<Expected>) -> Vec<Row> {
    v.into_iter()
        .map(|(n, t, h, s, p)| (n.to_vec(), t.map(String::from), h.to_vec(), s, p))
        .collect()
}

/// The session files of `dir` read directly (a plain `KEY=value` split, no escapes
/// but the fixture's one octal host), kept when their CLASS starts with `user` and their
/// STATE is not `closing`, sorted by REALTIME: a second reading of the fixture that
/// shares no code with the crate.
pub(super) fn read_sessions_directly(dir: &Path) -> Vec<Row> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if name.starts_with('.') || name.contains('.') {
            continue;
        }
        let data = std::fs::read(e.path()).unwrap();
        let kv: std::collections::HashMap<&[u8], &[u8]> = data
            .split(|&c| c == b'\n')
            .filter_map(|l| {
                let i = l.iter().position(|&c| c == b'=')?;
                Some((&l[..i], &l[i + 1..]))
            })
            .collect();
        let get = |k: &str| kv.get(k.as_bytes()).copied();
        if !get("CLASS").unwrap().starts_with(b"user") || get("STATE") == Some(b"closing") {
            continue;
        }
        let host = match get("REMOTE_HOST") {
            None => b"localhost".to_vec(),
            Some(h) => String::from_utf8(h.to_vec())
                .unwrap()
                .replace("\\303\\244", "\u{e4}")
                .into_bytes(),
        };
        let num = |k: &str| {
            std::str::from_utf8(get(k).unwrap())
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        out.push((
            get("USER").unwrap().to_vec(),
            get("TTY").map(|t| String::from_utf8(t.to_vec()).unwrap()),
            host,
            num("REALTIME") as f64 / 1e6,
            num("LEADER") as u32,
        ));
    }
    out.sort_by(|a, b| a.3.total_cmp(&b.3));
    out
}

#[test]
fn logind_sessions_without_utmp() {
    let tree = fixture("debian13-logind");
    assert!(!tree.join("run/utmp").exists());
    let users = psutil_rs::Root::under(&tree).users().unwrap();
    let got = tuples(&users);
    assert_eq!(got, owned(debian13_expected()));
    assert_eq!(
        got,
        read_sessions_directly(&tree.join("run/systemd/sessions"))
    );
    // serialized with psutil's field names and order
    assert_eq!(
        field_order(&users[0]),
        ["name", "terminal", "host", "started", "pid"]
    );
    assert_eq!(
        serde_json::to_value(&users[3]).unwrap(),
        serde_json::json!({"name": "alice", "terminal": null, "host": "203.0.113.7",
                           "started": 1_754_303_600.123456, "pid": 2345})
    );
}

#[test]
fn utmp_present_wins_over_logind() {
    // A tree with both: the utmp file is read, as before and as psutil (pointed at the
    // same file with utmpxname); the session files are not looked at.
    let (_, data) = sample();
    let t = TempTree::new(&[]);
    let file = write(&t, &data);
    copy_sessions(&t);
    let users = t.root().users().unwrap();
    assert_eq!(users.len(), 5);
    assert_eq!(ours_hex(&users), psutil_users(&file));
    // An empty utmp file exists: no users (glibc and psutil agree), not logind's.
    write(&t, b"");
    assert!(t.root().users().unwrap().is_empty());
    assert_eq!(psutil_users(&file), serde_json::json!([]));
    // Removed: logind's sessions.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(
        tuples(&t.root().users().unwrap()),
        owned(debian13_expected())
    );
}

fn copy_sessions(t: &TempTree) {
    let from = fixture("debian13-logind").join("run/systemd/sessions");
    let to = t.dir.join("run/systemd/sessions");
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn logind_edge_cases() {
    let dir = "run/systemd/sessions";
    let t = TempTree::new(&[
        // no USER: the uid's name from the tree's etc/passwd
        (
            "run/systemd/sessions/10",
            b"UID=1007\nSTATE=active\nCLASS=user\nTTY=/dev/pts/7\nREALTIME=30\n",
        ),
        ("etc/passwd", b"frank:x:1007:1007::/home/frank:/bin/sh\n"),
        // no USER, a uid without a name: the uid
        (
            "run/systemd/sessions/11",
            b"UID=4000\nCLASS=user\nREMOTE_HOST=:0\nREALTIME=20\n",
        ),
        // neither USER nor UID, and garbage: not a session
        ("run/systemd/sessions/12", b"CLASS=user\nREALTIME=10\n"),
        ("run/systemd/sessions/13", b"\xff\xfe\0garbage\n=\n\n"),
        // user bytes that are not UTF-8, no REALTIME, an empty TTY, no LEADER
        (
            "run/systemd/sessions/c9",
            b"UID=1\nUSER=\xe9t\xe9\nTTY=\nREMOTE_HOST=h\\377st\n",
        ),
        // not session ids: logind's temporary files and anything with a dot
        (
            "run/systemd/sessions/.#10abc",
            b"UID=1\nUSER=tmp\nCLASS=user\n",
        ),
        (
            "run/systemd/sessions/10.txt",
            b"UID=1\nUSER=dot\nCLASS=user\n",
        ),
    ]);
    // logind's <id>.ref FIFO: opening it would block, so it must not be opened
    let fifo = t.dir.join(dir).join("10.ref");
    run("mkfifo", &[fifo.to_str().unwrap()]);
    let users = t.root().users().unwrap();
    let got: Vec<_> = users
        .iter()
        .map(|u| {
            (
                u.name.as_bytes().to_vec(),
                u.terminal.as_ref().map(|x| x.as_bytes().to_vec()),
                u.host.as_bytes().to_vec(),
                u.started,
                u.pid,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (b"\xe9t\xe9".to_vec(), None, b"h\xffst".to_vec(), 0.0, 0),
            (b"4000".to_vec(), None, b"localhost".to_vec(), 20e-6, 0),
            (
                b"frank".to_vec(),
                Some(b"pts/7".to_vec()),
                b"localhost".to_vec(),
                30e-6,
                0
            ),
        ]
    );
    // No sessions directory, or an empty one: nobody.
    let empty = TempTree::new(&[]);
    assert!(empty.root().users().unwrap().is_empty());
    std::fs::create_dir_all(empty.dir.join(dir)).unwrap();
    assert!(empty.root().users().unwrap().is_empty());
}

#[test]
fn logind_list_follows_renames_into_an_old_directory() {
    // users() keeps the session list with the directory's modification time (logind
    // renames each new session file into place, which changes it): a directory last
    // changed long ago is read once, and a session renamed in afterwards is seen at once.
    let t = TempTree::new(&[]);
    copy_sessions(&t);
    let dir = t.dir.join("run/systemd/sessions");
    let an_hour_ago = |d: &Path| {
        let out = std::process::Command::new("touch")
            .args(["-m", "-d", "1 hour ago"])
            .arg(d)
            .status()
            .unwrap();
        assert!(out.success());
    };
    an_hour_ago(&dir);
    let before = tuples(&t.root().users().unwrap());
    assert_eq!(before, read_sessions_directly(&dir));
    // The same again (the kept list), then a new session as logind writes it.
    assert_eq!(tuples(&t.root().users().unwrap()), before);
    let tmp = dir.join(".#77tmp");
    std::fs::write(
        &tmp,
        b"UID=0\nUSER=late\nACTIVE=1\nSTATE=active\nCLASS=user\nTTY=tty9\nLEADER=4242\nREALTIME=1700000000000000\n",
    )
    .unwrap();
    std::fs::rename(&tmp, dir.join("77")).unwrap();
    let after = tuples(&t.root().users().unwrap());
    assert_eq!(after, read_sessions_directly(&dir));
    assert_eq!(after.len(), before.len() + 1);
    // Changed an hour ago again, then a session ends (its file removed): gone at once.
    an_hour_ago(&dir);
    assert_eq!(tuples(&t.root().users().unwrap()), after);
    std::fs::remove_file(dir.join("77")).unwrap();
    assert_eq!(tuples(&t.root().users().unwrap()), before);
}
