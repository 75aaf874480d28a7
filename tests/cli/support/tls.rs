//! A test certificate authority, made with the openssl command for each test
//! that needs one: nothing secret is committed, and nothing outlives the
//! test's temp dir.

use super::bounded;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct TestCa {
    dir: PathBuf,
    pub cert: PathBuf,
    key: PathBuf,
}

impl TestCa {
    /// `None` when there is no openssl to make it with.
    pub fn create(dir: &Path) -> Option<TestCa> {
        let ca = TestCa {
            dir: dir.to_owned(),
            cert: dir.join("ca.pem"),
            key: dir.join("ca.key"),
        };
        let made = openssl(
            dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=oauthctl test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
            ],
        )?;
        assert!(made, "openssl could not make the test CA");
        Some(ca)
    }

    /// A leaf certificate and key for `ip`, signed by this CA.
    pub fn server_cert(&self, ip: &str) -> (PathBuf, PathBuf) {
        self.leaf(
            "server",
            &format!("subjectAltName=IP:{ip}\nextendedKeyUsage=serverAuth\n"),
        )
    }

    /// A client certificate (mTLS) for `name`.
    pub fn client_cert(&self, name: &str) -> (PathBuf, PathBuf) {
        self.leaf(name, "extendedKeyUsage=clientAuth\n")
    }

    /// A self-signed client certificate for `name`, which no CA vouches
    /// for (RFC 8705 §2.2: the server knows it from the client's JWKS).
    pub fn self_signed_cert(&self, name: &str) -> (PathBuf, PathBuf) {
        let (key, cert) = (format!("{name}.key"), format!("{name}.pem"));
        let ok = openssl(
            &self.dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                &format!("/CN={name}"),
                "-days",
                "2",
                "-addext",
                "extendedKeyUsage=clientAuth",
                "-keyout",
                &key,
                "-out",
                &cert,
            ],
        ) == Some(true);
        assert!(
            ok,
            "openssl could not make the self-signed {name} certificate"
        );
        (self.dir.join(cert), self.dir.join(key))
    }

    fn leaf(&self, name: &str, extensions: &str) -> (PathBuf, PathBuf) {
        let ext = self.dir.join(format!("{name}.ext"));
        std::fs::write(&ext, extensions).unwrap();
        let (key, csr, cert) = (
            format!("{name}.key"),
            format!("{name}.csr"),
            format!("{name}.pem"),
        );
        let ok = openssl(
            &self.dir,
            &[
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                &format!("/CN={name}"),
                "-keyout",
                &key,
                "-out",
                &csr,
            ],
        ) == Some(true)
            && openssl(
                &self.dir,
                &[
                    "x509",
                    "-req",
                    "-in",
                    &csr,
                    "-CA",
                    "ca.pem",
                    "-CAkey",
                    "ca.key",
                    "-CAcreateserial",
                    "-days",
                    "2",
                    "-out",
                    &cert,
                    "-extfile",
                    ext.to_str().unwrap(),
                ],
            ) == Some(true);
        assert!(ok, "openssl could not make the {name} certificate");
        let _ = &self.key;
        (self.dir.join(cert), self.dir.join(key))
    }
}

/// `Some(success)`, or `None` when openssl is not installed.
pub fn openssl(dir: &Path, args: &[&str]) -> Option<bool> {
    let mut cmd = Command::new("openssl");
    cmd.args(args).current_dir(dir);
    match bounded(cmd).output() {
        Ok(out) => {
            if !out.status.success() {
                eprintln!(
                    "openssl {}: {}",
                    args.join(" "),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            Some(out.status.success())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => panic!("cannot run openssl: {err}"),
    }
}
