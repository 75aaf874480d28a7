//! The README's recipes, run as written. Each recipe block is marked
//! `<!-- recipe: NAME -->` on the line before its code fence; a test takes
//! the block's text from the README itself, points its example hosts at a
//! local server (the real test provider where it can be, else a fake that
//! checks what the real provider checks), fills in its placeholders from one
//! table per recipe, and runs it in bash with `oauthctl` on PATH. The
//! commands themselves are never rewritten: a recipe that stops working, or
//! is edited into one that does not, fails here.

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::jwt::{Jwt, ed25519_key, now, sign_ed25519};
use crate::support::oidc::{NODE_SWITCHES, OidcProvider};
use crate::support::{BIN, Run, TestEnv, assert_code, assert_ok, skip, stderr, stdout};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;

const CLIENT_SECRET: &str = "ci-bot-secret";

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The code block after `<!-- recipe: NAME -->`.
fn recipe(name: &str) -> String {
    let text = readme();
    let marker = format!("<!-- recipe: {name} -->\n");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no recipe {name}"))
        + marker.len();
    let block = &text[start..];
    assert!(
        block.starts_with("```"),
        "recipe {name}: no code block after the marker"
    );
    let body = &block[block.find('\n').unwrap() + 1..];
    body[..body.find("\n```").expect("a closing fence")].to_owned()
}

/// The shell lines of a CI job: GitHub's `run: |` block, or GitLab's
/// `script:` list items, dedented.
fn ci_script(yaml: &str) -> String {
    let mut lines = Vec::new();
    let mut in_run = false;
    for line in yaml.lines() {
        let trimmed = line.trim_start();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .filter(|_| !in_run && line.starts_with("    "))
        {
            lines.push(item.to_owned());
        } else if trimmed.starts_with("run: |") {
            in_run = true;
        } else if in_run && line.starts_with("    ") {
            lines.push(line[4..].to_owned());
        }
    }
    lines.join("\n")
}

fn basic_auth(req: &Recorded) -> Option<String> {
    use base64::Engine;
    let encoded = req.header("authorization")?.strip_prefix("Basic ")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// A client-credentials token endpoint for `ci-bot` and an API that wants
/// its token: what id.example.com and api.example.com stand for.
fn ci_provider() -> FakeProvider {
    FakeProvider::start(State::default(), |req: &Recorded, st: &mut State| {
        match (req.method.as_str(), req.path.as_str()) {
            ("POST", "/token") => {
                if req.param("grant_type").as_deref() != Some("client_credentials")
                    || basic_auth(req) != Some(format!("ci-bot:{CLIENT_SECRET}"))
                {
                    return Reply::oauth_error(401, "invalid_client", "who are you");
                }
                let token = format!("ci-token-{}", st.issued.len() + 1);
                st.issued.push(token.clone());
                st.access_tokens.insert(token.clone());
                Reply::json(
                    200,
                    &json!({"access_token": token, "token_type": "Bearer", "expires_in": 300}),
                )
            }
            (_, "/deploy") => {
                let bearer = req
                    .header("authorization")
                    .and_then(|h| h.strip_prefix("Bearer "))
                    .unwrap_or_default();
                if !st.access_tokens.contains(bearer) {
                    return Reply::json(401, &json!({"error": "invalid_token"}));
                }
                Reply::json(200, &json!({"deployed": req.body}))
            }
            _ => Reply::not_found(),
        }
    })
}

/// `text` with each `(placeholder, value)` of `table` put in: the
/// recipe's example hosts and the names it leaves to the reader (TENANT,
/// APP_ID, …), nothing else. Every entry must occur, so a table that no
/// longer fits its recipe fails too.
fn fill(text: &str, table: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (placeholder, value) in table {
        assert!(
            text.contains(placeholder),
            "the recipe no longer has {placeholder}:\n{text}"
        );
        text = text.replace(placeholder, value);
    }
    text
}

/// What a reader has after the quick start: a default profile, for another
/// server and client. Recipes that give their provider as flags must not
/// pick up any of it (it would send `work-client` and its scopes there).
fn quick_start_default_profile(env: &TestEnv) {
    let config = env.config_path();
    let existing = std::fs::read_to_string(&config).unwrap_or_default();
    if existing.contains("default_profile") {
        return;
    }
    env.write_config(&format!(
        "default_profile = \"home\"\n{existing}\n[profiles.home]\nissuer = \"https://id.work.invalid\"\nclient_id = \"work-client\"\nscopes = [\"openid\", \"offline_access\", \"work:admin\"]\n"
    ));
}

/// `script` in bash (-eu, pipefail), in `env`'s directory, with the built
/// oauthctl first on PATH; the run's environment is `env`'s (file store),
/// with the quick start's default profile in its config.
fn bash(env: &TestEnv, script: &str) -> Run {
    quick_start_default_profile(env);
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut run = env.command("bash");
    run.args(["-euo", "pipefail", "-c", script])
        .current_dir(env.path())
        .env("PATH", path);
    run
}

/// `script` with the example.com hosts replaced by `provider`, run by
/// [`bash`] with no store chosen (the CI recipes choose theirs).
fn run_script(env: &TestEnv, provider: &FakeProvider, script: &str) -> Output {
    let script = script
        .replace("https://id.example.com", &provider.url(""))
        .replace("https://api.example.com", &provider.url(""));
    bash(env, &script)
        .env_remove("OAUTHCTL_STORE")
        .output()
        .unwrap()
}

/// The `env:` of a GitHub Actions step as `export` lines: what the runner
/// sets before it runs the step's script. Its `${{ … }}` expressions must
/// have been filled in.
fn step_env(yaml: &str) -> String {
    let mut exports = String::new();
    let mut env_indent = None;
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start().len();
        match env_indent {
            Some(env_indent) if indent > env_indent => {
                let (key, value) = line.trim().split_once(": ").expect("KEY: VALUE");
                assert!(
                    !value.contains("${{") && !value.contains('\''),
                    "fill in {key}: {value}"
                );
                exports += &format!("export {key}='{value}'\n");
            }
            _ => {
                let item = line.trim_start().trim_start_matches("- ");
                env_indent = (item == "env:").then(|| line.find("env:").unwrap());
            }
        }
    }
    exports
}

