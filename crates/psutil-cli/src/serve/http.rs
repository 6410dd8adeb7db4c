//! The HTTP side: a listener with one thread per connection (at most [`MAX_CONNS`] at
//! once; beyond that a plain-HTTP client gets 503), one request per connection
//! (`Connection: close`), optional TLS (rustls) and basic auth.
//!
//! Limits: the request head must arrive whole within [`HEAD_DEADLINE`] (slow clients get
//! 408) and fit in [`MAX_HEAD`] bytes (else 431); requests with a body get 413, and
//! anything httparse rejects gets 400. Only `GET`/`HEAD` of `/metrics` and `/` are
//! served (405 for other methods, 404 for other paths).

use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustls::{ServerConfig, ServerConnection, StreamOwned};

use super::auth::Users;
use super::collect::Shared;
use super::metrics::format;

/// Most connections served at once.
pub const MAX_CONNS: usize = 64;
/// Most bytes of a request head (request line and headers).
pub const MAX_HEAD: usize = 8 * 1024;
/// Most headers in a request.
const MAX_HEADERS: usize = 64;
/// Time allowed for the whole request head (and the TLS handshake) to arrive.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Time allowed for each write of the response.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// What the server needs per connection.
pub struct Server {
    /// TLS configuration, when the web-config file has `tls_server_config`.
    pub tls: Option<Arc<ServerConfig>>,
    /// Basic-auth users, when the web-config file has `basic_auth_users`.
    pub users: Option<Arc<Users>>,
    /// The scrape state.
    pub shared: Arc<Shared>,
}

/// A connection, plain or TLS.
enum Conn {
    Plain(TcpStream),
    Tls(Box<StreamOwned<ServerConnection, TcpStream>>),
}

impl Conn {
    fn tcp(&self) -> &TcpStream {
        match self {
            Conn::Plain(s) => s,
            Conn::Tls(s) => &s.sock,
        }
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// Decrements the live-connection count when the connection's thread ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Server {
    /// Serves `listener` until the process ends.
    pub fn run(self, listener: TcpListener) -> io::Result<()> {
        let server = Arc::new(self);
        let live = Arc::new(AtomicUsize::new(0));
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            if live.fetch_add(1, Ordering::SeqCst) >= MAX_CONNS {
                live.fetch_sub(1, Ordering::SeqCst);
                if server.tls.is_none() {
                    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
                    let _ = respond(
                        &mut stream,
                        503,
                        "text/plain",
                        b"too many connections\n",
                        false,
                    );
                }
                continue;
            }
            let slot = Slot(live.clone());
            let server = server.clone();
            let spawned = std::thread::Builder::new()
                .name("psutil-serve-conn".into())
                .spawn(move || {
                    let _slot = slot;
                    server.connection(stream);
                });
            // The slot was moved into the closure; if the thread could not start it was
            // dropped with it, so the count is right either way.
            drop(spawned);
        }
        Ok(())
    }

