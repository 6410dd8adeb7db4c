//! Little-endian reads at an offset, `None` past the end: the bounds checks every macOS
//! decoder shares (x86_64 and arm64 macOS are both little-endian).

/// `N` bytes at `at`, or `None` when they are not all inside `b`.
pub(crate) fn array<const N: usize>(b: &[u8], at: usize) -> Option<[u8; N]> {
    b.get(at..at.checked_add(N)?)?.try_into().ok()
}

/// A `u_short` / `uint16_t` at `at`.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    array(b, at).map(u16::from_le_bytes)
}

/// A `uint32_t` / `natural_t` at `at`.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    array(b, at).map(u32::from_le_bytes)
}

/// An `int` / `int32_t` at `at`.
pub(crate) fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    array(b, at).map(i32::from_le_bytes)
}

/// A `uint64_t` (or a 64-bit pointer) at `at`.
pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    array(b, at).map(u64::from_le_bytes)
}

/// An `int64_t` / `time_t` at `at`.
pub(crate) fn i64_at(b: &[u8], at: usize) -> Option<i64> {
    array(b, at).map(i64::from_le_bytes)
}

/// A byte at `at`.
pub(crate) fn u8_at(b: &[u8], at: usize) -> Option<u8> {
    b.get(at).copied()
}

/// The `len` bytes of a fixed `char` array at `at`, cut at the first NUL; `None` when
/// the array is not all inside `b`.
pub(crate) fn cstr_at(b: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    let field = b.get(at..at.checked_add(len)?)?;
    Some(field.split(|c| *c == 0).next().unwrap_or(field))
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
    }
}
