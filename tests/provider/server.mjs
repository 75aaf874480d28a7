// A real OAuth 2.0 / OpenID Connect authorization server for oauthctl's
// integration tests: panva's oidc-provider (OpenID Certified), configured with
// fixed test clients. Started by tests/cli/support/oidc.rs.
//
// Protocol with the test harness:
// - listens on 127.0.0.1, port 0 (the kernel picks a free port, no races);
// - prints exactly one line `READY http://127.0.0.1:<port>` on stdout when it
//   serves requests; everything else goes to stderr;
// - exits on SIGTERM/SIGINT and, with `--exit-with-stdin`, when its stdin
//   closes, so a server orphaned by a killed test run does not linger.
//
// Tokens: every access token is OPAQUE and lives 300 s. Client-credentials
// tokens are issued for the resource `<issuer>/api` (the default resource);
// authorization-code / refresh / device tokens carrying `openid` are
// userinfo tokens, without `openid` they are for `<issuer>/api` too. Both kinds
// are accepted by `GET /api/me`.
//
// Signed-JWT client authentication (RFC 7523 §2.2): with the environment
// variable OAUTHCTL_TEST_KEY_DIR set, the server generates at start an RSA-2048,
// an EC P-256, an EC P-384 and an Ed25519 key pair and writes the private keys
// into that directory (mode 0600) as rsa.pkcs8.pem, rsa.pkcs1.pem, rsa.jwk.json,
// p256.pkcs8.pem, p256.sec1.pem, p256.jwk.json, p384.pkcs8.pem, p384.sec1.pem,
// ed25519.pkcs8.pem and ed25519.jwk.json (JWKs with their kid: rsa, p256, p384,
// ed25519), plus other.pkcs8.pem, a P-256 key registered nowhere. It then
// registers, all client credentials only:
// - `ci-key` (private_key_jwt, the four public keys in its jwks),
// - `ci-key-issuer` (the same, but its assertions' aud must be the issuer),
// - `ci-secret-jwt` (client_secret_jwt, secret CLIENT_SECRET_JWT_SECRET below).
// Stricter than oidc-provider: an assertion's aud must be the token endpoint
// whatever endpoint is called (the issuer for ci-key-issuer), sub must equal
// iss, typ must be JWT, and it may live at most 60 s from its iat.
//
// Stricter than oidc-provider: a client registered for client_secret_basic
// that sends its secret in the body (or the reverse) gets invalid_client,
// and a pushed authorization request without client_id in its body gets
// invalid_request (as Spring Authorization Server answers).
//
// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document):
// with OAUTHCTL_TEST_CIMD_DIR set, an https URL is taken as a client_id
// (client_id_metadata_document_supported in the metadata) and the document is
// fetched there, as oidc-provider does it: the document's client_id must be
// its URL, and a native client's loopback redirect URIs match any port. The
// server trusts the tests' CA for that fetch (the harness sets
// NODE_EXTRA_CA_CERTS), and its guard against fetching special-use addresses
// is off, since 127.0.0.1 is the only address tests use. The server is also
// the document's static host: GET /clients/<name> serves the file <name> of
// that directory. With OAUTHCTL_TEST_NO_REGISTRATION set, there is no
// dynamic registration (RFC 7591) either.
//
// Test-only endpoints (not part of oidc-provider):
// - GET  /test/stats  counts of requests since start or the last reset, taken
//        before oidc-provider handles them (so failed requests count too):
//        {"grant_types": {"<grant_type>": n, ...}, "token_requests": n,
//         "revocation_requests": n, "introspection_requests": n,
//         "device_authorization_requests": n, "userinfo_requests": n,
//         "dpop_proofs_at_token_endpoint": n, "dpop_proofs_at_par_endpoint": n,
//         "dpop_api_requests": n,
//         "dpop_nonce_challenges": n, "registration_requests": n,
//         "client_metadata_document_requests": n}
// - POST /test/reset  zeroes those counts (204)
// - /mcp/tenant1       a path-scoped protected resource (MCP 2025-11-25
//        discovery): a token for it gets 200 and the same JSON as /api/me;
//        anything else 401 with `WWW-Authenticate: Bearer
//        resource_metadata="<issuer>/.well-known/oauth-protected-resource/mcp/tenant1",
//        scope="mcp:read mcp:admin"`. Its metadata lists mcp:read and
//        mcp:tools; tokens for it carry at most those (mcp:admin is never
//        granted, so what was asked and granted differ).
// - GET  /api/me      a protected resource: a valid access token in
//        `Authorization: Bearer` or `?access_token=` gets 200 and
//        {"sub", "client_id", "scope", "token_kind"}; anything else gets 401 with
//        `WWW-Authenticate: Bearer realm="api", error="invalid_token"`.
//        A DPoP-bound token (clients cli-dpop, ci-dpop) counts only as
//        `Authorization: DPoP` with a proof that fits the request and the
//        token (RFC 9449 §7); GET /api/nonce/me also wants the API's nonce in
//        it, asked for with a 401 use_dpop_nonce. The token endpoint wants
//        the server's nonce in every proof.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';

