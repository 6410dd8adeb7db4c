//! TLS for `psutil serve`: a rustls server configuration (the `ring` provider) from the
//! PEM files named by the web-config file's `tls_server_config`.

use std::sync::Arc;

use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::config::TlsFiles;
use crate::out::CmdError;

/// The rustls configuration of `files`; errors name the file at fault.
pub fn server_config(files: &TlsFiles) -> Result<Arc<ServerConfig>, CmdError> {
    let cert_name = files.cert_file.display();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert_file)
        .map_err(|e| format!("tls cert_file {cert_name}: {e}"))?
        .collect::<Result<_, _>>()
        .map_err(|e| format!("tls cert_file {cert_name}: {e}"))?;
    if certs.is_empty() {
        return Err(format!("tls cert_file {cert_name}: no PEM certificate in it").into());
    }
    let key = PrivateKeyDer::from_pem_file(&files.key_file)
        .map_err(|e| format!("tls key_file {}: {e}", files.key_file.display()))?;
    // The ring provider: classical key exchange (X25519, P-256, P-384) only, which
    // rustls marks deprecated for lacking post-quantum groups; the alternative
    // (aws-lc-rs) is a large C build for a loopback/LAN scrape endpoint.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let versions: &[&rustls::SupportedProtocolVersion] = if files.tls13_only {
        &[&rustls::version::TLS13]
    } else {
        &[&rustls::version::TLS13, &rustls::version::TLS12]
    };
    let cfg = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .map_err(|e| format!("tls: {e}"))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| {
            format!(
                "tls cert_file {cert_name} / key_file {}: {e}",
                files.key_file.display()
            )
        })?;
    Ok(Arc::new(cfg))
}
