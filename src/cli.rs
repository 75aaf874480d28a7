//! Every clap type lives here; completions and man pages are generated from it.
//!
//! Rules for adding an argument:
//! - the doc comment is the help text: say what it does and its default;
//! - a flag that overrides a profile key has the key's name with `-` for `_`;
//! - secrets never get a clap `env` (clap would show the value in `--help`);
//!   `settings` reads their variables itself.

use crate::oauth::jws::JwsAlg;
use crate::oauth::types::{AssertionAudienceKind, BodyFormat, ClientAuthMethod};
use crate::options::{
    CurlFlags, LoginFlags, ProfileAddFlags, ProviderOptions, RenewFlags, WithFlags,
};
use crate::store::StoreKind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "oauthctl",
    version,
    long_version = LONG_VERSION,
    about = "OAuth 2.0 tokens for the command line: log in once, then hand out fresh tokens to scripts, curl and CI",
    propagate_version = true,
    after_help = crate::exit::help(),
    after_long_help = long_help()
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

// The features in the build, for LONG_VERSION.
#[cfg(feature = "demo")]
macro_rules! features {
    () => {
        "demo"
    };
}
#[cfg(not(feature = "demo"))]
macro_rules! features {
    () => {
        "(none: built without demo)"
    };
}

/// `oauthctl --version` (`-V` says the version alone): what a bug report
/// needs, from build.rs. The man pages keep the plain version.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ncommit: ",
    env!("OAUTHCTL_BUILD_COMMIT"),
    "\ntarget: ",
    env!("OAUTHCTL_BUILD_TARGET"),
    "\nfeatures: ",
    features!(),
);

impl Cli {
    /// What `command` (`Cli::command()`, built once by callers that parse
    /// many times) makes of `args`, with the `*_on_command_line` fields filled in:
    /// the one reading of argv the fast path is checked against.
    pub fn parse_with<I, T>(command: &mut clap::Command, args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let matches = command.try_get_matches_from_mut(args)?;
        let mut cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches)?;
        // Globals are propagated to every level with their source.
        let on_command_line =
            |id| matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine);
        cli.global.profile_on_command_line = on_command_line("profile");
        cli.global.store_on_command_line = on_command_line("store");
        cli.global.provider_on_command_line = names_a_provider(&matches);
        Ok(cli)
    }
}

/// Whether the command line itself (the environment aside) names a provider
/// or a client, in the innermost subcommand's arguments.
fn names_a_provider(matches: &clap::ArgMatches) -> bool {
    let mut matches = matches;
    while let Some((_, sub)) = matches.subcommand() {
        matches = sub;
    }
    ProviderOptions::AD_HOC_KEYS.iter().any(|id| {
        matches!(matches.try_get_raw(id), Ok(Some(_)))
            && matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
    })
}

/// The exit codes (from `exit::Exit::TABLE`), then the environment and files.
fn long_help() -> String {
    format!("{}\n\n{ENVIRONMENT_AND_FILES}", crate::exit::help())
}

const ENVIRONMENT_AND_FILES: &str = "\
Environment:
  OAUTHCTL_PROFILE, OAUTHCTL_CONFIG, OAUTHCTL_STORE, OAUTHCTL_HTTP_TIMEOUT
                          defaults for the global options of the same name
  OAUTHCTL_ISSUER, OAUTHCTL_TOKEN_URL, OAUTHCTL_CLIENT_ID, ...
                          defaults for the provider options of the same name
  OAUTHCTL_CLIENT_SECRET  the client secret (kept out of argv)
  OAUTHCTL_PASSWORD       the password for `login --password-grant`
  OAUTHCTL_DATA_DIR       the file store's directory [default: $XDG_DATA_HOME/oauthctl]

Files:
  $XDG_CONFIG_HOME/oauthctl/config.toml   profiles
  $XDG_DATA_HOME/oauthctl/tokens/         the file store (0600 files, 0700 directory)
  $XDG_CACHE_HOME/oauthctl/discovery/     cached discovery documents";