// oidc-provider prints notices with console.info (stdout). Keep stdout for the
// READY line only.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const { default: Provider, errors } = await import('oidc-provider');

const ACCESS_TOKEN_TTL = 300;
const SCOPES = ['openid', 'offline_access', 'profile', 'email', 'api:read', 'api:write', 'mcp:read', 'mcp:tools', 'mcp:admin'];
const API_SCOPES = 'api:read api:write';
// RFC 6749 §2.3.1: this must be form-urlencoded before Basic encoding.
const SPECIAL_SECRET = 'p@ss:w/rd+&=%~ x';
const REDIRECT_URIS = ['http://127.0.0.1/callback'];
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

// application_type "native" for every client with a redirect URI: RFC 8252
// loopback redirects then match on host and path, with any port, so an
// oauthctl loopback listener on an ephemeral port is accepted.
const CLIENTS = [
  {
    client_id: 'cli-public',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', DEVICE_CODE],
    response_types: ['code'],
    redirect_uris: REDIRECT_URIS,
  },
  {
    client_id: 'web-basic',
    client_secret: SPECIAL_SECRET,
    application_type: 'native',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    redirect_uris: REDIRECT_URIS,
  },
  {
    client_id: 'web-post',
    client_secret: 'post-secret-123',
    application_type: 'native',
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    redirect_uris: REDIRECT_URIS,
  },
  {
    client_id: 'ci-basic',
    client_secret: SPECIAL_SECRET,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: API_SCOPES,
  },
  {
    client_id: 'ci-post',
    client_secret: 'ci-post-secret',
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  },
  // DPoP (RFC 9449): this client's tokens must be bound to a key.
  {
    client_id: 'cli-dpop',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token', DEVICE_CODE],
    response_types: ['code'],
    redirect_uris: REDIRECT_URIS,
    dpop_bound_access_tokens: true,
  },
  {
    client_id: 'ci-dpop',
    client_secret: 'ci-dpop-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    dpop_bound_access_tokens: true,
  },
  // RFC 8693: trades a valid access token of this server for an API token.
  {
    client_id: 'ci-exchange',
    client_secret: 'ci-exchange-secret',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials', TOKEN_EXCHANGE],
    response_types: [],
    redirect_uris: [],
    scope: API_SCOPES,
  },
];

// 48 characters: enough key for HS256 and HS384.
const CLIENT_SECRET_JWT_SECRET = 'client-secret-jwt-0123456789-abcdefghijklmnopqrs';
const JWT_AUTH_ALGS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'EdDSA',
];

// Writes the private keys of the key-holding test clients and registers them.
function addKeyClients(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name, text) => fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  const pairs = {
    rsa: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
    p256: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    p384: crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }),
    ed25519: crypto.generateKeyPairSync('ed25519'),
  };
  const jwk = (kid, key) => JSON.stringify({ ...key.export({ format: 'jwk' }), kid }, null, 2);
  for (const [name, { privateKey }] of Object.entries(pairs)) {
    write(`${name}.pkcs8.pem`, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    write(`${name}.jwk.json`, jwk(name, privateKey));
  }
  write('rsa.pkcs1.pem', pairs.rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }));
  write('p256.sec1.pem', pairs.p256.privateKey.export({ type: 'sec1', format: 'pem' }));
  write('p384.sec1.pem', pairs.p384.privateKey.export({ type: 'sec1', format: 'pem' }));
  const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  write('other.pkcs8.pem', other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const jwks = {
    keys: Object.entries(pairs).map(([kid, { publicKey }]) => ({
      ...publicKey.export({ format: 'jwk' }),
      kid,
    })),
  };
  const ci = { grant_types: ['client_credentials'], response_types: [], redirect_uris: [] };
  CLIENTS.push(
    { client_id: 'ci-key', token_endpoint_auth_method: 'private_key_jwt', jwks, ...ci },
    { client_id: 'ci-key-issuer', token_endpoint_auth_method: 'private_key_jwt', jwks, ...ci },
    {
      client_id: 'ci-secret-jwt',
      client_secret: CLIENT_SECRET_JWT_SECRET,
      token_endpoint_auth_method: 'client_secret_jwt',
      ...ci,
    },
  );
}

