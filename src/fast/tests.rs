use super::*;
use clap::CommandFactory;
use clap::builder::ValueRange;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestRunner};
use std::any::TypeId;
use std::cell::RefCell;
use std::ffi::OsStr;

fn argv(words: &[&str]) -> Vec<OsString> {
    std::iter::once("oauthctl")
        .chain(words.iter().copied())
        .map(OsString::from)
        .collect()
}

fn line(text: &str) -> Vec<OsString> {
    argv(&text.split_whitespace().collect::<Vec<_>>())
}

/// This process's environment, which clap reads as well: no test here
/// changes it (the one that does runs in a process of its own).
fn process_env(name: &str) -> Option<OsString> {
    std::env::var_os(name)
}

/// Both readings of `args`; a recogniser's reading that clap does not make
/// fails the test.
fn both(command: &mut clap::Command, args: &[OsString]) -> (Option<Cli>, Result<Cli, clap::Error>) {
    let fast = recognise(args, &process_env);
    let full = Cli::parse_with(command, args);
    if let Some(cli) = &fast {
        match &full {
            Ok(full) => assert_eq!(
                format!("{cli:#?}"),
                format!("{full:#?}"),
                "the recogniser and clap read {args:?} differently"
            ),
            Err(err) => panic!("recognised {args:?}, which clap refuses:\n{err}"),
        }
    }
    (fast, full)
}

fn recognised(text: &str) -> Cli {
    let args = line(text);
    match both(&mut Cli::command(), &args) {
        (Some(cli), _) => cli,
        (None, full) => panic!("{text:?} went to clap, which reads it as {full:?}"),
    }
}

/// Left to clap, which refuses it with a usage error (exit 2).
fn refused_by_both(text: &str) {
    let args = line(text);
    let (fast, full) = both(&mut Cli::command(), &args);
    assert!(fast.is_none(), "{text:?} was recognised");
    let err = full.expect_err(text);
    assert!(err.use_stderr(), "{text:?}: {err}");
}

fn left_to_clap(text: &str) -> Result<Cli, clap::Error> {
    let args = line(text);
    let (fast, full) = both(&mut Cli::command(), &args);
    assert!(fast.is_none(), "{text:?} was recognised");
    full
}

fn token_args(cli: &Cli) -> &TokenArgs {
    match &cli.command {
        Command::Token(args) => args,
        other => panic!("not token: {other:?}"),
    }
}

#[test]
fn the_plain_forms_are_understood() {
    for text in [
        "token",
        "token -p work",
        "-p work token",
        "token --profile=work -o header",
        "token -pwork -oheader --min-ttl 30",
        "--store file --config /x/c.toml token -q",
        "token -p work -o exec-credential",
        "--http-timeout 5 token",
    ] {
        recognised(text);
    }
    let cli = recognised("-p a token -o json --min-ttl=5");
    assert_eq!(cli.global.profile.as_deref(), Some("a"));
    assert!(cli.global.profile_on_command_line);
    assert_eq!(token_args(&cli).output.output, Some(OutputFormat::Json));
    assert_eq!(token_args(&cli).provider.own.min_ttl, Some(5));
}

#[test]
fn curl_is_understood_up_to_its_double_dash() {
    let cli = recognised("-p a curl --min-ttl 30 -- -sS -p x https://api");
    let Command::Curl(args) = &cli.command else {
        panic!("not curl: {cli:?}");
    };
    assert_eq!(args.provider.own.min_ttl, Some(30));
    assert_eq!(args.args, ["-sS", "-p", "x", "https://api"]);
    for text in [
        "curl",
        "curl --",
        "curl https://api",
        "curl -sS https://api",
        "curl -o json -- https://api",
        "curl --token-in query -- https://api",
        "curl --retry-rejected -- https://api",
        "curl --scope x -- https://api",
        "token -- https://api",
        "-- curl https://api",
    ] {
        let _ = left_to_clap(text);
    }
}

