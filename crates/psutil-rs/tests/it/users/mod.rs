//! users() against `who FILE`, psutil (pointed at the same file with glibc's
//! `utmpxname`), and the values written into hand-built utmp records.
//!
//! This machine has no /run/utmp (systemd without utmp), so the live check is that
//! both return []. The rest builds binary utmp files here with glibc's `struct utmp`
//! layout, written out field by field below (not with the crate's parser).
//!
//! Without utmp, `users()` reads systemd-logind's session files (beyond psutil, whose
//! answer there is always []): checked on `fixtures/linux/debian13-logind` against
//! values written out by hand and against the files read directly here, and on hand-made
//! trees for the edge cases; with a utmp file present the session files are ignored.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use serde_json::Value;

use crate::util::*;

mod logind;

use logind::{read_sessions_directly, tuples};

const USER_PROCESS: i16 = 7;

/// glibc's `struct utmp` on this machine: 384 bytes with 32-bit ut_session/ut_tv
/// (x86_64: `__WORDSIZE_TIME64_COMPAT32`), 400 with 64-bit ones (aarch64, s390x,
/// loongarch64).
const WIDE: bool = cfg!(any(
    target_arch = "aarch64",
    target_arch = "s390x",
    target_arch = "loongarch64"
));
const SIZE: usize = if WIDE { 400 } else { 384 };

struct Rec<'a> {
    ty: i16,
    pid: i32,
    line: &'a [u8],
    id: &'a [u8],
    user: &'a [u8],
    host: &'a [u8],
    sec: i64,
}

fn put(buf: &mut [u8], at: usize, field_len: usize, s: &[u8]) {
    assert!(s.len() <= field_len);
    buf[at..at + s.len()].copy_from_slice(s);
}

fn record(r: &Rec) -> Vec<u8> {
    let mut b = vec![0u8; SIZE];
    b[0..2].copy_from_slice(&r.ty.to_ne_bytes()); // ut_type, then 2 bytes padding
    b[4..8].copy_from_slice(&r.pid.to_ne_bytes()); // ut_pid
    put(&mut b, 8, 32, r.line); // ut_line[32]
    put(&mut b, 40, 4, r.id); // ut_id[4]
    put(&mut b, 44, 32, r.user); // ut_user[32]
    put(&mut b, 76, 256, r.host); // ut_host[256]
    b[332..334].copy_from_slice(&0i16.to_ne_bytes()); // ut_exit.e_termination
    b[334..336].copy_from_slice(&0i16.to_ne_bytes()); // ut_exit.e_exit
    if WIDE {
        b[336..344].copy_from_slice(&77i64.to_ne_bytes()); // ut_session
        b[344..352].copy_from_slice(&r.sec.to_ne_bytes()); // ut_tv.tv_sec
        b[352..360].copy_from_slice(&500_000i64.to_ne_bytes()); // ut_tv.tv_usec
        b[360..364].copy_from_slice(&[192, 0, 2, 1]); // ut_addr_v6[0]
    } else {
        b[336..340].copy_from_slice(&77i32.to_ne_bytes()); // ut_session
        b[340..344].copy_from_slice(&(r.sec as i32).to_ne_bytes()); // ut_tv.tv_sec
        b[344..348].copy_from_slice(&500_000i32.to_ne_bytes()); // ut_tv.tv_usec
        b[348..352].copy_from_slice(&[192, 0, 2, 1]); // ut_addr_v6[0]
    }
    b
}

