//! Hand-built `SystemProcessInformation` buffers, laid out as Windows lays them out:
//! each process record, its threads, then its image name, the next record 8-aligned.

use super::*;

// Below 4 GiB, so that the tests also run on 32-bit hosts (i686).
const BASE: usize = 0x7ff0_0000;

struct P {
    pid: u64,
    ppid: u64,
    name: &'static str,
    threads: Vec<(u64, u32, u32, u32)>, // tid, ctx switches, state, wait reason
}

fn put(b: &mut [u8], at: usize, v: &[u8]) {
    b[at..at + v.len()].copy_from_slice(v);
}

fn build(procs: &[P]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, p) in procs.iter().enumerate() {
        let start = out.len();
        let mut rec = vec![0u8; PROCESS_RECORD_LEN + THREAD_RECORD_LEN * p.threads.len()];
        put(&mut rec, 4, &(p.threads.len() as u32).to_le_bytes());
        put(&mut rec, 32, &133_000_000_000_000_000u64.to_le_bytes());
        put(&mut rec, 40, &(p.pid * 10).to_le_bytes());
        put(&mut rec, 48, &(p.pid * 20).to_le_bytes());
        put(&mut rec, 72, &8i32.to_le_bytes());
        put(&mut rec, 80, &p.pid.to_le_bytes());
        put(&mut rec, 88, &p.ppid.to_le_bytes());
        put(&mut rec, 96, &77u32.to_le_bytes());
        put(&mut rec, 100, &1u32.to_le_bytes());
        for (k, off) in (112..=248).step_by(8).enumerate() {
            if off != 128 {
                put(&mut rec, off, &(1000 + k as u64).to_le_bytes());
            }
        }
        put(&mut rec, 128, &55u32.to_le_bytes());
        for (j, &(tid, cs, st, wr)) in p.threads.iter().enumerate() {
            let t = PROCESS_RECORD_LEN + j * THREAD_RECORD_LEN;
            put(&mut rec, t, &3u64.to_le_bytes());
            put(&mut rec, t + 8, &4u64.to_le_bytes());
            put(&mut rec, t + 40, &p.pid.to_le_bytes());
            put(&mut rec, t + 48, &tid.to_le_bytes());
            put(&mut rec, t + 56, &9i32.to_le_bytes());
            put(&mut rec, t + 64, &cs.to_le_bytes());
            put(&mut rec, t + 68, &st.to_le_bytes());
            put(&mut rec, t + 72, &wr.to_le_bytes());
        }
        let name: Vec<u8> = p.name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        if !name.is_empty() {
            let name_at = start + rec.len();
            put(&mut rec, 56, &(name.len() as u16).to_le_bytes());
            put(&mut rec, 58, &(name.len() as u16 + 2).to_le_bytes());
            put(&mut rec, 64, &((BASE + name_at) as u64).to_le_bytes());
            rec.extend_from_slice(&name);
            rec.extend_from_slice(&[0, 0]);
        }
        while !rec.len().is_multiple_of(8) {
            rec.push(0);
        }
        if i + 1 < procs.len() {
            let len = rec.len() as u32;
            put(&mut rec, 0, &len.to_le_bytes());
        }
        out.extend_from_slice(&rec);
    }
    out
}

fn sample() -> Vec<P> {
    vec![
        P {
            pid: 0,
            ppid: 0,
            name: "",
            threads: vec![(0, 1, 2, 0), (0, 2, 2, 0)],
        },
        P {
            pid: 4,
            ppid: 0,
            name: "System",
            threads: vec![(8, 10, 5, 5)],
        },
        P {
            pid: 1234,
            ppid: 4,
            name: "notepad ü.exe",
            threads: vec![(1240, 7, 5, 5), (1244, 8, 5, 5)],
        },
        P {
            pid: 5678,
            ppid: 1234,
            name: "x.exe",
            threads: vec![],
        },
    ]
}

