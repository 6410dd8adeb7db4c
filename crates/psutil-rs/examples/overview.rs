//! A one-screen system overview built on the crate (the README's main command until the
//! `psutil` command exists).

fn human(n: u64) -> String {
    let units = ["B", "K", "M", "G", "T", "P"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i + 1 < units.len() {
        v /= 1024.0;
        i += 1;
    }
    format!("{v:.1}{}", units[i])
}

fn main() -> Result<(), psutil_rs::Error> {
    let vm = psutil_rs::virtual_memory()?;
    let sw = psutil_rs::swap_memory()?;
    println!(
        "Mem:  total {:>8}  used {:>8}  avail {:>8}  {:>5.1}%",
        human(vm.total),
        human(vm.used),
        human(vm.available),
        vm.percent
    );
    println!(
        "Swap: total {:>8}  used {:>8}  free  {:>8}  {:>5.1}%",
        human(sw.total),
        human(sw.used),
        human(sw.free),
        sw.percent
    );
    Ok(())
}
