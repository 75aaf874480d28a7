fn main() -> std::process::ExitCode {
    oauthctl::main()
}
