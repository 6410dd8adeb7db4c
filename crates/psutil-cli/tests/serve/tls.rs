//! TLS and basic auth through node_exporter's web-config file: a self-signed
//! certificate made here with openssl, a bcrypt hash, and curl as the client.

use std::process::Command;

use super::common::{tempdir, tool, Exporter};

fn curl(args: &[&str]) -> (String, String) {
    let out = Command::new(tool("curl", "curl"))
        .args(["-sS", "--max-time", "30", "-o", "-", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", &text));
    (code.to_string(), body.to_string())
}

#[test]
fn tls_and_basic_auth_from_a_web_config_file() {
    let dir = tempdir("tls");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let st = Command::new(tool("openssl", "openssl"))
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let hash = bcrypt::hash("s3cret", 4).unwrap();
    let web = dir.join("web.yml");
    std::fs::write(
        &web,
        format!(
            "tls_server_config:\n  cert_file: cert.pem\n  key_file: key.pem\n\
             basic_auth_users:\n  alice: '{hash}'\n"
        ),
    )
    .unwrap();
    let e = Exporter::start(&["--web.config.file", web.to_str().unwrap()]);
    let url = format!("https://{}/metrics", e.addr);
    let ca = cert.to_str().unwrap();
    let (code, body) = curl(&["--cacert", ca, "-u", "alice:s3cret", &url]);
    assert_eq!(code, "200", "{body}");
    assert!(body.contains("node_load1 "));
    assert_eq!(curl(&["--cacert", ca, "-u", "alice:wrong", &url]).0, "401");
    assert_eq!(curl(&["--cacert", ca, "-u", "bob:s3cret", &url]).0, "401");
    assert_eq!(curl(&["--cacert", ca, &url]).0, "401");
    // TLS 1.2 and 1.3 both work; plain HTTP on the TLS port gets no answer.
    assert_eq!(
        curl(&[
            "--cacert",
            ca,
            "--tls-max",
            "1.2",
            "-u",
            "alice:s3cret",
            &url
        ])
        .0,
        "200"
    );
    assert_eq!(curl(&[&format!("http://{}/metrics", e.addr)]).0, "000");
    // An unknown CA is refused by the client: the certificate is the one we made.
    assert_eq!(curl(&["-u", "alice:s3cret", &url]).0, "000");
}

#[test]
fn basic_auth_without_tls() {
    let dir = tempdir("auth");
    let hash = bcrypt::hash("pw", 4).unwrap();
    let web = dir.join("web.yml");
    std::fs::write(&web, format!("basic_auth_users:\n  u: '{hash}'\n")).unwrap();
    let e = Exporter::start(&["--web.config.file", web.to_str().unwrap()]);
    let url = format!("http://{}/metrics", e.addr);
    assert_eq!(curl(&["-u", "u:pw", &url]).0, "200");
    let (code, _) = curl(&["-u", "u:nope", &url]);
    assert_eq!(code, "401");
}