/// The openssl the recipes run, or a skip (a failure where the provider is
/// required: scripts/test.sh installs both).
fn have_openssl(dir: &Path) -> bool {
    let found = crate::support::tls::openssl(dir, &["version"]).is_some();
    if !found {
        skip(
            "openssl is not installed (the recipe runs it)",
            NODE_SWITCHES,
        );
    }
    found
}

#[test]
fn the_github_actions_recipe_mints_and_calls_the_api() {
    let provider = ci_provider();
    let env = TestEnv::new();
    std::fs::write(env.path().join("deploy.json"), r#"{"version":"1.2.3"}"#).unwrap();
    let yaml = fill(
        &recipe("github-actions"),
        &[("${{ secrets.API_CLIENT_SECRET }}", CLIENT_SECRET)],
    );
    let script = format!("{}{}", step_env(&yaml), ci_script(&yaml));
    let out = run_script(&env, &provider, &script);
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.starts_with("::add-mask::ci-token-1\n"), "{printed}");
    assert!(
        printed.contains("1.2.3"),
        "the API did not get the body: {printed}"
    );
    assert_eq!(provider.requests_to("/deploy").len(), 1);
    // Minted once: the masked token is the one used.
    assert_eq!(provider.requests_to("/token").len(), 1);
    assert_eq!(
        provider.requests_to("/deploy")[0].header("authorization"),
        Some("Bearer ci-token-1")
    );
    // --store none: nothing was kept on the runner.
    assert!(!env.data_dir().join("tokens").exists());
}

#[test]
fn the_gitlab_ci_recipe_mints_and_calls_the_api() {
    let provider = ci_provider();
    let env = TestEnv::new();
    let script = ci_script(&recipe("gitlab-ci")).replace("$API_CLIENT_SECRET", CLIENT_SECRET);
    let out = run_script(&env, &provider, &script);
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    assert_eq!(provider.requests_to("/deploy").len(), 1);
}