#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Profile in the config file [default: `default_profile` from the file, else `default`]
    #[arg(
        short,
        long,
        env = "OAUTHCTL_PROFILE",
        global = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,

    /// Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]
    #[arg(long, env = "OAUTHCTL_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Where tokens live; `auto` is the OS keychain, falling back to files when none answers
    #[arg(long, env = "OAUTHCTL_STORE", global = true, value_enum)]
    pub store: Option<StoreKind>,

    /// Time limit for each HTTP request, in seconds [default: 30]
    #[arg(
        long,
        env = "OAUTHCTL_HTTP_TIMEOUT",
        global = true,
        value_name = "SECS"
    )]
    pub http_timeout: Option<u64>,

    /// More diagnostics on stderr (repeat for more); secrets are always redacted
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Only errors on stderr
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// True when `-p` was given on the command line, not through
    /// $OAUTHCTL_PROFILE (`git-credential` picks a profile by host otherwise).
    #[arg(skip)]
    pub profile_on_command_line: bool,

    /// True when `--store` was given on the command line.
    #[arg(skip)]
    pub store_on_command_line: bool,

    /// True when the command line (not the environment) names a provider
    /// or a client: the command is then ad hoc, and the default profile
    /// is not used.
    #[arg(skip)]
    pub provider_on_command_line: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in (browser + PKCE, device code, password or any grant) and store the tokens
    Login(LoginArgs),
    /// Print the access token, refreshing it first when it is about to expire
    Token(TokenArgs),
    /// Refresh now, even when the token is still fresh, and print the new access token
    Refresh(RefreshArgs),
    /// Mint a token with the client credentials grant; reuse it while it is fresh
    #[command(name = "client-credentials", visible_alias = "cc")]
    ClientCredentials(ClientCredentialsArgs),
    /// Run curl with the token injected, never through curl's argv
    Curl(CurlArgs),
    /// Run any program with a fresh token in its environment, never in its argv
    Exec(ExecArgs),
    /// Delete the stored tokens, optionally revoking them at the provider first
    Logout(LogoutArgs),
    /// Show each profile: logged in or not, who, expiry, scopes, store (never a token)
    Status(StatusArgs),
    /// Decode the stored token's JWT header and claims (not verified)
    Inspect(InspectArgs),
    /// Ask the provider whether the stored token is active (RFC 7662); exit 1 when not
    Introspect(IntrospectArgs),
    /// Trade a token for another (RFC 8693 token exchange); the result is cached
    Exchange(ExchangeArgs),
    /// git's credential helper: answers `get` with a fresh access token as the password
    #[command(name = "git-credential")]
    GitCredential(GitCredentialArgs),
    /// docker's credential-helper protocol (`credHelpers`; also run as docker-credential-oauthctl)
    #[command(name = "docker-credential")]
    DockerCredential(DockerCredentialArgs),
    /// `setup git`, by its earlier name
    #[command(name = "setup-git", hide = true)]
    SetupGit(SetupGitArgs),
    /// Add, list, show or remove profiles in the config file
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Set up other tools to get their tokens from oauthctl
    #[command(subcommand)]
    Setup(SetupCommand),
    /// Print the client metadata document to host, whose URL is then the client id at
    /// servers that take one (--client-metadata-url)
    #[command(name = "client-metadata")]
    ClientMetadata(ClientMetadataArgs),
    /// Try oauthctl with no account anywhere: a local authorization server and API, step by step
    #[cfg(feature = "demo")]
    Demo(DemoArgs),
    /// Write generated shell completions or man pages (for packagers)
    #[command(hide = true, subcommand)]
    Generate(GenerateCommand),
}

/// `clap::ValueEnum` for a type of a layer that knows no clap (`oauth/`,
/// `store/`): each variant's name on the command line, its aliases, and
/// its help in `--help` and the completions.
macro_rules! value_enum {
    ($ty:ty { $($variant:path => $name:literal $([$($alias:literal),+])? $(: $help:literal)?),+ $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($variant),+]
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $($variant => clap::builder::PossibleValue::new($name)
                        $($(.alias($alias))+)?
                        $(.help($help))?,)+
                })
            }
        }
    };
}

value_enum!(ClientAuthMethod {
    ClientAuthMethod::Basic => "basic": "HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them",
    ClientAuthMethod::BasicRaw => "basic-raw": "HTTP Basic with the raw `id:secret`, for servers that do not form-decode",
    ClientAuthMethod::Post => "post": "client_id and client_secret in the request body",
    ClientAuthMethod::None => "none": "client_id in the body, no secret (public clients)",
    ClientAuthMethod::Tls => "tls": "A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert",
    ClientAuthMethod::PrivateKeyJwt => "private-key-jwt" ["private_key_jwt"]: "a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)",
    ClientAuthMethod::ClientSecretJwt => "client-secret-jwt" ["client_secret_jwt"]: "a JWT signed with the client secret (HS256, or --client-key-alg)",
});

