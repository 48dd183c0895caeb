// A real OpenID provider for the tests: the certified `oidc-provider` package (npm), on a free
// port of 127.0.0.1, started by tests/auth/oidc_provider/__init__.py. It prints one JSON line
// ({"issuer": ...}) once it listens, then serves until its standard input closes.
//
// Everything under /__test/ is the tests' remote control, never part of the provider:
//   POST /__test/reset        back to the starting state (accounts, clients, clock, keys)
//   POST /__test/accounts     {"id": {claims...}}: people who can sign in (the login is the id)
//   POST /__test/clients      [{client_id, client_secret, redirect_uris, ...}]: more clients
//   POST /__test/clock        {"offset_seconds": N}: the provider's clock runs N seconds off while
//                             its token endpoint answers (the ID token's iat and exp; the
//                             browser's cookies keep the right time, or it would drop them)
//   POST /__test/rotate-keys  a new signing key replaces the old one (a new kid)
//   POST /__test/token-fault  {"mode": "tamper" | "foreign-key" | "audience" | null}: the next ID
//                             tokens from the token endpoint are altered after the provider signs
//   GET  /__test/stats        {"jwks_requests": N}
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import http from 'node:http';

import { importJWK, SignJWT, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';

const realNow = Date.now;
let clockOffsetMs = 0;
let tokenRequestsAnswering = 0;
// oidc-provider reads the time through Date.now (iat, exp, its own expiry checks).
Date.now = () => realNow() + (tokenRequestsAnswering ? clockOffsetMs : 0);

function newKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

const firstClients = JSON.parse(process.env.OIDC_TEST_CLIENTS || '[]');
const cookieKeys = [randomUUID()];
// Made once: an RSA key takes a while to generate, and every test starts from this one.
const firstKey = newKey();
let state;

function reset() {
  clockOffsetMs = 0;
  state = {
    accounts: {},
    clients: [...firstClients],
    keys: [firstKey],
    tokenFault: null,
    jwksRequests: 0,
  };
}

let provider;
let handler;
let issuer;

function build() {
  provider = new Provider(issuer, {
    clients: state.clients.map((client) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      ...client,
    })),
    jwks: { keys: state.keys },
    cookies: { keys: cookieKeys },
    // Authorization Code with PKCE (S256) for every client, as Staffroom uses it.
    pkce: { required: () => true },
    // The ID token carries the claims of the scopes asked for, as Microsoft Entra ID's does.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'oid', 'groups', 'department', 'xms_edov'],
    },
    ttl: { IdToken: 600, AccessToken: 600, Session: 3600, Interaction: 600, Grant: 3600 },
    features: {
      devInteractions: { enabled: true }, // the provider's own login page
      rpInitiatedLogout: { enabled: true },
    },
    // A first-party client: no consent page, the grant is given at sign-in.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    async findAccount(ctx, id) {
      const claims = state.accounts[id];
      if (!claims) return undefined;
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
  });
  handler = provider.callback();
}

async function faultyIdToken(idToken, mode) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  if (mode === 'tamper') {
    // The claims changed after signing: the signature no longer matches.
    claims.email = 'someone.else@example.org';
    return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  }
  const { kid } = decodeProtectedHeader(idToken);
  if (mode === 'foreign-key') {
    // Signed by a key that is not the provider's, under the provider's key id.
    const key = await importJWK({ ...newKey(), kid }, 'RS256');
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }
  if (mode === 'audience') {
    // Properly signed by the provider, but for another client.
    const key = await importJWK(state.keys.find((candidate) => candidate.kid === kid), 'RS256');
    return new SignJWT({ ...claims, aud: 'another-application' }).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }
  throw new Error(`unknown token fault ${mode}`);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
}

async function control(req, res) {
  const body = req.method === 'POST' ? await readJson(req) : {};
  const path = req.url.split('?')[0];
  if (path === '/__test/reset') reset();
  else if (path === '/__test/accounts') Object.assign(state.accounts, body);
  else if (path === '/__test/clients') state.clients.push(...body);
  else if (path === '/__test/clock') clockOffsetMs = body.offset_seconds * 1000;
  else if (path === '/__test/rotate-keys') state.keys = [newKey()];
  else if (path === '/__test/token-fault') state.tokenFault = body.mode;
  else if (path !== '/__test/stats') {
    res.writeHead(404).end();
    return;
  }
  if (['/__test/reset', '/__test/clients', '/__test/rotate-keys'].includes(path)) build();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jwks_requests: state.jwksRequests }));
}

function withTokenFault(res, mode) {
  // Alter the ID token in the token endpoint's answer, once the provider has written it.
  const end = res.end.bind(res);
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (name.toLowerCase() === 'content-length' ? res : setHeader(name, value));
  res.end = (chunk, ...rest) => {
    const answer = chunk ? JSON.parse(chunk.toString()) : {};
    if (!answer.id_token) return end(chunk, ...rest);
    faultyIdToken(answer.id_token, mode).then((idToken) => end(JSON.stringify({ ...answer, id_token: idToken })));
    return res;
  };
}

reset();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/__test/')) {
    control(req, res).catch((error) => {
      res.writeHead(500).end(String(error));
    });
    return;
  }
  if (req.url.startsWith('/jwks')) state.jwksRequests += 1;
  if (req.url.startsWith('/token')) {
    if (state.tokenFault) withTokenFault(res, state.tokenFault);
    tokenRequestsAnswering += 1;
    res.on('close', () => { tokenRequestsAnswering -= 1; });
  }
  handler(req, res);
});

server.listen(0, '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  build();
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

// The fixture holds our standard input: when it goes (test run over, or killed), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