#[test]
fn the_exit_code_recipe_tells_a_logged_out_user_to_log_in() {
    let provider = ci_provider();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli\"\n",
        provider.url("")
    ));
    let script = format!(
        "export OAUTHCTL_CONFIG='{}' OAUTHCTL_STORE=file\n{}",
        env.config_path().display(),
        recipe("exit-codes")
    );
    let out = run_script(&env, &provider, &script);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("run: oauthctl login -p work"),
        "{}",
        stderr(&out)
    );
    // The same snippet in zsh, where `status` is read-only.
    let zsh = shell_on_path(&env, "zsh", &script);
    let out = zsh.unwrap_or_else(|| panic!("zsh is not installed (scripts/test.sh installs it)"));
    assert_eq!(out.status.code(), Some(4), "zsh: {}", stderr(&out));
    assert!(
        stderr(&out).contains("run: oauthctl login -p work"),
        "zsh: {}",
        stderr(&out)
    );
}

/// `script` in `shell` (as [`bash`] runs it, for another shell), or `None`
/// where that shell is not installed.
fn shell_on_path(env: &TestEnv, shell: &str, script: &str) -> Option<Output> {
    let found = crate::support::bounded(std::process::Command::new("sh"))
        .args(["-c", &format!("command -v {shell}")])
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        return None;
    }
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Some(
        env.command(shell)
            .args(["-c", script])
            .current_dir(env.path())
            .env("PATH", path)
            .env_remove("OAUTHCTL_STORE")
            .output()
            .unwrap(),
    )
}

// ---------------------------------------------------------------------------
// The enterprise recipes
// ---------------------------------------------------------------------------

const TENANT: &str = "5e3c1a7b-92d4-4f0e-b6a8-0c2d4e6f8a1b";
const APP_ID: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";
const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";
const JWT_ASSERTION: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// Entra ID's v2.0 token endpoint for TENANT (`/TENANT/oauth2/v2.0/token`)
/// and Microsoft Graph's `/v1.0/applications`, on one local server: a
/// client-credentials request from APP_ID for Graph, authenticated by a
/// client assertion that `assertion_problem` judges (given the token URL),
/// as Entra judges a certificate credential or a federated one.
fn microsoft(
    mut assertion_problem: impl FnMut(&Jwt, &str) -> Option<String> + Send + 'static,
) -> FakeProvider {
    FakeProvider::start(State::default(), move |req, st| {
        let token_path = format!("/{TENANT}/oauth2/v2.0/token");
        if req.method == "GET" && req.path == "/v1.0/applications" {
            if !req.bearer().is_some_and(|t| st.access_tokens.contains(t)) {
                return Reply::json(
                    401,
                    &json!({"error": {"code": "InvalidAuthenticationToken"}}),
                );
            }
            return Reply::json(
                200,
                &json!({"value": [{"appId": APP_ID, "displayName": "my-app"}]}),
            );
        }
        if req.method != "POST" || req.path != token_path {
            return Reply::not_found();
        }
        let refuse = |why: &str| Reply::oauth_error(401, "invalid_client", why);
        if req.param("grant_type").as_deref() != Some("client_credentials")
            || req.param("scope").as_deref() != Some(GRAPH_SCOPE)
        {
            return Reply::oauth_error(400, "invalid_request", "AADSTS900144: grant or scope");
        }
        if req.param("client_id").as_deref() != Some(APP_ID) {
            return refuse("AADSTS700016: application not found in the directory");
        }
        if req.param("client_assertion_type").as_deref() != Some(JWT_ASSERTION) {
            return refuse("AADSTS7000218: a client_assertion is required");
        }
        let jwt = match Jwt::decode(&req.param("client_assertion").unwrap_or_default()) {
            Ok(jwt) => jwt,
            Err(why) => return refuse(&format!("AADSTS50027: {why}")),
        };
        let token_url = format!("http://{}{token_path}", req.header("host").unwrap());
        if let Some(why) = assertion_problem(&jwt, &token_url) {
            return refuse(&why);
        }
        let token = format!("entra-token-{}", st.access_tokens.len() + 1);
        st.access_tokens.insert(token.clone());
        Reply::json(
            200,
            &json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}),
        )
    })
}