value_enum!(AssertionAudienceKind {
    AssertionAudienceKind::TokenEndpoint => "token-endpoint": "the token endpoint's URL, for every endpoint (the default)",
    AssertionAudienceKind::Issuer => "issuer": "the issuer (--issuer)",
});

value_enum!(BodyFormat {
    BodyFormat::Form => "form": "application/x-www-form-urlencoded",
    BodyFormat::Json => "json": "application/json, for providers that want it",
});

// The algorithms' names are the JOSE ones, with no help of their own.
impl ValueEnum for JwsAlg {
    fn value_variants<'a>() -> &'a [Self] {
        &JwsAlg::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

// `--store`'s values: the store module names them, the help is here.
impl ValueEnum for StoreKind {
    fn value_variants<'a>() -> &'a [Self] {
        &StoreKind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let help = match self {
            StoreKind::Auto => "The OS keychain, or the file store when no keychain answers",
            StoreKind::Keyring => {
                "The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)"
            }
            StoreKind::File => "0600 files in a 0700 directory",
            StoreKind::Kernel => {
                "The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot"
            }
            StoreKind::KernelFile => {
                "The kernel keyring, with a copy in the file store that outlives a reboot"
            }
            StoreKind::None => "Keep nothing: every call mints or fails",
        };
        Some(clap::builder::PossibleValue::new(self.name()).help(help))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// The access token and a newline
    #[default]
    Raw,
    /// `Authorization: Bearer TOKEN`
    Header,
    /// {"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the
    /// header map MCP clients' headersHelper and similar tools read
    HeadersJson,
    /// {"access_token", "token_type", "expires_at", "expires_in", "scope"}
    Json,
    /// `export OAUTHCTL_ACCESS_TOKEN=...` lines for eval
    Env,
    /// A client.authentication.k8s.io ExecCredential for kubectl's exec
    /// plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for
    ExecCredential,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// What to print on stdout
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,
}

/// `--no-login`, for the commands that may log in on demand.
#[derive(Debug, Args)]
pub struct OnDemandArgs {
    /// Never log in here: with no usable token left, exit 4 as in CI
    /// [default: log in when a terminal or display is there, unless the
    /// profile says login = "never"]
    #[arg(long)]
    pub no_login: bool,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub on_demand: OnDemandArgs,

    /// Hand out the id_token instead of the access token (Kubernetes' OIDC
    /// authenticator checks id_tokens); --min-ttl then applies to its `exp`
    #[arg(long)]
    pub id_token: bool,

    /// With -o header or headers-json, for a DPoP-bound token: the method
    /// of the one request the DPoP proof is made for
    #[arg(long, value_name = "METHOD", requires = "htu")]
    pub htm: Option<String>,

    /// With -o header or headers-json, for a DPoP-bound token: the URL of
    /// that request
    /// (its query and fragment are left out of the proof)
    #[arg(long, value_name = "URL", requires = "htm")]
    pub htu: Option<String>,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: ProviderOptions,
}

#[derive(Debug, Args)]
pub struct ClientCredentialsArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// Mint a new token even when a fresh one is cached
    #[arg(long)]
    pub force: bool,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// Store a refresh token you already have; `-` reads it from stdin. It is redeemed at once
    #[arg(long, value_name = "-", conflicts_with_all = ["password_grant", "grant_type"])]
    pub with_refresh_token: Option<String>,

    /// Use the resource owner password grant (for providers without a browser flow)
    #[arg(long, requires = "username", conflicts_with = "grant_type")]
    pub password_grant: bool,

    /// Read the password from stdin instead of a no-echo prompt (or set $OAUTHCTL_PASSWORD)
    #[arg(long, requires = "password_grant")]
    pub password_stdin: bool,

    /// Use any other grant type, with its parameters from --param K=V (e.g. `assertion`)
    #[arg(long, value_name = "TYPE")]
    pub grant_type: Option<String>,

    /// Use the device flow (RFC 8628): a code to enter on any device's browser
    #[arg(long, conflicts_with_all = ["with_refresh_token", "password_grant", "grant_type", "no_browser"])]
    pub device: bool,

    /// Print the login URL instead of opening a browser
    #[arg(long)]
    pub no_browser: bool,

    /// The browser to open, as a command line: quotes keep a path with
    /// spaces one word, `%s` marks the URL [default: the profile's browser,
    /// else $BROWSER, else the system's]
    #[arg(long, value_name = "CMD", conflicts_with_all = ["no_browser", "device"])]
    pub browser: Option<String>,

    /// Also read, from stdin, the address the browser ended on (for a browser
    /// on another machine, whose redirect to 127.0.0.1 cannot arrive);
    /// automatic when no browser opens and stdin is a terminal
    #[arg(long, conflicts_with_all = ["with_refresh_token", "password_grant", "grant_type", "device"])]
    pub paste: bool,

    /// Give up waiting for the browser or device approval after this many seconds [default: 300]
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<LoginFlags>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  oauthctl client-metadata --url https://example.github.io/oauthctl/client.json > client.json"
)]
pub struct ClientMetadataArgs {
    /// Where the document will be hosted: an https URL with a path, which is its client_id
    /// [default: the profile's client_metadata_url]
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  oauthctl curl -p work -- -sS https://api.example.com/me\n  oauthctl curl -- -d @- https://api.example.com/items < item.json | jq"
)]
pub struct CurlArgs {
    #[command(flatten)]
    pub on_demand: OnDemandArgs,

