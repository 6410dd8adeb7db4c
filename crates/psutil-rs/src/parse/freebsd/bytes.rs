//! Little-endian reads at an offset, `None` past the end: the bounds checks every
//! FreeBSD decoder shares (amd64 layouts: `int` 4 bytes, `long` and pointers 8).

/// `N` bytes at `at`, or `None` when they are not all inside `b`.
pub(crate) fn array<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// A `u_char` / `char` at `at`.
pub(crate) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

/// A `u_short` at `at`.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    array(b, at).map(u16::from_le_bytes)
}

/// A `u_int` / `uid_t` / `gid_t` at `at`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    array(b, at).map(u32::from_le_bytes)
}

/// An `int` / `pid_t` at `at`.
pub(crate) fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    array(b, at).map(i32::from_le_bytes)
}

/// A `uint64_t` / `u_long` / `dev_t` / `vm_size_t` at `at`.
pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    array(b, at).map(u64::from_le_bytes)
}

/// A `long` / `time_t` / `segsz_t` at `at`.
pub(crate) fn i64_at(b: &[u8], at: usize) -> Option<i64> {
    array(b, at).map(i64::from_le_bytes)
}

/// A `struct timeval` (`time_t tv_sec; suseconds_t tv_usec`, 16 bytes) at `at`, in
/// seconds.
pub(crate) fn timeval_at(b: &[u8], at: usize) -> Option<f64> {
    let sec = i64_at(b, at)?;
    let usec = i64_at(b, at + 8)?;
    Some(sec as f64 + usec as f64 / 1_000_000.0)
}

/// The bytes of a NUL-terminated `char[len]` at `at`, up to the first NUL (all `len`
/// bytes, or the bytes up to the end of `b`, when there is none).
pub(crate) fn cstr_at(b: &[u8], at: usize, len: usize) -> &[u8] {
    let end = at.saturating_add(len).min(b.len());
    let field = b.get(at..end).unwrap_or_default();
    let n = field.iter().position(|&c| c == 0).unwrap_or(field.len());
    field.get(..n).unwrap_or_default()
}
