//! `WWW-Authenticate` challenges (RFC 9110 §11.6.1) as resources send
//! them (RFC 6750 §3, RFC 9449 §7.1, RFC 9728 §5.1): a scheme and its
//! auth-params, quoted or not, several challenges per header line.

/// One challenge: its scheme, lower-cased, and its parameters with their
/// names lower-cased and quoted values as sent between the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub scheme: String,
    pub params: Vec<(String, String)>,
}

impl Challenge {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Every challenge in the values of the `WWW-Authenticate` lines given.
/// What cannot be read is skipped: a resource's odd header must not end
/// the request, only the step it would have allowed.
pub fn parse(values: &[&str]) -> Vec<Challenge> {
    let mut challenges: Vec<Challenge> = Vec::new();
    for value in values {
        let mut rest = value.trim();
        while !rest.is_empty() {
            rest = rest.trim_start_matches([',', ' ', '\t']);
            let Some((word, after)) = token(rest) else {
                break;
            };
            let after_space = after.trim_start_matches([' ', '\t']);
            if let Some(value_part) = after_space.strip_prefix('=')
                && let Some(current) = challenges.last_mut()
            {
                // `name=value` of the challenge before it.
                let Some((value, remaining)) = param_value(value_part.trim_start()) else {
                    break;
                };
                current.params.push((word.to_ascii_lowercase(), value));
                rest = remaining;
            } else {
                challenges.push(Challenge {
                    scheme: word.to_ascii_lowercase(),
                    params: Vec::new(),
                });
                rest = after;
            }
        }
    }
    challenges
}

/// The scopes a Bearer or DPoP challenge with `error="insufficient_scope"`
/// asks for (RFC 6750 §3.1), when they are scope tokens; `None` when no
/// challenge says so, `Some(empty)` when one does without naming them.
pub fn insufficient_scope(challenges: &[Challenge]) -> Option<Vec<String>> {
    challenges
        .iter()
        .filter(|c| c.scheme == "bearer" || c.scheme == "dpop")
        .find(|c| c.param("error") == Some("insufficient_scope"))
        .map(|c| {
            c.param("scope")
                .unwrap_or_default()
                .split(' ')
                .filter(|s| crate::text::is_scope_token(s))
                .map(str::to_owned)
                .collect()
        })
}

/// A parameter of the first challenge in `header` that has it
/// (`resource_metadata`, `scope`).
pub fn parameter(header: &str, name: &str) -> Option<String> {
    parse(&[header])
        .into_iter()
        .find_map(|c| c.param(name).map(str::to_owned))
}

/// An RFC 9110 token at the start of `text`, and what follows it.
fn token(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)))
        .unwrap_or(text.len());
    (end > 0).then(|| (&text[..end], &text[end..]))
}

/// A parameter's value: a quoted string (its `\` escapes skipped over, not
/// undone) or a token
/// (token68 too: base64 may end in `=`), and what follows it.
fn param_value(text: &str) -> Option<(String, &str)> {
    if let Some(quoted) = text.strip_prefix('"') {
        let mut value = String::new();
        let mut chars = quoted.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => return Some((value, &quoted[at + 1..])),
                // Kept as sent: no scope, URL or nonce holds a backslash,
                // so one that does is refused where it is checked, not
                // quietly rewritten into something valid.
                '\\' => {
                    value.push('\\');
                    value.push(chars.next()?.1);
                }
                c => value.push(c),
            }
        }
        return None;
    }
    let end = text.find([',', ' ', '\t']).unwrap_or(text.len());
    Some((text[..end].to_owned(), &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_schemes_and_quoted_or_bare_params() {
        let challenges = parse(&[
            r#"Bearer realm="api", error="insufficient_scope", scope="files:read files:write", resource_metadata="https://r.example/.well-known/oauth-protected-resource""#,
            r#"DPoP algs="ES256 RS256", Basic realm=x"#,
        ]);
        assert_eq!(challenges.len(), 3);
        assert_eq!(challenges[0].scheme, "bearer");
        assert_eq!(challenges[0].param("scope"), Some("files:read files:write"));
        assert_eq!(
            challenges[0].param("resource_metadata"),
            Some("https://r.example/.well-known/oauth-protected-resource")
        );
        assert_eq!(challenges[1].param("algs"), Some("ES256 RS256"));
        assert_eq!(challenges[2].scheme, "basic");
        assert_eq!(challenges[2].param("realm"), Some("x"));
    }

    #[test]
    fn finds_the_scopes_of_an_insufficient_scope_challenge() {
        let scopes_of = |header: &str| insufficient_scope(&parse(&[header]));
        assert_eq!(
            scopes_of(r#"Bearer error="insufficient_scope", scope="a b""#),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(
            scopes_of(r#"Bearer error=insufficient_scope"#),
            Some(vec![])
        );
        assert_eq!(scopes_of(r#"Bearer error="invalid_token""#), None);
        assert_eq!(scopes_of(r#"Basic error="insufficient_scope""#), None);
        // A scope that is not a scope token is dropped, not passed on.
        assert_eq!(
            scopes_of("Bearer error=\"insufficient_scope\", scope=\"ok \\\"bad\\\"\""),
            Some(vec!["ok".to_owned()])
        );
        assert_eq!(
            scopes_of(r#"Bearer error="insufficient_scope", scope="unclosed"#),
            Some(vec![])
        );
    }
}