if (process.env.OAUTHCTL_TEST_KEY_DIR) addKeyClients(process.env.OAUTHCTL_TEST_KEY_DIR);

function emptyStats() {
  return {
    grant_types: {},
    token_requests: 0,
    revocation_requests: 0,
    introspection_requests: 0,
    device_authorization_requests: 0,
    par_requests: 0,
    userinfo_requests: 0,
    dpop_proofs_at_token_endpoint: 0,
    dpop_proofs_at_par_endpoint: 0,
    dpop_api_requests: 0,
    dpop_nonce_challenges: 0,
    // The MCP server at /mcp: JSON-RPC methods answered, and its 401s and 403s.
    mcp_calls: {},
    mcp_unauthorized: 0,
    mcp_insufficient_scope: 0,
    registration_requests: 0,
    client_metadata_document_requests: 0,
  };
}

let stats = emptyStats();

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function bearerToken(req, url) {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match ? match[1] : undefined;
  }
  return url.searchParams.get('access_token') || undefined;
}

// The resource server's DPoP nonce (RFC 9449 §9), asked for on /api/nonce/me.
const apiNonce = crypto.randomBytes(16).toString('base64url');
const seenProofs = new Set();

function jwkThumbprint(jwk) {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return crypto.createHash('sha256').update(canonical).digest('base64url');
}

// RFC 9449 §4.3 and §7.1 for a request to this API: why the proof in the
// DPoP header does not fit the request and the token, or null when it does.
function dpopProblem(req, url, token, value, wantNonce) {
  const proof = req.headers.dpop;
  if (typeof proof !== 'string') return 'no DPoP proof';
  const parts = proof.split('.');
  if (parts.length !== 3) return 'the proof is not a JWS';
  let header;
  let claims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url'));
  } catch {
    return 'the proof is not JSON';
  }
  if (header.typ !== 'dpop+jwt' || header.alg !== 'ES256' || !header.jwk || header.jwk.d) {
    return 'bad proof header';
  }
  const key = crypto.createPublicKey({ key: header.jwk, format: 'jwk' });
  const signed = crypto.verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(parts[2], 'base64url'),
  );
  if (!signed) return 'bad proof signature';
  if (claims.htm !== req.method) return `htm ${claims.htm} is not ${req.method}`;
  const htu = `${issuer}${url.pathname}`;
  if (claims.htu !== htu) return `htu ${claims.htu} is not ${htu}`;
  const ath = crypto.createHash('sha256').update(value).digest('base64url');
  if (claims.ath !== ath) return 'ath does not match the token';
  if (Math.abs(Date.now() / 1000 - claims.iat) > 60) return 'iat too far off';
  if (typeof claims.jti !== 'string' || seenProofs.has(claims.jti)) return 'jti replayed';
  if (jwkThumbprint(header.jwk) !== token.jkt) return 'the proof key is not the token key';
  if (wantNonce && claims.nonce !== apiNonce) return 'use_dpop_nonce';
  seenProofs.add(claims.jti);
  return null;
}