/// The certificate credential Entra ID holds is `cert`, which the recipe
/// makes and would upload: the assertion must name it by thumbprint (`x5t`,
/// `x5t#S256`: every one present must fit, and one must be), be signed by
/// its key (checked by openssl), and carry RFC 7523's claims for APP_ID.
#[test]
fn the_entra_certificate_recipe_mints_with_the_certificate_it_made() {
    let env = TestEnv::new();
    if !have_openssl(env.path()) {
        return;
    }
    let cert = env.path().join("cert.pem");
    let mut seen = HashSet::new();
    let entra = microsoft(move |jwt, token_url| {
        let pem = std::fs::read(&cert).expect("the recipe made cert.pem");
        let der = oauthctl::oauth::jws::first_certificate(&pem).expect("a certificate");
        let thumbprint = |alg| URL_SAFE_NO_PAD.encode(ring::digest::digest(alg, &der));
        let named = [
            ("x5t", thumbprint(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY)),
            ("x5t#S256", thumbprint(&ring::digest::SHA256)),
        ];
        let present: Vec<_> = named
            .iter()
            .filter(|(name, _)| !jwt.header[name].is_null())
            .collect();
        if present.is_empty()
            || present
                .iter()
                .any(|(name, t)| jwt.header[name] != t.as_str())
        {
            return Some(format!(
                "AADSTS700027: no certificate with that identifier: {}",
                jwt.header
            ));
        }
        if jwt.header["typ"] != "JWT" || !jwt.openssl_verifies(&cert) {
            return Some("AADSTS700027: the signature does not verify".to_owned());
        }
        jwt.client_assertion_problem(APP_ID, token_url, 600, &mut seen)
    });
    let base = entra.base();
    let script = fill(
        &recipe("entra-certificate"),
        &[
            ("https://login.microsoftonline.com", &base),
            ("TENANT", TENANT),
            ("APP_ID", APP_ID),
        ],
    );
    let out = bash(&env, &script).output().unwrap();
    assert_ok(&out);
    assert_eq!(stdout(&out), "entra-token-1\n");
    // openssl's own chatter aside, oauthctl has nothing to say: the key is 0600.
    assert!(!stderr(&out).contains("oauthctl: "), "{}", stderr(&out));
}

/// GitHub's OIDC issuer, and the subject of the job the federated
/// credential names.
const GITHUB_ISSUER: &str = "https://token.actions.githubusercontent.com";
const GITHUB_SUBJECT: &str = "repo:octo-org/octo-repo:ref:refs/heads/main";
const ENTRA_AUDIENCE: &str = "api://AzureADTokenExchange";

/// Workload identity federation: the runner (a fake of its
/// ACTIONS_ID_TOKEN_REQUEST_URL endpoint) signs the job's token with its
/// own key, for the audience asked for; Entra's federated credential takes
/// a token of GitHub's issuer, signed by that key, for the job's subject
/// and `api://AzureADTokenExchange`. No secret anywhere.
#[test]
fn the_github_actions_to_entra_recipe_federates_without_a_secret() {
    let runner_key = ed25519_key();
    let runner_public = ring::signature::KeyPair::public_key(&runner_key)
        .as_ref()
        .to_vec();
    let runner = FakeProvider::github_actions_runner(
        "runner-request-token",
        ENTRA_AUDIENCE.to_owned(),
        move || {
            let now = now();
            sign_ed25519(
                &runner_key,
                "github",
                &json!({
                    "iss": GITHUB_ISSUER, "sub": GITHUB_SUBJECT, "aud": ENTRA_AUDIENCE,
                    "iat": now, "nbf": now, "exp": now + 300,
                    "jti": crate::support::oidc::random_urlsafe(16),
                    "repository": "octo-org/octo-repo", "ref": "refs/heads/main",
                }),
            )
        },
    );
    let microsoft = microsoft(move |jwt, _| {
        let c = &jwt.claims;
        if !jwt.ring_verifies(&runner_public) {
            return Some("AADSTS700212: the assertion's signature does not verify".to_owned());
        }
        if c["iss"] != GITHUB_ISSUER
            || c["sub"] != GITHUB_SUBJECT
            || c["aud"] != ENTRA_AUDIENCE
            || c["exp"].as_u64().unwrap_or(0) <= now()
        {
            return Some(format!(
                "AADSTS70021: no matching federated identity record for {c}"
            ));
        }
        None
    });
    let env = TestEnv::new();
    let base = microsoft.base();
    let yaml = fill(
        &recipe("github-actions-entra"),
        &[
            ("https://login.microsoftonline.com", &base),
            // The host of Graph's API, not the scope that names Graph.
            ("https://graph.microsoft.com/v1.0", &format!("{base}/v1.0")),
            ("${{ vars.AZURE_TENANT_ID }}", TENANT),
            ("${{ vars.AZURE_CLIENT_ID }}", APP_ID),
        ],
    );
    let script = format!("{}{}", step_env(&yaml), ci_script(&yaml));
    // What the runner sets for a job with `permissions: id-token: write`.
    let out = bash(&env, &script)
        .env(
            "ACTIONS_ID_TOKEN_REQUEST_URL",
            runner.id_token_request_url(),
        )
        .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "runner-request-token")
        .env_remove("OAUTHCTL_STORE")
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(
        stdout(&out).contains("\"displayName\":\"my-app\""),
        "{}",
        stdout(&out)
    );
    assert_eq!(runner.requests_to("/idtoken").len(), 1);
    // --store none: nothing was kept on the runner.
    assert!(!env.data_dir().join("tokens").exists());
}