    fn connection(&self, stream: TcpStream) {
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let _ = stream.set_nodelay(true);
        let mut conn = match &self.tls {
            None => Conn::Plain(stream),
            Some(cfg) => match ServerConnection::new(cfg.clone()) {
                Ok(c) => Conn::Tls(Box::new(StreamOwned::new(c, stream))),
                Err(_) => return,
            },
        };
        let deadline = Instant::now() + HEAD_DEADLINE;
        let mut buf: Vec<u8> = Vec::with_capacity(1024);
        let mut chunk = [0u8; 2048];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let _ = respond(&mut conn, 408, "text/plain", b"request timeout\n", false);
                break;
            }
            let _ = conn.tcp().set_read_timeout(Some(left));
            let n = match conn.read(&mut chunk) {
                Ok(0) => return,
                Ok(n) => n,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    let _ = respond(&mut conn, 408, "text/plain", b"request timeout\n", false);
                    break;
                }
                Err(_) => return, // reset, or a TLS handshake that failed
            };
            buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut req = httparse::Request::new(&mut headers);
            match req.parse(&buf) {
                Ok(httparse::Status::Complete(_)) => {
                    self.answer(&mut conn, &req);
                    break;
                }
                Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => {
                    let _ = respond(
                        &mut conn,
                        431,
                        "text/plain",
                        b"request head too large\n",
                        false,
                    );
                    break;
                }
                Ok(httparse::Status::Partial) => continue,
                Err(httparse::Error::TooManyHeaders) => {
                    let _ = respond(&mut conn, 431, "text/plain", b"too many headers\n", false);
                    break;
                }
                Err(_) => {
                    let _ = respond(&mut conn, 400, "text/plain", b"bad request\n", false);
                    break;
                }
            }
        }
        match &mut conn {
            Conn::Tls(s) => {
                s.conn.send_close_notify();
                let _ = s.flush();
            }
            Conn::Plain(s) => linger(s),
        }
    }

    fn answer(&self, conn: &mut Conn, req: &httparse::Request<'_, '_>) {
        let header = |name: &str| {
            req.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| h.value)
        };
        let method = req.method.unwrap_or("");
        let head = method == "HEAD";
        let path = req.path.unwrap_or("");
        let path = path.split_once('?').map_or(path, |(p, _)| p);
        let has_body = header("transfer-encoding").is_some()
            || header("content-length")
                .and_then(|v| std::str::from_utf8(v).ok())
                .is_some_and(|v| v.trim() != "0");
        if has_body {
            let _ = respond(
                conn,
                413,
                "text/plain",
                b"request bodies are not accepted\n",
                head,
            );
            return;
        }
        if let Some(users) = &self.users {
            if !users.allows(header("authorization")) {
                let _ = write_all(
                    conn,
                    b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"psutil serve\"\r\n\
                      Content-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nUnauthorized\n",
                );
                return;
            }
        }
        if path != "/metrics" && path != "/" {
            let _ = respond(conn, 404, "text/plain", b"not found: try /metrics\n", head);
            return;
        }
        if method != "GET" && !head {
            let _ = write_all(
                conn,
                b"HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Type: text/plain\r\n\
                  Content-Length: 19\r\nConnection: close\r\n\r\nmethod not allowed\n",
            );
            return;
        }
        if path == "/" {
            let page = b"<html><head><title>psutil serve</title></head><body>\
                         <h1>psutil serve</h1><p><a href=\"/metrics\">Metrics</a></p></body></html>\n";
            let _ = respond(conn, 200, "text/html; charset=utf-8", page, head);
            return;
        }
        let (scrape, made_the_read) = self.shared.scrape();
        match scrape.as_ref() {
            Ok(om) => {
                let accept = header("accept").and_then(|v| std::str::from_utf8(v).ok());
                if format::wants_openmetrics(accept) {
                    let _ = respond(conn, 200, format::OPENMETRICS, om.as_bytes(), head);
                } else {
                    let text = format::to_text_004(om);
                    let _ = respond(conn, 200, format::TEXT_004, text.as_bytes(), head);
                }
            }
            Err(e) => {
                let _ = respond(conn, 500, "text/plain", format!("{e}\n").as_bytes(), head);
            }
        }
        if made_the_read {
            // Hand the memory the read freed back to the kernel, once the client has
            // its answer: with a thread per connection, glibc spreads allocations over
            // many arenas that keep freed memory (RSS settled near 24 MiB under four
            // concurrent clients without this, near 10 MiB with it).
            let _ = psutil_rs::heap_trim();
        }
    }
}

/// Closes our side, then reads and drops what the client still sends (at most
/// [`LINGER_BYTES`], for at most [`LINGER_TIME`]), so that closing with unread input
/// (an oversized request answered early) does not reset the connection before the
/// client has read the response.
fn linger(s: &mut TcpStream) {
    let _ = s.shutdown(std::net::Shutdown::Write);
    let end = Instant::now() + LINGER_TIME;
    let mut left = LINGER_BYTES;
    let mut buf = [0u8; 4096];
    while left > 0 {
        let t = end.saturating_duration_since(Instant::now());
        if t.is_zero() || s.set_read_timeout(Some(t)).is_err() {
            break;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Most bytes read and dropped after the response ([`linger`]).
const LINGER_BYTES: usize = 64 * 1024;
/// Longest wait for the client to close after the response ([`linger`]).
const LINGER_TIME: Duration = Duration::from_secs(1);

fn write_all(w: &mut impl Write, b: &[u8]) -> io::Result<()> {
    w.write_all(b)?;
    w.flush()
}

/// Writes a whole response; `head_only` leaves the body out (HEAD).
fn respond(
    w: &mut impl Write,
    status: u16,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Internal Server Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    w.write_all(head.as_bytes())?;
    if !head_only {
        w.write_all(body)?;
    }
    w.flush()
}