async function apiMe(provider, req, res, url) {
  const authorization = req.headers.authorization ?? '';
  if (/^dpop /i.test(authorization)) {
    await apiMeDpop(provider, req, res, url, authorization.slice(5).trim());
    return;
  }
  const value = bearerToken(req, url);
  let token;
  let kind;
  if (value) {
    token = await provider.AccessToken.find(value);
    kind = 'access_token';
    if (!token) {
      token = await provider.ClientCredentials.find(value);
      kind = 'client_credentials';
    }
  }
  // A DPoP-bound token (RFC 9449 §7) is no Bearer token.
  if (token?.jkt) {
    token = undefined;
  }
  // A certificate-bound token (RFC 8705 §3) counts only with its certificate.
  const bound = token?.['x5t#S256'];
  const presented = peerCertificate(req.socket);
  if (bound && (!presented || thumbprint(presented) !== bound)) {
    token = undefined;
  }
  if (!token || !token.isValid) {
    sendJson(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': `Bearer realm="api", error="invalid_token", resource_metadata="${issuer}/.well-known/oauth-protected-resource/api"`,
    });
    return;
  }
  sendJson(res, 200, {
    sub: token.accountId ?? null,
    client_id: token.clientId,
    scope: token.scope ?? null,
    token_kind: kind,
  });
}

// A small MCP server (2025-11-25 authorization, Streamable HTTP with JSON
// answers): POST JSON-RPC. No token, or one not issued for this resource:
// 401 with its metadata and the scope to start with. `tools/call` of
// `deploy` without api:write: 403 insufficient_scope naming what it needs.
async function mcp(provider, req, res) {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'POST JSON-RPC here' });
    return;
  }
  const body = await new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => resolve(text));
  });
  const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  const token = auth ? await provider.AccessToken.find(auth[1]) : undefined;
  if (!token || !token.isValid || token.aud !== mcpResource) {
    stats.mcp_unauthorized += 1;
    sendJson(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': `Bearer error="invalid_token", resource_metadata="${MCP_METADATA}", scope="api:read"`,
    });
    return;
  }
  let call;
  try {
    call = JSON.parse(body);
  } catch {
    sendJson(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } });
    return;
  }
  const granted = (token.scope ?? '').split(' ');
  const needs = call.method === 'tools/call' && call.params?.name === 'deploy' ? 'api:write' : 'api:read';
  // `stubborn` asks for a step-up to what the token has: a client that
  // logged in again for it would loop.
  if (!granted.includes(needs) || (call.method === 'tools/call' && call.params?.name === 'stubborn')) {
    stats.mcp_insufficient_scope += 1;
    sendJson(res, 403, { error: 'insufficient_scope' }, {
      'www-authenticate': `Bearer error="insufficient_scope", scope="api:read ${needs}", resource_metadata="${MCP_METADATA}"`,
    });
    return;
  }
  stats.mcp_calls[call.method] = (stats.mcp_calls[call.method] ?? 0) + 1;
  const results = {
    initialize: {
      protocolVersion: '2025-11-25',
      capabilities: { tools: {} },
      serverInfo: { name: 'test-mcp', version: '1.0.0' },
    },
    'tools/list': { tools: [{ name: 'status' }, { name: 'deploy' }] },
    'tools/call': { content: [{ type: 'text', text: `${call.params?.name} done for ${token.accountId}` }] },
  };
  const result = results[call.method];
  if (!result) {
    sendJson(res, 200, { jsonrpc: '2.0', id: call.id, error: { code: -32601, message: 'no such method' } });
    return;
  }
  sendJson(res, 200, { jsonrpc: '2.0', id: call.id, result }, { 'mcp-session-id': 'test-session' });
}

// Only a token for this resource (RFC 8707 audience) is taken.
async function mcpTenant(provider, req, res, url) {
  const value = bearerToken(req, url);
  const token = value ? await provider.AccessToken.find(value) : undefined;
  const audience = token?.aud ?? token?.resourceServer?.audience;
  if (!token || !token.isValid || (audience !== tenantResource && !(Array.isArray(audience) && audience.includes(tenantResource)))) {
    sendJson(res, 401, { error: 'invalid_token' }, {
      'www-authenticate': `Bearer resource_metadata="${issuer}/.well-known/oauth-protected-resource/mcp/tenant1", scope="mcp:read mcp:admin"`,
    });
    return;
  }
  sendJson(res, 200, {
    sub: token.accountId ?? null,
    client_id: token.clientId,
    scope: token.scope ?? null,
    token_kind: 'access_token',
  });
}

