# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oauthctl_global_optspecs
    string join \n p/profile= config= store= http-timeout= v/verbose q/quiet h/help V/version
end

function __fish_oauthctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oauthctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oauthctl_using_subcommand
    set -l cmd (__fish_oauthctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oauthctl -n "__fish_oauthctl_needs_command" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_needs_command" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_needs_command" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_needs_command" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "login" -d 'Log in (browser + PKCE, device code, password or any grant) and store the tokens'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "token" -d 'Print the access token, refreshing it first when it is about to expire'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "refresh" -d 'Refresh now, even when the token is still fresh, and print the new access token'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "client-credentials" -d 'Mint a token with the client credentials grant; reuse it while it is fresh'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "cc" -d 'Mint a token with the client credentials grant; reuse it while it is fresh'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "curl" -d 'Run curl with the token injected, never through curl\'s argv'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "exec" -d 'Run any program with a fresh token in its environment, never in its argv'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "logout" -d 'Delete the stored tokens, optionally revoking them at the provider first'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "status" -d 'Show each profile: logged in or not, who, expiry, scopes, store (never a token)'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "inspect" -d 'Decode the stored token\'s JWT header and claims (not verified)'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "introspect" -d 'Ask the provider whether the stored token is active (RFC 7662); exit 1 when not'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "exchange" -d 'Trade a token for another (RFC 8693 token exchange); the result is cached'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "git-credential" -d 'git\'s credential helper: answers `get` with a fresh access token as the password'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "docker-credential" -d 'docker\'s credential-helper protocol (`credHelpers`; also run as docker-credential-oauthctl)'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "setup-git" -d '`setup git`, by its earlier name'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "profile" -d 'Add, list, show or remove profiles in the config file'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "setup" -d 'Set up other tools to get their tokens from oauthctl'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "client-metadata" -d 'Print the client metadata document to host, whose URL is then the client id at servers that take one (--client-metadata-url)'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "demo" -d 'Try oauthctl with no account anywhere: a local authorization server and API, step by step'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "generate" -d 'Write generated shell completions or man pages (for packagers)'
complete -c oauthctl -n "__fish_oauthctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l with-refresh-token -d 'Store a refresh token you already have; `-` reads it from stdin. It is redeemed at once' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l grant-type -d 'Use any other grant type, with its parameters from --param K=V (e.g. `assertion`)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l browser -d 'The browser to open, as a command line: quotes keep a path with spaces one word, `%s` marks the URL [default: the profile\'s browser, else $BROWSER, else the system\'s]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l timeout -d 'Give up waiting for the browser or device approval after this many seconds [default: 300]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l redirect-uri -d 'Fixed loopback redirect URI for `login`, for providers that match it exactly [default: http://127.0.0.1:PORT/callback with a port the OS picks]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l port -d 'Fixed port for `login`\'s loopback redirect (http://127.0.0.1:PORT/callback)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l login-hint -d 'The account to offer at the provider\'s login page (OIDC `login_hint`): with several accounts there, the one this profile is for' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l username -d 'The user name for --password-grant' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l password-grant -d 'Use the resource owner password grant (for providers without a browser flow)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l password-stdin -d 'Read the password from stdin instead of a no-echo prompt (or set $OAUTHCTL_PASSWORD)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l device -d 'Use the device flow (RFC 8628): a code to enter on any device\'s browser'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l no-browser -d 'Print the login URL instead of opening a browser'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l paste -d 'Also read, from stdin, the address the browser ended on (for a browser on another machine, whose redirect to 127.0.0.1 cannot arrive); automatic when no browser opens and stdin is a terminal'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand login" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l htm -d 'With -o header or headers-json, for a DPoP-bound token: the method of the one request the DPoP proof is made for' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l htu -d 'With -o header or headers-json, for a DPoP-bound token: the URL of that request (its query and fragment are left out of the proof)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l no-login -d 'Never log in here: with no usable token left, exit 4 as in CI [default: log in when a terminal or display is there, unless the profile says login = "never"]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l id-token -d 'Hand out the id_token instead of the access token (Kubernetes\' OIDC authenticator checks id_tokens); --min-ttl then applies to its `exp`'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand token" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand refresh" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l force -d 'Mint a new token even when a fresh one is cached'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-credentials" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l force -d 'Mint a new token even when a fresh one is cached'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand cc" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l token-in -d 'Where `oauthctl curl` puts the token [default: the profile\'s token_in, else header]' -r -f -a "header\t'`Authorization: Bearer TOKEN`'
query\t'`access_token=TOKEN` appended to the URL (tokens in URLs end up in logs)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l no-login -d 'Never log in here: with no usable token left, exit 4 as in CI [default: log in when a terminal or display is there, unless the profile says login = "never"]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l retry-rejected -d 'When the API answers 401 invalid_token, refresh and send the request once more. oauthctl then stays the parent of curl and holds the first response back in a private temp dir [default: the profile\'s retry_rejected, else off: curl replaces oauthctl]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand curl" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l env -d 'The environment variable that carries the access token' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l no-login -d 'Never log in here: with no usable token left, exit 4 as in CI [default: log in when a terminal or display is there, unless the profile says login = "never"]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exec" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l revoke -d 'Revoke the refresh and access tokens at the provider first (RFC 7009)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l all -d 'Every profile in the config file, and every token file oauthctl keeps'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand logout" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s o -l output -d 'What to print on stdout' -r -f -a "text\t'One line per profile'
json\t'A JSON array'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l id-token -d 'Decode the id_token instead of the access token'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s o -l output -d '`text` (a line per member) or `json` (the provider\'s answer)' -r -f -a "text\t''
json\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l refresh-token -d 'Ask about the refresh token instead of the access token'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand introspect" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s o -l output -d 'What to print on stdout' -r -f -a "raw\t'The access token and a newline'
header\t'`Authorization: Bearer TOKEN`'
headers-json\t'{"Authorization": "Bearer TOKEN"} (and "DPoP" with --htm/--htu): the header map MCP clients\' headersHelper and similar tools read'
json\t'{"access_token", "token_type", "expires_at", "expires_in", "scope"}'
env\t'`export OAUTHCTL_ACCESS_TOKEN=...` lines for eval'
exec-credential\t'A client.authentication.k8s.io ExecCredential for kubectl\'s exec plugins: v1, or the version $KUBERNETES_EXEC_INFO asks for'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l subject-token-file -d 'Read the subject token from FILE (re-read every time)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l subject-token-env -d 'Read the subject token from the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l subject-token -d '`-`: read the subject token from stdin' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l subject-profile -d 'Use profile Q\'s fresh access token as the subject token' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l subject-token-type -d 'The subject token\'s type: a URN, or access_token, refresh_token, id_token, jwt, saml2 [default: access_token]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l actor-token-file -d 'Read an actor token from FILE (delegation, RFC 8693 §1.1)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l actor-token-type -d 'The actor token\'s type (a URN or a short name, as above)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l requested-token-type -d 'The type of token wanted back (a URN or a short name)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l force -d 'Exchange anew even when a fresh result is cached'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand exchange" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l no-login -d 'Never log in here: with no usable token left, exit 4 as in CI [default: log in when a terminal or display is there, unless the profile says login = "never"]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand git-credential" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l no-login -d 'Never log in here: with no usable token left, exit 4 as in CI [default: log in when a terminal or display is there, unless the profile says login = "never"]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand docker-credential" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -l host -d 'The host git talks to, `HOST` or `HOST:PORT` (https); a URL `https://HOST[:PORT]`, or `http://` for a loopback host, also works. `HOST/ORG/`: only that path\'s repositories (the profile\'s git_hosts must list it), the helper choosing profiles by path' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -l dry-run -d 'Print the git commands instead of running them'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup-git" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add a profile, or update the keys given for an existing one'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List the profiles (`*` marks the default)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Print a profile\'s settings (secrets redacted)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a profile from the config file (its tokens stay until `logout`)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l preset -d 'Fill in a provider\'s endpoints, quirks and usual scopes; the flags given beside it win. Bring your own client id: each preset names the page where one is made' -r -f -a "github\t'GitHub (--url for Enterprise Server); client id from https://github.com/settings/developers'
gitlab\t'GitLab (--url for a self-hosted one); client id from https://gitlab.com/-/user_settings/applications'
bitbucket\t'Bitbucket Cloud; client id from https://bitbucket.org/WORKSPACE/workspace/settings/api (OAuth consumers)'
gitea\t'Gitea or Forgejo at --url (codeberg: https://codeberg.org); client id from URL/user/settings/applications'
google\t'Google; client id from https://console.cloud.google.com/apis/credentials'
entra\t'Microsoft Entra ID (--tenant); client id from https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade'
okta\t'Okta (--domain); client id from https://DOMAIN/admin/apps/active (Create App Integration: OIDC, Native Application)'
auth0\t'Auth0 (--domain); client id from https://manage.auth0.com/dashboard (Applications: Create Application, Native)'
keycloak\t'Keycloak (--url and --realm); client id from URL/admin/master/console/#/REALM/clients'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l tenant -d 'The Entra ID tenant of --preset entra: its id, a domain, or organizations, common or consumers' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l domain -d 'The host name of --preset okta or auth0 (dev-123.okta.com)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l url -d 'The server of --preset gitlab, gitea, github (Enterprise Server) or keycloak' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l realm -d 'The realm of --preset keycloak' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-env -d 'Read the client secret from this environment variable at run time' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-cmd -d 'Run this command to get the client secret at run time (e.g. a password manager)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l token-in -d 'Where `oauthctl curl` puts the token [default: the profile\'s token_in, else header]' -r -f -a "header\t'`Authorization: Bearer TOKEN`'
query\t'`access_token=TOKEN` appended to the URL (tokens in URLs end up in logs)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l redirect-uri -d 'Fixed loopback redirect URI for `login`, for providers that match it exactly [default: http://127.0.0.1:PORT/callback with a port the OS picks]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l port -d 'Fixed port for `login`\'s loopback redirect (http://127.0.0.1:PORT/callback)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l min-ttl -d 'Renew first when fewer than this many seconds are left [default: the profile\'s min_ttl, else 60]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l login-hint -d 'The account to offer at the provider\'s login page (OIDC `login_hint`): with several accounts there, the one this profile is for' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l username -d 'The user name for --password-grant' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l git-host -d 'A host (`HOST`, `HOST:PORT`, `HOST/PATH/`) `git-credential` answers for with this profile, without -p (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l docker-registry -d 'A registry (`HOST`, `HOST:PORT`) `docker-credential` answers for with this profile (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l issuer -d 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth-url -d 'Authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l token-url -d 'Token endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l device-url -d 'Device authorization endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l revocation-url -d 'Token revocation endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l introspection-url -d 'Token introspection endpoint (wins over discovery)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-id -d 'Client id' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret -d 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-secret-file -d 'Read the client secret from this file (first line)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l resource-url -d 'Start from a protected resource: its metadata (RFC 9728) names the authorization server; a client is registered there (RFC 7591) when none is configured, and saved in the profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l cacert -d 'Also trust the CA certificates in this PEM file for the provider\'s endpoints' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-cert -d 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-cert-key -d 'The private key (PEM) of --client-cert' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l credentials-file -d 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-auth -d 'How the client authenticates [default: basic with a secret, else none]' -r -f -a "basic\t'HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw once when the server refuses them and the encoding changed them'
basic-raw\t'HTTP Basic with the raw `id:secret`, for servers that do not form-decode'
post\t'client_id and client_secret in the request body'
none\t'client_id in the body, no secret (public clients)'
tls\t'A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert'
private-key-jwt\t'a JWT signed with --client-key, fresh for each request (RFC 7523 §2.2)'
client-secret-jwt\t'a JWT signed with the client secret (HS256, or --client-key-alg)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-key -d 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-key-id -d 'The key id (`kid`) in signed client assertions [default: the JWK\'s kid, if any]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-key-alg -d 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]' -r -f -a "HS256\t''
HS384\t''
HS512\t''
RS256\t''
RS384\t''
RS512\t''
PS256\t''
PS384\t''
PS512\t''
ES256\t''
ES384\t''
EdDSA\t''"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-aud -d 'The `aud` of signed client assertions [default: token-endpoint]' -r -f -a "token-endpoint\t'the token endpoint\'s URL, for every endpoint (the default)'
issuer\t'the issuer (--issuer)'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l assertion-file -d 'The JWT bearer grant\'s assertion, ready-made in FILE (else signed with --client-key)' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-file -d 'A ready-made client assertion in FILE, read again for every request' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-env -d 'A ready-made client assertion in the environment variable VAR' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion-cmd -d 'Run CMD for a fresh client assertion before every request (its first line)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-assertion -d 'A CI runner\'s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l body -d 'Encoding of token requests [default: form]' -r -f -a "form\t'application/x-www-form-urlencoded'
json\t'application/json, for providers that want it'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l scope -d 'Scope to request (repeat, or separate with spaces)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l audience -d 'Audience to request' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l resource -d 'Resource indicator to request (RFC 8707)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l param -d 'Extra token-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l auth-param -d 'Extra authorization-request parameter (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l grant -d 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l client-metadata-url -d 'With no client id configured: the https URL of a client metadata document (`oauthctl client-metadata`), the client id where the server takes one, before registering a client' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l default -d 'Make it the default profile'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l par -d 'Push the authorization request first (RFC 9126 PAR); automatic when the provider requires it'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -l dpop -d 'Bind the tokens to a key of this login\'s (RFC 9449 DPoP): every request carries a fresh proof, made by oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l names -d 'Only the names, one per line (what shell completion reads)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a profile, or update the keys given for an existing one'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles (`*` marks the default)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a profile\'s settings (secrets redacted)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a profile from the config file (its tokens stay until `logout`)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -f -a "kubectl" -d 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl\'s exec credential plugin, or write it into a kubeconfig'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -f -a "git" -d 'Make git use oauthctl for HOST (writes the global git config)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -f -a "docker" -d 'Make docker (podman, crane, …) use oauthctl for REGISTRY: `credHelpers` in ~/.docker/config.json (other keys kept, a backup beside it), and the registry in the profile\'s `docker_registries`'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and not __fish_seen_subcommand_from kubectl git docker help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l user -d 'The kubeconfig user name [default: oauthctl-PROFILE]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l kubeconfig -d 'Write the entry into this kubeconfig (created when missing, else merged with `kubectl config set-credentials`) instead of printing it' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -l id-token -d 'Have kubectl send the id_token (for Kubernetes\' OIDC authenticator) instead of the access token'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from kubectl" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -l host -d 'The host git talks to, `HOST` or `HOST:PORT` (https); a URL `https://HOST[:PORT]`, or `http://` for a loopback host, also works. `HOST/ORG/`: only that path\'s repositories (the profile\'s git_hosts must list it), the helper choosing profiles by path' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -l dry-run -d 'Print the git commands instead of running them'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from git" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -l registry -d 'A registry host (`HOST` or `HOST:PORT`) to get tokens for (repeat)' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -l docker-config -d 'The docker config file [default: $DOCKER_CONFIG/config.json, else ~/.docker/config.json]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from docker" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "kubectl" -d 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl\'s exec credential plugin, or write it into a kubeconfig'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "git" -d 'Make git use oauthctl for HOST (writes the global git config)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "docker" -d 'Make docker (podman, crane, …) use oauthctl for REGISTRY: `credHelpers` in ~/.docker/config.json (other keys kept, a backup beside it), and the registry in the profile\'s `docker_registries`'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand setup; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -l url -d 'Where the document will be hosted: an https URL with a path, which is its client_id [default: the profile\'s client_metadata_url]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand client-metadata" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -l no-browser -d 'Print the login URL instead of opening a browser'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -l auto-approve -d 'Approve the demo\'s consent page automatically [default when there is no display]'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "completions" -d 'Print the completion script for SHELL'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "man" -d 'Write oauthctl.1 and one page per subcommand into DIR'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and not __fish_seen_subcommand_from completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from completions" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -s p -l profile -d 'Profile in the config file [default: `default_profile` from the file, else `default`]' -r -f -a "(oauthctl profile list --names 2>/dev/null)"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]' -r -F
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -l store -d 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers' -r -f -a "auto\t'The OS keychain, or the file store when no keychain answers'
keyring\t'The OS keychain only (Secret Service, macOS Keychain, Windows Credential Manager)'
file\t'0600 files in a 0700 directory'
kernel\t'The Linux kernel keyring (keyutils): in memory, never on disk, gone at reboot'
kernel+file\t'The kernel keyring, with a copy in the file store that outlives a reboot'
none\t'Keep nothing: every call mints or fails'"
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -l http-timeout -d 'Time limit for each HTTP request, in seconds [default: 30]' -r
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -s v -l verbose -d 'More diagnostics on stderr (repeat for more); secrets are always redacted'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -s q -l quiet -d 'Only errors on stderr'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from man" -s V -l version -d 'Print version'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "completions" -d 'Print the completion script for SHELL'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "man" -d 'Write oauthctl.1 and one page per subcommand into DIR'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "login" -d 'Log in (browser + PKCE, device code, password or any grant) and store the tokens'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "token" -d 'Print the access token, refreshing it first when it is about to expire'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "refresh" -d 'Refresh now, even when the token is still fresh, and print the new access token'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "client-credentials" -d 'Mint a token with the client credentials grant; reuse it while it is fresh'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "curl" -d 'Run curl with the token injected, never through curl\'s argv'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "exec" -d 'Run any program with a fresh token in its environment, never in its argv'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "logout" -d 'Delete the stored tokens, optionally revoking them at the provider first'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "status" -d 'Show each profile: logged in or not, who, expiry, scopes, store (never a token)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "inspect" -d 'Decode the stored token\'s JWT header and claims (not verified)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "introspect" -d 'Ask the provider whether the stored token is active (RFC 7662); exit 1 when not'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "exchange" -d 'Trade a token for another (RFC 8693 token exchange); the result is cached'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "git-credential" -d 'git\'s credential helper: answers `get` with a fresh access token as the password'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "docker-credential" -d 'docker\'s credential-helper protocol (`credHelpers`; also run as docker-credential-oauthctl)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "setup-git" -d '`setup git`, by its earlier name'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "profile" -d 'Add, list, show or remove profiles in the config file'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "setup" -d 'Set up other tools to get their tokens from oauthctl'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "client-metadata" -d 'Print the client metadata document to host, whose URL is then the client id at servers that take one (--client-metadata-url)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "demo" -d 'Try oauthctl with no account anywhere: a local authorization server and API, step by step'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "generate" -d 'Write generated shell completions or man pages (for packagers)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and not __fish_seen_subcommand_from login token refresh client-credentials curl exec logout status inspect introspect exchange git-credential docker-credential setup-git profile setup client-metadata demo generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "add" -d 'Add a profile, or update the keys given for an existing one'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles (`*` marks the default)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Print a profile\'s settings (secrets redacted)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "remove" -d 'Remove a profile from the config file (its tokens stay until `logout`)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "kubectl" -d 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl\'s exec credential plugin, or write it into a kubeconfig'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "git" -d 'Make git use oauthctl for HOST (writes the global git config)'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from setup" -f -a "docker" -d 'Make docker (podman, crane, …) use oauthctl for REGISTRY: `credHelpers` in ~/.docker/config.json (other keys kept, a backup beside it), and the registry in the profile\'s `docker_registries`'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "completions" -d 'Print the completion script for SHELL'
complete -c oauthctl -n "__fish_oauthctl_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "man" -d 'Write oauthctl.1 and one page per subcommand into DIR'
