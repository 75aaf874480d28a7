
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oauthctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oauthctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oauthctl' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in (browser + PKCE, device code, password or any grant) and store the tokens')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the access token, refreshing it first when it is about to expire')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh now, even when the token is still fresh, and print the new access token')
            [CompletionResult]::new('client-credentials', 'client-credentials', [CompletionResultType]::ParameterValue, 'Mint a token with the client credentials grant; reuse it while it is fresh')
            [CompletionResult]::new('cc', 'cc', [CompletionResultType]::ParameterValue, 'Mint a token with the client credentials grant; reuse it while it is fresh')
            [CompletionResult]::new('curl', 'curl', [CompletionResultType]::ParameterValue, 'Run curl with the token injected, never through curl''s argv')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run any program with a fresh token in its environment, never in its argv')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the stored tokens, optionally revoking them at the provider first')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each profile: logged in or not, who, expiry, scopes, store (never a token)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode the stored token''s JWT header and claims (not verified)')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'Ask the provider whether the stored token is active (RFC 7662); exit 1 when not')
            [CompletionResult]::new('exchange', 'exchange', [CompletionResultType]::ParameterValue, 'Trade a token for another (RFC 8693 token exchange); the result is cached')
            [CompletionResult]::new('git-credential', 'git-credential', [CompletionResultType]::ParameterValue, 'git''s credential helper: answers `get` with a fresh access token as the password')
            [CompletionResult]::new('docker-credential', 'docker-credential', [CompletionResultType]::ParameterValue, 'docker''s credential-helper protocol (`credHelpers`; also run as docker-credential-oauthctl)')
            [CompletionResult]::new('setup-git', 'setup-git', [CompletionResultType]::ParameterValue, 'Make git use oauthctl for HOST (writes the global git config)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Add, list, show or remove profiles in the config file')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Set up other tools to get their tokens from oauthctl')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try oauthctl with no account anywhere: a local authorization server and API, step by step')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write generated shell completions or man pages (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;login' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--with-refresh-token', '--with-refresh-token', [CompletionResultType]::ParameterName, 'Store a refresh token you already have; `-` reads it from stdin. It is redeemed at once')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'Username for --password-grant')
            [CompletionResult]::new('--grant-type', '--grant-type', [CompletionResultType]::ParameterName, 'Use any other grant type, with its parameters from --param K=V (e.g. `assertion`)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Fixed loopback redirect URI, for providers that match it exactly [default: http://127.0.0.1:PORT/callback with a port the OS picks]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Fixed port for the loopback redirect (http://127.0.0.1:PORT/callback)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting for the browser or device approval after this many seconds [default: 300]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--password-grant', '--password-grant', [CompletionResultType]::ParameterName, 'Use the resource owner password grant (for providers without a browser flow)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from stdin instead of a no-echo prompt (or set $OAUTHCTL_PASSWORD)')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Use the device flow (RFC 8628): a code to enter on any device''s browser')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the login URL instead of opening a browser')
            [CompletionResult]::new('--paste', '--paste', [CompletionResultType]::ParameterName, 'Also read, from stdin, the address the browser ended on (for a browser on another machine, whose redirect to 127.0.0.1 cannot arrive); automatic when no browser opens and stdin is a terminal')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;token' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Refresh first when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--id-token', '--id-token', [CompletionResultType]::ParameterName, 'Hand out the id_token instead of the access token (Kubernetes'' OIDC authenticator checks id_tokens); --min-ttl then applies to its `exp`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;refresh' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;client-credentials' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Reuse a cached token only with more than this many seconds left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Mint a new token even when a fresh one is cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;cc' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Reuse a cached token only with more than this many seconds left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Mint a new token even when a fresh one is cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;curl' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('--token-in', '--token-in', [CompletionResultType]::ParameterName, 'Where the token goes [default: the profile''s token_in, else header]')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Refresh first when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--retry-rejected', '--retry-rejected', [CompletionResultType]::ParameterName, 'When the API answers 401 invalid_token, refresh and send the request once more. oauthctl then stays the parent of curl and holds the first response back in a private temp dir [default: the profile''s retry_rejected, else off: curl replaces oauthctl]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;exec' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment variable that carries the access token')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Refresh first when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;logout' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--revoke', '--revoke', [CompletionResultType]::ParameterName, 'Revoke the refresh and access tokens at the provider first (RFC 7009)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile in the config file, and every token file oauthctl keeps')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;status' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;inspect' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--id-token', '--id-token', [CompletionResultType]::ParameterName, 'Decode the id_token instead of the access token')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;introspect' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, '`text` (a line per member) or `json` (the provider''s answer)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, '`text` (a line per member) or `json` (the provider''s answer)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--refresh-token', '--refresh-token', [CompletionResultType]::ParameterName, 'Ask about the refresh token instead of the access token')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;exchange' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'What to print on stdout')
            [CompletionResult]::new('--subject-token-file', '--subject-token-file', [CompletionResultType]::ParameterName, 'Read the subject token from FILE (re-read every time)')
            [CompletionResult]::new('--subject-token-env', '--subject-token-env', [CompletionResultType]::ParameterName, 'Read the subject token from the environment variable VAR')
            [CompletionResult]::new('--subject-token', '--subject-token', [CompletionResultType]::ParameterName, '`-`: read the subject token from stdin')
            [CompletionResult]::new('--subject-profile', '--subject-profile', [CompletionResultType]::ParameterName, 'Use profile Q''s fresh access token as the subject token')
            [CompletionResult]::new('--subject-token-type', '--subject-token-type', [CompletionResultType]::ParameterName, 'The subject token''s type: a URN, or access_token, refresh_token, id_token, jwt, saml2 [default: access_token]')
            [CompletionResult]::new('--actor-token-file', '--actor-token-file', [CompletionResultType]::ParameterName, 'Read an actor token from FILE (delegation, RFC 8693 §1.1)')
            [CompletionResult]::new('--actor-token-type', '--actor-token-type', [CompletionResultType]::ParameterName, 'The actor token''s type (a URN or a short name, as above)')
            [CompletionResult]::new('--requested-token-type', '--requested-token-type', [CompletionResultType]::ParameterName, 'The type of token wanted back (a URN or a short name)')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Exchange again when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Exchange anew even when a fresh result is cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;git-credential' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Refresh first when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;docker-credential' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('--min-ttl', '--min-ttl', [CompletionResultType]::ParameterName, 'Refresh first when less than this many seconds are left [default: 60]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;setup-git' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The host git talks to, `HOST` or `HOST:PORT` (https); a URL `https://HOST[:PORT]`, or `http://` for a loopback host, also works')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the git commands instead of running them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;profile' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile, or update the keys given for an existing one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (`*` marks the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a profile''s settings (secrets redacted)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (its tokens stay until `logout`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;profile;add' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'Discover endpoints from this issuer (OIDC discovery, then RFC 8414)')
            [CompletionResult]::new('--auth-url', '--auth-url', [CompletionResultType]::ParameterName, 'Authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint (wins over discovery)')
            [CompletionResult]::new('--device-url', '--device-url', [CompletionResultType]::ParameterName, 'Device authorization endpoint (wins over discovery)')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Token revocation endpoint (wins over discovery)')
            [CompletionResult]::new('--introspection-url', '--introspection-url', [CompletionResultType]::ParameterName, 'Token introspection endpoint (wins over discovery)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client id')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret; `-` reads it from stdin. A value here is visible to other users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (first line)')
            [CompletionResult]::new('--cacert', '--cacert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file for the provider''s endpoints')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'A client certificate (PEM): with --client-cert-key, presented to the provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound tokens); with --client-key, named in assertions by thumbprint (Entra ID)')
            [CompletionResult]::new('--client-cert-key', '--client-cert-key', [CompletionResultType]::ParameterName, 'The private key (PEM) of --client-cert')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON {"client_id", "client_secret"} file')
            [CompletionResult]::new('--client-auth', '--client-auth', [CompletionResultType]::ParameterName, 'How the client authenticates [default: basic with a secret, else none]')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK (or a JWKS with one key). Given alone, it implies private-key-jwt')
            [CompletionResult]::new('--client-key-id', '--client-key-id', [CompletionResultType]::ParameterName, 'The key id (`kid`) in signed client assertions [default: the JWK''s kid, if any]')
            [CompletionResult]::new('--client-key-alg', '--client-key-alg', [CompletionResultType]::ParameterName, 'The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384 for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]')
            [CompletionResult]::new('--client-assertion-aud', '--client-assertion-aud', [CompletionResultType]::ParameterName, 'The `aud` of signed client assertions [default: token-endpoint]')
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'The JWT bearer grant''s assertion, ready-made in FILE (else signed with --client-key)')
            [CompletionResult]::new('--client-assertion-file', '--client-assertion-file', [CompletionResultType]::ParameterName, 'A ready-made client assertion in FILE, read again for every request')
            [CompletionResult]::new('--client-assertion-env', '--client-assertion-env', [CompletionResultType]::ParameterName, 'A ready-made client assertion in the environment variable VAR')
            [CompletionResult]::new('--client-assertion-cmd', '--client-assertion-cmd', [CompletionResultType]::ParameterName, 'Run CMD for a fresh client assertion before every request (its first line)')
            [CompletionResult]::new('--client-assertion', '--client-assertion', [CompletionResultType]::ParameterName, 'A CI runner''s own OIDC token as the client assertion: github-actions[=AUDIENCE] (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Encoding of token requests [default: form]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scope to request (repeat, or separate with spaces)')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'Audience to request')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'Resource indicator to request (RFC 8707)')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Extra token-request parameter (repeat)')
            [CompletionResult]::new('--auth-param', '--auth-param', [CompletionResultType]::ParameterName, 'Extra authorization-request parameter (repeat)')
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'What `token`, `curl` and `exec` mint with when nothing is stored (client_credentials), so that CI needs no login and no profile')
            [CompletionResult]::new('--client-secret-env', '--client-secret-env', [CompletionResultType]::ParameterName, 'Read the client secret from this environment variable at run time')
            [CompletionResult]::new('--client-secret-cmd', '--client-secret-cmd', [CompletionResultType]::ParameterName, 'Run this command to get the client secret at run time (e.g. a password manager)')
            [CompletionResult]::new('--token-in', '--token-in', [CompletionResultType]::ParameterName, 'How `oauthctl curl` passes the token')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'Fixed loopback redirect URI for `login`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make it the default profile')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;profile;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--names', '--names', [CompletionResultType]::ParameterName, 'Only the names, one per line (what shell completion reads)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;profile;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;profile;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;profile;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile, or update the keys given for an existing one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (`*` marks the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a profile''s settings (secrets redacted)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (its tokens stay until `logout`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;profile;help;add' {
            break
        }
        'oauthctl;profile;help;list' {
            break
        }
        'oauthctl;profile;help;show' {
            break
        }
        'oauthctl;profile;help;remove' {
            break
        }
        'oauthctl;profile;help;help' {
            break
        }
        'oauthctl;setup' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl''s exec credential plugin, or write it into a kubeconfig')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;setup;kubectl' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user name [default: oauthctl-PROFILE]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Write the entry into this kubeconfig (created when missing, else merged with `kubectl config set-credentials`) instead of printing it')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--id-token', '--id-token', [CompletionResultType]::ParameterName, 'Have kubectl send the id_token (for Kubernetes'' OIDC authenticator) instead of the access token')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;setup;help' {
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl''s exec credential plugin, or write it into a kubeconfig')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;setup;help;kubectl' {
            break
        }
        'oauthctl;setup;help;help' {
            break
        }
        'oauthctl;demo' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the login URL instead of opening a browser')
            [CompletionResult]::new('--auto-approve', '--auto-approve', [CompletionResultType]::ParameterName, 'Approve the demo''s consent page automatically [default when there is no display]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;generate' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for SHELL')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write oauthctl.1 and one page per subcommand into DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;generate;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;generate;man' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile in the config file [default: `default_profile` from the file, else `default`]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/oauthctl/config.toml]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Where tokens live; `auto` is the OS keychain, falling back to files when none answers')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Time limit for each HTTP request, in seconds [default: 30]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More diagnostics on stderr (repeat for more); secrets are always redacted')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'oauthctl;generate;help' {
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for SHELL')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write oauthctl.1 and one page per subcommand into DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;generate;help;completions' {
            break
        }
        'oauthctl;generate;help;man' {
            break
        }
        'oauthctl;generate;help;help' {
            break
        }
        'oauthctl;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Log in (browser + PKCE, device code, password or any grant) and store the tokens')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print the access token, refreshing it first when it is about to expire')
            [CompletionResult]::new('refresh', 'refresh', [CompletionResultType]::ParameterValue, 'Refresh now, even when the token is still fresh, and print the new access token')
            [CompletionResult]::new('client-credentials', 'client-credentials', [CompletionResultType]::ParameterValue, 'Mint a token with the client credentials grant; reuse it while it is fresh')
            [CompletionResult]::new('curl', 'curl', [CompletionResultType]::ParameterValue, 'Run curl with the token injected, never through curl''s argv')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run any program with a fresh token in its environment, never in its argv')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the stored tokens, optionally revoking them at the provider first')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each profile: logged in or not, who, expiry, scopes, store (never a token)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Decode the stored token''s JWT header and claims (not verified)')
            [CompletionResult]::new('introspect', 'introspect', [CompletionResultType]::ParameterValue, 'Ask the provider whether the stored token is active (RFC 7662); exit 1 when not')
            [CompletionResult]::new('exchange', 'exchange', [CompletionResultType]::ParameterValue, 'Trade a token for another (RFC 8693 token exchange); the result is cached')
            [CompletionResult]::new('git-credential', 'git-credential', [CompletionResultType]::ParameterValue, 'git''s credential helper: answers `get` with a fresh access token as the password')
            [CompletionResult]::new('docker-credential', 'docker-credential', [CompletionResultType]::ParameterValue, 'docker''s credential-helper protocol (`credHelpers`; also run as docker-credential-oauthctl)')
            [CompletionResult]::new('setup-git', 'setup-git', [CompletionResultType]::ParameterValue, 'Make git use oauthctl for HOST (writes the global git config)')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Add, list, show or remove profiles in the config file')
            [CompletionResult]::new('setup', 'setup', [CompletionResultType]::ParameterValue, 'Set up other tools to get their tokens from oauthctl')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Try oauthctl with no account anywhere: a local authorization server and API, step by step')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write generated shell completions or man pages (for packagers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oauthctl;help;login' {
            break
        }
        'oauthctl;help;token' {
            break
        }
        'oauthctl;help;refresh' {
            break
        }
        'oauthctl;help;client-credentials' {
            break
        }
        'oauthctl;help;curl' {
            break
        }
        'oauthctl;help;exec' {
            break
        }
        'oauthctl;help;logout' {
            break
        }
        'oauthctl;help;status' {
            break
        }
        'oauthctl;help;inspect' {
            break
        }
        'oauthctl;help;introspect' {
            break
        }
        'oauthctl;help;exchange' {
            break
        }
        'oauthctl;help;git-credential' {
            break
        }
        'oauthctl;help;docker-credential' {
            break
        }
        'oauthctl;help;setup-git' {
            break
        }
        'oauthctl;help;profile' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a profile, or update the keys given for an existing one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (`*` marks the default)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a profile''s settings (secrets redacted)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a profile from the config file (its tokens stay until `logout`)')
            break
        }
        'oauthctl;help;profile;add' {
            break
        }
        'oauthctl;help;profile;list' {
            break
        }
        'oauthctl;help;profile;show' {
            break
        }
        'oauthctl;help;profile;remove' {
            break
        }
        'oauthctl;help;setup' {
            [CompletionResult]::new('kubectl', 'kubectl', [CompletionResultType]::ParameterValue, 'Print the kubeconfig `users:` entry that runs `oauthctl token` as kubectl''s exec credential plugin, or write it into a kubeconfig')
            break
        }
        'oauthctl;help;setup;kubectl' {
            break
        }
        'oauthctl;help;demo' {
            break
        }
        'oauthctl;help;generate' {
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script for SHELL')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write oauthctl.1 and one page per subcommand into DIR')
            break
        }
        'oauthctl;help;generate;completions' {
            break
        }
        'oauthctl;help;generate;man' {
            break
        }
        'oauthctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
