//! The platform's signals, by name, from libc's constants: no number is written here.

/// The standard signals in number order, names without `SIG`, as `kill -l` lists them.
pub fn standard_signals() -> Vec<(&'static str, i32)> {
    #[cfg(unix)]
    let mut v = vec![
        ("HUP", libc::SIGHUP),
        ("INT", libc::SIGINT),
        ("QUIT", libc::SIGQUIT),
        ("ILL", libc::SIGILL),
        ("TRAP", libc::SIGTRAP),
        ("ABRT", libc::SIGABRT),
        ("BUS", libc::SIGBUS),
        ("FPE", libc::SIGFPE),
        ("KILL", libc::SIGKILL),
        ("USR1", libc::SIGUSR1),
        ("SEGV", libc::SIGSEGV),
        ("USR2", libc::SIGUSR2),
        ("PIPE", libc::SIGPIPE),
        ("ALRM", libc::SIGALRM),
        ("TERM", libc::SIGTERM),
        ("CHLD", libc::SIGCHLD),
        ("CONT", libc::SIGCONT),
        ("STOP", libc::SIGSTOP),
        ("TSTP", libc::SIGTSTP),
        ("TTIN", libc::SIGTTIN),
        ("TTOU", libc::SIGTTOU),
        ("URG", libc::SIGURG),
        ("XCPU", libc::SIGXCPU),
        ("XFSZ", libc::SIGXFSZ),
        ("VTALRM", libc::SIGVTALRM),
        ("PROF", libc::SIGPROF),
        ("WINCH", libc::SIGWINCH),
        ("SYS", libc::SIGSYS),
    ];
    #[cfg(target_os = "linux")]
    v.extend([
        ("STKFLT", libc::SIGSTKFLT),
        ("POLL", libc::SIGPOLL),
        ("PWR", libc::SIGPWR),
    ]);
    #[cfg(any(target_os = "macos", target_os = "freebsd"))]
    v.extend([
        ("EMT", libc::SIGEMT),
        ("IO", libc::SIGIO),
        ("INFO", libc::SIGINFO),
    ]);
    // The C runtime's signals (what psutil's send_signal takes there).
    #[cfg(windows)]
    let mut v = vec![
        ("INT", libc::SIGINT),
        ("ILL", libc::SIGILL),
        ("FPE", libc::SIGFPE),
        ("SEGV", libc::SIGSEGV),
        ("TERM", libc::SIGTERM),
        ("ABRT", libc::SIGABRT),
    ];
    v.sort_by_key(|&(_, n)| n);
    v
}

/// Other names of standard signals, accepted but not listed.
pub fn signal_aliases() -> Vec<(&'static str, i32)> {
    #[cfg(target_os = "linux")]
    let v = vec![
        ("IOT", libc::SIGABRT),
        ("CLD", libc::SIGCHLD),
        ("IO", libc::SIGIO),
    ];
    #[cfg(any(target_os = "macos", target_os = "freebsd"))]
    let v = vec![("IOT", libc::SIGABRT)];
    #[cfg(windows)]
    let v = Vec::new();
    v
}

/// The real-time signals, `SIGRTMIN..=SIGRTMAX` as the C library reserves them (glibc
/// keeps the first two or three for itself); `None` where there are none.
pub fn realtime_signals() -> Option<(i32, i32)> {
    #[cfg(target_os = "linux")]
    return Some((libc::SIGRTMIN(), libc::SIGRTMAX()));
    #[cfg(not(target_os = "linux"))]
    None
}
