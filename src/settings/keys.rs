//! The client's private key (`client_key`): read, parsed and checked once
//! per process, never quoted in an error.

use super::*;

impl Profile {
    /// The `--client-key`, read and parsed on first use (once per process),
    /// with its key id and algorithm.
    pub fn signing_key(&self) -> Result<Arc<SigningKey>> {
        if let Some(key) = self.signing_key.get() {
            return Ok(key.clone());
        }
        if self.client_key.is_none()
            && let Some(account) = &self.service_account
        {
            let key = PrivateKey::parse(
                account.private_key.expose().as_bytes(),
                account.private_key_id.as_deref(),
            )
            .map_err(|err| usage(format!("the service account's private_key: {err}")))?;
            let key = SigningKey::new(key, account.private_key_id.clone(), Some(JwsAlg::RS256))
                .map_err(|err| usage(format!("the service account's private_key: {err:?}")))?;
            let key = Arc::new(key);
            let _ = self.signing_key.set(key.clone());
            return Ok(key);
        }
        let Some(path) = &self.client_key else {
            return Err(usage(
                "--client-auth private-key-jwt needs --client-key FILE (a PEM or JWK private key)",
            ));
        };
        let mut key = read_signing_key(path, self.client_key_id.clone(), self.client_key_alg)?;
        // With the key's certificate, assertions name it by thumbprint
        // (Entra ID's certificate credentials).
        if let Some(cert) = &self.client_cert {
            let pem = std::fs::read(cert).map_err(|err| {
                usage(format!(
                    "cannot read the client certificate {}: {err}",
                    cert.display()
                ))
            })?;
            let der = crate::oauth::jws::first_certificate(&pem)
                .ok_or_else(|| usage(format!("{} holds no PEM certificate", cert.display())))?;
            key = key.with_certificate(&der);
        }
        let key = Arc::new(key);
        let _ = self.signing_key.set(key.clone());
        Ok(key)
    }
}

/// The private key in `path`, never quoted in an error. Like ssh, warns
/// when other users may read it.
fn read_signing_key(path: &Path, kid: Option<String>, alg: Option<JwsAlg>) -> Result<SigningKey> {
    let bytes = std::fs::read(path).map_err(|err| {
        usage(format!(
            "cannot read the client key {}: {err}",
            path.display()
        ))
    })?;
    let key = PrivateKey::parse(&bytes, kid.as_deref())
        .map_err(|err| usage(format!("client key {}: {err}", path.display())))?;
    // Only for a file that holds a key: anything else is refused anyway.
    warn_if_readable_by_others("the client key", path);
    SigningKey::new(key, kid, alg).map_err(|err| match err {
        KeyError::AlgMismatch { alg: wrong, kind } => usage(format!(
            "{} {wrong} does not fit the {} key in {} (use {})",
            if alg.is_some() {
                "--client-key-alg"
            } else {
                "the JWK's alg"
            },
            kind.name(),
            path.display(),
            kind.alg_names()
        )),
        other => usage(format!("client key {}: {other}", path.display())),
    })
}
