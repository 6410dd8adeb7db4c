//! Property tests of the FreeBSD decoders (proptest): arbitrary bytes never panic any
//! of them, and well-formed buffers built from generated values decode to those values
//! (process records, descriptor and mapping tables, CPU tick arrays, interface lists,
//! argument lists, resource limits).

use proptest::collection::vec;
use proptest::prelude::*;

use super::{
    cp_time, devstat, if_msghdr, kinfo_file, kinfo_proc, kinfo_vmentry, pcblist, sockaddr, values,
    xfile,
};

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn put(b: &mut [u8], at: usize, v: &[u8]) {
    b[at..at + v.len()].copy_from_slice(v);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(data in vec(any::<u8>(), 0..4096)) {
        let _ = kinfo_proc::parse_all(&data);
        let _ = kinfo_file::parse(&data);
        let _ = kinfo_vmentry::parse(&data);
        let _ = cp_time::parse(&data);
        let _ = devstat::parse(&data);
        let _ = if_msghdr::parse(&data);
        let _ = sockaddr::parse(&data);
        let _ = pcblist::parse_tcp(&data);
        let _ = pcblist::parse_udp(&data);
        let _ = pcblist::parse_unix(&data);
        let _ = xfile::sockets(&data);
        let _ = values::topology_cores(&data);
        let _ = values::freq_levels(&data);
        let _ = values::args(&data);
        let _ = values::rlimit(&data);
    }

    #[test]
    fn kinfo_proc_records_decode_to_their_fields(
        procs in vec((any::<i32>(), any::<i32>(), any::<[u32; 3]>(), 0u8..8,
                      vec(1u8..=255, 0..=19)), 0..8),
    ) {
        let mut buf = Vec::new();
        for (pid, ppid, uids, stat, comm) in &procs {
            let mut r = vec![0u8; kinfo_proc::KINFO_PROC_SIZE];
            put(&mut r, kinfo_proc::KI_STRUCTSIZE, &(kinfo_proc::KINFO_PROC_SIZE as i32).to_le_bytes());
            put(&mut r, kinfo_proc::KI_PID, &pid.to_le_bytes());
            put(&mut r, kinfo_proc::KI_PPID, &ppid.to_le_bytes());
            put(&mut r, kinfo_proc::KI_RUID, &uids[0].to_le_bytes());
            put(&mut r, kinfo_proc::KI_UID, &uids[1].to_le_bytes());
            put(&mut r, kinfo_proc::KI_SVUID, &uids[2].to_le_bytes());
            put(&mut r, kinfo_proc::KI_STAT, &[*stat]);
            put(&mut r, kinfo_proc::KI_COMM, comm);
            buf.extend(r);
        }
        let all = kinfo_proc::parse_all(&buf).unwrap();
        prop_assert_eq!(all.len(), procs.len());
        for (k, (pid, ppid, uids, stat, comm)) in all.iter().zip(&procs) {
            prop_assert_eq!((k.pid, k.ppid, k.uids, k.stat), (*pid, *ppid, *uids, *stat));
            prop_assert_eq!(&k.comm, comm);
        }
    }

    #[test]
    fn kinfo_file_tables_decode_to_their_entries(
        files in vec((1i32..20, -3i32..1000, vec(1u8..=255, 0..300)), 0..8),
    ) {
        let mut buf = Vec::new();
        for (kind, fd, path) in &files {
            let size = (kinfo_file::KF_PATH + path.len() + 1).div_ceil(8) * 8;
            let mut r = vec![0u8; size];
            put(&mut r, kinfo_file::KF_STRUCTSIZE, &(size as i32).to_le_bytes());
            put(&mut r, kinfo_file::KF_TYPE, &kind.to_le_bytes());
            put(&mut r, kinfo_file::KF_FD, &fd.to_le_bytes());
            put(&mut r, kinfo_file::KF_PATH, path);
            buf.extend(r);
        }
        let all = kinfo_file::parse(&buf).unwrap();
        prop_assert_eq!(all.len(), files.len());
        for (f, (kind, fd, path)) in all.iter().zip(&files) {
            prop_assert_eq!((f.kind, f.fd, &f.path), (*kind, *fd, path));
        }
    }

    #[test]
    fn vmmaps_decode_to_their_ranges(
        maps in vec((any::<u32>(), 1u32..1000, 0i32..8, vec(1u8..=255, 0..100)), 0..8),
    ) {
        let mut buf = Vec::new();
        for (start, pages, prot, path) in &maps {
            let size = (kinfo_vmentry::KVE_PATH + path.len() + 1).div_ceil(8) * 8;
            let mut r = vec![0u8; size];
            let (s, e) = (u64::from(*start) << 12, (u64::from(*start) + u64::from(*pages)) << 12);
            put(&mut r, kinfo_vmentry::KVE_STRUCTSIZE, &(size as i32).to_le_bytes());
            put(&mut r, kinfo_vmentry::KVE_START, &s.to_le_bytes());
            put(&mut r, kinfo_vmentry::KVE_END, &e.to_le_bytes());
            put(&mut r, kinfo_vmentry::KVE_PROTECTION, &prot.to_le_bytes());
            put(&mut r, kinfo_vmentry::KVE_PATH, path);
            buf.extend(r);
        }
        let all = kinfo_vmentry::parse(&buf).unwrap();
        prop_assert_eq!(all.len(), maps.len());
        for (m, (start, _, prot, path)) in all.iter().zip(&maps) {
            prop_assert_eq!(m.start, u64::from(*start) << 12);
            prop_assert_eq!(m.perms().len(), 3);
            prop_assert_eq!(m.perms().starts_with('r'), prot & 1 != 0);
            prop_assert_eq!(&m.path, path);
        }
    }

    #[test]
    fn cp_times_decode_to_their_ticks(ticks in vec(0i64..i64::MAX, 1..8)) {
        let mut groups = ticks.clone();
        while groups.len() % cp_time::CPUSTATES != 0 {
            groups.push(0);
        }
        let buf: Vec<u8> = groups.iter().flat_map(|v| v.to_le_bytes()).collect();
        let cpus = cp_time::parse(&buf).unwrap();
        prop_assert_eq!(cpus.len(), groups.len() / cp_time::CPUSTATES);
        prop_assert_eq!(cpus[0].user, groups[cp_time::CP_USER] as u64);
        prop_assert_eq!(cpus[0].idle, groups[cp_time::CP_IDLE] as u64);
        prop_assert_eq!(cpus[0].irq, groups[cp_time::CP_INTR] as u64);
    }

    #[test]
    fn interface_lists_decode_to_their_names(
        ifs in vec(("[a-z]{1,8}[0-9]{0,2}", any::<[u64; 8]>()), 0..6),
    ) {
        let mut buf = Vec::new();
        for (name, c) in &ifs {
            let len = if_msghdr::IF_MSGHDR_LEN + if_msghdr::SDL_DATA + name.len() + 6;
            let mut m = vec![0u8; len];
            put(&mut m, 0, &(len as u16).to_le_bytes());
            m[3] = if_msghdr::RTM_IFINFO;
            let d = if_msghdr::IFM_DATA;
            put(&mut m, d + if_msghdr::IFI_OBYTES, &c[0].to_le_bytes());
            put(&mut m, d + if_msghdr::IFI_IBYTES, &c[1].to_le_bytes());
            put(&mut m, d + if_msghdr::IFI_OQDROPS, &c[7].to_le_bytes());
            m[if_msghdr::IF_MSGHDR_LEN + if_msghdr::SDL_NLEN] = name.len() as u8;
            put(&mut m, if_msghdr::IF_MSGHDR_LEN + if_msghdr::SDL_DATA, name.as_bytes());
            buf.extend(m);
        }
        let all = if_msghdr::parse(&buf).unwrap();
        prop_assert_eq!(all.len(), ifs.len());
        for (i, (name, c)) in all.iter().zip(&ifs) {
            prop_assert_eq!(&i.name, name);
            prop_assert_eq!((i.counters[0], i.counters[1], i.counters[7]), (c[0], c[1], c[7]));
        }
    }

    #[test]
    fn argument_lists_and_rlimits_round_trip(
        args in vec(vec(1u8..=255, 0..20), 1..8),
        soft in any::<u64>(),
        hard in any::<u64>(),
    ) {
        let mut buf = Vec::new();
        for a in &args {
            buf.extend(a);
            buf.push(0);
        }
        prop_assert_eq!(values::args(&buf), args);
        let clamp = |v: u64| v.min(values::RLIM_INFINITY);
        let got = values::rlimit(&values::rlimit_bytes((soft, hard))).unwrap();
        prop_assert_eq!(got, (clamp(soft), clamp(hard)));
    }
}