/// `ORG.okta.com/oauth2/default` (discovery and `/v1/token`), checking a
/// client assertion as Okta does for a "Public key / Private key" app: the
/// `kid` of the key registered, the signature with `public_key` (the file
/// the recipe made, which is what gets registered; checked by openssl), and
/// RFC 7523's claims for `client_id`, `aud` the token endpoint.
fn okta(client_id: &'static str, kid: &'static str, public_key: PathBuf) -> FakeProvider {
    let mut seen = HashSet::new();
    FakeProvider::start(State::default(), move |req, st| {
        let issuer = format!("http://{}/oauth2/default", req.header("host").unwrap());
        let token_url = format!("{issuer}/v1/token");
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/oauth2/default/.well-known/openid-configuration") => Reply::json(
                200,
                &json!({
                    "issuer": issuer,
                    "authorization_endpoint": format!("{issuer}/v1/authorize"),
                    "token_endpoint": token_url,
                    "jwks_uri": format!("{issuer}/v1/keys"),
                    "response_types_supported": ["code"],
                    "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
                    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"],
                }),
            ),
            ("POST", "/oauth2/default/v1/token") => {
                let refuse = |why: String| Reply::oauth_error(401, "invalid_client", &why);
                if req.param("grant_type").as_deref() != Some("client_credentials")
                    || req.param("scope").as_deref() != Some("api:read")
                {
                    return Reply::oauth_error(400, "invalid_scope", "grant or scope");
                }
                if req.param("client_assertion_type").as_deref() != Some(JWT_ASSERTION) {
                    return refuse("Client authentication failed.".to_owned());
                }
                let jwt = match Jwt::decode(&req.param("client_assertion").unwrap_or_default()) {
                    Ok(jwt) => jwt,
                    Err(why) => return refuse(why),
                };
                if jwt.header["kid"] != kid {
                    return refuse(format!("no key {} in the app", jwt.header["kid"]));
                }
                if !jwt.openssl_verifies(&public_key) {
                    return refuse("The client_assertion signature is invalid.".to_owned());
                }
                if let Some(why) =
                    jwt.client_assertion_problem(client_id, &token_url, 3600, &mut seen)
                {
                    return refuse(why);
                }
                let token = format!("okta-token-{}", st.access_tokens.len() + 1);
                st.access_tokens.insert(token.clone());
                Reply::json(
                    200,
                    &json!({"token_type": "Bearer", "expires_in": 3600, "access_token": token, "scope": "api:read"}),
                )
            }
            _ => Reply::not_found(),
        }
    })
}