/// A realistic /run/utmp: boot and runlevel records, an init process, a getty, four
/// sessions (remote, X display :0, local console, :0.0), a dead session, and a user
/// and host that are not UTF-8.
fn sample() -> (Vec<Rec<'static>>, Vec<u8>) {
    let t0 = 1_700_000_000;
    let recs = vec![
        Rec {
            ty: 2,
            pid: 0,
            line: b"~",
            id: b"~~",
            user: b"reboot",
            host: b"6.18.0-amd64",
            sec: t0,
        },
        Rec {
            ty: 1,
            pid: 53,
            line: b"~",
            id: b"~~",
            user: b"runlevel",
            host: b"6.18.0-amd64",
            sec: t0 + 5,
        },
        Rec {
            ty: 5,
            pid: 500,
            line: b"",
            id: b"si",
            user: b"",
            host: b"",
            sec: t0 + 6,
        },
        Rec {
            ty: 6,
            pid: 600,
            line: b"tty1",
            id: b"tty1",
            user: b"LOGIN",
            host: b"",
            sec: t0 + 7,
        },
        Rec {
            ty: USER_PROCESS,
            pid: 1234,
            line: b"pts/0",
            id: b"ts/0",
            user: b"alice",
            host: b"203.0.113.7",
            sec: t0 + 100,
        },
        Rec {
            ty: USER_PROCESS,
            pid: 1300,
            line: b"tty7",
            id: b"tty7",
            user: b"bob",
            host: b":0",
            sec: t0 + 200,
        },
        Rec {
            ty: USER_PROCESS,
            pid: 1400,
            line: b"tty2",
            id: b"tty2",
            user: b"carol",
            host: b"",
            sec: t0 + 3_000,
        },
        Rec {
            ty: USER_PROCESS,
            pid: 1500,
            line: b"pts/2",
            id: b"ts/2",
            user: b"dave",
            host: b":0.0",
            sec: t0 + 90_000,
        },
        Rec {
            ty: 8,
            pid: 1600,
            line: b"pts/3",
            id: b"ts/3",
            user: b"erin",
            host: b"gone.example",
            sec: t0 + 400,
        },
        Rec {
            ty: USER_PROCESS,
            pid: 1700,
            line: b"pts/4",
            id: b"ts/4",
            user: b"jos\xe9",
            host: b"h\xffst.example",
            sec: t0 + 500,
        },
    ];
    let data = recs.iter().flat_map(record).collect();
    (recs, data)
}

/// `file` in the layout of the host's glibc, which psutil and who(1) read it with: the
/// target's own, except for a wide target under qemu-user (scripts/cross: aarch64 on an
/// x86_64 host, whose 384-byte records have 32-bit ut_session and ut_tv). Then the
/// records are rewritten narrow, field by field; a trailing partial record stays
/// partial.
fn host_file(file: &Path) -> std::path::PathBuf {
    if !WIDE || emulator().is_none() {
        return file.to_path_buf();
    }
    let data = std::fs::read(file).unwrap();
    let mut out = Vec::new();
    for chunk in data.chunks(SIZE) {
        if chunk.len() < SIZE {
            out.extend_from_slice(&chunk[..chunk.len().min(383)]);
            continue;
        }
        let narrow = |at: usize| {
            let v = i64::from_ne_bytes(chunk[at..at + 8].try_into().unwrap());
            (v as i32).to_ne_bytes() // junk records keep their low half
        };
        let mut r = vec![0u8; 384];
        r[..336].copy_from_slice(&chunk[..336]); // ut_type .. ut_exit
        r[336..340].copy_from_slice(&narrow(336)); // ut_session
        r[340..344].copy_from_slice(&narrow(344)); // ut_tv.tv_sec
        r[344..348].copy_from_slice(&narrow(352)); // ut_tv.tv_usec
        r[348..384].copy_from_slice(&chunk[360..396]); // ut_addr_v6, __unused
        out.extend(r);
    }
    let p = file.with_extension("host");
    std::fs::write(&p, out).unwrap();
    p
}

fn write(t: &TempTree, data: &[u8]) -> std::path::PathBuf {
    let p = t.dir.join("run/utmp");
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, data).unwrap();
    p
}

/// psutil.users() reading `file`: glibc's `utmpxname` redirects the getutxent that
/// psutil's C extension calls. Text fields come back as hex of their bytes.
fn psutil_users(file: &Path) -> Value {
    let script = format!(
        "import ctypes, json, os, psutil\nassert psutil.__version__ == '7.2.2'\n\
         assert ctypes.CDLL(None).utmpxname({:?}.encode()) == 0\n\
         h = lambda s: None if s is None else os.fsencode(s).hex()\n\
         print(json.dumps([[h(u.name), h(u.terminal), h(u.host), u.started, u.pid] for u in psutil.users()]))\n",
        host_file(file).to_str().unwrap()
    );
    serde_json::from_str(&run("python3", &["-c", &script])).unwrap()
}