#[test]
fn everything_else_goes_to_clap() {
    for text in [
        "",
        "refresh",
        "token --help",
        "token -h",
        "--version",
        "token --token-url https://x",
        "token -o yaml",
        "token -o Json",
        "token --min-ttl soon",
        "token --min-ttl +5",
        "token --min-ttl 18446744073709551616",
        "token token",
        "token -p",
        "token -p --min-ttl",
        "-o raw token",
        "--min-ttl 5 token",
        "token -v",
        "token -qv",
        "token -q=x",
        "token --quiet=true",
        "token -p=work",
        "token extra",
        "token --",
        "--store nowhere token",
        "--store File token",
        "token --http-timeout=7x",
        // The id_token's freshness is the token command's to judge.
        "token --id-token",
        "token -o exec-credential --id-token",
    ] {
        let _ = left_to_clap(text);
    }
}

#[test]
fn repeated_profile_is_a_usage_error_on_both_paths() {
    refused_by_both("token -p a -p b");
    refused_by_both("token --profile a -pb");
    refused_by_both("-p a -p b token");
    refused_by_both("curl -p a --profile=b -- https://api");
    // Before and after the command clap takes the second; the recogniser
    // leaves that to it too.
    let cli = left_to_clap("-p a token -p b").expect("clap takes it");
    assert_eq!(cli.global.profile.as_deref(), Some("b"));
}

#[test]
fn repeated_output_is_a_usage_error_on_both_paths() {
    refused_by_both("token -o raw -o json");
    refused_by_both("token -ojson --output=json");
}

#[test]
fn repeated_min_ttl_is_a_usage_error_on_both_paths() {
    refused_by_both("token --min-ttl 5 --min-ttl 6");
    refused_by_both("curl --min-ttl=5 --min-ttl 5 -- https://api");
}

#[test]
fn repeated_store_is_a_usage_error_on_both_paths() {
    refused_by_both("token --store file --store none");
    refused_by_both("--store=file --store file token");
}

#[test]
fn repeated_config_is_a_usage_error_on_both_paths() {
    refused_by_both("token --config a.toml --config b.toml");
}

#[test]
fn repeated_quiet_is_a_usage_error_on_both_paths() {
    refused_by_both("token -q -q");
    refused_by_both("-q token --quiet -q");
}

#[test]
fn config_value_dash_q_is_read_as_clap_reads_it() {
    // `-q` is an option to clap, so --config has no value.
    refused_by_both("token --config -q");
    refused_by_both("--config -q token");
    // Glued on, it is the file's name: clap's reading, and clap's to run.
    let cli = left_to_clap("token --config=-q").expect("clap takes it");
    assert_eq!(cli.global.config, Some(PathBuf::from("-q")));
}

#[test]
fn values_that_look_like_options_or_are_empty_are_clap_s() {
    refused_by_both("token -p -q");
    refused_by_both("token -o --min-ttl");
    refused_by_both("token --min-ttl -1");
    for text in [
        "token -p -",
        "token --profile=",
        "token -p=",
        "curl -p -- -- x",
    ] {
        let _ = left_to_clap(text);
    }
}

#[test]
fn non_utf8_words_are_clap_s() {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        for words in [
            vec![
                OsString::from("token"),
                OsString::from_vec(b"-p\xff".to_vec()),
            ],
            vec![
                OsString::from("--config"),
                OsString::from_vec(b"c\xff.toml".to_vec()),
                OsString::from("token"),
            ],
            vec![
                OsString::from("curl"),
                OsString::from("--"),
                OsString::from_vec(b"\xff".to_vec()),
            ],
        ] {
            let args: Vec<OsString> = std::iter::once(OsString::from("oauthctl"))
                .chain(words)
                .collect();
            let (fast, _) = both(&mut Cli::command(), &args);
            assert!(fast.is_none(), "{args:?}");
        }
    }
}

