// OAuth2 sign-in against a real OpenID Connect provider (peers/oidc.mjs), with redirects followed
// by hand as a browser would, and identities with node-appwrite.
//
// Appwrite 1.9.6 behaviour pinned here (app/controllers/api/account.php: createOAuth2Session,
// the two callback routes, the /redirect route, createOAuth2Token, $createSession, identities;
// src/Appwrite/Platform/Modules/Users/Http/Users/Identities):
//  - the start routes answer 301 to the provider with the callback
//    /v1/account/sessions/oauth2/callback/{provider}/{projectId} as redirect_uri; an unknown
//    provider and success/failure URLs off the project's platforms are param errors
//    (general_argument_invalid), a provider not enabled or not configured project_provider_disabled;
//  - the callback answers 301 to /v1/account/sessions/oauth2/{provider}/redirect with its params
//    and `project`; `state` is at most 2048 chars;
//  - the redirect route: an unreadable state is general_server_error, a success URL off the
//    platforms project_invalid_success_url; once the failure URL is known, errors send the browser
//    there with error={"message","type","code"}: the provider's `error` param and a missing code
//    are user_oauth2_provider_error, a refused code exchange user_oauth2_provider_failure (424), a
//    provider disabled meanwhile project_provider_disabled, an unverified email of an existing
//    user general_bad_request; success sets the session cookies (factors email + oauth2, the
//    provider's tokens on the session) and answers 301 to `success`;
//  - the token flow redirects to `success` with userId and a secret that createSession accepts;
//  - a signed-in (anonymous) user signing in with a provider gets its email and identity;
//  - identities: list (queries, total, search for Users), delete, user_identity_not_found.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { startOidcProvider } from './peers/oidc.mjs';
import { assertModel, assertError, ISO_DATETIME, plain } from './spec.mjs';

const CLIENT_ID = 'basalt-e2e';
const CLIENT_SECRET = 'a-long-e2e-client-secret-of-at-least-32-chars';
const SUCCESS = 'http://localhost/app/ok?from=test';
const FAILURE = 'http://localhost/app/failed';

let server;
let base;  // http://127.0.0.1:PORT
let callbackUrl;
const providers = [];

/** A provider whose one account is `account`, registered with Basalt's callback. */
async function provider(account) {
    const oidc = await startOidcProvider({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [callbackUrl],
        account,
    });
    providers.push(oidc);
    return oidc;
}

/** Points the project's oidc provider at `oidc`. */
async function configure(oidc, { secret = CLIENT_SECRET, enabled = true } = {}) {
    const project = new sdk.Project(server.client());
    await project.updateOAuth2Oidc({ clientId: CLIENT_ID, clientSecret: secret, wellKnownURL: oidc.wellKnown, enabled });
}

/** One request without following redirects. */
async function raw(url, { method = 'GET', cookie, headers = {}, body } = {}) {
    const h = { ...headers };
    if (cookie) h.cookie = cookie;
    const res = await fetch(url, { method, headers: h, body, redirect: 'manual' });
    const text = await res.text();
    let json;
    try {
        json = text === '' ? undefined : JSON.parse(text);
    } catch {
        json = undefined;
    }
    return { status: res.status, headers: res.headers, location: res.headers.get('location'), body: json, text };
}

function startUrl(path, params) {
    const url = new URL(`${server.endpoint}${path}`);
    url.searchParams.set('project', server.projectId);
    for (const [k, v] of Object.entries(params)) {
        if (Array.isArray(v)) v.forEach((item) => url.searchParams.append(`${k}[]`, item));
        else if (v !== undefined) url.searchParams.set(k, v);
    }
    return url.toString();
}

/** GET the start route; returns its 301 target (the provider's authorize URL). */
async function start({ path = '/account/sessions/oauth2/oidc', ...params } = {}) {
    const res = await raw(startUrl(path, params));
    assert.equal(res.status, 301, res.text);
    return res.location;
}

/** The provider's redirect to Basalt's callback (code + state), after a headless login. */
async function providerRedirect(oidc, params = { success: SUCCESS, failure: FAILURE }) {
    const location = await start(params);
    assert.ok(location.startsWith(oidc.authorizationEndpoint), location);
    return oidc.login(location);
}

/** From the callback URL on: callback (301) then the redirect route; returns its answer. */
async function finish(callback, { cookie } = {}) {
    const hop = await raw(callback);
    assert.equal(hop.status, 301, hop.text);
    return raw(hop.location, { cookie });
}

