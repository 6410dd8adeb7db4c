//! The skeleton's keep-alive list: portable helpers that the Windows backend is meant to
//! call (the wrap-around corrections, the frequency mean, ...) but that its placeholders
//! do not call yet. An item with `#[allow(dead_code)]` is a root of the dead-code
//! analysis, so listing them here keeps the Windows build free of warnings without
//! silencing anything else. Delete each line once a real caller exists, and the file
//! once empty.

#[allow(dead_code)]
fn pending() {
    // system half (cpu, disk, net)
    let _ = crate::cpu::freq::mean;
    let _ = crate::cpu::freq::RawFreq::known;
    let _ = crate::disk::io::apply_nowrap;
    let _ = crate::disk::io::forget_nowrap;
    let _ = crate::disk::io::sum;
    let _ = crate::disk::DiskUsage::from_statvfs;
    let _ = crate::sys::disk::DiskIoCounters::from_array;
    let _ = crate::net::io_counters::NetIoCounters::from_array;
    let _ = crate::net::io_counters::apply_nowrap;
    let _ = crate::net::io_counters::total;
    let _ = crate::net::connections::inet_addr;
    let _ = crate::ConnectionKind::tables;
    let _ = crate::percent::usage_percent;
    let _ = crate::Error::at_path;
    // Linux-only netlink helpers of the parse layer
    let _ = crate::parse::taskstats::attribute;
    let _ = (
        crate::parse::taskstats::GENL_ID_CTRL,
        crate::parse::taskstats::CTRL_CMD_GETFAMILY,
        crate::parse::taskstats::CTRL_ATTR_FAMILY_NAME,
        crate::parse::taskstats::TASKSTATS_CMD_GET,
        crate::parse::taskstats::TASKSTATS_CMD_ATTR_TGID,
    );
    // process state Linux's wait_procs uses (its pidfd poll), not Windows'
    let _ = |p: &crate::Process| p.state().exited;
}
