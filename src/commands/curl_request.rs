//! The one request a curl command line makes, as far as a DPoP proof must
//! name it (RFC 9449 §4.2): the method and the URL. curl is not asked: its
//! options are read here, with the argument-taking ones from curl's own
//! `--help all`. Every doubt is a refusal, never a guess: an option this
//! table lacks is taken as a flag, so a value of it would count as a second
//! URL, and several URLs are refused, because one proof fits one URL.

use crate::error::usage;
use anyhow::Result;

/// The method and URL of the request.
#[derive(Debug, PartialEq, Eq)]
pub struct RequestLine {
    pub method: String,
    pub url: String,
    /// `-L`: a redirect would carry this request's proof to another URL.
    pub follows_redirects: bool,
}

/// curl's short options that take an argument (curl 7.88 to 8.x).
const SHORT_WITH_ARG: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

/// curl's long options that take an argument (curl 7.88 to 8.x), sorted.
const LONG_WITH_ARG: &[&str] = &[
    "abstract-unix-socket",
    "alt-svc",
    "aws-sigv4",
    "cacert",
    "capath",
    "cert",
    "cert-type",
    "ciphers",
    "config",
    "connect-timeout",
    "connect-to",
    "continue-at",
    "cookie",
    "cookie-jar",
    "create-file-mode",
    "crlfile",
    "curves",
    "data",
    "data-ascii",
    "data-binary",
    "data-raw",
    "data-urlencode",
    "delegation",
    "dns-interface",
    "dns-ipv4-addr",
    "dns-ipv6-addr",
    "dns-servers",
    "doh-url",
    "dump-header",
    "ech",
    "egd-file",
    "engine",
    "etag-compare",
    "etag-save",
    "expect100-timeout",
    "form",
    "form-string",
    "ftp-account",
    "ftp-alternative-to-user",
    "ftp-method",
    "ftp-port",
    "ftp-ssl-ccc-mode",
    "happy-eyeballs-timeout-ms",
    "haproxy-clientip",
    "header",
    "hostpubmd5",
    "hostpubsha256",
    "hsts",
    "interface",
    "ip-tos",
    "json",
    "keepalive-cnt",
    "keepalive-time",
    "key",
    "key-type",
    "knownhosts",
    "krb",
    "libcurl",
    "limit-rate",
    "local-port",
    "login-options",
    "mail-auth",
    "mail-from",
    "mail-rcpt",
    "max-filesize",
    "max-redirs",
    "max-time",
    "netrc-file",
    "noproxy",
    "oauth2-bearer",
    "output",
    "output-dir",
    "parallel-max",
    "pass",
    "pinnedpubkey",
    "preproxy",
    "proto",
    "proto-default",
    "proto-redir",
    "proxy",
    "proxy-cacert",
    "proxy-capath",
    "proxy-cert",
    "proxy-cert-type",
    "proxy-ciphers",
    "proxy-crlfile",
    "proxy-header",
    "proxy-key",
    "proxy-key-type",
    "proxy-pass",
    "proxy-pinnedpubkey",
    "proxy-service-name",
    "proxy-tls13-ciphers",
    "proxy-tlsauthtype",
    "proxy-tlspassword",
    "proxy-tlsuser",
    "proxy-user",
    "proxy1.0",
    "pubkey",
    "quote",
    "random-file",
    "range",
    "rate",
    "referer",
    "request",
    "request-target",
    "resolve",
    "retry",
    "retry-delay",
    "retry-max-time",
    "sasl-authzid",
    "service-name",
    "sigalgs",
    "socks4",
    "socks4a",
    "socks5",
    "socks5-gssapi-service",
    "socks5-hostname",
    "speed-limit",
    "speed-time",
    "ssl-sessions",
    "stderr",
    "telnet-option",
    "tftp-blksize",
    "time-cond",
    "tls-max",
    "tls13-ciphers",
    "tlsauthtype",
    "tlspassword",
    "tlsuser",
    "trace",
    "trace-ascii",
    "trace-config",
    "unix-socket",
    "upload-file",
    "upload-flags",
    "url",
    "url-query",
    "user",
    "user-agent",
    "variable",
    "vlan-priority",
    "write-out",
];

