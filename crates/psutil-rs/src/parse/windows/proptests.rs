//! Property tests of the Windows decoders (proptest): arbitrary bytes never panic any
//! of them, and well-formed buffers built from generated values decode to those values
//! (socket tables, environment blocks, command lines quoted as Windows programs quote
//! them, process snapshots).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::collection::vec;
use proptest::prelude::*;

use super::{
    command_line, disk_performance, handles, nt_path, power, process_parameters, processor,
    system_process_information as spi, tcp_table, working_set,
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

/// Quotes one argument the way Windows programs build a command line (the inverse of
/// the `CommandLineToArgvW` rules): quotes when empty or holding a blank or a quote;
/// backslashes doubled before a quote (and before the closing quote).
fn quote(arg: &str, out: &mut String) {
    if !arg.is_empty() && !arg.contains([' ', '\t', '"']) {
        out.push_str(arg);
        return;
    }
    out.push('"');
    let mut backslashes = 0;
    for c in arg.chars() {
        if c == '\\' {
            backslashes += 1;
            continue;
        }
        let n = if c == '"' {
            2 * backslashes + 1
        } else {
            backslashes
        };
        out.extend(std::iter::repeat_n('\\', n));
        backslashes = 0;
        out.push(c);
    }
    out.extend(std::iter::repeat_n('\\', 2 * backslashes));
    out.push('"');
}

fn arg() -> impl Strategy<Value = String> {
    vec(
        prop::sample::select(vec!['a', 'Z', ' ', '\t', '"', '\\', 'é', '€', '-', '=']),
        0..12,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn env_name() -> impl Strategy<Value = String> {
    vec(prop::sample::select(b"ABCXYZ_019".to_vec()), 1..8)
        .prop_map(|v| String::from_utf8(v).unwrap_or_default())
}

fn ip(v6: bool) -> impl Strategy<Value = IpAddr> {
    any::<[u8; 16]>().prop_map(move |b| {
        if v6 {
            IpAddr::V6(Ipv6Addr::from(b))
        } else {
            IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
        }
    })
}

fn octets(ip: IpAddr) -> Vec<u8> {
    match ip {
        IpAddr::V4(a) => a.octets().to_vec(),
        IpAddr::V6(a) => a.octets().to_vec(),
    }
}

fn port_dword(p: u16) -> [u8; 4] {
    let [hi, lo] = p.to_be_bytes();
    [hi, lo, 0, 0]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(data in vec(any::<u8>(), 0..1536), base in any::<usize>()) {
        let _ = spi::parse(&data, base);
        let _ = spi::parse(&data, 0);
        let _ = spi::find(&data, base, 4);
        let _ = process_parameters::process_parameters_address(&data);
        let _ = process_parameters::parse_parameters(&data);
        let _ = process_parameters::unicode_string(&data);
        let _ = process_parameters::parse_environment(&data);
        let _ = tcp_table::parse_tcp4(&data);
        let _ = tcp_table::parse_tcp6(&data);
        let _ = tcp_table::parse_udp4(&data);
        let _ = tcp_table::parse_udp6(&data);
        let _ = processor::parse_processor_performance(&data);
        let _ = processor::parse_logical_processor_information(&data);
        let _ = handles::parse(&data, None);
        let _ = handles::parse(&data, Some(4));
        let _ = working_set::private_pages(&data);
        let _ = disk_performance::parse(&data);
        let _ = power::parse(&data);
        let units: Vec<u16> = data
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let args = command_line::split(&units);
        prop_assert_eq!(args.is_empty(), units.is_empty());
        let text = String::from_utf16_lossy(&units);
        let _ = nt_path::to_dos_path(&text, &[nt_path::Drive::new("C:", r"\Device\HarddiskVolume1")]);
        let _ = nt_path::trim_dir(&text);
    }

    #[test]
    fn quoted_command_lines_split_back(
        prog in vec(prop::sample::select(vec!['a', ' ', '\\', 'é', '.']), 0..10),
        args in vec(arg(), 0..6),
    ) {
        let prog: String = prog.into_iter().collect();
        let mut line = format!("\"{prog}\"");
        for a in &args {
            line.push(' ');
            quote(a, &mut line);
        }
        let mut want = vec![prog];
        want.extend(args);
        prop_assert_eq!(command_line::split_str(&line), want);
    }

    #[test]
    fn environment_blocks_round_trip(
        vars in vec((env_name(), arg()), 0..12),
        junk in vec(any::<u8>(), 0..40),
    ) {
        let mut text = String::from("=C:=C:\\dir\0");
        for (k, v) in &vars {
            text.push_str(&format!("{k}={v}\0"));
        }
        text.push('\0');
        let mut block: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        block.extend_from_slice(&junk);
        let env = process_parameters::parse_environment(&block);
        let mut want = indexmap::IndexMap::new();
        for (k, v) in vars {
            want.insert(k, v);
        }
        prop_assert_eq!(env, want);
    }

    #[test]
    fn socket_tables_round_trip(
        rows in vec((ip(false), any::<u16>(), ip(false), any::<u16>(), 1u32..=12, any::<u32>()), 0..20),
        rows6 in vec((ip(true), any::<u32>(), any::<u16>(), any::<u32>()), 0..20),
    ) {
        let mut buf = (rows.len() as u32).to_le_bytes().to_vec();
        for &(l, lp, r, rp, st, pid) in &rows {
            buf.extend_from_slice(&st.to_le_bytes());
            buf.extend(octets(l));
            buf.extend_from_slice(&port_dword(lp));
            buf.extend(octets(r));
            buf.extend_from_slice(&port_dword(rp));
            buf.extend_from_slice(&pid.to_le_bytes());
        }
        let got = tcp_table::parse_tcp4(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(got.len(), rows.len());
        for (g, &(l, lp, r, rp, st, pid)) in got.iter().zip(&rows) {
            prop_assert_eq!((g.local, g.remote, g.state, g.pid), ((l, lp), (r, rp), st, pid));
            prop_assert!(tcp_table::tcp_state_name(g.state).is_some());
        }
        let mut buf = (rows6.len() as u32).to_le_bytes().to_vec();
        for &(l, scope, lp, pid) in &rows6 {
            buf.extend(octets(l));
            buf.extend_from_slice(&scope.to_le_bytes());
            buf.extend_from_slice(&port_dword(lp));
            buf.extend_from_slice(&pid.to_le_bytes());
        }
        let got = tcp_table::parse_udp6(&buf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (g, &(l, scope, lp, pid)) in got.iter().zip(&rows6) {
            prop_assert_eq!((g.local, g.local_scope_id, g.pid), ((l, lp), scope, pid));
            prop_assert_eq!(g.remote_addr(), None);
        }
        prop_assert_eq!(got.len(), rows6.len());
    }

    #[test]
    fn process_snapshots_round_trip(
        procs in vec((any::<u32>(), any::<u32>(), vec(any::<u32>(), 0..4), "[a-z.]{0,12}"), 1..6),
        base in 0usize..(usize::MAX / 2), // any address with room for the buffer after it
    ) {
        let mut buf = Vec::new();
        for (i, (pid, ppid, tids, name)) in procs.iter().enumerate() {
            let start = buf.len();
            let mut rec = vec![0u8; spi::PROCESS_RECORD_LEN + spi::THREAD_RECORD_LEN * tids.len()];
            rec[4..8].copy_from_slice(&(tids.len() as u32).to_le_bytes());
            rec[80..88].copy_from_slice(&u64::from(*pid).to_le_bytes());
            rec[88..96].copy_from_slice(&u64::from(*ppid).to_le_bytes());
            for (j, tid) in tids.iter().enumerate() {
                let t = spi::PROCESS_RECORD_LEN + j * spi::THREAD_RECORD_LEN;
                rec[t + 48..t + 56].copy_from_slice(&u64::from(*tid).to_le_bytes());
            }
            let name16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            rec[56..58].copy_from_slice(&(name16.len() as u16).to_le_bytes());
            let ptr = (base + start + rec.len()) as u64;
            rec[64..72].copy_from_slice(&ptr.to_le_bytes());
            rec.extend(name16);
            while !rec.len().is_multiple_of(8) {
                rec.push(0);
            }
            if i + 1 < procs.len() {
                let len = rec.len() as u32;
                rec[0..4].copy_from_slice(&len.to_le_bytes());
            }
            buf.extend(rec);
        }
        let got = spi::parse(&buf, base).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(got.len(), procs.len());
        for (g, (pid, ppid, tids, name)) in got.iter().zip(&procs) {
            prop_assert_eq!((g.pid, g.ppid, &g.name), (u64::from(*pid), u64::from(*ppid), name));
            let got_tids: Vec<u64> = g.threads.iter().map(|t| t.tid).collect();
            let want_tids: Vec<u64> = tids.iter().map(|&t| u64::from(t)).collect();
            prop_assert_eq!(got_tids, want_tids);
        }
    }
}