    /// curl's own arguments, after `--` (oauthctl's options come before it:
    /// one it does not know is an error, not something to hand to curl)
    #[arg(trailing_var_arg = true, required = true, value_name = "CURL_ARGS")]
    pub args: Vec<String>,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<CurlFlags>,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The environment variable that carries the access token
    #[arg(long = "env", value_name = "NAME", default_value = "OAUTHCTL_ACCESS_TOKEN", value_parser = env_name)]
    pub env_name: String,

    #[command(flatten)]
    pub on_demand: OnDemandArgs,

    /// The program and its arguments, after `--`
    #[arg(
        trailing_var_arg = true,
        required = true,
        value_name = "CMD",
        value_parser = clap::value_parser!(std::ffi::OsString)
    )]
    pub command: Vec<std::ffi::OsString>,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

/// A name a shell can read back: `[A-Za-z_][A-Za-z0-9_]*`.
fn env_name(value: &str) -> Result<String, String> {
    let mut chars = value.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(
            "an environment variable name is letters, digits and _, not starting with a digit"
                .into(),
        )
    }
}

#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Revoke the refresh and access tokens at the provider first (RFC 7009)
    #[arg(long)]
    pub revoke: bool,

    /// Every profile in the config file, and every token file oauthctl keeps
    #[arg(long)]
    pub all: bool,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: ProviderOptions,
}

#[derive(Debug, Args)]
#[command(
    after_help = "git runs it; set it up with `oauthctl setup git --host HOST -p PROFILE`.\n\
Without -p on the command line it answers only for hosts in a profile's git_hosts\n\
(https, or http on a loopback host), and prints nothing for any other."
)]
pub struct GitCredentialArgs {
    #[command(flatten)]
    pub on_demand: OnDemandArgs,

    /// What git asks: `get` prints the credential, `erase` drops the access
    /// token git says was refused (the refresh token stays), `store` does
    /// nothing; any other is ignored, as git's protocol wants
    #[arg(value_name = "OPERATION", value_parser = GitOperationParser)]
    pub operation: GitOperation,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

#[derive(Debug, Args)]
pub struct DockerCredentialArgs {
    #[command(flatten)]
    pub on_demand: OnDemandArgs,

    /// What docker asks (the server URL comes on stdin)
    #[arg(value_enum, value_name = "OPERATION")]
    pub operation: DockerOperation,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

/// The operations of docker-credential-helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DockerOperation {
    /// Print `{"ServerURL","Username","Secret"}` with a fresh access token
    Get,
    /// Take nothing: the credentials are oauthctl's to mint
    Store,
    /// Drop the cached access token (the refresh token stays)
    Erase,
    /// The registries profiles list, with their user names
    List,
    /// oauthctl's version
    Version,
}

/// The operations of git's credential-helper protocol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitOperation {
    Get,
    Store,
    Erase,
    /// Some operation a later git may send: ignored.
    Other(String),
}

/// Takes any operation (gitcredentials(7): a helper ignores those it does
/// not know), but offers the three there are to help and completions.
#[derive(Debug, Clone, Copy)]
struct GitOperationParser;