fn hex(s: &OsStr) -> String {
    s.as_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

fn ours_hex(users: &[psutil_rs::User]) -> Value {
    Value::Array(
        users
            .iter()
            .map(|u| {
                serde_json::json!([
                    hex(&u.name),
                    u.terminal.as_deref().map(hex),
                    hex(&u.host),
                    u.started,
                    u.pid
                ])
            })
            .collect(),
    )
}

#[test]
fn record_layout_is_glibcs() {
    assert_eq!(SIZE, std::mem::size_of::<libc::utmpx>());
}

#[test]
fn live_matches_psutil() {
    let ours = psutil_rs::users().unwrap();
    let theirs = psutil("psutil.users()");
    if Path::new("/run/utmp").exists() {
        assert_eq!(serde_json::to_value(&ours).unwrap(), theirs);
    } else {
        // Without utmp psutil has nobody (#2597); we read logind's session files, if
        // any (this VM runs no systemd: none).
        assert_eq!(theirs, serde_json::json!([]));
        let sessions = Path::new("/run/systemd/sessions");
        if sessions.exists() {
            assert_eq!(tuples(&ours), read_sessions_directly(sessions));
        } else {
            assert!(ours.is_empty());
        }
    }
}

#[test]
fn sample_matches_struct_values() {
    let (recs, data) = sample();
    let t = TempTree::new(&[]);
    write(&t, &data);
    let users = t.root().users().unwrap();
    let expect: Vec<_> = recs.iter().filter(|r| r.ty == USER_PROCESS).collect();
    assert_eq!(users.len(), expect.len());
    for (u, r) in users.iter().zip(expect) {
        assert_eq!(u.name.as_bytes(), r.user);
        assert_eq!(u.terminal.as_deref().map(OsStrExt::as_bytes), Some(r.line));
        let host: &[u8] = if matches!(r.host, b"" | b":0" | b":0.0") {
            b"localhost"
        } else {
            r.host
        };
        assert_eq!(u.host.as_bytes(), host);
        assert_eq!(u.started, r.sec as f64);
        assert_eq!(u.pid, r.pid as u32);
    }
    // field names and order: psutil's suser
    assert_eq!(
        field_order(&users[0]),
        ["name", "terminal", "host", "started", "pid"]
    );
}

#[test]
fn sample_matches_psutil() {
    let (_, data) = sample();
    let t = TempTree::new(&[]);
    let file = write(&t, &data);
    let p = psutil_users(&file);
    assert_eq!(p.as_array().unwrap().len(), 5);
    assert_eq!(ours_hex(&t.root().users().unwrap()), p);
    assert_eq!(ours_hex(&psutil_rs::users_from_file(&file).unwrap()), p);
}

#[test]
fn sample_matches_who() {
    let (_, data) = sample();
    let t = TempTree::new(&[]);
    let file = write(&t, &data);
    let users = psutil_rs::users_from_file(&file).unwrap();
    // who -u FILE: NAME LINE TIME IDLE PID (HOST); C locale time is "%b %e %H:%M".
    let out = std::process::Command::new("who")
        .args(["-u", host_file(&file).to_str().unwrap()])
        .env("LC_ALL", "C")
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), users.len(), "{out}");
    for (line, u) in lines.iter().zip(&users) {
        let w: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(w[0], u.name.to_string_lossy(), "{line}");
        assert_eq!(
            w[1],
            u.terminal.as_ref().unwrap().to_string_lossy(),
            "{line}"
        );
        let when = run(
            "date",
            &["-u", "-d", &format!("@{}", u.started), "+%b %e %H:%M"],
        );
        let when: Vec<&str> = when.split_whitespace().collect();
        assert_eq!(w[2..5], when[..], "{line}");
        assert_eq!(w[6], u.pid.to_string(), "{line}");
        // who prints the raw ut_host in parentheses, or nothing when it is empty.
        let raw_host = w
            .get(7)
            .map(|h| h.trim_start_matches('(').trim_end_matches(')'));
        let host = match raw_host {
            None | Some(":0") | Some(":0.0") => "localhost".to_string(),
            Some(h) => h.to_string(),
        };
        assert_eq!(host, u.host.to_string_lossy(), "{line}");
    }
}