async function apiMeDpop(provider, req, res, url, value) {
  stats.dpop_api_requests += 1;
  const token =
    (await provider.AccessToken.find(value)) ?? (await provider.ClientCredentials.find(value));
  const wantNonce = url.pathname === '/api/nonce/me';
  const problem = token?.isValid && token.jkt ? dpopProblem(req, url, token, value, wantNonce) : 'invalid token';
  if (problem === 'use_dpop_nonce') {
    stats.dpop_nonce_challenges += 1;
    sendJson(res, 401, { error: 'use_dpop_nonce' }, {
      'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
      'dpop-nonce': apiNonce,
    });
    return;
  }
  if (problem) {
    console.error(`/api DPoP request refused: ${problem}`);
    sendJson(res, 401, { error: 'invalid_token', error_description: problem }, {
      'www-authenticate': 'DPoP algs="ES256", error="invalid_token"',
    });
    return;
  }
  sendJson(res, 200, {
    sub: token.accountId ?? null,
    client_id: token.clientId,
    scope: token.scope ?? null,
    token_kind: 'dpop',
    method: req.method,
  });
}

// With a certificate (the tests' own CA), the same server on https.
const tlsCert = process.env.OAUTHCTL_TEST_TLS_CERT;
const tlsKey = process.env.OAUTHCTL_TEST_TLS_KEY;
// With the CA too, client certificates from it are asked for (not
// required: most clients have none) and mTLS (RFC 8705) is on.
const tlsCa = process.env.OAUTHCTL_TEST_TLS_CA;
const server = tlsCert
  ? https.createServer({
      cert: fs.readFileSync(tlsCert),
      key: fs.readFileSync(tlsKey),
      ...(tlsCa ? { ca: fs.readFileSync(tlsCa), requestCert: true, rejectUnauthorized: false } : {}),
    })
  : http.createServer();

function peerCertificate(socket) {
  const peer = socket?.getPeerCertificate?.();
  return peer && peer.raw ? new crypto.X509Certificate(peer.raw) : undefined;
}

// RFC 8705 §3.1: the SHA-256 of the DER certificate, base64url.
function thumbprint(cert) {
  return crypto.createHash('sha256').update(cert.raw).digest('base64url');
}

if (tlsCa) {
  CLIENTS.push({
    client_id: 'ci-mtls',
    token_endpoint_auth_method: 'tls_client_auth',
    tls_client_auth_subject_dn: 'CN=mtls-client',
    tls_client_certificate_bound_access_tokens: true,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: API_SCOPES,
  });
  // RFC 8705 §2.2: a self-signed certificate, known by its JWKS entry.
  const selfSigned = process.env.OAUTHCTL_TEST_SELF_SIGNED_CERT;
  if (selfSigned) {
    const cert = new crypto.X509Certificate(fs.readFileSync(selfSigned));
    CLIENTS.push({
      client_id: 'ci-mtls-self',
      token_endpoint_auth_method: 'self_signed_tls_client_auth',
      jwks: { keys: [{ ...cert.publicKey.export({ format: 'jwk' }), x5c: [cert.raw.toString('base64')] }] },
      tls_client_certificate_bound_access_tokens: true,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      scope: API_SCOPES,
    });
  }
}
server.keepAliveTimeout = 1000;

await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});

const { port } = server.address();
const issuer = `${tlsCert ? 'https' : 'http'}://127.0.0.1:${port}`;
const apiResource = `${issuer}/api`;
// An MCP server (Streamable HTTP, JSON responses) behind this provider:
// its own resource, whose tools need api:read, and api:write for `deploy`.
const mcpResource = `${issuer}/mcp`;
const MCP_METADATA = `${issuer}/.well-known/oauth-protected-resource/mcp`;

const cimdDir = process.env.OAUTHCTL_TEST_CIMD_DIR;
const tenantResource = `${issuer}/mcp/tenant1`;
const TENANT_SCOPES = 'mcp:read mcp:tools';

