//! Compile-time checks that the offsets [`crate::parse::freebsd`] reads at (written
//! from the FreeBSD headers as named constants, so the decoders compile and are tested
//! everywhere) are those of the `libc` crate's definitions of the same structures for
//! this target. A mismatch fails the FreeBSD build.

use std::mem::{offset_of, size_of};

use crate::parse::freebsd::{devstat as ds, if_msghdr as ifm, kinfo_file as kf};
use crate::parse::freebsd::{kinfo_proc as kp, kinfo_vmentry as kve, values};

macro_rules! same {
    ($($a:expr => $b:expr;)*) => { $(const _: () = assert!($a == $b);)* };
}

same! {
    size_of::<libc::kinfo_proc>() => kp::KINFO_PROC_SIZE;
    offset_of!(libc::kinfo_proc, ki_structsize) => kp::KI_STRUCTSIZE;
    offset_of!(libc::kinfo_proc, ki_pid) => kp::KI_PID;
    offset_of!(libc::kinfo_proc, ki_ppid) => kp::KI_PPID;
    offset_of!(libc::kinfo_proc, ki_uid) => kp::KI_UID;
    offset_of!(libc::kinfo_proc, ki_ruid) => kp::KI_RUID;
    offset_of!(libc::kinfo_proc, ki_svuid) => kp::KI_SVUID;
    offset_of!(libc::kinfo_proc, ki_rgid) => kp::KI_RGID;
    offset_of!(libc::kinfo_proc, ki_svgid) => kp::KI_SVGID;
    offset_of!(libc::kinfo_proc, ki_groups) => kp::KI_GROUPS;
    offset_of!(libc::kinfo_proc, ki_size) => kp::KI_SIZE;
    offset_of!(libc::kinfo_proc, ki_rssize) => kp::KI_RSSIZE;
    offset_of!(libc::kinfo_proc, ki_tsize) => kp::KI_TSIZE;
    offset_of!(libc::kinfo_proc, ki_dsize) => kp::KI_DSIZE;
    offset_of!(libc::kinfo_proc, ki_ssize) => kp::KI_SSIZE;
    offset_of!(libc::kinfo_proc, ki_start) => kp::KI_START;
    offset_of!(libc::kinfo_proc, ki_flag) => kp::KI_FLAG;
    offset_of!(libc::kinfo_proc, ki_stat) => kp::KI_STAT;
    offset_of!(libc::kinfo_proc, ki_nice) => kp::KI_NICE;
    offset_of!(libc::kinfo_proc, ki_comm) => kp::KI_COMM;
    offset_of!(libc::kinfo_proc, ki_tdev) => kp::KI_TDEV;
    offset_of!(libc::kinfo_proc, ki_oncpu) => kp::KI_ONCPU;
    offset_of!(libc::kinfo_proc, ki_lastcpu) => kp::KI_LASTCPU;
    offset_of!(libc::kinfo_proc, ki_numthreads) => kp::KI_NUMTHREADS;
    offset_of!(libc::kinfo_proc, ki_tid) => kp::KI_TID;
    offset_of!(libc::kinfo_proc, ki_rusage) => kp::KI_RUSAGE;
    offset_of!(libc::kinfo_proc, ki_rusage_ch) => kp::KI_RUSAGE_CH;
    offset_of!(libc::rusage, ru_utime) => kp::RU_UTIME;
    offset_of!(libc::rusage, ru_stime) => kp::RU_STIME;
    offset_of!(libc::rusage, ru_inblock) => kp::RU_INBLOCK;
    offset_of!(libc::rusage, ru_oublock) => kp::RU_OUBLOCK;
    offset_of!(libc::rusage, ru_nvcsw) => kp::RU_NVCSW;
    offset_of!(libc::rusage, ru_nivcsw) => kp::RU_NIVCSW;
    size_of::<libc::kinfo_file>() => kf::KINFO_FILE_SIZE;
    offset_of!(libc::kinfo_file, kf_type) => kf::KF_TYPE;
    offset_of!(libc::kinfo_file, kf_fd) => kf::KF_FD;
    offset_of!(libc::kinfo_file, kf_path) => kf::KF_PATH;
    libc::KF_TYPE_VNODE => kf::KF_TYPE_VNODE;
    libc::KF_TYPE_SOCKET => kf::KF_TYPE_SOCKET;
    libc::KF_VTYPE_VREG => kf::KF_VTYPE_VREG;
    libc::KF_FD_TYPE_CWD => kf::KF_FD_TYPE_CWD;
    size_of::<libc::kinfo_vmentry>() => kve::KINFO_VMENTRY_SIZE;
    offset_of!(libc::kinfo_vmentry, kve_type) => kve::KVE_TYPE;
    offset_of!(libc::kinfo_vmentry, kve_start) => kve::KVE_START;
    offset_of!(libc::kinfo_vmentry, kve_end) => kve::KVE_END;
    offset_of!(libc::kinfo_vmentry, kve_resident) => kve::KVE_RESIDENT;
    offset_of!(libc::kinfo_vmentry, kve_private_resident) => kve::KVE_PRIVATE_RESIDENT;
    offset_of!(libc::kinfo_vmentry, kve_protection) => kve::KVE_PROTECTION;
    offset_of!(libc::kinfo_vmentry, kve_ref_count) => kve::KVE_REF_COUNT;
    offset_of!(libc::kinfo_vmentry, kve_shadow_count) => kve::KVE_SHADOW_COUNT;
    offset_of!(libc::kinfo_vmentry, kve_path) => kve::KVE_PATH;
    size_of::<libc::if_msghdr>() => ifm::IF_MSGHDR_LEN;
    offset_of!(libc::if_msghdr, ifm_flags) => ifm::IFM_FLAGS;
    offset_of!(libc::if_msghdr, ifm_data) => ifm::IFM_DATA;
    offset_of!(libc::if_data, ifi_mtu) => ifm::IFI_MTU;
    offset_of!(libc::if_data, ifi_baudrate) => ifm::IFI_BAUDRATE;
    offset_of!(libc::if_data, ifi_ipackets) => ifm::IFI_IPACKETS;
    offset_of!(libc::if_data, ifi_ierrors) => ifm::IFI_IERRORS;
    offset_of!(libc::if_data, ifi_opackets) => ifm::IFI_OPACKETS;
    offset_of!(libc::if_data, ifi_oerrors) => ifm::IFI_OERRORS;
    offset_of!(libc::if_data, ifi_ibytes) => ifm::IFI_IBYTES;
    offset_of!(libc::if_data, ifi_obytes) => ifm::IFI_OBYTES;
    offset_of!(libc::if_data, ifi_iqdrops) => ifm::IFI_IQDROPS;
    offset_of!(libc::if_data, ifi_oqdrops) => ifm::IFI_OQDROPS;
    offset_of!(libc::sockaddr_dl, sdl_nlen) => ifm::SDL_NLEN;
    offset_of!(libc::sockaddr_dl, sdl_data) => ifm::SDL_DATA;
    libc::RTM_IFINFO as u8 => ifm::RTM_IFINFO;
    size_of::<libc::devstat>() => ds::DEVSTAT_LEN;
    offset_of!(libc::devstat, device_name) => ds::DEVICE_NAME;
    offset_of!(libc::devstat, unit_number) => ds::UNIT_NUMBER;
    offset_of!(libc::devstat, bytes) => ds::BYTES;
    offset_of!(libc::devstat, operations) => ds::OPERATIONS;
    offset_of!(libc::devstat, duration) => ds::DURATION;
    offset_of!(libc::devstat, busy_time) => ds::BUSY_TIME;
    size_of::<libc::vmtotal>() => values::VMTOTAL_LEN;
    offset_of!(libc::vmtotal, t_vmshr) => values::T_VMSHR;
    offset_of!(libc::vmtotal, t_rmshr) => values::T_RMSHR;
    size_of::<libc::rlimit>() => values::RLIMIT_LEN;
    libc::RLIM_INFINITY as u64 => values::RLIM_INFINITY;
    size_of::<libc::timeval>() => 16;
    libc::AF_INET6 as u8 => crate::parse::freebsd::sockaddr::AF_INET6;
    libc::AF_LINK as u16 => super::af::AF_LINK;
    libc::SIDL as u8 => kp::SIDL;
    libc::SRUN as u8 => kp::SRUN;
    libc::SSLEEP as u8 => kp::SSLEEP;
    libc::SSTOP as u8 => kp::SSTOP;
    libc::SZOMB as u8 => kp::SZOMB;
    libc::SWAIT as u8 => kp::SWAIT;
    libc::SLOCK as u8 => kp::SLOCK;
    libc::P_SYSTEM as i64 => kp::P_SYSTEM;
    libc::P_INMEM as i64 => kp::P_INMEM;
    libc::KVME_PROT_READ => kve::KVME_PROT_READ;
    libc::KVME_PROT_WRITE => kve::KVME_PROT_WRITE;
    libc::KVME_PROT_EXEC => kve::KVME_PROT_EXEC;
}
