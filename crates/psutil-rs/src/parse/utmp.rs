//! `/run/utmp` (`/var/run/utmp`): glibc's binary login records, `struct utmp`.
//!
//! The file is an array of fixed-size records in the machine's byte order. psutil
//! reads it with `getutxent(3)`, which walks global libc state and is not thread-safe;
//! this parser reads the bytes instead. Two layouts exist on 64-bit glibc:
//!
//! | field | [`Layout::Compat32`] (x86_64, x32, i686, arm, ppc64, riscv64) | [`Layout::Wide64`] (aarch64, s390x, loongarch64) |
//! |---|---|---|
//! | `ut_type` `i16` (+2 padding) | 0 | 0 |
//! | `ut_pid` `i32` | 4 | 4 |
//! | `ut_line` `[u8; 32]` | 8 | 8 |
//! | `ut_id` `[u8; 4]` | 40 | 40 |
//! | `ut_user` `[u8; 32]` | 44 | 44 |
//! | `ut_host` `[u8; 256]` | 76 | 76 |
//! | `ut_exit` `2 × i16` | 332 | 332 |
//! | `ut_session` | 336 (`i32`) | 336 (`i64`) |
//! | `ut_tv` sec, usec | 340, 344 (`i32`) | 344, 352 (`i64`) |
//! | `ut_addr_v6` `4 × i32` | 348 | 360 |
//! | reserved `[u8; 20]` | 364 | 376 |
//! | record size | 384 | 400 |
//!
//! glibc picks the 32-bit fields where `__WORDSIZE_TIME64_COMPAT32` is set
//! (`bits/utmp.h`), so 32- and 64-bit programs can share the file on those machines.
//!
//! A trailing partial record (a file whose size is not a multiple of the record size)
//! is ignored, as glibc's reader stops at a short read. String fields are
//! NUL-padded, not always NUL-terminated: a field that fills its array has no NUL.

/// The record layout of glibc's `struct utmp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 384-byte records with 32-bit `ut_session` and `ut_tv` (glibc's
    /// `__WORDSIZE_TIME64_COMPAT32`): x86_64 and the 32-bit machines, ppc64, riscv64.
    Compat32,
    /// 400-byte records with 64-bit `ut_session` and `ut_tv`: aarch64, s390x,
    /// loongarch64.
    Wide64,
}

impl Layout {
    /// The layout glibc uses on the machine this crate is compiled for.
    pub const NATIVE: Layout = if cfg!(any(
        target_arch = "aarch64",
        target_arch = "s390x",
        target_arch = "loongarch64"
    )) {
        Layout::Wide64
    } else {
        Layout::Compat32
    };

    /// The size of one record in bytes (`sizeof(struct utmp)`).
    pub const fn record_size(self) -> usize {
        match self {
            Layout::Compat32 => 384,
            Layout::Wide64 => 400,
        }
    }
}

/// `ut_type` of an empty record.
pub const EMPTY: i16 = 0;
/// `ut_type`: change of run level.
pub const RUN_LVL: i16 = 1;
/// `ut_type`: time of system boot.
pub const BOOT_TIME: i16 = 2;
/// `ut_type`: time after the clock changed.
pub const NEW_TIME: i16 = 3;
/// `ut_type`: time before the clock changed.
pub const OLD_TIME: i16 = 4;
/// `ut_type`: a process spawned by init.
pub const INIT_PROCESS: i16 = 5;
/// `ut_type`: a getty waiting for a login.
pub const LOGIN_PROCESS: i16 = 6;
/// `ut_type`: a logged-in user's session (the only type `users()` reports).
pub const USER_PROCESS: i16 = 7;
/// `ut_type`: a terminated process.
pub const DEAD_PROCESS: i16 = 8;
/// `ut_type`: accounting (unused on Linux).
pub const ACCOUNTING: i16 = 9;

