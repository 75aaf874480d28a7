// Prints a client assertion (RFC 7523 §3) signed with a private key the
// test provider wrote: what a CI runner's OIDC token or a pre-signed
// assertion file stands for in the tests.
//   node sign.mjs KEY.pkcs8.pem ALG KID CLIENT_ID AUDIENCE [AGE]
// AGE (seconds, default 0) moves iat and exp that far into the past: an
// AGE over 60 makes an assertion that has expired.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

const { SignJWT, importPKCS8 } = await import('jose');
const [file, alg, kid, clientId, audience, age = '0'] = process.argv.slice(2);
const key = await importPKCS8(fs.readFileSync(file, 'utf8'), alg);
const now = Math.floor(Date.now() / 1000) - Number(age);
const jwt = await new SignJWT({ jti: crypto.randomUUID() })
  .setProtectedHeader({ alg, kid, typ: 'JWT' })
  .setIssuer(clientId)
  .setSubject(clientId)
  .setAudience(audience)
  .setIssuedAt(now)
  .setExpirationTime(now + 60)
  .sign(key);
process.stdout.write(`${jwt}\n`);
