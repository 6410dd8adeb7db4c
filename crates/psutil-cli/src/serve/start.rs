//! [`run`]: `psutil serve`'s entry: reads the config files, binds the listener, prints
//! the address it bound and serves until killed.

use std::io::Write;
use std::net::{TcpListener, ToSocketAddrs};
use std::sync::Arc;

use super::auth::Users;
use super::collect::{Collector, Shared};
use super::config::{Config, WebConfig};
use super::http::Server;
use super::tls;
use crate::args::ServeArgs;
use crate::out::CmdError;

/// Runs the exporter. Errors (a bad config file, an address that cannot be bound) name
/// the value at fault.
pub fn run(a: &ServeArgs) -> Result<(), CmdError> {
    let cfg = match &a.config {
        Some(p) => Config::load(p)?,
        None => Config::default(),
    };
    let web = match &a.web_config {
        Some(p) => WebConfig::load(p)?,
        None => WebConfig::default(),
    };
    let tls = web.tls.as_ref().map(tls::server_config).transpose()?;
    let users = (!web.users.is_empty()).then(|| Arc::new(Users::new(web.users.clone())));
    let addrs: Vec<_> = a
        .listen
        .to_socket_addrs()
        .map_err(|e| format!("--listen {}: {e} (expected HOST:PORT)", a.listen))?
        .collect();
    let listener = TcpListener::bind(&addrs[..]).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            " (another exporter? node_exporter also uses 9100; choose another with --listen)"
        } else {
            ""
        };
        format!("--listen {}: {e}{hint}", a.listen)
    })?;
    let bound = listener.local_addr()?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    let mut out = std::io::stdout().lock();
    writeln!(out, "psutil serve: listening on {scheme}://{bound}/metrics")?;
    out.flush()?;
    drop(out);
    let server = Server {
        tls,
        users,
        shared: Arc::new(Shared::new(Collector::new(cfg))),
    };
    server.run(listener)?;
    Ok(())
}
