//! virtual_memory / swap_memory against free(1), /proc/meminfo fixtures, and psutil.

use crate::util::*;

#[test]
fn virtual_memory_matches_free() {
    // free -b: "Mem: total used free shared buff/cache available"
    let out = run("free", &["-b", "-w"]);
    let line = out.lines().find(|l| l.starts_with("Mem:")).unwrap();
    let f: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let vm = psutil_rs::virtual_memory().unwrap();
    assert_eq!(vm.total, f[0]);
    // Moving values: allow 64 MiB of drift between the two reads.
    let tol = 64.0 * 1024.0 * 1024.0;
    close("used", vm.used as f64, f[1] as f64, tol);
    close("free", vm.free as f64, f[2] as f64, tol);
    close("shared", vm.shared as f64, f[3] as f64, tol);
    close("buffers", vm.buffers as f64, f[4] as f64, tol);
    close("cached", vm.cached as f64, f[5] as f64, tol);
    close("available", vm.available as f64, f[6] as f64, tol);
}

#[test]
fn swap_memory_matches_free() {
    let out = run("free", &["-b"]);
    let line = out.lines().find(|l| l.starts_with("Swap:")).unwrap();
    let f: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let sw = psutil_rs::swap_memory().unwrap();
    assert_eq!(sw.total, f[0]);
    close("used", sw.used as f64, f[1] as f64, 16.0 * 1024.0 * 1024.0);
}

#[test]
fn memory_matches_psutil() {
    let p = psutil("psutil.virtual_memory()");
    let o = ours(&psutil_rs::virtual_memory().unwrap());
    same_fields(&o, &p);
    assert_eq!(o["total"], p["total"]);
    for k in [
        "available",
        "used",
        "free",
        "active",
        "inactive",
        "buffers",
        "cached",
        "shared",
        "slab",
    ] {
        close(
            k,
            o[k].as_f64().unwrap(),
            p[k].as_f64().unwrap(),
            64.0 * 1024.0 * 1024.0,
        );
    }
    close(
        "percent",
        o["percent"].as_f64().unwrap(),
        p["percent"].as_f64().unwrap(),
        1.0,
    );

    let p = psutil("psutil.swap_memory()");
    let o = ours(&psutil_rs::swap_memory().unwrap());
    same_fields(&o, &p);
    assert_eq!(o["total"], p["total"]);
    assert_eq!(o["sin"], p["sin"]);
    assert_eq!(o["sout"], p["sout"]);
}

#[test]
fn fixture_values_are_exact() {
    let root = fixture_root("debian12-6.18");
    let vm = root.virtual_memory().unwrap();
    let text = std::fs::read_to_string(fixture("debian12-6.18").join("proc/meminfo")).unwrap();
    let kb = |key: &str| -> u64 {
        let l = text
            .lines()
            .find(|l| l.starts_with(&format!("{key}:")))
            .unwrap();
        l.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
    };
    assert_eq!(vm.total, kb("MemTotal"));
    assert_eq!(vm.available, kb("MemAvailable"));
    assert_eq!(vm.used, kb("MemTotal") - kb("MemAvailable"));
    assert_eq!(vm.cached, kb("Cached") + kb("SReclaimable"));
    assert_eq!(vm.shared, kb("Shmem"));
}

#[test]
fn old_kernel_without_memavailable_uses_kernel_estimate() {
    // Linux 3.10-era meminfo: no MemAvailable. zoneinfo low watermarks: 10 + 20 pages.
    let meminfo =
        b"MemTotal: 1000000 kB\nMemFree: 100000 kB\nBuffers: 1000 kB\nCached: 200000 kB\n\
Active: 300000 kB\nInactive: 200000 kB\nActive(file): 150000 kB\nInactive(file): 50000 kB\n\
Shmem: 500 kB\nSlab: 40000 kB\nSReclaimable: 30000 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n";
    let zoneinfo =
        b"Node 0, zone DMA\n        low      10\nNode 0, zone Normal\n        low      20\n";
    let t = TempTree::new(&[("proc/meminfo", meminfo), ("proc/zoneinfo", zoneinfo)]);
    let vm = t.root().virtual_memory().unwrap();
    let page = rustix_page_size();
    let wm_low = 30 * page;
    let free = 100000 * 1024i128;
    let mut avail = free - wm_low;
    let pagecache = (150000 + 50000) * 1024i128;
    avail += pagecache - (pagecache / 2).min(wm_low);
    let sr = 30000 * 1024i128;
    avail += sr - (sr / 2).min(wm_low);
    assert_eq!(vm.available as i128, avail);
    // Without zoneinfo: MemFree + Cached.
    let t = TempTree::new(&[("proc/meminfo", meminfo)]);
    let vm = t.root().virtual_memory().unwrap();
    assert_eq!(vm.available, (100000 + 200000) * 1024);
}

#[test]
fn memavailable_zero_and_lxc_quirks() {
    let t = TempTree::new(&[(
        "proc/meminfo",
        b"MemTotal: 100 kB\nMemFree: 10 kB\nMemAvailable: 0 kB\nCached: 20 kB\n",
    )]);
    assert_eq!(t.root().virtual_memory().unwrap().available, 30 * 1024);
    let t = TempTree::new(&[(
        "proc/meminfo",
        b"MemTotal: 100 kB\nMemFree: 10 kB\nMemAvailable: 500 kB\n",
    )]);
    assert_eq!(t.root().virtual_memory().unwrap().available, 10 * 1024);
}

#[test]
fn broken_files_are_typed_errors() {
    let t = TempTree::new(&[("proc/meminfo", b"")]);
    let e = t.root().virtual_memory().unwrap_err();
    assert!(matches!(e, psutil_rs::Error::Parse { .. }), "{e}");
    assert!(e.to_string().contains("meminfo"));
    let t = TempTree::new(&[]);
    assert!(t.root().virtual_memory().unwrap_err().is_not_found());
    let t = TempTree::new(&[(
        "proc/meminfo",
        b"MemTotal: 1 kB\nSwapTotal: 2 kB\nSwapFree: 1 kB\n",
    )]);
    let sw = t.root().swap_memory().unwrap();
    assert_eq!((sw.total, sw.used, sw.sin), (2048, 1024, 0));
    assert_eq!(sw.percent, 50.0);
}

fn rustix_page_size() -> i128 {
    let out = run("getconf", &["PAGESIZE"]);
    out.trim().parse().unwrap()
}
