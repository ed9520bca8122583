// Self-test of the loopback OpenID Connect provider (peers/oidc.mjs) that the OAuth2 tests sign in
// with: the headless login reaches the client's redirect URI with a code and the state, the code
// is exchanged once (client_secret_post), userinfo returns the configured account, refresh tokens
// work, and the provider refuses what a real one refuses (wrong secret, reused code, unknown
// redirect URI).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startOidcProvider } from './peers/oidc.mjs';

const clientId = 'basalt-test';
const clientSecret = 'a-long-test-secret-of-at-least-32-chars';
const redirectUri = 'http://127.0.0.1:9/v1/account/sessions/oauth2/callback/oidc/test';
const account = { sub: 'user-1', email: 'ada@example.com', email_verified: true, name: 'Ada Lovelace' };

function authorizeUrl(oidc, { state = 'xyz', redirect = redirectUri, scope = 'openid profile email' } = {}) {
    const url = new URL(oidc.authorizationEndpoint);
    url.search = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirect,
        response_type: 'code',
        scope,
        state,
    }).toString();
    return url.toString();
}

async function token(oidc, fields) {
    const response = await fetch(oidc.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(fields).toString(),
    });
    return { status: response.status, body: await response.json() };
}

function exchange(oidc, code, secret = clientSecret) {
    return token(oidc, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        client_secret: secret,
    });
}

describe('loopback OpenID Connect provider', () => {
    let oidc;

    before(async () => {
        oidc = await startOidcProvider({ clientId, clientSecret, redirectUris: [redirectUri], account });
    });

    after(async () => {
        await oidc?.stop();
    });

    test('publishes its endpoints in the discovery document', async () => {
        const response = await fetch(oidc.wellKnown);
        assert.equal(response.status, 200);
        const doc = await response.json();
        assert.equal(doc.issuer, oidc.issuer);
        assert.equal(doc.authorization_endpoint, oidc.authorizationEndpoint);
        assert.equal(doc.token_endpoint, oidc.tokenEndpoint);
        assert.equal(doc.userinfo_endpoint, oidc.userinfoEndpoint);
        assert.match(oidc.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
    });

    test('login, code exchange and userinfo give the configured account', async () => {
        const state = JSON.stringify({ success: 'http://localhost/ok', failure: '', token: false });
        const redirect = new URL(await oidc.login(authorizeUrl(oidc, { state })));
        assert.equal(`${redirect.origin}${redirect.pathname}`, redirectUri);
        assert.equal(redirect.searchParams.get('state'), state);
        const code = redirect.searchParams.get('code');
        assert.ok(code, 'the redirect carries a code');

        const tokens = await exchange(oidc, code);
        assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
        assert.equal(tokens.body.token_type, 'Bearer');
        assert.ok(tokens.body.access_token);
        assert.ok(tokens.body.id_token);
        assert.ok(tokens.body.refresh_token);
        assert.ok(tokens.body.expires_in > 0);

        const info = await fetch(oidc.userinfoEndpoint, {
            headers: { authorization: `Bearer ${tokens.body.access_token}` },
        });
        assert.equal(info.status, 200);
        const user = await info.json();
        assert.equal(user.sub, account.sub);
        assert.equal(user.email, account.email);
        assert.equal(user.email_verified, true);
        assert.equal(user.name, account.name);

        const claims = JSON.parse(Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString());
        assert.equal(claims.sub, account.sub);
        assert.equal(claims.aud, clientId);
        assert.equal(claims.iss, oidc.issuer);

        const refreshed = await token(oidc, {
            grant_type: 'refresh_token',
            refresh_token: tokens.body.refresh_token,
            client_id: clientId,
            client_secret: clientSecret,
        });
        assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
        assert.ok(refreshed.body.access_token);
        assert.notEqual(refreshed.body.access_token, tokens.body.access_token);

        // A code is single-use; reusing it also revokes what it issued, so this comes last.
        const reused = await exchange(oidc, code);
        assert.equal(reused.status, 400);
        assert.equal(reused.body.error, 'invalid_grant');
    });

    test('a wrong client secret is refused at the token endpoint', async () => {
        const redirect = new URL(await oidc.login(authorizeUrl(oidc)));
        const refused = await exchange(oidc, redirect.searchParams.get('code'), 'not-the-secret');
        assert.equal(refused.status, 401);
        assert.equal(refused.body.error, 'invalid_client');
    });

    test('an unregistered redirect URI never reaches the client', async () => {
        await assert.rejects(
            oidc.login(authorizeUrl(oidc, { redirect: 'http://127.0.0.1:9/elsewhere' })),
            /login stopped at .* with 400/,
        );
    });

    test('a forged code is refused', async () => {
        const refused = await exchange(oidc, 'forged-code');
        assert.equal(refused.status, 400);
        assert.equal(refused.body.error, 'invalid_grant');
    });

    test('userinfo refuses a forged access token', async () => {
        const info = await fetch(oidc.userinfoEndpoint, { headers: { authorization: 'Bearer forged' } });
        assert.equal(info.status, 401);
    });
});
