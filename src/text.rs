//! Text from elsewhere (a server, a token's claims) on its way to a terminal.

/// Other parties' text made safe for one terminal line: control characters
/// (escape sequences, CR, BEL) and invisible formatting (bidi overrides,
/// zero-width characters, which make a line read as something else)
/// dropped, whitespace folded, capped at `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let printable: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| !c.is_control() && !is_invisible_format(c))
        .collect();
    let folded = printable.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() > max {
        let cut: String = folded.chars().take(max).collect();
        format!("{cut}…")
    } else {
        folded
    }
}

/// Unicode's format characters that change how a line reads without being
/// seen: bidi embeddings, overrides and isolates, zero-width (non-)joiners
/// and spaces, the word joiner, the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

/// RFC 6749 §3.3: a scope token is one or more NQCHAR (%x21 / %x23-5B /
/// %x5D-7E): printable ASCII but space, `"` and `\`.
pub fn is_scope_token(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_do_not_reach_the_terminal() {
        assert_eq!(
            one_line("https://good.example\x1b[2K\r\u{202E}evil", 100),
            "https://good.example[2K evil"
        );
        assert_eq!(one_line("a\u{200B}b\nc", 100), "ab c");
        assert_eq!(one_line("abcdef", 3), "abc…");
    }

    #[test]
    fn scope_tokens_are_nqchar() {
        assert!(is_scope_token("api:read"));
        assert!(is_scope_token("https://graph.microsoft.com/.default"));
        assert!(!is_scope_token(""));
        assert!(!is_scope_token("a b"));
        assert!(!is_scope_token("a\"b"));
        assert!(!is_scope_token("a\\b"));
        assert!(!is_scope_token("a\x1bb"));
        assert!(!is_scope_token("é"));
    }
}
