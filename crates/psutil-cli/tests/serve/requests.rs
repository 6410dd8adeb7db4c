//! Malformed, oversized, slow and unexpected requests get a 4xx, and the exporter goes
//! on serving.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::common::{get, parse_response, send, try_get, wait_for, Exporter};

#[test]
fn bad_requests_get_4xx_and_the_exporter_survives() {
    let mut e = Exporter::start(&[]);
    let a = e.addr.clone();
    assert_eq!(send(&a, b"\x16\x03\x01garbage\r\n\r\n").status, 400);
    assert_eq!(send(&a, b"GET /metrics HTTP/9\r\n\r\n").status, 400);
    let big = format!(
        "GET /metrics HTTP/1.1\r\nX-Big: {}\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_eq!(send(&a, big.as_bytes()).status, 431);
    let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
    assert_eq!(
        send(
            &a,
            format!("GET /metrics HTTP/1.1\r\n{many}\r\n").as_bytes()
        )
        .status,
        431
    );
    let r = send(&a, b"POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(r.status, 405);
    assert!(r.head.contains("Allow: GET, HEAD"));
    assert_eq!(
        send(
            &a,
            b"GET /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
        )
        .status,
        413
    );
    assert_eq!(get(&a, "/nope", &[]).status, 404);
    let head = send(&a, b"HEAD /metrics HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(get(&a, "/", &[]).status, 200);
    assert_eq!(get(&a, "/metrics?x=1", &[]).status, 200);
    // A client that connects and says nothing is cut off with 408 after the deadline.
    let t0 = Instant::now();
    let mut s = TcpStream::connect(&a).unwrap();
    s.write_all(b"GET /metr").unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    assert_eq!(parse_response(&out).status, 408);
    let waited = t0.elapsed();
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(20),
        "{waited:?}"
    );
    // A client that closes at once.
    drop(TcpStream::connect(&a).unwrap());
    assert!(e.alive());
    assert_eq!(get(&a, "/metrics", &[]).status, 200);
}

/// At most 64 connections are served at once: the 65th gets a 503 at once, and once
/// the others close the exporter serves again.
#[test]
fn connections_beyond_the_limit_get_503() {
    let e = Exporter::start(&[]);
    // 64 clients that connect and send nothing: each holds a connection thread until
    // the 10 s head deadline, or until it closes.
    let idle: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(&e.addr).unwrap())
        .collect();
    // The exporter takes them in order; the 65th arrives after all of them.
    let r = wait_for(10, "a 503 for the 65th connection", || {
        let r = try_get(&e.addr, "/metrics", &[]).ok()?;
        (r.status == 503).then_some(r)
    });
    assert!(r.body.contains("too many connections"), "{}", r.body);
    drop(idle);
    wait_for(10, "the exporter to serve again", || {
        let r = try_get(&e.addr, "/metrics", &[]).ok()?;
        (r.status == 200).then_some(())
    });
}