/// What the options said, before the method is settled.
#[derive(Default)]
struct Seen {
    urls: Vec<String>,
    method: Option<String>,
    body: bool,
    get: bool,
    head: bool,
    upload: bool,
    globoff: bool,
    follows_redirects: bool,
}

impl Seen {
    /// One option, with its argument when it takes one.
    fn option(&mut self, name: Opt, value: Option<&str>) -> Result<()> {
        match (name, value) {
            (Opt::Short('X') | Opt::Long("request"), Some(method)) => {
                self.method = Some(method.to_owned());
            }
            (Opt::Short('d' | 'F') | Opt::Long("json"), _) => self.body = true,
            (Opt::Long(long), _) if long.starts_with("data") || long.starts_with("form") => {
                self.body = true;
            }
            (Opt::Short('G') | Opt::Long("get"), _) => self.get = true,
            (Opt::Short('I') | Opt::Long("head"), _) => self.head = true,
            (Opt::Short('T') | Opt::Long("upload-file"), _) => self.upload = true,
            (Opt::Short('g') | Opt::Long("globoff"), _) => self.globoff = true,
            (Opt::Short('L') | Opt::Long("location" | "location-trusted"), _) => {
                self.follows_redirects = true;
            }
            (Opt::Long("url"), Some(url)) => self.urls.push(url.to_owned()),
            (Opt::Short('K') | Opt::Long("config"), _) => {
                return Err(usage(
                    "a DPoP request cannot take a curl config (-K): it may name URLs and methods oauthctl cannot see; give them on the command line",
                ));
            }
            (Opt::Short(':') | Opt::Long("next"), _) => {
                return Err(usage(
                    "a DPoP proof fits one request: run `oauthctl curl` once per request instead of using --next",
                ));
            }
            _ => {}
        }
        Ok(())
    }

    /// The method curl will use: `-X`, else HEAD for `-I`, GET for `-G`,
    /// PUT for `-T`, POST for a body, else GET.
    fn method(&self) -> String {
        if let Some(method) = &self.method {
            return method.clone();
        }
        let method = if self.head {
            "HEAD"
        } else if self.get {
            "GET"
        } else if self.upload {
            "PUT"
        } else if self.body {
            "POST"
        } else {
            "GET"
        };
        method.to_owned()
    }
}

#[derive(Clone, Copy)]
enum Opt<'a> {
    Short(char),
    Long(&'a str),
}

