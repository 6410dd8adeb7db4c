//! Windows scheduling and I/O priorities, psutil's `nice()` and `ionice()` values there.
//! `GetPriorityClass` / `SetPriorityClass` use the priority-class flags; psutil exposes
//! them as the `Priority` enum (`psutil.HIGH_PRIORITY_CLASS`, ...) with the Win32
//! values. `NtQueryInformationProcess(ProcessIoPriority)` gives an `IO_PRIORITY_HINT`
//! 0..=3, psutil's `IOPriority` (`IOPRIO_VERYLOW` .. `IOPRIO_HIGH`).

/// `IDLE_PRIORITY_CLASS`.
pub const IDLE_PRIORITY_CLASS: u32 = 0x40;
/// `BELOW_NORMAL_PRIORITY_CLASS`.
pub const BELOW_NORMAL_PRIORITY_CLASS: u32 = 0x4000;
/// `NORMAL_PRIORITY_CLASS`.
pub const NORMAL_PRIORITY_CLASS: u32 = 0x20;
/// `ABOVE_NORMAL_PRIORITY_CLASS`.
pub const ABOVE_NORMAL_PRIORITY_CLASS: u32 = 0x8000;
/// `HIGH_PRIORITY_CLASS`.
pub const HIGH_PRIORITY_CLASS: u32 = 0x80;
/// `REALTIME_PRIORITY_CLASS`.
pub const REALTIME_PRIORITY_CLASS: u32 = 0x100;

/// The six priority classes, lowest first, with psutil's constant names.
pub const PRIORITY_CLASSES: [(&str, u32); 6] = [
    ("IDLE_PRIORITY_CLASS", IDLE_PRIORITY_CLASS),
    ("BELOW_NORMAL_PRIORITY_CLASS", BELOW_NORMAL_PRIORITY_CLASS),
    ("NORMAL_PRIORITY_CLASS", NORMAL_PRIORITY_CLASS),
    ("ABOVE_NORMAL_PRIORITY_CLASS", ABOVE_NORMAL_PRIORITY_CLASS),
    ("HIGH_PRIORITY_CLASS", HIGH_PRIORITY_CLASS),
    ("REALTIME_PRIORITY_CLASS", REALTIME_PRIORITY_CLASS),
];

/// psutil's name for a priority class value, `None` for anything else (such as the
/// `PROCESS_MODE_BACKGROUND_*` flags, which `SetPriorityClass` takes but never returns).
pub fn priority_class_name(value: u32) -> Option<&'static str> {
    PRIORITY_CLASSES
        .iter()
        .find(|&&(_, v)| v == value)
        .map(|&(n, _)| n)
}

/// The priority class value of psutil's name (`"HIGH_PRIORITY_CLASS"`).
pub fn priority_class_from_name(name: &str) -> Option<u32> {
    PRIORITY_CLASSES
        .iter()
        .find(|&&(n, _)| n == name)
        .map(|&(_, v)| v)
}

/// `IoPriorityVeryLow`.
pub const IOPRIO_VERYLOW: u32 = 0;
/// `IoPriorityLow`.
pub const IOPRIO_LOW: u32 = 1;
/// `IoPriorityNormal`.
pub const IOPRIO_NORMAL: u32 = 2;
/// `IoPriorityHigh`.
pub const IOPRIO_HIGH: u32 = 3;

/// The four I/O priorities psutil accepts, lowest first, with its constant names.
pub const IO_PRIORITIES: [(&str, u32); 4] = [
    ("IOPRIO_VERYLOW", IOPRIO_VERYLOW),
    ("IOPRIO_LOW", IOPRIO_LOW),
    ("IOPRIO_NORMAL", IOPRIO_NORMAL),
    ("IOPRIO_HIGH", IOPRIO_HIGH),
];

/// psutil's name for an I/O priority, `None` outside 0..=3 (`ionice()` refuses those).
pub fn io_priority_name(value: u32) -> Option<&'static str> {
    IO_PRIORITIES
        .iter()
        .find(|&&(_, v)| v == value)
        .map(|&(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip() {
        for (name, v) in PRIORITY_CLASSES {
            assert_eq!(priority_class_name(v), Some(name));
            assert_eq!(priority_class_from_name(name), Some(v));
        }
        assert_eq!(priority_class_name(0x0010_0000), None); // PROCESS_MODE_BACKGROUND_BEGIN
        assert_eq!(priority_class_name(0), None);
        assert_eq!(priority_class_from_name("normal"), None);
        assert_eq!(NORMAL_PRIORITY_CLASS, 32);
        for (name, v) in IO_PRIORITIES {
            assert_eq!(io_priority_name(v), Some(name));
        }
        assert_eq!(io_priority_name(4), None);
    }
}
