//! Concurrency (issue 7): the handles are `Send + Sync`, and snapshots plus system
//! functions run from 8 threads at once give what a single-threaded run gives (stable
//! values equal, counters between a run before and a run after).

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::sync::Arc;

use psutil_rs::{
    Attr, AttrSet, ConnectionKind, CpuSampler, Error, Popen, Process, ProcessInfo, ProcessTable,
    Root,
};

const fn send_sync<T: Send + Sync>() {}

// Compile-time: these can be shared between threads.
const _: () = {
    send_sync::<Process>();
    send_sync::<Root>();
    send_sync::<CpuSampler>();
    send_sync::<ProcessTable>();
    send_sync::<ProcessInfo>();
    send_sync::<Popen>();
    send_sync::<Error>();
};

/// What the system functions say, reduced to values that do not move (compared equal)
/// or only grow (compared between the run before and the run after).
#[derive(Debug, Clone, PartialEq)]
struct Sys {
    vm_total: u64,
    swap_total: u64,
    boot: f64,
    cpus: Option<usize>,
    partitions: Vec<(OsString, std::path::PathBuf)>,
    nics: BTreeSet<String>,
    nic_stats: BTreeSet<String>,
    users: usize,
    root_total: u64,
    // Growing.
    cpu_busy: f64,
    bytes_recv: u64,
    ctx_switches: u64,
    listening: usize,
}

fn sys() -> Sys {
    let ct = psutil_rs::cpu_times().unwrap();
    let mut partitions: Vec<_> = psutil_rs::disk_partitions(false)
        .unwrap()
        .into_iter()
        .map(|p| (p.device, p.mountpoint))
        .collect();
    partitions.sort();
    Sys {
        vm_total: psutil_rs::virtual_memory().unwrap().total,
        swap_total: psutil_rs::swap_memory().unwrap().total,
        boot: psutil_rs::boot_time().unwrap(),
        cpus: psutil_rs::cpu_count(),
        partitions,
        nics: psutil_rs::net_if_addrs().unwrap().into_keys().collect(),
        nic_stats: psutil_rs::net_if_stats().unwrap().into_keys().collect(),
        users: psutil_rs::users().unwrap().len(),
        root_total: psutil_rs::disk_usage("/").unwrap().total,
        cpu_busy: ct.user + ct.nice + ct.system + ct.idle + ct.iowait + ct.irq + ct.softirq,
        bytes_recv: psutil_rs::net_io_counters()
            .unwrap()
            .map_or(0, |n| n.bytes_recv),
        ctx_switches: psutil_rs::cpu_stats().unwrap().ctx_switches,
        listening: psutil_rs::net_connections(ConnectionKind::Tcp)
            .unwrap()
            .iter()
            .filter(|c| c.status == psutil_rs::ConnectionStatus::Listen)
            .count(),
    }
}

type Rec = (OsString, u32, Option<u64>, u32, Vec<OsString>);
type Table = BTreeMap<u32, Rec>;

fn table() -> Table {
    let attrs = AttrSet::from([Attr::Cmdline, Attr::Name, Attr::Ppid, Attr::Uids]);
    ProcessTable::new(attrs)
        .snapshot()
        .unwrap()
        .into_iter()
        .filter_map(|p| {
            Some((
                p.pid(),
                (
                    p.name()?.to_os_string(),
                    p.ppid()?,
                    p.start_ticks(),
                    p.uids()?.real,
                    p.cmdline()?.to_vec(),
                ),
            ))
        })
        .collect()
}

#[test]
fn eight_threads_agree_with_one() {
    let me = Arc::new(Process::current().unwrap());
    let my_ctime = me.create_time().unwrap();
    let (sys_before, table_before) = (sys(), table());
    const ROUNDS: usize = 25;
    let results: Vec<(Vec<Sys>, Vec<Table>)> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..8)
            .map(|_| {
                let me = me.clone();
                s.spawn(move || {
                    let (mut ss, mut ts) = (Vec::new(), Vec::new());
                    for _ in 0..ROUNDS {
                        ss.push(sys());
                        ts.push(table());
                        // One shared handle, used from every thread.
                        assert_eq!(me.create_time().unwrap(), my_ctime);
                        assert!(me.memory_info().unwrap().rss > 0);
                        me.oneshot(|p| {
                            assert_eq!(p.pid(), std::process::id());
                            p.num_threads().unwrap();
                            p.cpu_times().unwrap();
                        });
                        // process_iter's global cache, from every thread.
                        let all = psutil_rs::process_iter().unwrap();
                        assert!(all.iter().any(|p| p.pid() == std::process::id()));
                    }
                    (ss, ts)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let (sys_after, table_after) = (sys(), table());

    // Processes that are the same (identity and attributes) before and after are the
    // same in every threaded snapshot.
    let stable: Vec<(&u32, &Rec)> = table_before
        .iter()
        // Kernel workers (children of kthreadd, pid 2) rename themselves after the
        // work queue they serve ("kworker/1:2-events" <-> "kworker/1:2-mm_percpu_wq").
        .filter(|(pid, r)| table_after.get(pid) == Some(r) && **pid != 2 && r.1 != 2)
        .collect();
    assert!(stable.len() > 3, "only {} stable processes", stable.len());
    let mut compared = 0;
    for (ss, ts) in &results {
        for s in ss {
            let mut s2 = s.clone();
            // Growing values lie between before and after (cpu times: ticks, 0.01 s).
            assert!(
                s.cpu_busy >= sys_before.cpu_busy - 0.02 && s.cpu_busy <= sys_after.cpu_busy + 0.02
            );
            assert!(s.bytes_recv >= sys_before.bytes_recv && s.bytes_recv <= sys_after.bytes_recv);
            assert!(
                s.ctx_switches >= sys_before.ctx_switches
                    && s.ctx_switches <= sys_after.ctx_switches
            );
            s2.cpu_busy = sys_before.cpu_busy;
            s2.bytes_recv = sys_before.bytes_recv;
            s2.ctx_switches = sys_before.ctx_switches;
            // Listening sockets and logins come and go with the other tests and jobs
            // (even between two runs that agree): read, not compared.
            s2.listening = sys_before.listening;
            s2.users = sys_before.users;
            assert_eq!(s2, sys_before);
            compared += 1;
        }
        for t in ts {
            for (pid, r) in &stable {
                assert_eq!(t.get(pid), Some(*r), "pid {pid}");
            }
        }
    }
    println!(
        "concurrency: 8 threads x {ROUNDS} rounds, {compared} system runs and {} snapshots \
         agree with the single-threaded run ({} stable processes)",
        8 * ROUNDS,
        stable.len()
    );
}