#[test]
fn decodes_every_field() {
    let buf = build(&sample());
    let ps = parse(&buf, BASE).unwrap();
    assert_eq!(ps.len(), 4);
    let ids: Vec<_> = ps
        .iter()
        .map(|p| (p.pid, p.ppid, p.name.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (0, 0, ""),
            (4, 0, "System"),
            (1234, 4, "notepad ü.exe"),
            (5678, 1234, "x.exe")
        ]
    );
    let p = &ps[2];
    assert_eq!((p.num_threads, p.threads.len()), (2, 2));
    assert_eq!(p.create_time, 133_000_000_000_000_000);
    assert_eq!((p.user_time, p.kernel_time), (12_340, 24_680));
    assert_eq!((p.base_priority, p.handle_count, p.session_id), (8, 77, 1));
    assert_eq!(p.peak_virtual_size, 1000);
    assert_eq!(p.virtual_size, 1001);
    assert_eq!(p.page_fault_count, 55);
    assert_eq!(p.peak_working_set_size, 1003);
    assert_eq!(p.working_set_size, 1004);
    assert_eq!(p.quota_peak_paged_pool_usage, 1005);
    assert_eq!(p.quota_non_paged_pool_usage, 1008);
    assert_eq!((p.pagefile_usage, p.peak_pagefile_usage), (1009, 1010));
    assert_eq!(p.private_page_count, 1011);
    assert_eq!(
        p.io,
        IoCounters {
            read_count: 1012,
            write_count: 1013,
            other_count: 1014,
            read_bytes: 1015,
            write_bytes: 1016,
            other_bytes: 1017,
        }
    );
    let t = p.threads[1];
    assert_eq!(
        (t.tid, t.pid, t.kernel_time, t.user_time),
        (1244, 1234, 3, 4)
    );
    assert_eq!(
        (t.priority, t.context_switches, t.state, t.wait_reason),
        (9, 8, 5, 5)
    );
    assert_eq!(p.context_switches(), 15);
    assert!(p.is_suspended());
    assert!(!ps[0].is_suspended());
    assert!(ps[1].is_suspended());
    assert!(!ps[3].is_suspended(), "no threads: not stopped");
}

#[test]
fn find_decodes_one_record() {
    let buf = build(&sample());
    assert_eq!(find(&buf, BASE, 5678).unwrap().unwrap().name, "x.exe");
    assert_eq!(find(&buf, BASE, 4).unwrap().unwrap().threads[0].tid, 8);
    assert!(find(&buf, BASE, 99).unwrap().is_none());
    assert!(find(&[], BASE, 0).unwrap().is_none());
    assert!(parse(&[], BASE).unwrap().is_empty());
}

#[test]
fn a_name_outside_the_buffer_is_an_error() {
    let mut buf = build(&sample()[1..2]);
    // a base above the pointer, then a pointer past the end
    assert!(parse(&buf, BASE + 1_000_000).is_err());
    let far = (BASE + buf.len()) as u64;
    buf[64..72].copy_from_slice(&far.to_le_bytes());
    assert!(parse(&buf, BASE).is_err());
    buf[64..72].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(parse(&buf, BASE).is_err());
    // a NULL buffer is an empty name, whatever the length says
    buf[64..72].copy_from_slice(&0u64.to_le_bytes());
    assert_eq!(parse(&buf, BASE).unwrap()[0].name, "");
}

#[test]
fn corrupt_chains_end_in_errors() {
    let good = build(&sample());
    // every truncation: an error or fewer bytes decoded, never a panic
    for n in 0..good.len() {
        let _ = parse(&good[..n], BASE);
        let _ = find(&good[..n], BASE, 5678);
    }
    // cut inside the last record's fixed part (its name, after it, is what is left)
    let last = good.len() - (PROCESS_RECORD_LEN + 16);
    assert!(parse(&good[..last + 100], BASE).is_err());
    assert!(find(&good[..last + 100], BASE, 5678).is_err());
    // NextEntryOffset pointing back (0 excepted: end), short, or past the end
    for bad in [1u32, 8, 255, u32::MAX, good.len() as u32] {
        let mut b = good.clone();
        b[0..4].copy_from_slice(&bad.to_le_bytes());
        assert!(parse(&b, BASE).is_err(), "NextEntryOffset {bad}");
        assert!(find(&b, BASE, 5678).is_err(), "NextEntryOffset {bad}");
    }
    // a thread count past the end of the buffer, and a huge one
    for n in [3u32, u32::MAX] {
        let mut b = good.clone();
        b[4..8].copy_from_slice(&n.to_le_bytes());
        assert!(parse(&b, BASE).is_err());
    }
    // arbitrary bytes
    let mut x: u32 = 0x1234_5678;
    for len in [1usize, 255, 256, 300, 4096] {
        let junk: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let _ = parse(&junk, 0);
        let _ = parse(&junk, BASE);
    }
}
