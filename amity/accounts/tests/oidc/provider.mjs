// A real OpenID Connect provider for the accounts tests (npm oidc-provider), on 127.0.0.1 only.
// Started by amity/accounts/tests/test_oidc.py, which reads the first line it prints
// ("listening <port>"). Configuration from the environment:
//   OIDC_PORT (0 = any free port), OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI.
// The sign-in page is oidc-provider's development one: any login, and the login is the
// subject; a login with an "@" is also the e-mail address (verified).
// The test may ask the provider to misbehave, to prove that Amity refuses it:
//   GET /__test/mode?set=wrong-audience  → ID tokens name another client as audience
//   GET /__test/mode?set=expired         → ID tokens expired an hour ago
//   GET /__test/mode?set=normal
// The changed tokens are signed again with the provider's own key, so only the claim is wrong.
import { createServer } from 'node:http';

import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT || 0);
const clientId = process.env.OIDC_CLIENT_ID || 'amity';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'amity-secret';
const redirectUri = process.env.OIDC_REDIRECT_URI;

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
const signingKey = await importJWK(jwk, 'RS256');

let mode = 'normal';

const server = createServer();
server.listen(port, '127.0.0.1', async () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: async (ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        ...(sub.includes('@') ? { email: sub, email_verified: true } : {}),
        name: `Test ${sub}`,
      }),
    }),
    features: { devInteractions: { enabled: true } },
    ttl: { IdToken: 3600, AccessToken: 3600, AuthorizationCode: 120 },
  });
  provider.proxy = false;

  provider.use(async (ctx, next) => {
    if (ctx.path === '/__test/mode') {
      mode = ctx.query.set || 'normal';
      ctx.body = { mode };
      return;
    }
    await next();
    if (ctx.path === '/token' && mode !== 'normal' && ctx.body && ctx.body.id_token) {
      const header = decodeProtectedHeader(ctx.body.id_token);
      const claims = decodeJwt(ctx.body.id_token);
      const now = Math.floor(Date.now() / 1000);
      if (mode === 'wrong-audience') claims.aud = 'another-client';
      if (mode === 'expired') { claims.iat = now - 7200; claims.exp = now - 3600; }
      ctx.body = {
        ...ctx.body,
        id_token: await new SignJWT(claims).setProtectedHeader({ alg: header.alg, kid: header.kid }).sign(signingKey),
      };
    }
  });

  server.on('request', provider.callback());
  process.stdout.write(`listening ${server.address().port}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