#[test]
fn the_okta_private_key_jwt_recipe_mints_with_the_key_pair_it_made() {
    const CLIENT_ID: &str = "0oa8f5j3ecb5w3dF35d7";
    const KID: &str = "okta-key-1";
    let env = TestEnv::new();
    if !have_openssl(env.path()) {
        return;
    }
    let okta = okta(CLIENT_ID, KID, env.path().join("public.pem"));
    let base = okta.base();
    let script = fill(
        &recipe("okta-private-key-jwt"),
        &[
            ("https://ORG.okta.com", &base),
            ("0oaXXXX", CLIENT_ID),
            ("KID", KID),
        ],
    );
    let out = bash(&env, &script).output().unwrap();
    assert_ok(&out);
    assert_eq!(stdout(&out), "okta-token-1\n");
    assert!(!stderr(&out).contains("oauthctl: "), "{}", stderr(&out));
    assert_eq!(okta.requests_to("/oauth2/default/v1/token").len(), 1);
    // The fake verifies: with another public key registered, the same
    // profile is refused.
    let other = crate::support::tls::openssl(
        env.path(),
        &["genpkey", "-algorithm", "RSA", "-out", "other.pem"],
    ) == Some(true)
        && crate::support::tls::openssl(
            env.path(),
            &["pkey", "-in", "other.pem", "-pubout", "-out", "public.pem"],
        ) == Some(true);
    assert!(other);
    let out = env.run(&["cc", "-p", "okta-svc", "--force"]);
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("signature is invalid"),
        "{}",
        stderr(&out)
    );
}

/// A key file shaped as Google's download (every member it has), its RSA
/// key made with openssl; its `token_uri` (https://oauth2.googleapis.com/token
/// at Google) is the Google fake's.
#[test]
fn the_google_service_account_recipe_mints_and_calls_the_api() {
    use crate::support::fake::google::EMAIL;
    let env = TestEnv::new();
    if !have_openssl(env.path()) {
        return;
    }
    let made = crate::support::tls::openssl(
        env.path(),
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "sa.key",
        ],
    );
    assert_eq!(made, Some(true));
    let pem = std::fs::read_to_string(env.path().join("sa.key")).unwrap();
    let public_key = oauthctl::oauth::jws::PrivateKey::parse(pem.as_bytes(), None)
        .unwrap()
        .public_key()
        .to_vec();
    let google = FakeProvider::google(public_key);
    let storage = FakeProvider::start(State::default(), |req, _| {
        if req.path != "/storage/v1/b"
            || req.query_param("project").as_deref() != Some("my-project")
        {
            return Reply::not_found();
        }
        if req.bearer() != Some("ya29.sa-1") {
            return Reply::json(401, &json!({"error": {"code": 401}}));
        }
        Reply::json(
            200,
            &json!({"kind": "storage#buckets", "items": [{"name": "my-bucket"}]}),
        )
    });
    let sa = env.write_file(
        "sa.json",
        &serde_json::to_string_pretty(&json!({
            "type": "service_account",
            "project_id": "my-project",
            "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            "private_key": pem,
            "client_email": EMAIL,
            "client_id": "104523798123456789012",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": google.url("/token"),
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": format!("https://www.googleapis.com/robot/v1/metadata/x509/{EMAIL}"),
            "universe_domain": "googleapis.com",
        }))
        .unwrap(),
    );
    std::fs::set_permissions(&sa, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let storage_base = storage.base();
    let script = fill(
        &recipe("google-service-account"),
        &[("https://storage.googleapis.com", &storage_base)],
    );
    let out = bash(&env, &script).output().unwrap();
    assert_ok(&out);
    let printed = stdout(&out);
    assert!(printed.starts_with("ya29.sa-1\n"), "{printed}");
    assert!(printed.contains("my-bucket"), "{printed}");
    assert_eq!(stderr(&out), "");
    // The second command used the token the first one cached.
    assert_eq!(google.requests_to("/token").len(), 1);
}

/// Against the real provider: `work` is a login of its public client
/// (as the quick start leaves it), `backend` the confidential `ci-exchange`,
/// and the API is its `/api` resource, which the exchange's `--audience`
/// must name.
#[test]
fn the_token_exchange_chain_recipe_calls_the_api_as_the_backend() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    env.log_in(&op, "work");
    let api = format!("{}/api", op.issuer());
    let script = fill(
        &recipe("exchange-chain"),
        &[
            ("https://id.example.com", op.issuer()),
            ("https://api.example.com", &api),
            ("BACKEND_ID", "ci-exchange"),
        ],
    );
    let out = bash(&env, &script)
        .env("BACKEND_SECRET", "ci-exchange-secret")
        .output()
        .unwrap();
    assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|_| panic!("not JSON: {}\n{}", stdout(&out), stderr(&out)));
    assert_eq!(me["client_id"], "ci-exchange", "{me}");
    let stats = op.stats();
    assert_eq!(stats["exchanged_from"], "cli-public", "{stats}");
    assert_eq!(
        op.grant_count("urn:ietf:params:oauth:grant-type:token-exchange"),
        1
    );
}

