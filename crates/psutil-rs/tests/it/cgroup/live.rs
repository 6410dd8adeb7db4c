//! Live checks against the running machine's cgroup files, read directly.

use psutil_rs::os::linux::ProcessExt as _;
use psutil_rs::Process;

#[test]
fn own_membership_matches_proc_self_cgroup() {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let got = Process::current().unwrap().cgroups().unwrap();
    assert_eq!(got.len(), text.lines().count());
    for (m, line) in got.iter().zip(text.lines()) {
        let mut parts = line.splitn(3, ':');
        assert_eq!(m.hierarchy_id.to_string(), parts.next().unwrap());
        assert_eq!(m.controllers.join(","), parts.next().unwrap());
        assert_eq!(m.path.to_str().unwrap(), parts.next().unwrap());
    }
    eprintln!("{got:#?}");
    eprintln!("{:#?}", psutil_rs::cgroup().unwrap());
}