const provider = new Provider(issuer, {
  clients: CLIENTS,
  ...(cimdDir
    ? {
        fetch: (url, options) => {
          // The special-use address guard: 127.0.0.1 is all tests have.
          delete options.dispatcher;
          return globalThis.fetch(url, options);
        },
      }
    : {}),
  clientAuthMethods: [
    'client_secret_basic',
    'client_secret_jwt',
    'client_secret_post',
    'private_key_jwt',
    'none',
    ...(tlsCa ? ['tls_client_auth', 'self_signed_tls_client_auth'] : []),
  ],
  scopes: SCOPES,
  enabledJWA: { clientAuthSigningAlgValues: JWT_AUTH_ALGS },
  // What RFC 7523 §3 and OIDC Core §9 ask of a client assertion, checked
  // more strictly than oidc-provider does by itself.
  assertJwtClientAuthClaimsAndHeader: async (ctx, claims, header, client) => {
    const fail = (why) => {
      throw new errors.InvalidClientAuth(why);
    };
    if (header.typ !== 'JWT') fail('typ must be JWT');
    if (claims.sub !== claims.iss) fail('sub must be the client_id');
    if (typeof claims.iat !== 'number') fail('iat is missing');
    if (claims.exp - claims.iat > 60) fail('the assertion lives longer than 60 s');
    // The same aud for every endpoint (revocation and device authorization
    // included), as Keycloak 26 insists: the token endpoint, or the issuer
    // for ci-key-issuer. The URL of the endpoint called is refused.
    const expected = client.clientId === 'ci-key-issuer'
      ? ctx.oidc.issuer
      : ctx.oidc.urlFor('token');
    if (claims.aud !== expected) fail(`aud must be ${expected}`);
  },
  // Random per run: nothing signed here must outlive the process.
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  // Any username logs in (devInteractions); claims are minimal.
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, email: `${sub}@example.test`, email_verified: true, name: sub }),
  }),
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  ttl: {
    AccessToken: ACCESS_TOKEN_TTL,
    ClientCredentials: ACCESS_TOKEN_TTL,
    AuthorizationCode: 60,
    DeviceCode: 600,
    IdToken: 3600,
    RefreshToken: 14 * 24 * 60 * 60,
    Interaction: 3600,
    Session: 14 * 24 * 60 * 60,
    Grant: 14 * 24 * 60 * 60,
  },
  // Every client allowed the refresh_token grant gets a refresh token, with or
  // without `offline_access` (which oidc-provider only honours with
  // prompt=consent), and it is not tied to the login session.
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  expiresWithSession: async () => false,
  // The default: public clients get a new refresh token on every refresh, and
  // reusing a rotated one returns invalid_grant AND revokes the whole grant.
  features: {
    devInteractions: { enabled: true },
    // RFC 7591, open: a client with no id registers itself (zero-config login).
    registration: { enabled: !process.env.OAUTHCTL_TEST_NO_REGISTRATION },
    clientIdMetadataDocument: { enabled: Boolean(cimdDir), ack: 'draft-02' },
    deviceFlow: { enabled: true },
    revocation: { enabled: true },
    introspection: { enabled: true },
    clientCredentials: { enabled: true },
    mTLS: {
      enabled: Boolean(tlsCa),
      certificateBoundAccessTokens: true,
      tlsClientAuth: true,
      selfSignedTlsClientAuth: true,
      getCertificate: (ctx) => peerCertificate(ctx.socket)?.toString(),
      certificateAuthorized: (ctx) => ctx.socket.authorized === true,
      certificateSubjectMatches: (ctx, property, expected) =>
        property === 'tls_client_auth_subject_dn' && peerCertificate(ctx.socket)?.subject === expected,
    },
    userinfo: { enabled: true },
    // Every DPoP proof to the token and PAR endpoints must carry the
    // server's nonce (RFC 9449 §8): each client's first request is refused
    // with use_dpop_nonce.
    dPoP: { enabled: true, nonceSecret: crypto.randomBytes(32), requireNonce: () => true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (_ctx, _client, oneOf) => oneOf ?? apiResource,
      useGrantedResource: async () => false,
      getResourceServerInfo: async (_ctx, resourceIndicator) => {
        if (resourceIndicator === mcpResource) {
          return {
            scope: API_SCOPES,
            audience: mcpResource,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'opaque',
          };
        }
        if (resourceIndicator === tenantResource) {
          return { scope: TENANT_SCOPES, audience: tenantResource, accessTokenTTL: ACCESS_TOKEN_TTL, accessTokenFormat: 'opaque' };
        }
        if (resourceIndicator !== apiResource) {
          throw new errors.InvalidTarget();
        }
        return {
          scope: API_SCOPES,
          audience: apiResource,
          accessTokenTTL: ACCESS_TOKEN_TTL,
          accessTokenFormat: 'opaque',
        };
      },
    },
  },
});