/** The whole session flow; returns the redirect route's answer and the session cookie. */
async function signIn(oidc, params, { cookie } = {}) {
    const res = await finish(await providerRedirect(oidc, params), { cookie });
    const sessionCookie = res.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`));
    return { res, cookie: sessionCookie?.split(';')[0] };
}

function errorOf(location) {
    const url = new URL(location);
    return JSON.parse(url.searchParams.get('error'));
}

function accountApi(path, cookie, options = {}) {
    return server.api(options.method ?? 'GET', path, { key: null, headers: { cookie }, ...options });
}

before(async () => {
    server = await startServer();
    base = server.endpoint.replace(/\/v1$/, '');
    callbackUrl = `${base}/v1/account/sessions/oauth2/callback/oidc/${server.projectId}`;
});

after(async () => {
    for (const oidc of providers) await oidc.stop();
    if (server) await server.stop();
});

describe('session flow', () => {
    const account = { sub: 'ada-1', email: 'ada.oauth@example.com', email_verified: true, name: 'Ada Lovelace' };
    let oidc;
    let first;

    before(async () => {
        oidc = await provider(account);
        await configure(oidc);
    });

    test('the start route sends the browser to the provider with Basalt\'s callback', async () => {
        const location = new URL(await start({ success: SUCCESS, failure: FAILURE, scopes: ['offline_access'] }));
        assert.equal(`${location.origin}${location.pathname}`, oidc.authorizationEndpoint);
        assert.equal(location.searchParams.get('redirect_uri'), callbackUrl);
        assert.equal(location.searchParams.get('client_id'), CLIENT_ID);
        assert.equal(location.searchParams.get('response_type'), 'code');
        const scopes = location.searchParams.get('scope').split(' ');
        for (const scope of ['openid', 'email', 'profile', 'offline_access']) assert.ok(scopes.includes(scope), scopes);
        const state = JSON.parse(location.searchParams.get('state'));
        assert.equal(state.success, SUCCESS);
        assert.equal(state.failure, FAILURE);
        assert.equal(state.token, false);
    });

    test('the callback forwards code and state to the redirect route with the project', async () => {
        const callback = new URL(await providerRedirect(oidc));
        const hop = await raw(callback.toString());
        assert.equal(hop.status, 301);
        const next = new URL(hop.location);
        assert.equal(`${next.origin}${next.pathname}`, `${base}/v1/account/sessions/oauth2/oidc/redirect`);
        assert.equal(next.searchParams.get('code'), callback.searchParams.get('code'));
        assert.equal(next.searchParams.get('state'), callback.searchParams.get('state'));
        assert.equal(next.searchParams.get('project'), server.projectId);
        assert.match(hop.headers.get('cache-control'), /no-store/);
    });

    test('a sign-in sets the session cookie and lands on success with the provider\'s account', async () => {
        const { res, cookie } = await signIn(oidc);
        assert.equal(res.status, 301, res.text);
        assert.equal(res.location, SUCCESS);
        assert.ok(cookie, `no session cookie in ${res.headers.getSetCookie()}`);
        const me = await accountApi('/account', cookie);
        assert.equal(me.status, 200, me.text);
        assert.equal(me.body.email, account.email);
        assert.equal(me.body.emailVerification, true);
        assert.equal(me.body.name, account.name);
        const session = await accountApi('/account/sessions/current', cookie);
        assert.equal(session.status, 200, session.text);
        assert.equal(session.body.provider, 'oidc');
        assert.equal(session.body.providerUid, account.sub);
        assert.deepEqual(session.body.factors, ['email', 'oauth2']);
        assert.ok(session.body.providerAccessToken.length > 0);
        assert.match(session.body.providerAccessTokenExpiry, ISO_DATETIME);
        first = { user: me.body, cookie };
    });

    test('the identity lists for the account with the provider\'s tokens', async () => {
        const res = await accountApi('/account/identities', first.cookie);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.body.total, 1);
        const [identity] = res.body.identities;
        assertModel(identity, 'identity');
        assert.equal(identity.userId, first.user.$id);
        assert.equal(identity.provider, 'oidc');
        assert.equal(identity.providerUid, account.sub);
        assert.equal(identity.providerEmail, account.email);
        assert.ok(identity.providerAccessToken.length > 0);
        assert.ok(identity.providerRefreshToken.length > 0, 'oidc-provider issues refresh tokens here');
        assert.match(identity.providerAccessTokenExpiry, ISO_DATETIME);
    });

    test('a second sign-in reuses the user and its identity', async () => {
        const { res, cookie } = await signIn(oidc);
        assert.equal(res.status, 301, res.text);
        const me = await accountApi('/account', cookie);
        assert.equal(me.body.$id, first.user.$id);
        const identities = await accountApi('/account/identities', cookie);
        assert.equal(identities.body.total, 1);
        const users = await new sdk.Users(server.client()).list({ queries: [sdk.Query.equal('email', [account.email])] });
        assert.equal(users.total, 1);
    });

    test('signing in again while signed in replaces the session the browser came with', async () => {
        const { res, cookie } = await signIn(oidc, undefined, { cookie: first.cookie });
        assert.equal(res.status, 301, res.text);
        assert.notEqual(cookie, first.cookie);
        const old = await accountApi('/account', first.cookie);
        assertError(old, 401, 'general_unauthorized_scope');
        const me = await accountApi('/account', cookie);
        assert.equal(me.body.$id, first.user.$id);
        first.cookie = cookie;
    });

    test('updating an OAuth2 session refreshes its provider tokens (needs account.cpp to call refresh_provider_tokens)', async () => {
        const before = (await accountApi('/account/sessions/current', first.cookie)).body;
        const res = await accountApi('/account/sessions/current', first.cookie, { method: 'PATCH' });
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'session');
        assert.notEqual(res.body.providerAccessToken, before.providerAccessToken);
        assert.ok(res.body.providerRefreshToken.length > 0);
        assert.match(res.body.providerAccessTokenExpiry, ISO_DATETIME);
        const stored = (await accountApi('/account/sessions/current', first.cookie)).body;
        assert.equal(stored.providerAccessToken, res.body.providerAccessToken);

        // The provider's refusal is the answer (oidc-provider: 401 invalid_client).
        await configure(oidc, { secret: 'not-the-client-secret-at-all-but-long-enough' });
        try {
            assertError(await accountApi('/account/sessions/current', first.cookie, { method: 'PATCH' }), 401, 'user_oauth2_unauthorized');
        } finally {
            await configure(oidc);
        }
    });

    test('without success and failure URLs the defaults are the API\'s own pages', async () => {
        const location = new URL(await start({}));
        const state = JSON.parse(location.searchParams.get('state'));
        assert.equal(state.success, `${base}/console/auth/oauth2/success`);
        assert.equal(state.failure, `${base}/console/auth/oauth2/failure`);
        const { res, cookie } = await signIn(oidc, {});
        assert.equal(res.status, 301, res.text);
        const target = new URL(res.location);
        assert.equal(`${target.origin}${target.pathname}`, `${base}/console/auth/oauth2/success`);
        assert.equal(target.searchParams.get('project'), server.projectId);
        assert.equal(target.searchParams.get('key'), `a_session_${server.projectId}`);
        assert.equal(`a_session_${server.projectId}=${target.searchParams.get('secret')}`, cookie);
    });

    test('identities: Users lists, filters, searches and deletes them; the account deletes its own', async () => {
        const users = new sdk.Users(server.client());
        const all = await users.listIdentities({ queries: [sdk.Query.equal('provider', ['oidc'])] });
        assert.ok(all.total >= 1);
        const mine = all.identities.find((i) => i.userId === first.user.$id);
        assert.ok(mine);
        assertModel(plain(mine), 'identity');
        const found = await users.listIdentities({ search: account.email });
        assert.deepEqual(found.identities.map((i) => i.$id), [mine.$id]);
        const none = await users.listIdentities({ queries: [sdk.Query.equal('providerUid', ['nobody'])] });
        assert.equal(none.total, 0);
        const bad = await server.api('GET', `/users/identities?queries[]=${encodeURIComponent('{"method":"equal","attribute":"providerAccessToken","values":["x"]}')}`);
        assertError(bad, 400, 'general_argument_invalid');

        // An account cannot delete another user's identity; an unknown one is not found.
        const other = await new sdk.Users(server.client()).create({ userId: sdk.ID.unique(), email: 'other.oauth@example.com', password: 'password-of-other' });
        const otherSession = await server.api('POST', '/account/sessions/email', { key: null, body: { email: other.email, password: 'password-of-other' } });
        const otherCookie = otherSession.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`)).split(';')[0];
        assertError(await accountApi(`/account/identities/${mine.$id}`, otherCookie, { method: 'DELETE' }), 404, 'user_identity_not_found');

        const removed = await accountApi(`/account/identities/${mine.$id}`, first.cookie, { method: 'DELETE' });
        assert.equal(removed.status, 204, removed.text);
        assert.equal((await accountApi('/account/identities', first.cookie)).body.total, 0);
        assertError(await accountApi(`/account/identities/${mine.$id}`, first.cookie, { method: 'DELETE' }), 404, 'user_identity_not_found');
        assertError(await server.api('DELETE', `/users/identities/${mine.$id}`), 404, 'user_identity_not_found');
        assertError(await server.api('DELETE', '/users/identities/bad!id'), 400, 'general_argument_invalid');

        // Signing in again recreates it (the earlier session still names the user), and Users
        // can delete it.
        const again = await signIn(oidc);
        assert.equal((await accountApi('/account', again.cookie)).body.$id, first.user.$id);
        const recreated = await users.listIdentities({ queries: [sdk.Query.equal('userId', [first.user.$id])] });
        assert.equal(recreated.total, 1);
        await users.deleteIdentity({ identityId: recreated.identities[0].$id });
        assert.equal((await users.listIdentities({ queries: [sdk.Query.equal('userId', [first.user.$id])] })).total, 0);
    });
});

