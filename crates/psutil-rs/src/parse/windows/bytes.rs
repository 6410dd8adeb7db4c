//! Little-endian reads at an offset, `None` past the end: the bounds checks every
//! Windows decoder shares.

/// `N` bytes at `at`, or `None` when they are not all inside `b`.
pub(crate) fn array<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// A `USHORT` / `WCHAR` at `at`.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    array(b, at).map(u16::from_le_bytes)
}

/// A `ULONG` / `DWORD` at `at`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    array(b, at).map(u32::from_le_bytes)
}

/// A `LONG` at `at`.
pub(crate) fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    array(b, at).map(i32::from_le_bytes)
}

/// A `ULONGLONG`, `SIZE_T`, pointer or `HANDLE` (64-bit) at `at`.
pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    array(b, at).map(u64::from_le_bytes)
}

/// A `LARGE_INTEGER` at `at`, as the unsigned count of 100-ns ticks it holds for times;
/// a negative value (never seen for the times decoded here) reads as 0.
pub(crate) fn ticks_at(b: &[u8], at: usize) -> Option<u64> {
    array(b, at).map(|a| u64::try_from(i64::from_le_bytes(a)).unwrap_or(0))
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
        assert_eq!(u32_at(&b, 0), Some(1));
        assert_eq!(i32_at(&b, 4), Some(-1));
        assert_eq!(u64_at(&b, 0), Some(0xffff_ffff_0000_0001));
        assert_eq!(u64_at(&b, 2), None);
        assert_eq!(u16_at(&b, 8), None);
        assert_eq!(u16_at(&b, usize::MAX), None);
        assert_eq!(ticks_at(&[0xff; 8], 0), Some(0));
        assert_eq!(utf16_string(&[b'h', 0, b'i', 0, b'!']), "hi");
        assert_eq!(utf16_string(&[0x00, 0xd8]), "\u{fffd}");
    }
}