impl clap::builder::TypedValueParser for GitOperationParser {
    type Value = GitOperation;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<GitOperation, clap::Error> {
        Ok(match value.to_string_lossy().as_ref() {
            "get" => GitOperation::Get,
            "store" => GitOperation::Store,
            "erase" => GitOperation::Erase,
            other => GitOperation::Other(other.to_owned()),
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            [
                clap::builder::PossibleValue::new("get")
                    .help("Print username, password (the access token) and its expiry"),
                clap::builder::PossibleValue::new("store")
                    .help("Nothing: oauthctl keeps its own tokens"),
                clap::builder::PossibleValue::new("erase")
                    .help("The token was refused: the next `get` renews it"),
            ]
            .into_iter(),
        ))
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Example:\n  oauthctl setup git --host github.example.com -p work\n\n\
It runs `git config --global` to reset credential.https://HOST.helper (so no\n\
other helper stores or hands out a credential for HOST) and add\n\
`!'/path/to/oauthctl' git-credential -p PROFILE`."
)]
pub struct SetupGitArgs {
    /// The host git talks to, `HOST` or `HOST:PORT` (https); a URL
    /// `https://HOST[:PORT]`, or `http://` for a loopback host, also works.
    /// `HOST/ORG/`: only that path's repositories (the profile's git_hosts
    /// must list it), the helper choosing profiles by path
    #[arg(long, value_name = "HOST")]
    pub host: String,

    /// Print the git commands instead of running them
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatusFormat {
    /// One line per profile
    #[default]
    Text,
    /// A JSON array
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// What to print on stdout
    #[arg(short, long, value_enum, value_name = "FORMAT")]
    pub output: Option<StatusFormat>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Decode the id_token instead of the access token
    #[arg(long)]
    pub id_token: bool,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: ProviderOptions,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["subject_token_file", "subject_token_env", "subject_token", "subject_profile"])))]
pub struct ExchangeArgs {
    #[command(flatten)]
    pub output: OutputArgs,

    /// Read the subject token from FILE (re-read every time)
    #[arg(long, value_name = "FILE")]
    pub subject_token_file: Option<PathBuf>,

    /// Read the subject token from the environment variable VAR
    #[arg(long, value_name = "VAR")]
    pub subject_token_env: Option<String>,

    /// `-`: read the subject token from stdin
    #[arg(long, value_name = "-")]
    pub subject_token: Option<String>,

    /// Use profile Q's fresh access token as the subject token
    #[arg(long, value_name = "Q")]
    pub subject_profile: Option<String>,

    /// The subject token's type: a URN, or access_token, refresh_token, id_token, jwt, saml2 [default: access_token]
    #[arg(long, value_name = "URN")]
    pub subject_token_type: Option<String>,

    /// Read an actor token from FILE (delegation, RFC 8693 §1.1)
    #[arg(long, value_name = "FILE", requires = "actor_token_type")]
    pub actor_token_file: Option<PathBuf>,

    /// The actor token's type (a URN or a short name, as above)
    #[arg(long, value_name = "URN", requires = "actor_token_file")]
    pub actor_token_type: Option<String>,

    /// The type of token wanted back (a URN or a short name)
    #[arg(long, value_name = "URN")]
    pub requested_token_type: Option<String>,

    /// Exchange anew even when a fresh result is cached
    #[arg(long)]
    pub force: bool,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<RenewFlags>,
}

#[derive(Debug, Args)]
pub struct IntrospectArgs {
    /// Ask about the refresh token instead of the access token
    #[arg(long)]
    pub refresh_token: bool,

    /// `text` (a line per member) or `json` (the provider's answer)
    #[arg(short, long, value_enum, default_value_t = IntrospectFormat::Text)]
    pub output: IntrospectFormat,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: ProviderOptions,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntrospectFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile, or update the keys given for an existing one
    #[command(after_help = PROFILE_ADD_EXAMPLES)]
    Add(Box<ProfileAddArgs>),
    /// List the profiles (`*` marks the default)
    List {
        /// Only the names, one per line (what shell completion reads)
        #[arg(long)]
        names: bool,
    },
    /// Print a profile's settings (secrets redacted)
    Show {
        /// Profile name [default: the current profile]
        name: Option<String>,
    },
    /// Remove a profile from the config file (its tokens stay until `logout`)
    Remove { name: String },
}

