// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the OAuth2 tests, with the
// browser part of the authorization-code flow driven headlessly.
//
//   const oidc = await startOidcProvider({
//       clientId: 'basalt', clientSecret: 's3cret',
//       redirectUris: ['http://127.0.0.1:1234/v1/account/sessions/oauth2/callback/oidc/console'],
//       account: { sub: 'u1', email: 'ada@example.com', email_verified: true, name: 'Ada' },
//   });
//   const redirect = await oidc.login(authorizeUrl);  // URL at a redirect URI, ?code=...&state=...
//   await oidc.stop();
//
// The provider speaks plain HTTP (tests only) and keeps everything in memory. Login and consent
// need no HTML form: the interaction URL points at a small route here that finishes the login for
// the configured account and grants what the client asked for. The client authenticates at the
// token endpoint with client_secret_post (client_id and client_secret in the form body), as
// Appwrite's OIDC adapter does; `tokenEndpointAuthMethod` picks another method.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';

const INTERACTION_PREFIX = '/interaction/';
const MAX_REDIRECTS = 20;

/** Finishes the login or consent prompt of one interaction without any user input. */
async function completeInteraction(provider, accountId, req, res) {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params, session } = details;
    if (prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
        return;
    }
    if (prompt.name === 'consent') {
        const grant = details.grantId
            ? await provider.Grant.find(details.grantId)
            : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
        const missing = prompt.details;
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
            grant.addResourceScope(indicator, scopes.join(' '));
        }
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
    }
    throw new Error(`unexpected interaction prompt: ${prompt.name}`);
}

/** Cookies per origin, enough for the provider's session and interaction cookies. */
class CookieJar {
    #byOrigin = new Map();

    store(url, response) {
        const origin = new URL(url).origin;
        const jar = this.#byOrigin.get(origin) ?? new Map();
        for (const line of response.headers.getSetCookie()) {
            const [pair, ...attributes] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            const value = pair.slice(eq + 1).trim();
            const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
                || attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now());
            if (expired || value === '') jar.delete(name);
            else jar.set(name, value);
        }
        this.#byOrigin.set(origin, jar);
    }

    header(url) {
        const jar = this.#byOrigin.get(new URL(url).origin);
        if (!jar || jar.size === 0) return undefined;
        return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    }
}

function isRedirectTarget(location, redirectUris) {
    const target = new URL(location);
    return redirectUris.some((uri) => {
        const allowed = new URL(uri);
        return target.origin === allowed.origin && target.pathname === allowed.pathname;
    });
}

/**
 * Starts the provider on a free 127.0.0.1 port. `account` is the one user who signs in;
 * `account.sub` is its subject, the other fields are returned as claims (email and
 * email_verified for the `email` scope, name for `profile`).
 */
export async function startOidcProvider({
    clientId,
    clientSecret,
    redirectUris,
    account,
    tokenEndpointAuthMethod = 'client_secret_post',
}) {
    if (!clientId || !clientSecret || !Array.isArray(redirectUris) || redirectUris.length === 0) {
        throw new TypeError('startOidcProvider needs clientId, clientSecret and redirectUris');
    }
    if (!account?.sub) throw new TypeError('startOidcProvider needs account.sub');

    // Listen first: the issuer URL must carry the port before the provider is built.
    let handler = (_req, res) => {
        res.statusCode = 503;
        res.end();
    };
    const server = http.createServer((req, res) => handler(req, res));
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });
    const issuer = `http://127.0.0.1:${server.address().port}`;

    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const signingKey = { ...(await exportJWK(privateKey)), kid: 'basalt-test', alg: 'RS256', use: 'sig' };

    const provider = new Provider(issuer, {
        clients: [{
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: redirectUris,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            token_endpoint_auth_method: tokenEndpointAuthMethod,
        }],
        async findAccount(_ctx, sub) {
            if (sub !== account.sub) return undefined;
            return {
                accountId: sub,
                async claims() {
                    return { ...account, sub };
                },
            };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(32).toString('hex')] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `${INTERACTION_PREFIX}${interaction.uid}` },
        // A refresh token whenever the client may use one, so refresh can be tested without
        // the offline_access + prompt=consent dance.
        issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
        // Lifetimes in seconds, set so oidc-provider does not print a notice for each default.
        ttl: {
            AccessToken: 3600,
            AuthorizationCode: 60,
            Grant: 3600,
            IdToken: 3600,
            Interaction: 600,
            RefreshToken: 86400,
            Session: 3600,
        },
        // Error pages as plain text: login() puts them in its exception.
        async renderError(ctx, out) {
            ctx.type = 'text/plain';
            ctx.body = `${out.error}: ${out.error_description ?? ''}`;
        },
    });
    // Koa's default error listener prints every expected 4xx (a refused code, a bad secret).
    provider.on('server_error', (_ctx, err) => console.error('oidc-provider server_error:', err));
    provider.silent = true;  // the provider is the Koa app

    const providerCallback = provider.callback();
    handler = (req, res) => {
        if (req.url.startsWith(INTERACTION_PREFIX)) {
            completeInteraction(provider, account.sub, req, res).catch((err) => {
                res.statusCode = 500;
                res.setHeader('Content-Type', 'text/plain');
                res.end(`interaction failed: ${err.message}`);
            });
            return;
        }
        providerCallback(req, res);
    };

    /**
     * Follows `authorizeUrl` through the provider (and any server redirecting to it) with a
     * cookie jar, and returns the first redirect that points at one of `redirectUris`, without
     * requesting it. Throws when a response is not a redirect (the provider's error page).
     */
    async function login(authorizeUrl) {
        const jar = new CookieJar();
        let url = authorizeUrl;
        for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
            const cookie = jar.header(url);
            const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
            jar.store(url, response);
            const location = response.headers.get('location');
            if (response.status < 300 || response.status >= 400 || !location) {
                const body = await response.text();
                throw new Error(`login stopped at ${url} with ${response.status}: ${body.slice(0, 500)}`);
            }
            await response.arrayBuffer().catch(() => {});
            const next = new URL(location, url).toString();
            if (isRedirectTarget(next, redirectUris)) return next;
            url = next;
        }
        throw new Error(`login did not reach a redirect URI within ${MAX_REDIRECTS} redirects`);
    }

    async function stop() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    }

    return {
        issuer,
        wellKnown: `${issuer}/.well-known/openid-configuration`,
        authorizationEndpoint: `${issuer}${provider.pathFor('authorization')}`,
        tokenEndpoint: `${issuer}${provider.pathFor('token')}`,
        userinfoEndpoint: `${issuer}${provider.pathFor('userinfo')}`,
        stop,
        login,
    };
}
