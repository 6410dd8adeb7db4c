//! The `getattrlist(2)` answer psutil asks for in macOS's `disk_usage()`: the volume's
//! `ATTR_VOL_SPACEUSED` (`<sys/attr.h>`), laid out as a `u_int32_t` length followed by
//! the attribute, an `off_t`, packed on 4 bytes.

use crate::parse::bytes::{i64_at, u32_at};

/// Where the `off_t` of `ATTR_VOL_SPACEUSED` sits (after the length word).
const SPACEUSED: usize = 4;
/// The length the kernel writes for that answer.
pub const SPACEUSED_LEN: usize = SPACEUSED + 8;

/// The bytes in use on the volume; `None` when the answer is shorter than its length
/// word says it must be, or the value is negative.
pub fn parse_space_used(b: &[u8]) -> Option<u64> {
    let len = usize::try_from(u32_at(b, 0)?).ok()?;
    if len < SPACEUSED_LEN {
        return None;
    }
    u64::try_from(i64_at(b, SPACEUSED)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_then_off_t() {
        let mut b = 12u32.to_le_bytes().to_vec();
        b.extend(123_456_789i64.to_le_bytes());
        assert_eq!(parse_space_used(&b), Some(123_456_789));
        assert_eq!(parse_space_used(&b[..11]), None);
        b[0] = 8;
        assert_eq!(parse_space_used(&b), None);
        let mut neg = 12u32.to_le_bytes().to_vec();
        neg.extend((-1i64).to_le_bytes());
        assert_eq!(parse_space_used(&neg), None);
    }
}