/// Against the real provider on https with mTLS: `ci-mtls` authenticates
/// by its certificate (`CN=mtls-client`), and its tokens are bound to it,
/// so `/api/me` answering as `ci-mtls` also proves that curl presented the
/// certificate. The provider's CA is trusted as a company's CA would be,
/// system-wide (`SSL_CERT_FILE` for oauthctl, `CURL_CA_BUNDLE` for curl).
#[test]
fn the_mtls_recipe_calls_the_api_with_a_certificate_bound_token() {
    let Some((op, tls)) = OidcProvider::start_tls() else {
        return;
    };
    let env = TestEnv::new();
    let config = env.write_config(&fill(
        &recipe("mtls-profile"),
        &[("https://id.example.com", op.issuer())],
    ));
    let dir = config.parent().unwrap();
    std::fs::copy(&tls.client_cert, dir.join("client.pem")).unwrap();
    std::fs::copy(&tls.client_key, dir.join("client.key")).unwrap();
    std::fs::set_permissions(
        dir.join("client.key"),
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let api = format!("{}/api", op.issuer());
    let script = fill(&recipe("mtls"), &[("https://api.example.com", &api)]);
    let out = bash(&env, &script)
        .env("SSL_CERT_FILE", &tls.ca)
        .env("CURL_CA_BUNDLE", &tls.ca)
        .output()
        .unwrap();
    assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|_| panic!("not JSON: {}\n{}", stdout(&out), stderr(&out)));
    assert_eq!(me["client_id"], "ci-mtls", "{me}");
    assert_eq!(stderr(&out), "");
}

/// The completions and man pages, installed as the README says in a fresh
/// HOME, are found: `man -w`, bash-completion's loader, zsh's fpath.
#[test]
fn the_completions_recipe_installs_what_each_shell_and_man_then_find() {
    let env = TestEnv::new();
    let home = env.path().join("home");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = recipe("completions");
    let out = env
        .command("sh")
        .args(["-euc", &script])
        .current_dir(root)
        .output()
        .unwrap();
    assert_ok(&out);
    let path = format!(
        "{}:{}",
        home.join(".local/bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let probe = |shell: &str, line: &str| {
        env.command(shell)
            .args(["-c", line])
            .env("PATH", &path)
            .env_remove("MANPATH")
            .output()
            .unwrap()
    };
    // man, with ~/.local/bin on PATH and no MANPATH, as the comment says.
    let out = probe("sh", "man -w oauthctl-token");
    assert_ok(&out);
    assert!(
        stdout(&out).starts_with(&home.join(".local/share/man").display().to_string()),
        "{}",
        stdout(&out)
    );
    // bash-completion loads the file on demand for `oauthctl`.
    let out = probe(
        "bash",
        ". /usr/share/bash-completion/bash_completion && _completion_loader oauthctl; complete -p oauthctl",
    );
    assert_ok(&out);
    assert!(stdout(&out).contains("oauthctl"), "{}", stdout(&out));
    // zsh, with the fpath line the comment gives.
    let out = probe(
        "zsh",
        "fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit -u -d ~/.zcompdump && print -r -- ${_comps[oauthctl]}",
    );
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "_oauthctl", "{}", stderr(&out));
}