#[test]
fn full_width_fields() {
    // ut_user (32) and ut_host (256) without a terminating NUL. `who` stops at the
    // array end, as we do. (psutil decodes ut_user with a C-string read that runs on
    // into ut_host, so it is not an oracle here.)
    let user = [b'u'; 32];
    let host = [b'h'; 256];
    let data = record(&Rec {
        ty: USER_PROCESS,
        pid: 9,
        line: b"pts/9",
        id: b"ts/9",
        user: &user,
        host: &host,
        sec: 1_600_000_000,
    });
    let t = TempTree::new(&[]);
    let file = write(&t, &data);
    let users = psutil_rs::users_from_file(&file).unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].name.as_bytes(), user);
    assert_eq!(users[0].host.as_bytes(), host);
    let who = run("who", &[host_file(&file).to_str().unwrap()]);
    assert_eq!(who.split_whitespace().next().unwrap().as_bytes(), user);
    assert!(who.contains(&format!("({})", "h".repeat(256))), "{who}");
}

#[test]
fn empty_line_is_none() {
    let data = record(&Rec {
        ty: USER_PROCESS,
        pid: 42,
        line: b"",
        id: b"",
        user: b"svc",
        host: b"",
        sec: 5,
    });
    let t = TempTree::new(&[]);
    let file = write(&t, &data);
    let users = t.root().users().unwrap();
    assert_eq!(users[0].terminal, None);
    assert_eq!(
        serde_json::to_value(&users[0]).unwrap()["terminal"],
        Value::Null
    );
    assert_eq!(ours_hex(&users), psutil_users(&file));
}

#[test]
fn truncated_and_garbage_files() {
    let (_, data) = sample();
    let t = TempTree::new(&[]);
    // A trailing partial record is ignored, by us and by glibc (psutil) alike.
    let mut cut = data.clone();
    cut.extend_from_slice(&data[..SIZE - 1]);
    let file = write(&t, &cut);
    let users = t.root().users().unwrap();
    assert_eq!(users.len(), 5);
    assert_eq!(ours_hex(&users), psutil_users(&file));
    // Less than one record: nothing.
    write(&t, &data[..100]);
    assert!(t.root().users().unwrap().is_empty());
    // Arbitrary bytes: no panic, and the same answer as glibc.
    let mut junk: Vec<u8> = (0..SIZE as u32 * 8)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8 % 9)
        .collect();
    for k in (0..8).step_by(2) {
        junk[k * SIZE..k * SIZE + 2].copy_from_slice(&USER_PROCESS.to_ne_bytes());
    }
    let file = write(&t, &junk);
    let users = t.root().users().unwrap();
    // The records whose ut_type the junk made USER_PROCESS: the four set above, and any
    // the junk itself spells (it depends on the record size).
    let typed = junk
        .chunks_exact(SIZE)
        .filter(|r| r[..2] == USER_PROCESS.to_ne_bytes())
        .count();
    assert!(typed >= 4);
    assert_eq!(users.len(), typed);
    assert_eq!(users.len(), psutil_users(&file).as_array().unwrap().len());
    // Missing file (systemd without utmp): empty, as psutil.
    let t = TempTree::new(&[]);
    assert!(t.root().users().unwrap().is_empty());
    assert!(psutil_rs::users_from_file(t.dir.join("nope"))
        .unwrap()
        .is_empty());
}

/// The field names of a serialized struct, in serialization order. (A
/// `serde_json::Value` object cannot tell: without the preserve_order feature its keys
/// are sorted.)
pub fn field_order<T: serde::Serialize>(v: &T) -> Vec<String> {
    let text = serde_json::to_string(v).unwrap();
    let obj = serde_json::to_value(v).unwrap();
    let mut keys: Vec<(usize, String)> = obj
        .as_object()
        .unwrap()
        .keys()
        .map(|k| (text.find(&format!("{k:?}:")).unwrap(), k.clone()))
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}
