//! Startup errors: each names the value at fault, and the exit status is 1.

use std::net::TcpListener;
use std::process::Command;

use super::common::tempdir;

fn serve_fails(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .arg("serve")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "psutil serve {args:?} should fail"
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let err = serve_fails(&["--listen", &addr]);
    assert!(err.contains(&addr) && err.contains("in use"), "{err}");
    let err = serve_fails(&["--listen", "nonsense"]);
    assert!(err.contains("--listen nonsense"), "{err}");
}

#[test]
fn bad_config_files_name_the_value() {
    let dir = tempdir("config");
    let cases = [
        ("processes:\n  group_by: colour\n", "\"colour\""),
        (
            "processes:\n  group_by: cmdline\n  cmdline_regex: '(('\n",
            "\"((\"",
        ),
        ("procesess:\n  group_by: name\n", "procesess"),
        ("processes: [1, 2\n", "config file"),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let p = dir.join(format!("c{i}.yml"));
        std::fs::write(&p, text).unwrap();
        let err = serve_fails(&["--listen", "127.0.0.1:0", "--config", p.to_str().unwrap()]);
        assert!(
            err.contains(want) && err.contains(p.to_str().unwrap()),
            "{text:?}: {err}"
        );
    }
    let missing = dir.join("missing.yml");
    let err = serve_fails(&["--config", missing.to_str().unwrap()]);
    assert!(err.contains("missing.yml"), "{err}");
    let web = dir.join("web.yml");
    std::fs::write(&web, "basic_auth_users:\n  bob: plaintext\n").unwrap();
    let err = serve_fails(&[
        "--listen",
        "127.0.0.1:0",
        "--web.config.file",
        web.to_str().unwrap(),
    ]);
    assert!(err.contains("bob") && err.contains("bcrypt"), "{err}");
    std::fs::write(
        &web,
        "tls_server_config:\n  cert_file: nope.pem\n  key_file: nope.key\n",
    )
    .unwrap();
    let err = serve_fails(&[
        "--listen",
        "127.0.0.1:0",
        "--web.config.file",
        web.to_str().unwrap(),
    ]);
    assert!(err.contains("nope.pem"), "{err}");
}