// Token exchange (RFC 8693), which oidc-provider leaves to a registered
// grant: a subject token must be an access token this server issued and
// that is still valid, and an `audience`, when given, must be the API
// (`<issuer>/api`); the result is an opaque API token for the client,
// counted as a client-credentials token by /api/me. `exchanged_from` in
// stats records whose token it was.
provider.registerGrantType(
  TOKEN_EXCHANGE,
  async (ctx) => {
    const params = ctx.oidc.params;
    if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest('subject_token_type must be an access token');
    }
    const subject =
      (await provider.AccessToken.find(params.subject_token)) ??
      (await provider.ClientCredentials.find(params.subject_token));
    if (!subject || !subject.isValid) {
      throw new errors.InvalidGrant('subject token not accepted');
    }
    if (params.requested_token_type && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
      throw new errors.InvalidRequest('only access tokens are issued');
    }
    // The one API this server issues tokens for (RFC 8693 §2.1 audience).
    if (params.audience !== undefined && params.audience !== apiResource) {
      throw new errors.InvalidTarget(`audience must be ${apiResource}`);
    }
    const token = new provider.ClientCredentials({ client: ctx.oidc.client, scope: 'api:read' });
    token.resourceServer = new provider.ResourceServer(apiResource, {
      scope: API_SCOPES,
      audience: apiResource,
      accessTokenTTL: ACCESS_TOKEN_TTL,
      accessTokenFormat: 'opaque',
    });
    const value = await token.save();
    stats.exchanged_from = subject.clientId;
    ctx.body = {
      access_token: value,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope: token.scope,
    };
  },
  ['subject_token', 'subject_token_type', 'actor_token', 'actor_token_type', 'requested_token_type', 'audience', 'resource', 'scope'],
);

const AUTH_METHODS = new Map(CLIENTS.map((c) => [c.client_id, c.token_endpoint_auth_method]));
const BODY_LIMIT = 56 * 1024;