describe('token flow', () => {
    const account = { sub: 'grace-2', email: 'grace.oauth@example.com', email_verified: true, name: 'Grace Hopper' };
    let oidc;

    before(async () => {
        oidc = await provider(account);
        await configure(oidc);
    });

    test('createOAuth2Token, then createSession with the userId and secret from the success URL', async () => {
        const guest = new sdk.Account(server.client({ key: null }));
        const location = await guest.createOAuth2Token({ provider: sdk.OAuthProvider.Oidc, success: SUCCESS, failure: FAILURE });
        assert.ok(location.startsWith(oidc.authorizationEndpoint), location);
        assert.equal(JSON.parse(new URL(location).searchParams.get('state')).token, true);
        const res = await finish(await oidc.login(location));
        assert.equal(res.status, 301, res.text);
        assert.deepEqual(res.headers.getSetCookie().filter((c) => c.startsWith('a_session_')), [], 'no session cookie in the token flow');
        const target = new URL(res.location);
        assert.equal(`${target.origin}${target.pathname}`, 'http://localhost/app/ok');
        assert.equal(target.searchParams.get('from'), 'test', 'the success URL keeps its own query');
        const userId = target.searchParams.get('userId');
        const secret = target.searchParams.get('secret');
        assert.ok(userId && secret);

        // As in Appwrite's SSR guide: the server exchanges the token with its key.
        const admin = new sdk.Account(server.client());
        const session = await admin.createSession({ userId, secret });
        assert.equal(session.userId, userId);
        assert.equal(session.provider, 'oidc');
        assert.equal(session.providerUid, account.sub);
        assert.deepEqual(plain(session.factors), ['email', 'oauth2']);
        assert.ok(session.providerAccessToken.length > 0);
        const me = await new sdk.Account(server.client({ key: null }).setSession(session.secret)).get();
        assert.equal(me.email, account.email);

        // The token is used up.
        await assert.rejects(admin.createSession({ userId, secret }), (err) => err.type === 'user_invalid_token');
    });

    test('the token\'s secret without its JWT wrapper is refused', async () => {
        const location = await new sdk.Account(server.client({ key: null })).createOAuth2Token({ provider: sdk.OAuthProvider.Oidc, success: SUCCESS });
        const res = await finish(await oidc.login(location));
        const target = new URL(res.location);
        const jwt = target.searchParams.get('secret');
        const inner = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).secret;
        assert.match(inner, /^[0-9a-f]{64}$/);
        const admin = new sdk.Account(server.client());
        await assert.rejects(admin.createSession({ userId: target.searchParams.get('userId'), secret: inner }),
            (err) => err.type === 'user_invalid_token');
    });
});

