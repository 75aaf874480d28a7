//! The demo server's HTML: self-contained pages (inline CSS, no scripts, no
//! external assets) whose forms work without JavaScript.

/// What each scope the demo knows means, in plain words.
pub fn describe_scope(scope: &str) -> &'static str {
    match scope {
        "openid" => "know who you are (an id_token saying you are demo-user)",
        "profile" => "read your name",
        "email" => "read your email address",
        "offline_access" => "stay logged in while you are away (a refresh token)",
        "api" => "call the demo API",
        _ => "an unknown permission",
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width\">\
<title>{title} · oauthctl demo</title>\
<style>\
body{{font:16px/1.5 system-ui,sans-serif;max-width:34em;margin:3em auto;padding:0 1em;color:#1f2328;background:#fff}}\
h1{{font-size:1.4em;margin-bottom:.2em}}.tag{{color:#59636e;font-size:.9em;margin-top:0}}\
ul{{padding-left:1.2em}}code{{background:#f3f4f6;padding:0 .25em;border-radius:3px;word-break:break-all}}\
.buttons{{display:flex;gap:.8em;margin-top:1.5em}}\
button{{font:inherit;padding:.5em 1.4em;border-radius:6px;border:1px solid #8c959f;background:#f6f8fa;cursor:pointer}}\
button.approve{{background:#1f883d;border-color:#1a7f37;color:#fff}}\
input{{font:inherit;padding:.4em;letter-spacing:.1em;text-transform:uppercase;width:11em}}\
.ok{{color:#1a7f37}}.err{{color:#b42318}}.box{{border:1px solid #d0d7de;border-radius:8px;padding:1em 1.2em}}\
</style></head><body>\n{body}\n</body></html>\n",
        title = escape(title),
    )
}

fn scope_list(scopes: &[String]) -> String {
    if scopes.is_empty() {
        return "<li>nothing beyond calling the demo API</li>".to_owned();
    }
    scopes
        .iter()
        .map(|s| {
            format!(
                "<li>{} <code>{}</code></li>",
                escape(describe_scope(s)),
                escape(s)
            )
        })
        .collect()
}

pub struct Consent<'a> {
    pub request_id: &'a str,
    pub client_id: &'a str,
    pub scopes: &'a [String],
    pub redirect_uri: &'a str,
}

pub fn consent(c: &Consent) -> String {
    layout(
        "Allow access?",
        &format!(
            "<h1>Allow <code>{client}</code> to use your demo account?</h1>\
<p class=\"tag\">oauthctl's demo authorization server. You are signed in as <b>demo-user</b>: \
no account and no password, this server lives only as long as <code>oauthctl demo</code>.</p>\
<div class=\"box\"><p>The app <code>{client}</code> (oauthctl) asks to:</p><ul>{scopes}</ul>\
<p>Whatever you choose, your browser goes back to <code>{redirect}</code>, where oauthctl is \
listening on your own machine.</p></div>\
<form method=\"post\" action=\"/authorize/decision\">\
<input type=\"hidden\" name=\"request_id\" value=\"{request_id}\">\
<div class=\"buttons\">\
<button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\
<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
</div></form>",
            client = escape(c.client_id),
            scopes = scope_list(c.scopes),
            redirect = escape(c.redirect_uri),
            request_id = escape(c.request_id),
        ),
    )
}

/// The device flow's verification page (RFC 8628 §3.3).
pub fn device(user_code: &str, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p class=\"err\">{}</p>", escape(p)))
        .unwrap_or_default();
    layout(
        "Connect a device",
        &format!(
            "<h1>Connect a device</h1>\
<p class=\"tag\">oauthctl's demo authorization server. You are signed in as <b>demo-user</b>.</p>\
<p>Enter the code your terminal shows, then approve or deny the login.</p>{problem}\
<form method=\"post\" action=\"/device\">\
<p><label>Code: <input name=\"user_code\" value=\"{code}\" autocomplete=\"off\" \
autofocus required maxlength=\"16\"></label></p>\
<div class=\"buttons\">\
<button class=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>\
<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>\
</div></form>",
            code = escape(user_code),
        ),
    )
}

/// A one-message page: `ok` picks the colour.
pub fn message(title: &str, text: &str, ok: bool) -> String {
    layout(
        title,
        &format!(
            "<h1 class=\"{class}\">{title}</h1><p>{text}</p>",
            class = if ok { "ok" } else { "err" },
            title = escape(title),
            text = escape(text),
        ),
    )
}

pub fn index(issuer: &str) -> String {
    layout(
        "oauthctl demo",
        &format!(
            "<h1>oauthctl's demo authorization server</h1>\
<p>This server runs inside <code>oauthctl demo</code> and stops with it. \
It has one public client, <code>demo-cli</code>, one user, <code>demo-user</code>, \
and one API, <code>/api/hello</code>.</p>\
<p>Its metadata: <code>{issuer}/.well-known/openid-configuration</code></p>",
            issuer = escape(issuer),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_escape_and_stay_self_contained() {
        let html = consent(&Consent {
            request_id: "r\"><script>",
            client_id: "demo-cli",
            scopes: &["openid".to_owned(), "<b>".to_owned()],
            redirect_uri: "http://127.0.0.1:1/callback",
        });
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;b&gt;"));
        for page in [
            html,
            device("AB<CD", Some("x")),
            index("http://127.0.0.1:1"),
        ] {
            assert!(!page.contains("src="), "{page}");
            assert!(!page.contains("href="), "{page}");
            assert!(!page.contains("url("), "{page}");
            assert!(!page.contains("<script"), "{page}");
        }
    }
}
