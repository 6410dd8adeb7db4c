//! The checks of the `parse::cgroup` parsers (the cgroup and PSI files): each parse
//! that succeeds renders back, in the kernel's format, to the same value.

use psutil_rs::parse::cgroup as cg;

use super::mount_escape;

/// `parse/cgroup/pid_cgroup.rs`: lines render back to `id:controllers:path` with the
/// same value; every path starts with `/`.
pub fn check_cgroup_pid_cgroup(data: &[u8]) {
    if let Ok(v) = cg::pid_cgroup::parse(data) {
        let mut s = Vec::new();
        for l in &v {
            assert_eq!(l.path.first(), Some(&b'/'));
            assert!(!l.path.contains(&b'\n'));
            s.extend_from_slice(
                format!("{}:{}:", l.hierarchy_id, l.controllers.join(",")).as_bytes(),
            );
            s.extend_from_slice(&l.path);
            s.push(b'\n');
        }
        assert_eq!(cg::pid_cgroup::parse(&s).unwrap(), v);
    }
}

/// `parse/cgroup/mountinfo.rs`: entries render back (escaped) to mountinfo lines with
/// the same value; the controller list never holds `rw`/`ro`.
pub fn check_cgroup_mountinfo(data: &[u8]) {
    if let Ok(v) = cg::mountinfo::parse(data) {
        let mut s = Vec::new();
        for m in &v {
            let ctl = m.cgroup_controllers();
            assert!(!ctl.iter().any(|c| c == "rw" || c == "ro" || c.is_empty()));
            s.extend_from_slice(format!("{} {} 0:1 ", m.mount_id, m.parent_id).as_bytes());
            for f in [&m.root, &m.mount_point] {
                s.extend_from_slice(&nonempty(&mount_escape(f)));
                s.push(b' ');
            }
            s.extend_from_slice(b"rw - ");
            s.extend_from_slice(&nonempty(&mount_escape(&m.fstype)));
            s.push(b' ');
            s.extend_from_slice(&nonempty(&mount_escape(&m.source)));
            s.push(b' ');
            s.extend_from_slice(&mount_escape(&m.super_options));
            s.push(b'\n');
        }
        let back = cg::mountinfo::parse(&s).unwrap();
        assert_eq!(back.len(), v.len());
        for (a, b) in back.iter().zip(&v) {
            assert_eq!((a.mount_id, a.parent_id), (b.mount_id, b.parent_id));
            assert_eq!(a.super_options, b.super_options);
        }
    }
}

/// An empty field would vanish when split on spaces: the round trip checks only
/// non-empty ones (the parser never yields an empty field but `super_options`).
fn nonempty(f: &[u8]) -> Vec<u8> {
    if f.is_empty() {
        b"-".to_vec()
    } else {
        f.to_vec()
    }
}

fn render_limit(l: cg::limit::CgroupLimit) -> String {
    match l.value() {
        Some(v) => v.to_string(),
        None => "max".into(),
    }
}

/// `parse/cgroup/limit.rs`: a limit renders back to the same limit; a number below
/// the v1 "unlimited" value stays a number.
pub fn check_cgroup_limit(data: &[u8]) {
    if let Ok(l) = cg::limit::parse(data) {
        if let Some(v) = l.value() {
            assert!(v < cg::limit::V1_UNLIMITED);
        }
        assert_eq!(cg::limit::parse(render_limit(l).as_bytes()).unwrap(), l);
    }
    if let Ok(v) = cg::limit::parse_value(data) {
        assert_eq!(cg::limit::parse_value(v.to_string().as_bytes()).unwrap(), v);
    }
}

/// `parse/cgroup/cpu_max.rs`: the quota renders back; `cpus()` is finite and ≥ 0.
pub fn check_cgroup_cpu_max(data: &[u8]) {
    if let Ok(q) = cg::cpu_max::parse(data) {
        if let Some(c) = q.cpus() {
            assert!(c.is_finite() && c >= 0.0);
        }
        let s = format!("{} {}\n", render_limit(q.quota_us), q.period_us);
        assert_eq!(cg::cpu_max::parse(s.as_bytes()).unwrap(), q);
    }
}

/// `parse/cgroup/keyed.rs`: the pairs render back to the same pairs.
pub fn check_cgroup_keyed(data: &[u8]) {
    if let Ok(k) = cg::keyed::parse(data) {
        let s: String = k
            .pairs
            .iter()
            .map(|(key, v)| format!("{key} {v}\n"))
            .collect();
        assert_eq!(cg::keyed::parse(s.as_bytes()).unwrap(), k);
        for (key, _) in &k.pairs {
            assert!(k.get(key).is_some());
        }
    }
}

/// `parse/cgroup/io_max.rs`: devices render back to `io.max` lines with the same value.
pub fn check_cgroup_io_max(data: &[u8]) {
    if let Ok(v) = cg::io_max::parse(data) {
        let s: String = v
            .iter()
            .map(|m| {
                format!(
                    "{}:{} rbps={} wbps={} riops={} wiops={}\n",
                    m.major,
                    m.minor,
                    render_limit(m.rbps),
                    render_limit(m.wbps),
                    render_limit(m.riops),
                    render_limit(m.wiops)
                )
            })
            .collect();
        assert_eq!(cg::io_max::parse(s.as_bytes()).unwrap(), v);
    }
}

/// `parse/cgroup/io_stat.rs`: devices render back to `io.stat` lines with the same value.
pub fn check_cgroup_io_stat(data: &[u8]) {
    if let Ok(v) = cg::io_stat::parse(data) {
        let s: String = v
            .iter()
            .map(|x| {
                let mut l = format!(
                    "{}:{} rbytes={} wbytes={} rios={} wios={}",
                    x.major, x.minor, x.rbytes, x.wbytes, x.rios, x.wios
                );
                if let Some(d) = x.dbytes {
                    l += &format!(" dbytes={d}");
                }
                if let Some(d) = x.dios {
                    l += &format!(" dios={d}");
                }
                l + "\n"
            })
            .collect();
        assert_eq!(cg::io_stat::parse(s.as_bytes()).unwrap(), v);
    }
}

/// `parse/cgroup/blkio.rs`: both formats render back with the same value.
pub fn check_cgroup_blkio(data: &[u8]) {
    if let Ok(v) = cg::blkio::parse_limits(data) {
        let s: String = v.iter().map(|(a, b, x)| format!("{a}:{b} {x}\n")).collect();
        assert_eq!(cg::blkio::parse_limits(s.as_bytes()).unwrap(), v);
    }
    if let Ok(v) = cg::blkio::parse_ops(data) {
        let s: String = v
            .iter()
            .map(|o| format!("{}:{} {} {}\n", o.major, o.minor, o.op, o.value))
            .collect();
        assert_eq!(cg::blkio::parse_ops(s.as_bytes()).unwrap(), v);
    }
}

/// `parse/cgroup/pressure.rs`: averages are finite and ≥ 0; lines render back with the
/// same value.
pub fn check_cgroup_pressure(data: &[u8]) {
    if let Ok(p) = cg::pressure::parse(data) {
        let mut s = String::new();
        for (kind, line) in [("some", p.some), ("full", p.full)] {
            if let Some(l) = line {
                for a in [l.avg10, l.avg60, l.avg300] {
                    assert!(a.is_finite() && (0.0..=100.0).contains(&a));
                }
                s += &format!(
                    "{kind} avg10={} avg60={} avg300={} total={}\n",
                    l.avg10, l.avg60, l.avg300, l.total
                );
            }
        }
        assert_eq!(cg::pressure::parse(s.as_bytes()).unwrap(), p);
    }
}