#[test]
fn an_environment_variable_is_read_as_clap_reads_it() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(var, _)| *var == name)
                .map(|(_, value)| OsString::from(value))
        }
    };
    let cli = recognise(&line("token"), &env(&[("OAUTHCTL_PROFILE", "work")])).unwrap();
    assert_eq!(cli.global.profile.as_deref(), Some("work"));
    assert!(!cli.global.profile_on_command_line);
    let cli = recognise(&line("token -p cli"), &env(&[("OAUTHCTL_PROFILE", "work")])).unwrap();
    assert_eq!(cli.global.profile.as_deref(), Some("cli"));
    assert!(cli.global.profile_on_command_line);
    let cli = recognise(&line("token"), &env(&[("OAUTHCTL_STORE", "file")])).unwrap();
    assert_eq!(cli.global.store, Some(StoreKind::File));
    let cli = recognise(&line("token"), &env(&[("OAUTHCTL_STORE", "kernel+file")])).unwrap();
    assert_eq!(cli.global.store, Some(StoreKind::KernelFile));
    // Set but empty, a value clap refuses, a provider option: clap's.
    for vars in [
        &[("OAUTHCTL_PROFILE", "")][..],
        &[("OAUTHCTL_STORE", "nowhere")],
        &[("OAUTHCTL_HTTP_TIMEOUT", "soon")],
        &[("OAUTHCTL_CLIENT_ID", "")],
        &[("OAUTHCTL_TOKEN_URL", "https://x")],
    ] {
        let vars: &'static [(&str, &str)] = vars;
        assert!(recognise(&line("token"), &env(vars)).is_none(), "{vars:?}");
    }
}

// ---------------------------------------------------------------------------
// The table against the clap definition
// ---------------------------------------------------------------------------

fn built() -> clap::Command {
    let mut command = Cli::command();
    // Propagates the global options into every subcommand.
    command.build();
    command
}

fn subcommand(cli: &clap::Command, verb: Verb) -> &clap::Command {
    cli.find_subcommand(verb.name())
        .unwrap_or_else(|| panic!("cli.rs has no `{}` command", verb.name()))
}

/// The commands where `flag` is defined.
fn places(cli: &clap::Command, flag: &Flag) -> Vec<clap::Command> {
    let verbs: &[Verb] = match flag.scope {
        Scope::Global => &Verb::ALL,
        Scope::After(verbs) => verbs,
    };
    let mut places: Vec<clap::Command> = verbs
        .iter()
        .map(|&verb| subcommand(cli, verb).clone())
        .collect();
    if flag.scope == Scope::Global {
        places.push(cli.clone());
    }
    places
}

#[test]
fn flag_indexes_name_their_flags() {
    for (index, id) in [
        (PROFILE, "profile"),
        (CONFIG, "config"),
        (STORE, "store"),
        (HTTP_TIMEOUT, "http_timeout"),
        (QUIET, "quiet"),
        (OUTPUT, "output"),
        (MIN_TTL, "min_ttl"),
    ] {
        assert_eq!(FLAGS[index].id, id);
    }
}

#[test]
fn the_flag_table_is_the_clap_definition() {
    let cli = built();
    for flag in &FLAGS {
        for place in places(&cli, flag) {
            let what = format!("--{} of {}", flag.long, place.get_name());
            let arg = place
                .get_arguments()
                .find(|arg| arg.get_id() == flag.id)
                .unwrap_or_else(|| {
                    panic!("{what}: cli.rs has no such option (renamed? update FLAGS)")
                });
            same_option(flag, arg, &what);
        }
    }
}