// Endpoints whose POST body carries client authentication, by path.
const COUNTED = new Map([
  ['/token', 'token_requests'],
  ['/token/revocation', 'revocation_requests'],
  ['/token/introspection', 'introspection_requests'],
  ['/device/auth', 'device_authorization_requests'],
  ['/request', 'par_requests'],
]);

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseBody(ctx, raw) {
  const text = raw.toString('utf8');
  if (ctx.is('application/json')) {
    try {
      const json = JSON.parse(text);
      return json && typeof json === 'object' ? json : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

// Which client authentication a request used, and for which client id.
function clientAuthUsed(ctx, params) {
  const header = ctx.get('authorization');
  if (/^basic /i.test(header)) {
    try {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const id = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, '%20'));
      return { method: 'client_secret_basic', clientId: id };
    } catch {
      return { method: 'client_secret_basic', clientId: undefined };
    }
  }
  if (params.client_secret !== undefined) {
    return { method: 'client_secret_post', clientId: params.client_id };
  }
  if (params.client_assertion !== undefined) {
    // private_key_jwt or client_secret_jwt: oidc-provider checks which.
    return { method: 'client_assertion', clientId: params.client_id };
  }
  return { method: 'none', clientId: params.client_id };
}

// Runs before oidc-provider sees a request: counts OAuth requests (by
// grant_type for the token endpoint) and enforces the registered client
// authentication method. oidc-provider itself accepts client_secret_basic and
// client_secret_post interchangeably; this server does not, so a test proves
// oauthctl used the method it was told to.
provider.use(async (ctx, next) => {
  const counter = ctx.method === 'POST' ? COUNTED.get(ctx.path) : undefined;
  if (ctx.path === '/me') stats.userinfo_requests += 1;
  if (ctx.path === '/reg' && ctx.method === 'POST') stats.registration_requests += 1;
  if (ctx.path === '/token' && ctx.get('dpop')) stats.dpop_proofs_at_token_endpoint += 1;
  if (ctx.path === '/request' && ctx.get('dpop')) stats.dpop_proofs_at_par_endpoint += 1;
  if (!counter) {
    await next();
    return;
  }

  // Read the body here; oidc-provider then uses the buffered copy (and warns
  // once on stderr that it found an already parsed body).
  const raw = await readBody(ctx.req);
  ctx.req.body = raw;
  const params = parseBody(ctx, raw);

  stats[counter] += 1;
  if (ctx.path === '/token') {
    const grantType = typeof params.grant_type === 'string' ? params.grant_type : '(none)';
    stats.grant_types[grantType] = (stats.grant_types[grantType] ?? 0) + 1;
  }

  // Stricter than oidc-provider, as Spring Authorization Server is: a
  // pushed request carries client_id in its body (RFC 9126 §2.1, the
  // authorization request's own parameter), whatever the authentication.
  if (ctx.path === '/request' && typeof params.client_id !== 'string') {
    ctx.status = 400;
    ctx.set('cache-control', 'no-store');
    ctx.body = { error: 'invalid_request', error_description: 'OAuth 2.0 Parameter: client_id' };
    return;
  }

  const { method, clientId } = clientAuthUsed(ctx, params);
  const registered = AUTH_METHODS.get(clientId);
  const secretMethods = ['client_secret_basic', 'client_secret_post'];
  if (secretMethods.includes(registered) && secretMethods.includes(method) && method !== registered) {
    ctx.status = 401;
    ctx.set('cache-control', 'no-store');
    if (method === 'client_secret_basic') ctx.set('www-authenticate', 'Basic realm="token"');
    ctx.body = {
      error: 'invalid_client',
      error_description: `client ${clientId} must authenticate with ${registered}, not ${method}`,
    };
    return;
  }
  await next();
});

provider.on('server_error', (_ctx, err) => {
  console.error('oidc-provider server_error:', err);
});

const providerCallback = provider.callback();

server.on('request', (req, res) => {
  const url = new URL(req.url, issuer);
  if (url.pathname === '/test/stats' && req.method === 'GET') {
    sendJson(res, 200, stats);
  } else if (url.pathname === '/test/reset' && req.method === 'POST') {
    stats = emptyStats();
    res.writeHead(204);
    res.end();
  } else if (url.pathname === '/.well-known/oauth-protected-resource/mcp') {
    sendJson(res, 200, {
      resource: mcpResource,
      authorization_servers: [issuer],
      scopes_supported: ['api:read', 'api:write'],
      bearer_methods_supported: ['header'],
    });
  } else if (url.pathname === '/mcp') {
    mcp(provider, req, res).catch((err) => {
      console.error('/mcp failed:', err);
      sendJson(res, 500, { error: 'server_error' });
    });
  } else if (cimdDir && url.pathname.startsWith('/clients/') && req.method === 'GET') {
    stats.client_metadata_document_requests += 1;
    const name = url.pathname.slice('/clients/'.length);
    const file = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name) ? `${cimdDir}/${name}` : undefined;
    if (file && fs.existsSync(file)) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(fs.readFileSync(file));
    } else {
      sendJson(res, 404, { error: 'not_found' });
    }
  } else if (url.pathname === '/.well-known/oauth-protected-resource/api') {
    // RFC 9728: the API says which authorization server it trusts.
    sendJson(res, 200, {
      resource: apiResource,
      authorization_servers: [issuer],
      scopes_supported: ['api:read'],
      bearer_methods_supported: ['header'],
    });
  } else if (url.pathname === '/.well-known/oauth-protected-resource/mcp/tenant1') {
    sendJson(res, 200, {
      resource: tenantResource,
      authorization_servers: [issuer],
      scopes_supported: TENANT_SCOPES.split(' '),
      bearer_methods_supported: ['header'],
    });
  } else if (url.pathname === '/mcp/tenant1') {
    mcpTenant(provider, req, res, url).catch((err) => {
      console.error('/mcp/tenant1 failed:', err);
      sendJson(res, 500, { error: 'server_error' });
    });
  } else if (url.pathname === '/api/me' || url.pathname === '/api' || url.pathname === '/api/nonce/me') {
    apiMe(provider, req, res, url).catch((err) => {
      console.error('/api/me failed:', err);
      sendJson(res, 500, { error: 'server_error' });
    });
  } else {
    providerCallback(req, res);
  }
});

function shutdown() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (process.argv.includes('--exit-with-stdin')) {
  // The harness keeps our stdin open; EOF means it is gone.
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}

process.stdout.write(`READY ${issuer}\n`);