#[derive(Debug, Args)]
pub struct ProfileAddArgs {
    /// Profile name
    pub name: String,

    /// Make it the default profile
    #[arg(long)]
    pub default: bool,

    /// Fill in a provider's endpoints, quirks and usual scopes; the flags
    /// given beside it win. Bring your own client id: each preset names the
    /// page where one is made
    #[arg(long, value_name = "PRESET", value_parser = preset_names())]
    pub preset: Option<String>,

    /// The Entra ID tenant of --preset entra: its id, a domain, or
    /// organizations, common or consumers
    #[arg(long, value_name = "TENANT", requires = "preset")]
    pub tenant: Option<String>,

    /// The host name of --preset okta or auth0 (dev-123.okta.com)
    #[arg(long, value_name = "DOMAIN", requires = "preset")]
    pub domain: Option<String>,

    /// The server of --preset gitlab, gitea, github (Enterprise Server) or keycloak
    #[arg(long, value_name = "URL", requires = "preset")]
    pub url: Option<String>,

    /// The realm of --preset keycloak
    #[arg(long, value_name = "REALM", requires = "preset")]
    pub realm: Option<String>,

    // Last: their heading would otherwise cover the options after them.
    #[command(flatten)]
    pub provider: WithFlags<ProfileAddFlags>,
}

const PROFILE_ADD_EXAMPLES: &str = "Examples:
  oauthctl profile add work --issuer https://id.example.com --client-id oauthctl --default
  oauthctl profile add gh --preset github --client-id Iv1.xxxx
  oauthctl profile add ms --preset entra --tenant contoso.onmicrosoft.com --client-id APP_ID
  oauthctl profile add kc --preset keycloak --url https://sso.example.com --realm main \\
      --client-id oauthctl";

/// `--preset`'s values, each with what it takes and where its client id is
/// made; aliases are accepted, not listed.
fn preset_names() -> clap::builder::PossibleValuesParser {
    use clap::builder::PossibleValue;
    clap::builder::PossibleValuesParser::new(crate::presets::PRESETS.iter().map(|preset| {
        PossibleValue::new(preset.name)
            .help(preset.help())
            .aliases(preset.aliases.iter().map(|alias| alias.name))
    }))
}

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Print the kubeconfig `users:` entry that runs `oauthctl token` as
    /// kubectl's exec credential plugin, or write it into a kubeconfig
    #[command(
        after_help = "Examples:\n  oauthctl setup kubectl -p work --id-token\n  oauthctl setup kubectl -p work --id-token --kubeconfig ~/.kube/config\n  kubectl --user oauthctl-work get pods"
    )]
    Kubectl(SetupKubectlArgs),
    /// Make git use oauthctl for HOST (writes the global git config)
    Git(SetupGitArgs),
    /// Make docker (podman, crane, …) use oauthctl for REGISTRY: `credHelpers`
    /// in ~/.docker/config.json (other keys kept, a backup beside it), and
    /// the registry in the profile's `docker_registries`
    #[command(
        after_help = "Example:\n  oauthctl setup docker --registry registry.example.com -p work\n  docker pull registry.example.com/team/app:latest"
    )]
    Docker(SetupDockerArgs),
}

#[derive(Debug, Args)]
pub struct SetupDockerArgs {
    /// A registry host (`HOST` or `HOST:PORT`) to get tokens for (repeat)
    #[arg(long, value_name = "HOST", required = true)]
    pub registry: Vec<String>,

    /// The docker config file [default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json]
    #[arg(long, value_name = "FILE")]
    pub docker_config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SetupKubectlArgs {
    /// The kubeconfig user name [default: oauthctl-PROFILE]
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Write the entry into this kubeconfig (created when missing, else
    /// merged with `kubectl config set-credentials`) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// Have kubectl send the id_token (for Kubernetes' OIDC authenticator)
    /// instead of the access token
    #[arg(long)]
    pub id_token: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Print the login URL instead of opening a browser
    #[arg(long, conflicts_with = "auto_approve")]
    pub no_browser: bool,

    /// Approve the demo's consent page automatically [default when there is no display]
    #[arg(long)]
    pub auto_approve: bool,
}

#[derive(Debug, Subcommand)]
pub enum GenerateCommand {
    /// Print the completion script for SHELL
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write oauthctl.1 and one page per subcommand into DIR
    Man { dir: PathBuf },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