/// `arg` is `flag`, and nothing about it makes clap read a spelling
/// otherwise than [`read`] and [`option`] do.
fn same_option(flag: &Flag, arg: &clap::Arg, what: &str) {
    assert_eq!(arg.get_long(), Some(flag.long), "{what}: its long name");
    assert_eq!(arg.get_short(), flag.short, "{what}: its short name");
    assert_eq!(
        arg.get_env(),
        flag.env.map(OsStr::new),
        "{what}: its variable"
    );
    assert_eq!(
        arg.is_global_set(),
        flag.scope == Scope::Global,
        "{what}: global"
    );
    let (action, values, field) = match flag.kind {
        Kind::Switch => (
            clap::ArgAction::SetTrue,
            ValueRange::EMPTY,
            TypeId::of::<bool>(),
        ),
        Kind::Text => (
            clap::ArgAction::Set,
            ValueRange::SINGLE,
            TypeId::of::<String>(),
        ),
        Kind::Path => (
            clap::ArgAction::Set,
            ValueRange::SINGLE,
            TypeId::of::<PathBuf>(),
        ),
        Kind::Store => (
            clap::ArgAction::Set,
            ValueRange::SINGLE,
            TypeId::of::<StoreKind>(),
        ),
        Kind::Output => (
            clap::ArgAction::Set,
            ValueRange::SINGLE,
            TypeId::of::<OutputFormat>(),
        ),
        Kind::Secs => (
            clap::ArgAction::Set,
            ValueRange::SINGLE,
            TypeId::of::<u64>(),
        ),
    };
    assert_eq!(
        format!("{:?}", arg.get_action()),
        format!("{action:?}"),
        "{what}: a repeat must be an error"
    );
    assert_eq!(arg.get_num_args(), Some(values), "{what}: its values");
    assert!(
        arg.get_value_parser().type_id() == field,
        "{what}: its type"
    );
    let defaults: &[&str] = if flag.kind == Kind::Switch {
        &["false"]
    } else {
        &[]
    };
    assert_eq!(arg.get_default_values(), defaults, "{what}: its default");
    assert_eq!(arg.get_all_aliases(), None, "{what}: aliases");
    assert_eq!(arg.get_all_short_aliases(), None, "{what}: short aliases");
    assert_eq!(arg.get_value_delimiter(), None, "{what}: a delimiter");
    for (set, setting) in [
        (arg.is_allow_hyphen_values_set(), "allow_hyphen_values"),
        (
            arg.is_allow_negative_numbers_set(),
            "allow_negative_numbers",
        ),
        (arg.is_require_equals_set(), "require_equals"),
        (arg.is_ignore_case_set(), "ignore_case"),
        (arg.is_required_set(), "required"),
        (arg.is_exclusive_set(), "exclusive"),
        (arg.is_last_set(), "last"),
    ] {
        assert!(!set, "{what}: {setting}");
    }
}

/// An argument the recogniser never fills must come out of clap as the
/// recogniser leaves it: no default but a switch's `false`, no variable
/// but those that send the call to clap, not required.
#[test]
fn every_other_argument_is_left_as_clap_leaves_it() {
    let cli = built();
    let mut commands = vec![cli.clone()];
    commands.extend(Verb::ALL.map(|verb| subcommand(&cli, verb).clone()));
    for command in &commands {
        for arg in command.get_arguments() {
            let what = format!("{} of {}", arg.get_id(), command.get_name());
            let in_table = FLAGS.iter().any(|flag| flag.id == arg.get_id());
            if in_table {
                continue;
            }
            if arg.is_positional() {
                assert_eq!(command.get_name(), "curl", "{what}: a new positional");
                assert_eq!(arg.get_id(), "args", "{what}");
                assert!(arg.is_trailing_var_arg_set(), "{what}");
                continue;
            }
            if let Some(env) = arg.get_env() {
                assert!(
                    PROVIDER_ENV.iter().any(|name| OsStr::new(name) == env),
                    "{what}: clap reads ${env:?}: add it to fast::PROVIDER_ENV (or FLAGS)"
                );
            }
            let defaults = arg.get_default_values();
            let implicit: &[&str] = match arg.get_action() {
                clap::ArgAction::SetTrue => &["false"],
                clap::ArgAction::Count => &["0"],
                _ => &[],
            };
            assert_eq!(defaults, implicit, "{what}: a default the recogniser lacks");
            assert!(!arg.is_required_set(), "{what}: required");
        }
    }
}