/// One utmp record. String fields are the bytes before the first NUL (or the whole
/// array when it has none), kept as raw bytes: they are not guaranteed to be UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UtmpRecord {
    /// `ut_type`: [`USER_PROCESS`], [`DEAD_PROCESS`], ….
    pub ut_type: i16,
    /// `ut_pid`: the login process.
    pub ut_pid: i32,
    /// `ut_line`: the device name without `/dev/` (`pts/0`, `tty1`, `:0`).
    pub ut_line: Vec<u8>,
    /// `ut_id`: the inittab id or the tty suffix.
    pub ut_id: Vec<u8>,
    /// `ut_user`: the user name.
    pub ut_user: Vec<u8>,
    /// `ut_host`: the remote host, or the X display.
    pub ut_host: Vec<u8>,
    /// `ut_exit.e_termination`: the signal that ended a [`DEAD_PROCESS`].
    pub e_termination: i16,
    /// `ut_exit.e_exit`: the exit status of a [`DEAD_PROCESS`].
    pub e_exit: i16,
    /// `ut_session`: the session id.
    pub ut_session: i64,
    /// `ut_tv.tv_sec`: when the entry was made, in seconds since the epoch.
    pub tv_sec: i64,
    /// `ut_tv.tv_usec`: the microseconds part of that time.
    pub tv_usec: i64,
    /// `ut_addr_v6`: the remote address (IPv4 in the first word), in network order.
    pub ut_addr_v6: [u8; 16],
}

fn bytes<const N: usize>(rec: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(src) = rec.get(at..at + N) {
        out.copy_from_slice(src);
    }
    out
}

fn cstr(rec: &[u8], at: usize, len: usize) -> Vec<u8> {
    let field = rec.get(at..at + len).unwrap_or_default();
    let end = field.iter().position(|&c| c == 0).unwrap_or(field.len());
    field.get(..end).unwrap_or_default().to_vec()
}

/// Parses one record of `layout.record_size()` bytes (a shorter slice reads as zeros
/// past its end).
pub fn parse_record(rec: &[u8], layout: Layout) -> UtmpRecord {
    let i16_at = |at| i16::from_ne_bytes(bytes::<2>(rec, at));
    let i32_at = |at| i32::from_ne_bytes(bytes::<4>(rec, at));
    let i64_at = |at| i64::from_ne_bytes(bytes::<8>(rec, at));
    let (ut_session, tv_sec, tv_usec, addr_at) = match layout {
        Layout::Compat32 => (
            i64::from(i32_at(336)),
            i64::from(i32_at(340)),
            i64::from(i32_at(344)),
            348,
        ),
        Layout::Wide64 => (i64_at(336), i64_at(344), i64_at(352), 360),
    };
    UtmpRecord {
        ut_type: i16_at(0),
        ut_pid: i32_at(4),
        ut_line: cstr(rec, 8, 32),
        ut_id: cstr(rec, 40, 4),
        ut_user: cstr(rec, 44, 32),
        ut_host: cstr(rec, 76, 256),
        e_termination: i16_at(332),
        e_exit: i16_at(334),
        ut_session,
        tv_sec,
        tv_usec,
        ut_addr_v6: bytes::<16>(rec, addr_at),
    }
}