describe('linking by email', () => {
    test('an unverified provider email of an existing user is refused; a verified one links to that user', async () => {
        const email = 'linda.oauth@example.com';
        const existing = await new sdk.Users(server.client()).create({ userId: sdk.ID.unique(), email, password: 'password-of-linda' });

        const unverified = await provider({ sub: 'linda-unverified', email, email_verified: false, name: 'L' });
        await configure(unverified);
        const refused = await signIn(unverified);
        assert.equal(refused.res.status, 301, refused.res.text);
        assert.ok(refused.res.location.startsWith(FAILURE), refused.res.location);
        assert.deepEqual(errorOf(refused.res.location).type, 'general_bad_request');
        assert.equal(errorOf(refused.res.location).code, 400);
        assert.equal(refused.cookie, undefined);

        const verified = await provider({ sub: 'linda-verified', email, email_verified: true, name: 'Linda' });
        await configure(verified);
        const linked = await signIn(verified);
        assert.equal(linked.res.location, SUCCESS);
        const me = await accountApi('/account', linked.cookie);
        assert.equal(me.body.$id, existing.$id);
        assert.equal(me.body.email, email);
        assert.equal(me.body.name, 'Linda', 'a user without a name takes the provider\'s');
        const identities = await accountApi('/account/identities', linked.cookie);
        assert.deepEqual(identities.body.identities.map((i) => i.providerUid), ['linda-verified']);
    });

    test('a signed-in anonymous user gets the provider\'s email and identity', async () => {
        const anonymous = await server.api('POST', '/account/sessions/anonymous', { key: null });
        assert.equal(anonymous.status, 201, anonymous.text);
        const cookie = anonymous.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`)).split(';')[0];
        const account = { sub: 'anon-3', email: 'anon.oauth@example.com', email_verified: true, name: 'Anon' };
        await configure(await provider(account));
        const { res, cookie: upgraded } = await signIn(providers.at(-1), undefined, { cookie });
        assert.equal(res.status, 301, res.text);
        assert.equal(res.location, SUCCESS);
        const me = await accountApi('/account', upgraded);
        assert.equal(me.body.$id, anonymous.body.userId);
        assert.equal(me.body.email, account.email);
        assert.equal(me.body.emailVerification, true);
        assert.equal(me.body.name, 'Anon');
        assertError(await accountApi('/account', cookie), 401, 'general_unauthorized_scope');
    });
});

describe('errors', () => {
    const account = { sub: 'err-4', email: 'err.oauth@example.com', email_verified: true, name: 'Err' };
    let oidc;

    before(async () => {
        oidc = await provider(account);
        await configure(oidc);
    });

    test('an unknown provider is a param error', async () => {
        for (const path of ['/account/sessions/oauth2/nope', '/account/tokens/oauth2/nope']) {
            const res = await raw(startUrl(path, { success: SUCCESS }));
            assertError(res, 400, 'general_argument_invalid');
            assert.match(res.body.message, /Invalid `provider` param: Value must be one of \(.*oidc.*\)/);
        }
        assertError(await raw(`${base}/v1/account/sessions/oauth2/callback/nope/${server.projectId}?code=x`), 400, 'general_argument_invalid');
    });

    test('a provider that is not enabled is project_provider_disabled', async () => {
        assertError(await raw(startUrl('/account/sessions/oauth2/github', { success: SUCCESS })), 412, 'project_provider_disabled');
        assertError(await raw(startUrl('/account/tokens/oauth2/gitlab', {})), 412, 'project_provider_disabled');
    });

    test('success and failure URLs off the project\'s platforms are refused', async () => {
        for (const [name, value] of [['success', 'https://evil.example.com/ok'], ['failure', 'https://evil.example.com/ko'],
            ['success', 'javascript:alert(1)'], ['failure', 'not a url']]) {
            const res = await raw(startUrl('/account/sessions/oauth2/oidc', { [name]: value }));
            assertError(res, 400, 'general_argument_invalid');
            assert.match(res.body.message, new RegExp(`Invalid \`${name}\` param: Invalid URI`));
        }
        // A web platform makes its host acceptable.
        const platform = await server.api('POST', '/project/platforms/web', { body: { platformId: sdk.ID.unique(), name: 'app', hostname: 'app.example.com' } });
        assert.equal(platform.status, 201, platform.text);
        const location = await start({ success: 'https://app.example.com/done' });
        assert.equal(JSON.parse(new URL(location).searchParams.get('state')).success, 'https://app.example.com/done');
    });

    test('an unreadable or oversized state, and a state naming a foreign success URL', async () => {
        const callback = new URL(await providerRedirect(oidc));
        callback.searchParams.set('state', 'not-json{');
        assertError(await finish(callback.toString()), 500, 'general_server_error');

        callback.searchParams.set('state', JSON.stringify({ success: 'https://evil.example.com/', failure: FAILURE, token: false }));
        assertError(await finish(callback.toString()), 400, 'project_invalid_success_url');

        callback.searchParams.set('state', JSON.stringify({ success: SUCCESS, failure: 'https://evil.example.com/', token: false }));
        assertError(await finish(callback.toString()), 400, 'project_invalid_failure_url');

        callback.searchParams.set('state', JSON.stringify({ success: SUCCESS, failure: FAILURE, pad: 'x'.repeat(2048) }));
        assertError(await raw(callback.toString()), 400, 'general_argument_invalid');

        callback.searchParams.delete('state');
        assertError(await finish(callback.toString()), 400, 'project_invalid_success_url');
    });

    test('the provider\'s error and a missing code go to the failure URL', async () => {
        const callback = new URL(await providerRedirect(oidc));
        callback.searchParams.delete('code');
        let res = await finish(callback.toString());
        assert.equal(res.status, 301, res.text);
        assert.ok(res.location.startsWith(FAILURE));
        assert.deepEqual(Object.keys(errorOf(res.location)), ['message', 'type', 'code']);
        assert.equal(errorOf(res.location).type, 'user_oauth2_provider_error');
        assert.equal(errorOf(res.location).code, 424);

        callback.searchParams.set('error', 'access_denied');
        callback.searchParams.set('error_description', 'The user said no');
        res = await finish(callback.toString());
        const error = errorOf(res.location);
        assert.equal(error.type, 'user_oauth2_provider_error');
        assert.match(error.message, /access_denied: The user said no/);
    });

    test('a code exchange the provider refuses (wrong client secret) is user_oauth2_provider_failure', async () => {
        await configure(oidc, { secret: 'not-the-client-secret-at-all-but-long-enough' });
        try {
            const { res, cookie } = await signIn(oidc);
            assert.equal(res.status, 301, res.text);
            assert.ok(res.location.startsWith(FAILURE), res.location);
            const error = errorOf(res.location);
            assert.equal(error.type, 'user_oauth2_provider_failure');
            assert.equal(error.code, 424);
            assert.match(error.message, /OpenID Connect couldn't complete sign-in \(invalid_client\)/);
            assert.equal(cookie, undefined);
        } finally {
            await configure(oidc);
        }
    });

    test('without a failure URL in the state, errors are answered as JSON', async () => {
        const callback = new URL(await providerRedirect(oidc, { success: SUCCESS }));
        const state = JSON.parse(callback.searchParams.get('state'));
        callback.searchParams.set('state', JSON.stringify({ ...state, failure: '' }));
        callback.searchParams.delete('code');
        assertError(await finish(callback.toString()), 424, 'user_oauth2_provider_error');
    });

    test('the default failure page gets the error and the project', async () => {
        const callback = new URL(await providerRedirect(oidc, {}));
        callback.searchParams.delete('code');
        const res = await finish(callback.toString());
        const target = new URL(res.location);
        assert.equal(`${target.origin}${target.pathname}`, `${base}/console/auth/oauth2/failure`);
        assert.equal(target.searchParams.get('project'), server.projectId);
        assert.equal(JSON.parse(target.searchParams.get('error')).type, 'user_oauth2_provider_error');
    });

    test('a provider disabled between start and callback sends the browser to failure', async () => {
        const callback = await providerRedirect(oidc);
        await configure(oidc, { enabled: false });
        try {
            const res = await finish(callback);
            assert.equal(errorOf(res.location).type, 'project_provider_disabled');
            assert.equal(errorOf(res.location).code, 412);
            assertError(await raw(startUrl('/account/sessions/oauth2/oidc', { success: SUCCESS })), 412, 'project_provider_disabled');
        } finally {
            await configure(oidc);
        }
    });

    test('a code is good for one sign-in only', async () => {
        const callback = await providerRedirect(oidc);
        const ok = await finish(callback);
        assert.equal(ok.location, SUCCESS);
        const again = await finish(callback);
        assert.equal(errorOf(again.location).type, 'user_oauth2_provider_failure');
    });

    test('Apple-style form posts to the callback are forwarded too', async () => {
        const callback = new URL(await providerRedirect(oidc));
        const form = new URLSearchParams(callback.searchParams);
        form.set('user', JSON.stringify({ name: { firstName: 'Form', lastName: 'Post' } }));
        const hop = await raw(`${callback.origin}${callback.pathname}`, {
            method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(),
        });
        assert.equal(hop.status, 301, hop.text);
        const next = new URL(hop.location);
        assert.equal(next.searchParams.get('code'), callback.searchParams.get('code'));
        assert.equal(next.searchParams.get('user'), form.get('user'));
        const res = await raw(hop.location);
        assert.equal(res.location, SUCCESS);
    });
});