#[test]
fn every_environment_variable_clap_reads_is_known() {
    let cli = built();
    let mut from_clap: Vec<String> = Verb::ALL
        .iter()
        .flat_map(|&verb| subcommand(&cli, verb).get_arguments())
        .chain(cli.get_arguments())
        .filter_map(|arg| arg.get_env())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    from_clap.sort();
    from_clap.dedup();
    let mut known: Vec<String> = PROVIDER_ENV
        .iter()
        .copied()
        .chain(FLAGS.iter().filter_map(|flag| flag.env))
        .map(str::to_owned)
        .collect();
    known.sort();
    assert_eq!(
        from_clap, known,
        "fast::PROVIDER_ENV or FLAGS is out of step with cli.rs"
    );
}

// ---------------------------------------------------------------------------
// The differential property: the same argv to both
// ---------------------------------------------------------------------------

/// A word that is not UTF-8, in place of this marker.
const NOT_UTF8: &str = "<not utf-8>";

fn os(word: &str) -> OsString {
    #[cfg(unix)]
    if word == NOT_UTF8 {
        use std::os::unix::ffi::OsStringExt;
        return OsString::from_vec(b"w\xffx".to_vec());
    }
    OsString::from(word)
}

/// Options by every name cli.rs gives them, the table's and others.
fn flag_name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "-p",
        "--profile",
        "--config",
        "--store",
        "--http-timeout",
        "-q",
        "--quiet",
        "-o",
        "--output",
        "--min-ttl",
        "-v",
        "--verbose",
        "--id-token",
        "--token-url",
        "--client-id",
        "--scope",
        "--token-in",
        "--retry-rejected",
        "--htm",
        "--htu",
        "--body",
        "-h",
        "--help",
        "-V",
        "--version",
        "--profil",
        "--min_ttl",
        "-P",
        "-O",
        "--dpop",
    ])
}

/// Values clap takes, refuses, or might read as options.
fn value() -> impl Strategy<Value = String> {
    let known = prop::sample::select(vec![
        "work",
        "a",
        "",
        "-",
        "--",
        "-q",
        "-p",
        "--quiet",
        "-1",
        "x=y",
        "=x",
        "==",
        "raw",
        "header",
        "json",
        "env",
        "exec-credential",
        "Json",
        "yaml",
        "auto",
        "keyring",
        "file",
        "none",
        "File",
        "kernel",
        "0",
        "30",
        "007",
        "+5",
        " 5",
        "5 ",
        "18446744073709551615",
        "18446744073709551616",
        "token",
        "curl",
        "help",
        "https://api",
        "/tmp/c.toml",
        "é",
        NOT_UTF8,
    ])
    .prop_map(str::to_owned);
    prop_oneof![8 => known, 1 => any::<String>(), 1 => "[ -~]{0,6}"]
}

/// One option in one of clap's spellings (or a switch), as argv words.
fn option_words() -> impl Strategy<Value = Vec<String>> {
    let with_value =
        (flag_name(), value(), 0..4u8).prop_map(|(flag, value, spelling)| match spelling {
            0 | 1 => vec![flag.to_owned(), value],
            2 => vec![format!("{flag}={value}")],
            _ => vec![format!("{flag}{value}")],
        });
    let switch = prop::sample::select(vec!["-q", "--quiet", "-qq", "-v", "-qv", "-vq"])
        .prop_map(|flag| vec![flag.to_owned()]);
    prop_oneof![3 => plausible(false), 3 => with_value, 1 => switch]
}