/// github.com's device flow and api.github.com, as they answer: form-encoded
/// unless asked for JSON, `authorization_pending` in a 200, no client secret
/// for the device flow (one sent is a mistake the recipe must not make).
fn github() -> FakeProvider {
    FakeProvider::start(State::default(), |req: &Recorded, st: &mut State| {
        let wants_json = req
            .header("accept")
            .is_some_and(|a| a.contains("application/json"));
        let answer = |value: serde_json::Value| {
            if wants_json {
                Reply::json(200, &value)
            } else {
                let mut form = form_urlencoded::Serializer::new(String::new());
                for (k, v) in value.as_object().unwrap() {
                    form.append_pair(k, &v.as_str().map_or(v.to_string(), str::to_owned));
                }
                Reply::new(200, "application/x-www-form-urlencoded", form.finish())
            }
        };
        if req.param("client_secret").is_some()
            || req
                .header("authorization")
                .is_some_and(|a| a.starts_with("Basic"))
        {
            return Reply::json(200, &json!({"error": "incorrect_client_credentials"}));
        }
        match (req.method.as_str(), req.path.as_str()) {
            ("POST", "/login/device/code")
                if req.param("client_id").as_deref() == Some("Iv1.xxxx") =>
            {
                answer(json!({
                    "device_code": "dev-1", "user_code": "WDJB-MJHT",
                    "verification_uri": "https://github.com/login/device",
                    "expires_in": 900, "interval": 1,
                }))
            }
            ("POST", "/login/oauth/access_token") => {
                if req.param("device_code").as_deref() != Some("dev-1") {
                    return answer(json!({"error": "bad_verification_code"}));
                }
                st.hits += 1;
                if st.hits == 1 {
                    return answer(json!({"error": "authorization_pending"}));
                }
                st.access_tokens.insert("gho_token1".into());
                answer(
                    json!({"access_token": "gho_token1", "token_type": "bearer", "scope": "repo,read:org"}),
                )
            }
            ("GET", "/user") if req.header("authorization") == Some("Bearer gho_token1") => {
                Reply::json(200, &json!({"login": "octocat"}))
            }
            _ => Reply::json(401, &json!({"message": "Bad credentials"})),
        }
    })
}

#[test]
fn the_github_device_recipe_logs_in_without_a_secret_and_calls_the_api() {
    let github = github();
    let env = TestEnv::new();
    let script = recipe("github-device")
        .replace("https://api.github.com", &github.url(""))
        .replace("https://github.com", &github.url(""));
    let out = bash(&env, &script).output().unwrap();
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    assert!(stderr(&out).contains("WDJB-MJHT"), "{}", stderr(&out));
    assert_eq!(stdout(&out), r#"{"login":"octocat"}"#);
}

/// The presets recipe writes what the README's table says each preset
/// writes (tests/cli/presets.rs logs in with every preset).
#[test]
fn the_presets_recipe_writes_the_profiles_of_the_table() {
    let env = TestEnv::new();
    let script = recipe("presets");
    let out = bash(&env, &script).output().unwrap();
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    assert!(
        stderr(&out).contains("expiring user tokens"),
        "{}",
        stderr(&out)
    );
    let show = |name: &str| stdout(&env.run(&["profile", "show", name]));
    let gh = show("gh");
    assert!(
        gh.contains(r#"device_url = "https://github.com/login/device/code""#)
            && gh.contains(r#"client_auth = "post""#)
            && gh.contains(r#"client_id = "Iv1.xxxx""#),
        "{gh}"
    );
    assert!(
        show("work").contains(
            r#"issuer = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0""#
        ),
        "{}",
        show("work")
    );
    assert!(
        show("kc").contains(r#"issuer = "https://sso.example.com/realms/main""#),
        "{}",
        show("kc")
    );
}

/// The `headersHelper` of the MCP recipe, run by a shell as the client runs
/// it: its output is a header map the provider's API accepts.
#[test]
fn the_headers_helper_recipe_prints_a_map_the_api_accepts() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let config: serde_json::Value =
        serde_json::from_str(&recipe("headers-helper")).expect("the recipe is JSON");
    let helper = config["mcpServers"]["work-api"]["headersHelper"]
        .as_str()
        .expect("a headersHelper command");
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    env.log_in(&op, "work");
    let out = bash(&env, helper).output().unwrap();
    assert!(out.status.success(), "{helper}: {}", stderr(&out));
    let headers: serde_json::Value =
        serde_json::from_str(&stdout(&out)).expect("the helper prints JSON");
    let headers = headers.as_object().expect("a JSON object");
    assert_eq!(headers.len(), 1, "{headers:?}");
    let authorization = headers["Authorization"].as_str().expect("a string");
    let token = authorization
        .strip_prefix("Bearer ")
        .expect("a Bearer header");
    op.assert_token_accepted(token);
}
