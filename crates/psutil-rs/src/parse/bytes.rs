//! Little-endian reads at an offset, `None` past the end: the bounds checks the decoders
//! of OS buffers share (`windows`, `macos`, `freebsd`). Every layout they read is
//! little-endian (x86_64 and arm64 Windows and macOS, amd64 FreeBSD), whatever the host
//! that runs the decoder, so the readers do not depend on the host's byte order.

/// `N` bytes at `at`, or `None` when they are not all inside `b`.
pub(crate) fn array<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// A byte (`u_char`, `char`, `uint8_t`) at `at`.
pub(crate) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

/// A 16-bit unsigned value (`u_short`, `uint16_t`, `USHORT`, `WCHAR`) at `at`.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    array(b, at).map(u16::from_le_bytes)
}

/// A 32-bit unsigned value (`u_int`, `uint32_t`, `natural_t`, `uid_t`, `gid_t`,
/// `ULONG`, `DWORD`) at `at`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    array(b, at).map(u32::from_le_bytes)
}

/// A 32-bit signed value (`int`, `int32_t`, `pid_t`, `LONG`) at `at`.
pub(crate) fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    array(b, at).map(i32::from_le_bytes)
}

/// A 64-bit unsigned value (`uint64_t`, LP64 `u_long`, `dev_t`, `vm_size_t`,
/// `ULONGLONG`, `SIZE_T`, a 64-bit pointer or `HANDLE`) at `at`.
pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    array(b, at).map(u64::from_le_bytes)
}

/// A 64-bit signed value (`int64_t`, LP64 `long`, `time_t`, `segsz_t`) at `at`.
pub(crate) fn i64_at(b: &[u8], at: usize) -> Option<i64> {
    array(b, at).map(i64::from_le_bytes)
}

/// The `len` bytes of a fixed `char` array at `at`, cut at the first NUL; `None` when
/// the array is not all inside `b`.
pub(crate) fn cstr_at(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    let field = b.get(at..at.checked_add(len)?)?;
    Some(field.split(|c| *c == 0).next().unwrap_or(field))
}

/// The bytes of a NUL-terminated `char[len]` at `at`, up to the first NUL (all `len`
/// bytes, or the bytes up to the end of `b`, when there is none): [`cstr_at`] for the
/// decoders that keep what a short buffer holds of the array.
pub(crate) fn cstr_clipped_at(b: &[u8], at: usize, len: usize) -> &[u8] {
    let end = at.saturating_add(len).min(b.len());
    let field = b.get(at..end).unwrap_or_default();
    let n = field.iter().position(|&c| c == 0).unwrap_or(field.len());
    field.get(..n).unwrap_or_default()
}

/// The UTF-16LE code units of `b` (an odd last byte is dropped).
pub(crate) fn utf16_units(b: &[u8]) -> Vec<u16> {
    b.chunks_exact(2)
        .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
        .collect()
}

/// `b` decoded as UTF-16LE; unpaired surrogates become U+FFFD.
pub(crate) fn utf16_string(b: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stay_in_bounds() {
        let b = [1u8, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 9];
        assert_eq!(u8_at(&b, 8), Some(9));
        assert_eq!(u8_at(&b, 9), None);
        assert_eq!(u32_at(&b, 0), Some(1));
        assert_eq!(i32_at(&b, 4), Some(-1));
        assert_eq!(u64_at(&b, 0), Some(0xffff_ffff_0000_0001));
        assert_eq!(i64_at(&[0xff; 8], 0), Some(-1));
        assert_eq!(u64_at(&b, 2), None);
        assert_eq!(u16_at(&b, 8), None);
        assert_eq!(u16_at(&b, usize::MAX), None);
        assert_eq!(utf16_string(&[b'h', 0, b'i', 0, b'!']), "hi");
        assert_eq!(utf16_string(&[0x00, 0xd8]), "\u{fffd}");
    }

    #[test]
    fn c_strings_stop_at_nul_or_the_array() {
        let b = *b"ab\0cdef";
        assert_eq!(cstr_at(&b, 0, 4), Some(&b"ab"[..]));
        assert_eq!(cstr_at(&b, 3, 4), Some(&b"cdef"[..]));
        assert_eq!(cstr_at(&b, 3, 5), None);
        assert_eq!(cstr_at(&b, usize::MAX, 2), None);
        assert_eq!(cstr_clipped_at(&b, 3, 5), b"cdef");
        assert_eq!(cstr_clipped_at(&b, 0, 7), b"ab");
        assert_eq!(cstr_clipped_at(&b, 9, 2), b"");
        assert_eq!(cstr_clipped_at(&b, usize::MAX, 2), b"");
    }
}