/// One of the table's options with a value clap takes, in one of its
/// spellings: a global one, or any.
fn plausible(global: bool) -> impl Strategy<Value = Vec<String>> {
    let mut pairs = vec![
        ("-p", "work"),
        ("--profile", "a"),
        ("-p", "token"),
        ("--config", "/tmp/c.toml"),
        ("--store", "file"),
        ("--store", "none"),
        ("--store", "kernel+file"),
        ("--http-timeout", "5"),
        ("-q", ""),
        ("--quiet", ""),
    ];
    if !global {
        pairs.extend([
            ("-o", "json"),
            ("--output", "exec-credential"),
            ("-o", "raw"),
            ("--min-ttl", "30"),
            ("--min-ttl", "0"),
        ]);
    }
    (prop::sample::select(pairs), 0..3u8).prop_map(|((flag, value), spelling)| match spelling {
        _ if value.is_empty() => vec![flag.to_owned()],
        0 => vec![flag.to_owned(), value.to_owned()],
        1 if flag.starts_with("--") => vec![format!("{flag}={value}")],
        _ => vec![format!("{flag}{value}")],
    })
}

/// `[OPTION...] COMMAND [OPTION...] [-- ARG...]`, options repeated at times.
fn shaped() -> impl Strategy<Value = Vec<String>> {
    let verb = prop::sample::select(vec!["token", "token", "token", "curl", "curl", "refresh"]);
    let options = || prop::collection::vec(option_words(), 0..4);
    let tail = prop::option::weighted(0.6, prop::collection::vec(value(), 0..3));
    (options(), verb, options(), tail).prop_map(|(before, verb, after, tail)| {
        let mut words: Vec<String> = before.into_iter().flatten().collect();
        words.push(verb.to_owned());
        words.extend(after.into_iter().flatten());
        if let Some(tail) = tail {
            words.push("--".to_owned());
            words.extend(tail);
        }
        words
    })
}

/// Command lines of plausible options alone, which the recogniser mostly
/// claims: repeats and the odd misplaced option are what it must catch.
fn well_formed() -> impl Strategy<Value = Vec<String>> {
    let before = prop::collection::vec(plausible(true), 0..3);
    let after = prop::collection::vec(plausible(false), 0..3);
    let curl_args = prop::collection::vec(value(), 1..3);
    (before, prop::bool::ANY, after, curl_args).prop_map(|(before, curl, after, curl_args)| {
        let mut words: Vec<String> = before.into_iter().flatten().collect();
        words.push(if curl { "curl" } else { "token" }.to_owned());
        words.extend(after.into_iter().flatten());
        if curl {
            words.push("--".to_owned());
            words.extend(curl_args);
        }
        words
    })
}

/// Any words at all, from the same pieces.
fn loose() -> impl Strategy<Value = Vec<String>> {
    let word = prop_oneof![
        3 => flag_name().prop_map(str::to_owned),
        3 => value(),
        2 => prop::sample::select(vec!["token", "curl", "--"]).prop_map(str::to_owned),
    ];
    prop::collection::vec(word, 0..8)
}

fn argv_words() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![3 => well_formed(), 3 => shaped(), 1 => loose()]
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(22),
        failure_persistence: None,
        ..Config::default()
    })
}

fn to_argv(words: &[String]) -> Vec<OsString> {
    std::iter::once(OsString::from("oauthctl"))
        .chain(words.iter().map(|word| os(word)))
        .collect()
}