/// Reads curl's arguments (everything after `oauthctl curl … --`).
pub fn request_line(args: &[String]) -> Result<RequestLine> {
    let mut seen = Seen::default();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if let Some(long) = word.strip_prefix("--") {
            // curl has no `--name=value`; a `--no-` prefix negates a flag.
            let takes_value =
                LONG_WITH_ARG.binary_search(&long).is_ok() || long.starts_with("expand-");
            let value = if takes_value {
                Some(
                    words
                        .next()
                        .map(String::as_str)
                        .ok_or_else(|| usage(format!("curl's {word} needs a value")))?,
                )
            } else {
                None
            };
            seen.option(
                Opt::Long(long.strip_prefix("expand-").unwrap_or(long)),
                value,
            )?;
        } else if let Some(cluster) = word.strip_prefix('-').filter(|c| !c.is_empty()) {
            // `-sSXPOST`: flags, then one that takes the rest (or the next word).
            for (at, letter) in cluster.char_indices() {
                if SHORT_WITH_ARG.contains(letter) {
                    let rest = &cluster[at + letter.len_utf8()..];
                    let value = if rest.is_empty() {
                        words
                            .next()
                            .map(String::as_str)
                            .ok_or_else(|| usage(format!("curl's -{letter} needs a value")))?
                    } else {
                        rest
                    };
                    seen.option(Opt::Short(letter), Some(value))?;
                    break;
                }
                seen.option(Opt::Short(letter), None)?;
            }
        } else {
            seen.urls.push(word.clone());
        }
    }
    let url = match seen.urls.as_slice() {
        [url] => url.clone(),
        [] => {
            return Err(usage(
                "no URL among curl's arguments: a DPoP proof names the URL it is for",
            ));
        }
        urls => {
            return Err(usage(format!(
                "a DPoP proof names one URL, and curl's arguments hold {} ({}): run `oauthctl curl` once per URL",
                urls.len(),
                urls.join(", ")
            )));
        }
    };
    if !seen.globoff && url.contains(['[', ']', '{', '}']) {
        return Err(usage(format!(
            "`{url}` is a curl glob, which makes several requests, and a DPoP proof fits one: add -g (--globoff) if the brackets are part of the URL"
        )));
    }
    let method = seen.method();
    if !crate::oauth::dpop::valid_method(&method) {
        return Err(usage(format!("`{method}` is not an HTTP method")));
    }
    Ok(RequestLine {
        method,
        url,
        follows_redirects: seen.follows_redirects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(args: &[&str]) -> Result<RequestLine> {
        request_line(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    fn method(args: &[&str]) -> String {
        line(args).unwrap().method
    }

    #[test]
    fn the_long_options_are_sorted_for_the_search() {
        let mut sorted = LONG_WITH_ARG.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, LONG_WITH_ARG);
    }

    #[test]
    fn the_method_is_curls() {
        assert_eq!(method(&["https://a/x"]), "GET");
        assert_eq!(method(&["-d", "x=1", "https://a/x"]), "POST");
        assert_eq!(method(&["--data-urlencode", "x=1", "https://a/x"]), "POST");
        assert_eq!(method(&["-F", "f=@file", "https://a/x"]), "POST");
        assert_eq!(method(&["--json", "{}", "https://a/x"]), "POST");
        assert_eq!(method(&["-G", "-d", "q=1", "https://a/x"]), "GET");
        assert_eq!(method(&["-I", "https://a/x"]), "HEAD");
        assert_eq!(method(&["-T", "f", "https://a/x"]), "PUT");
        assert_eq!(method(&["-X", "DELETE", "https://a/x"]), "DELETE");
        assert_eq!(method(&["-sSXPATCH", "-d@body", "https://a/x"]), "PATCH");
        assert_eq!(
            method(&["--request", "PUT", "-d", "x", "https://a/x"]),
            "PUT"
        );
        assert!(line(&["-X", "GET X", "https://a/x"]).is_err());
    }

    #[test]
    fn option_values_are_not_urls() {
        let l = line(&[
            "-sS",
            "-H",
            "Accept: application/json",
            "-o",
            "out.json",
            "--proxy",
            "http://proxy:3128",
            "-uuser:pw",
            "--url",
            "https://api.example/v1/items?page=2",
        ])
        .unwrap();
        assert_eq!(l.url, "https://api.example/v1/items?page=2");
        assert!(!l.follows_redirects);
        assert!(line(&["-L", "https://a/x"]).unwrap().follows_redirects);
    }

    #[test]
    fn anything_but_one_url_is_refused() {
        assert!(line(&["-sS"]).is_err());
        assert!(line(&["https://a/1", "https://a/2"]).is_err());
        // An option this table does not know, with a value: two "URLs".
        assert!(line(&["--brand-new-option", "value", "https://a/x"]).is_err());
        assert!(line(&["https://a/{1,2}"]).is_err());
        assert!(line(&["https://a/[1-9]"]).is_err());
        assert_eq!(line(&["-g", "https://a/[x]"]).unwrap().url, "https://a/[x]");
        assert!(line(&["-K", "more.conf", "https://a/x"]).is_err());
        assert!(line(&["https://a/x", "--next", "https://a/y"]).is_err());
        assert!(line(&["https://a/x", "-H"]).is_err());
    }
}
