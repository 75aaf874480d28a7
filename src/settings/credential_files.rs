//! Credentials files: a Java-properties `apiKey.properties`, JSON client
//! files (Google's downloads too) and Google service-account keys.

use super::*;

/// A Google service-account key file (`"type": "service_account"`).
#[derive(Debug, Clone)]
pub struct ServiceAccount {
    pub client_email: String,
    pub private_key: Secret,
    pub private_key_id: Option<String>,
    pub token_uri: String,
}

/// What a credentials file holds.
pub enum Credentials {
    /// A client id and secret (apiKey.properties, JSON, Google's client files).
    Client(String, Secret),
    /// A Google service-account key.
    ServiceAccount(ServiceAccount),
}

/// Reads a credentials file once and tells what it is.
pub fn read_credentials(path: &Path) -> Result<Credentials> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        usage(format!(
            "cannot read the credentials file {}: {err}",
            path.display()
        ))
    })?;
    if let Some(account) = service_account(path, &text)? {
        return Ok(Credentials::ServiceAccount(account));
    }
    let (id, secret) = parse_credentials(&text).map_err(|what| {
        usage(format!(
            "credentials file {}: {what}; expected apiKey.id and apiKey.secret, or JSON client_id and client_secret",
            path.display()
        ))
    })?;
    Ok(Credentials::Client(id, secret))
}

/// `None` for any text but a service-account key's.
fn service_account(path: &Path, text: &str) -> Result<Option<ServiceAccount>> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(None);
    };
    if json["type"] != "service_account" {
        return Ok(None);
    }
    warn_if_readable_by_others("the service-account key file", path);
    let field = |name: &str| {
        json[name].as_str().map(str::to_owned).ok_or_else(|| {
            usage(format!(
                "service-account file {}: no `{name}`",
                path.display()
            ))
        })
    };
    Ok(Some(ServiceAccount {
        client_email: field("client_email")?,
        private_key: Secret::new(field("private_key")?),
        private_key_id: json["private_key_id"].as_str().map(str::to_owned),
        token_uri: json["token_uri"]
            .as_str()
            .unwrap_or("https://oauth2.googleapis.com/token")
            .to_owned(),
    }))
}

/// The client id and secret in a credentials file's text; the error says
/// what was wrong without quoting the content.
pub fn parse_credentials(text: &str) -> std::result::Result<(String, Secret), String> {
    if text.trim_start().starts_with('{') {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|err| format!("invalid JSON ({err})"))?;
        // Google-style files nest the client under "installed" or "web".
        let client = ["installed", "web"]
            .iter()
            .find_map(|k| json.get(k))
            .unwrap_or(&json);
        let id = client.get("client_id").and_then(|v| v.as_str());
        let secret = client.get("client_secret").and_then(|v| v.as_str());
        return match (id, secret) {
            (Some(id), Some(secret)) => Ok((id.to_owned(), Secret::new(secret))),
            _ => Err("client_id or client_secret missing".to_owned()),
        };
    }
    let props = parse_properties(text);
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| props.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone()))
    };
    match (
        get(&["apiKey.id", "client_id"]),
        get(&["apiKey.secret", "client_secret"]),
    ) {
        (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => {
            Ok((id, Secret::new(secret)))
        }
        _ => Err("apiKey.id or apiKey.secret missing".to_owned()),
    }
}

/// The subset of Java properties that credentials files use: `key = value`
/// or `key: value`, `#`/`!` comments, backslash line continuations and escapes.
/// By hand: the `java-properties` crate, last released in 2023, would bring
/// `regex` and `encoding_rs` into the binary for these forty lines.
fn parse_properties(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut logical = String::new();
    for raw in text.lines() {
        let line = raw.trim_start();
        if logical.is_empty() && (line.is_empty() || line.starts_with('#') || line.starts_with('!'))
        {
            continue;
        }
        let trailing_backslashes = line.chars().rev().take_while(|c| *c == '\\').count();
        if trailing_backslashes % 2 == 1 {
            logical.push_str(&line[..line.len() - 1]);
            continue;
        }
        logical.push_str(line);
        let entry = std::mem::take(&mut logical);
        let split = entry
            .char_indices()
            .scan(false, |escaped, (i, c)| {
                let this_escaped = *escaped;
                *escaped = c == '\\' && !this_escaped;
                Some((i, c, this_escaped))
            })
            .find(|(_, c, escaped)| !escaped && (*c == '=' || *c == ':' || c.is_whitespace()));
        let (key, value) = match split {
            Some((i, _, _)) => {
                let rest = entry[i..].trim_start();
                let rest = rest
                    .strip_prefix('=')
                    .or_else(|| rest.strip_prefix(':'))
                    .unwrap_or(rest);
                (&entry[..i], rest.trim_start())
            }
            None => (entry.as_str(), ""),
        };
        out.push((unescape(key), unescape(value.trim_end())));
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A private key others can read is a key others may have: said as ssh
/// says it, and used all the same (refusing would break a shared CI box).
pub fn warn_if_readable_by_others(what: &str, path: &Path) {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            log::warn!(
                "{what} {} is readable by other users (mode {mode:04o}): chmod 600 it",
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (what, path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_file_like_metapack() {
        let props = parse_properties(
            "# comment\napiKey.id = 1DR3434KDFJLR32L53L4235J6\napiKey.secret = wqe34tyyh7679jokkDa$7df46bbbbjui+b7-sdfsdfY\n",
        );
        assert_eq!(
            props[0],
            ("apiKey.id".into(), "1DR3434KDFJLR32L53L4235J6".into())
        );
        assert_eq!(
            props[1].1,
            "wqe34tyyh7679jokkDa$7df46bbbbjui+b7-sdfsdfY".to_owned()
        );
    }

    #[test]
    fn properties_colon_escapes_and_continuations() {
        let props = parse_properties("a:b\nkey\\ with\\ space = x\\\n  y\nc=d=e\n");
        assert_eq!(props[0], ("a".into(), "b".into()));
        assert_eq!(props[1], ("key with space".into(), "xy".into()));
        assert_eq!(props[2], ("c".into(), "d=e".into()));
    }
}