#[test]
fn the_recogniser_reads_every_argv_as_clap_does() {
    let command = RefCell::new(Cli::command());
    let claimed = std::cell::Cell::new(0u32);
    runner(3000)
        .run(&argv_words(), |words| {
            let args = to_argv(&words);
            if both(&mut command.borrow_mut(), &args).0.is_some() {
                claimed.set(claimed.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // Only a provider option in this process's environment makes every
    // case clap's; otherwise the recogniser must have claimed some.
    if PROVIDER_ENV
        .iter()
        .all(|name| std::env::var_os(name).is_none())
    {
        assert!(
            claimed.get() > 300,
            "only {} cases recognised",
            claimed.get()
        );
    }
}

/// The variables clap reads for `token` and `curl`, set or not per case.
fn environment() -> impl Strategy<Value = Vec<(&'static str, Option<String>)>> {
    let names: Vec<&'static str> = FLAGS
        .iter()
        .filter_map(|flag| flag.env)
        .chain(["OAUTHCTL_CLIENT_ID"])
        .collect();
    let values: Vec<_> = names
        .iter()
        .map(|_| prop::option::weighted(0.3, value()))
        .collect();
    values.prop_map(move |values| names.iter().copied().zip(values).collect())
}

/// Sets the variables clap reads for `token` and `curl` to `vars`, and
/// removes the others.
///
/// SAFETY: only for tests that run alone in their process (see
/// [`run_alone`]): no other thread may read the environment meanwhile.
#[allow(unsafe_code)]
unsafe fn set_environment(vars: &[(&str, Option<String>)]) {
    let all = PROVIDER_ENV
        .iter()
        .chain(FLAGS.iter().filter_map(|flag| flag.env.as_ref()));
    for name in all {
        // SAFETY: the caller's promise.
        unsafe { std::env::remove_var(name) };
    }
    for (name, value) in vars {
        if let Some(value) = value {
            // SAFETY: as above.
            unsafe { std::env::set_var(name, os(value)) };
        }
    }
}

/// Runs the ignored test `name` of this module in a child process, alone
/// there, since it changes the environment.
fn run_alone(name: &str) {
    let path = module_path!().split_once("::").map_or("", |(_, path)| path);
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            &format!("{path}::{name}"),
            "--exact",
            "--ignored",
            "--test-threads=1",
        ])
        .env("OAUTHCTL_FAST_TEST_CHILD", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn alone() -> bool {
    std::env::var_os("OAUTHCTL_FAST_TEST_CHILD").is_some()
}

#[test]
#[ignore = "run in a child process by the_recogniser_reads_the_environment_as_clap_does"]
fn every_environment_alone() {
    if !alone() {
        return;
    }
    runner(800)
        .run(&(environment(), argv_words()), |(vars, words)| {
            // SAFETY: run_alone runs this test alone in its process.
            #[allow(unsafe_code)]
            unsafe {
                set_environment(&vars)
            };
            // clap reads the variables when the command is built.
            let _ = both(&mut Cli::command(), &to_argv(&words));
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_recogniser_reads_the_environment_as_clap_does() {
    run_alone("every_environment_alone");
}

#[test]
#[ignore = "run in a child process by a_variable_clap_refuses_is_clap_s_even_with_the_option_in_argv"]
fn a_variable_clap_refuses_alone() {
    if !alone() {
        return;
    }
    // clap parses the variable for the level of the command line that
    // lacks the option, and refuses these (found by the fast_path fuzz target).
    for (name, value, text) in [
        ("OAUTHCTL_PROFILE", NOT_UTF8, "token -p ci"),
        ("OAUTHCTL_PROFILE", NOT_UTF8, "-p ci token"),
        ("OAUTHCTL_STORE", "nowhere", "token --store file"),
        ("OAUTHCTL_STORE", "nowhere", "--store file token"),
        (
            "OAUTHCTL_HTTP_TIMEOUT",
            "soon",
            "curl --http-timeout 5 -- https://api",
        ),
    ] {
        // SAFETY: run_alone runs this test alone in its process.
        #[allow(unsafe_code)]
        unsafe {
            set_environment(&[(name, Some(value.to_owned()))])
        };
        let (fast, full) = both(&mut Cli::command(), &line(text));
        assert!(fast.is_none(), "{name}={value:?} {text}");
        assert!(full.is_err(), "{name}={value:?} {text}: clap takes it");
    }
}

#[test]
fn a_variable_clap_refuses_is_clap_s_even_with_the_option_in_argv() {
    run_alone("a_variable_clap_refuses_alone");
}