/// Parses a whole utmp file. Never fails: every complete record is returned, in file
/// order, and a trailing partial record is ignored (glibc's `getutxent` stops there
/// too).
pub fn parse(data: &[u8], layout: Layout) -> Vec<UtmpRecord> {
    data.chunks_exact(layout.record_size())
        .map(|rec| parse_record(rec, layout))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(
        layout: Layout,
        ty: i16,
        pid: i32,
        line: &[u8],
        user: &[u8],
        host: &[u8],
        sec: i64,
    ) -> Vec<u8> {
        let mut r = vec![0u8; layout.record_size()];
        r[0..2].copy_from_slice(&ty.to_ne_bytes());
        r[4..8].copy_from_slice(&pid.to_ne_bytes());
        r[8..8 + line.len()].copy_from_slice(line);
        r[40..44].copy_from_slice(b"ts/1");
        r[44..44 + user.len()].copy_from_slice(user);
        r[76..76 + host.len()].copy_from_slice(host);
        r[332..334].copy_from_slice(&3i16.to_ne_bytes());
        r[334..336].copy_from_slice(&4i16.to_ne_bytes());
        match layout {
            Layout::Compat32 => {
                r[336..340].copy_from_slice(&99i32.to_ne_bytes());
                r[340..344].copy_from_slice(&(sec as i32).to_ne_bytes());
                r[344..348].copy_from_slice(&123i32.to_ne_bytes());
                r[348..352].copy_from_slice(&[10, 0, 0, 1]);
            }
            Layout::Wide64 => {
                r[336..344].copy_from_slice(&99i64.to_ne_bytes());
                r[344..352].copy_from_slice(&sec.to_ne_bytes());
                r[352..360].copy_from_slice(&123i64.to_ne_bytes());
                r[360..364].copy_from_slice(&[10, 0, 0, 1]);
            }
        }
        r
    }

    #[test]
    fn both_layouts() {
        for layout in [Layout::Compat32, Layout::Wide64] {
            let data = record(
                layout,
                USER_PROCESS,
                4242,
                b"pts/1",
                b"alice",
                b"10.0.0.1",
                1_700_000_000,
            );
            let recs = parse(&data, layout);
            assert_eq!(recs.len(), 1);
            let r = &recs[0];
            assert_eq!(r.ut_type, USER_PROCESS);
            assert_eq!(r.ut_pid, 4242);
            assert_eq!(r.ut_line, b"pts/1");
            assert_eq!(r.ut_id, b"ts/1");
            assert_eq!(r.ut_user, b"alice");
            assert_eq!(r.ut_host, b"10.0.0.1");
            assert_eq!((r.e_termination, r.e_exit), (3, 4));
            assert_eq!(r.ut_session, 99);
            assert_eq!(r.tv_sec, 1_700_000_000);
            assert_eq!(r.tv_usec, 123);
            assert_eq!(r.ut_addr_v6[..4], [10, 0, 0, 1]);
        }
    }

    #[test]
    fn full_width_fields_have_no_nul() {
        let user = [b'u'; 32];
        let host = [b'h'; 256];
        let line = [b'l'; 32];
        let data = record(Layout::Compat32, USER_PROCESS, 1, &line, &user, &host, 0);
        let r = &parse(&data, Layout::Compat32)[0];
        assert_eq!(r.ut_user, user);
        assert_eq!(r.ut_host, host);
        assert_eq!(r.ut_line, line);
    }

    #[test]
    fn non_utf8_bytes_are_kept() {
        let data = record(
            Layout::Compat32,
            USER_PROCESS,
            1,
            b"tty1",
            b"b\xe9a\xff",
            b"",
            0,
        );
        assert_eq!(parse(&data, Layout::Compat32)[0].ut_user, b"b\xe9a\xff");
    }

    #[test]
    fn truncated_and_garbage() {
        let l = Layout::Compat32;
        assert!(parse(b"", l).is_empty());
        assert!(parse(&[0xff; 383], l).is_empty());
        let mut data = record(l, USER_PROCESS, 7, b"tty1", b"bob", b"", 5);
        data.extend_from_slice(&[0xab; 100]);
        let recs = parse(&data, l);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].ut_user, b"bob");
        // Random bytes parse into (meaningless) records without panicking.
        let junk: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(parse(&junk, l).len(), 4000 / 384);
        assert_eq!(parse(&junk, Layout::Wide64).len(), 4000 / 400);
        // A short slice given to parse_record reads as zeros.
        assert_eq!(
            parse_record(&USER_PROCESS.to_ne_bytes(), l).ut_type,
            USER_PROCESS
        );
    }
}
