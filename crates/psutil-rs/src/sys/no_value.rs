//! The placeholder type of the methods psutil lacks on a platform.

/// No value: the uninhabited type that stands for the types of the methods psutil does
/// not have on this platform (on Windows `uids` and `gids`; on macOS `io_counters`,
/// `memory_maps` and `ionice`; on FreeBSD `ionice`), so the `as_dict` variants that
/// carry them can never be built. The portable `Value` enum and the crate root name
/// these types on every platform, which is why they exist at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoValue {}

#[cfg(feature = "serde")]
impl serde::Serialize for NoValue {
    fn serialize<S: serde::Serializer>(&self, _: S) -> std::result::Result<S::Ok, S::Error> {
        match *self {}
    }
}
