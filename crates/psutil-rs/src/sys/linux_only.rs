//! Portable items that only the Linux backend calls, kept alive on the other platforms:
//! an item with `#[allow(dead_code)]` is a root of the dead-code analysis, so listing
//! them here keeps the Windows, macOS and FreeBSD builds free of warnings without
//! silencing anything else. Delete a line when every other backend starts to use the
//! item, or when Linux stops.

#[allow(dead_code)]
fn linux_only_callers() {
    // cpu_freq: Windows (the first CPU's, as psutil) and macOS report one entry, FreeBSD
    // averages its per-CPU values itself: no mean to take
    let _ = crate::cpu::freq::mean;
    let _ = crate::cpu::freq::RawFreq::known;
    // disk: Linux forgets a disk's nowrap state when its device number changes
    let _ = crate::disk::io::forget_nowrap;
    // errors naming a /proc or /sys path
    let _ = crate::Error::at_path;
    // the netlink (taskstats) helpers of the parse layer
    let _ = crate::parse::taskstats::attribute;
    let _ = (
        crate::parse::taskstats::GENL_ID_CTRL,
        crate::parse::taskstats::CTRL_CMD_GETFAMILY,
        crate::parse::taskstats::CTRL_ATTR_FAMILY_NAME,
        crate::parse::taskstats::TASKSTATS_CMD_GET,
        crate::parse::taskstats::TASKSTATS_CMD_ATTR_TGID,
    );
    // process state Linux's wait_procs uses (its pidfd poll), not Windows' or macOS'
    // (FreeBSD's wait sets it)
    #[cfg(not(target_os = "freebsd"))]
    let _ = |p: &crate::Process| p.state().exited;
}

/// Shared POSIX items (`sys/unix/`) that macOS calls and FreeBSD does not.
#[cfg(target_os = "freebsd")]
#[allow(dead_code)]
fn macos_only_callers() {
    let _ = super::unix::sysctl::uint_by_mib;
}
