// Bad input and the Appwrite error each one gets.
//
// Findings from the appwrite/appwrite source at tag cl-1.9.6-1 (the 1.9.6
// release) and the utopia-php/http Swoole adapter it runs on:
// - Error body: {"message","code","type","version"}; code is the integer HTTP status.
// - Parameter validation failures (any route param: IDs, queries, integers)
//   are Utopia HTTP 400s, which the error handler renders as
//   400 general_argument_invalid. That covers: an unknown query method, a
//   query that is not JSON, limit with a string value, a query on an attribute
//   the route does not allow, IDs longer than 36 chars (body or path).
//   general_query_invalid is only thrown by a few handlers after validation.
//   Appwrite's own e2e tests assert this, e.g. tests/e2e/Services/Users/UsersBase.php:
//   type general_argument_invalid, message "Invalid `queries` param: Invalid query: ...".
// - Malformed JSON body: the Swoole adapter's json_decode fails and the body
//   is taken as empty ({}), so the route answers as if no params were sent:
//   400 general_argument_invalid ('Param "..." is not optional.') when a
//   required param is missing.
// - Oversized body: Swoole's package_max_length is 12 MiB; beyond it the
//   request is refused with HTTP 413 before Appwrite sees it (not an Appwrite
//   JSON error). We send 17 MiB (over Basalt's 16 MiB default too) and check
//   413 and, if the body is JSON, its error shape.
// - Query strings: Swoole parses PHP-style arrays, so queries[0]=, queries[]=
//   and their percent-encoded forms (queries%5B0%5D=, what the SDKs send) all work.
// - Unknown project id (header) -> 404 project_not_found; checked before
//   scopes and before the route (the unknown-route wildcard is in the api group).
// - Invalid API key with a valid project: the key resolves to a guest key,
//   then the stored-key lookup fails -> 401 user_unauthorized, on every api
//   route, public ones too. Invalid key and no project header -> 403
//   project_id_missing.
// - Unknown route or unknown method on a known path -> 404 general_route_not_found.
// - CORS (app/config/cors.php, src/Appwrite/Network/Cors.php, allowedHostnames):
//   * OPTIONS preflight: 204 and the Origin is echoed for ANY origin (the
//     request's own origin host is added to the allowed list for OPTIONS),
//     with Allow-Credentials true, Allow-Methods "GET, POST, PUT, PATCH, DELETE",
//     Max-Age 86400, Allow-Headers including X-Appwrite-Project/Key/....
//   * Actual requests: the Origin host must be a web platform hostname of the
//     project or the server's own hostname (default "localhost", any port);
//     otherwise, without an API key, 403 general_unknown_origin and no
//     Access-Control-Allow-Origin. Matching is by exact hostname.
//   * With an API key the origin check is skipped (but the origin is still not
//     echoed if not allowed).
//   * Error responses carry the CORS headers too.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertError, assertModel } from './spec.mjs';

let server;
let project;
before(async () => {
    server = await startServer();
    project = new sdk.Project(server.client());
});
after(async () => {
    if (server) await server.stop();
});

describe('malformed input', () => {
    test('malformed JSON body -> 400 general_argument_invalid', async () => {
        const res = await server.api('POST', '/project/keys', { body: '{"keyId": "broken", "name": "x", "scopes": [' });
        assertError(res, 400, 'general_argument_invalid');
        // and nothing was created
        const list = await project.listKeys({ queries: [sdk.Query.equal('name', ['x'])] });
        assert.equal(list.total, 0);
    });

    test('JSON array body -> 400 general_argument_invalid', async () => {
        assertError(await server.api('POST', '/project/keys', { body: '[1,2,3]' }), 400, 'general_argument_invalid');
    });

    test('wrong JSON types for params -> 400 general_argument_invalid', async () => {
        assertError(await server.api('POST', '/project/keys', { body: { keyId: 'typed', name: 42, scopes: [] } }), 400, 'general_argument_invalid');
        assertError(await server.api('POST', '/project/keys', { body: { keyId: 'typed', name: 'n', scopes: 'users.read' } }), 400, 'general_argument_invalid');
        assertError(await server.api('POST', '/project/keys', { body: { keyId: ['typed'], name: 'n', scopes: [] } }), 400, 'general_argument_invalid');
    });

    // queries[0]=... with the brackets percent-encoded, as the SDKs send them.
    const queries = (...list) => list.map((q, i) => `queries%5B${i}%5D=${encodeURIComponent(typeof q === 'string' ? q : JSON.stringify(q))}`).join('&');

    test('unknown query method -> 400 general_argument_invalid', async () => {
        const res = await server.api('GET', `/project/keys?${queries({ method: 'frobnicate', attribute: 'name', values: ['x'] })}`);
        assertError(res, 400, 'general_argument_invalid');
    });

    test('query that is not JSON -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', `/project/keys?${queries('limit(5)')}`), 400, 'general_argument_invalid');
    });

    test('limit with a string -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', `/project/keys?${queries({ method: 'limit', values: ['ten'] })}`), 400, 'general_argument_invalid');
        assertError(await server.api('GET', `/project/keys?${queries({ method: 'offset', values: [-1] })}`), 400, 'general_argument_invalid');
    });

    test('query on an attribute the route does not allow -> 400 general_argument_invalid', async () => {
        const res = await server.api('GET', `/project/keys?${queries({ method: 'equal', attribute: 'secret', values: ['x'] })}`);
        assertError(res, 400, 'general_argument_invalid');
    });

    test('queries[0] and queries[] with raw (unencoded) brackets are accepted, as by Appwrite', async () => {
        const q = encodeURIComponent(JSON.stringify({ method: 'limit', values: [1] }));
        for (const form of [`queries[0]=${q}`, `queries[]=${q}`, `queries%5B%5D=${q}`]) {
            const res = await server.api('GET', `/project/keys?${form}`);
            assert.equal(res.status, 200, `${form}: ${res.text}`);
            assert.equal(res.body.keys.length, 1, form);
        }
    });

    test('IDs longer than 36 characters -> 400 general_argument_invalid', async () => {
        const id37 = 'a'.repeat(37);
        assertError(await server.api('POST', '/project/keys', { body: { keyId: id37, name: 'n', scopes: [] } }), 400, 'general_argument_invalid');
        assertError(await server.api('POST', '/project/platforms/web', { body: { platformId: id37, name: 'n', hostname: 'a.example.com' } }), 400, 'general_argument_invalid');
        assertError(await server.api('GET', `/project/keys/${id37}`), 400, 'general_argument_invalid');
        // 36 is a valid (unknown) id
        assertError(await server.api('GET', `/project/keys/${'a'.repeat(36)}`), 404, 'key_not_found');
    });

    test('oversized body -> 413, and the server keeps working', async () => {
        // Appwrite refuses bodies over 12 MiB (Swoole package_max_length); Basalt's
        // default limit is 16 MiB: 17 MiB is over both.
        const size = 17 * 1024 * 1024;
        const res = await rawPost('/project/keys', Buffer.alloc(size, 0x61), {
            'content-type': 'application/json',
            'x-appwrite-project': server.projectId,
            'x-appwrite-key': server.apiKey,
        });
        assert.equal(res.status, 413, `oversized body answered ${res.status}: ${res.text.slice(0, 200)}`);
        if (/^application\/json/.test(res.headers['content-type'] ?? '')) {
            const body = JSON.parse(res.text);
            assert.deepEqual(Object.keys(body), ['message', 'code', 'type', 'version']);
            assert.equal(body.code, 413);
        }
        const ok = await server.api('GET', '/health/version', { key: null, project: null });
        assert.equal(ok.status, 200);
    });
});

/** POST with node:http so that an early answer (before the body is sent) is still read. */
function rawPost(apiPath, body, headers) {
    const url = new URL(server.endpoint + apiPath);
    return new Promise((resolve, reject) => {
        const req = http.request(
            { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...headers, 'content-length': body.length } },
            (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (d) => (text += d));
                res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
                res.on('error', () => resolve({ status: res.statusCode, headers: res.headers, text }));
            },
        );
        req.on('error', (err) => {
            // The server may close the socket after answering 413; that is fine
            // only if we already have the answer (handled in the response callback).
            if (!req.res) reject(err);
        });
        req.end(body);
    });
}

describe('projects and keys', () => {
    test('unknown project -> 404 project_not_found (with or without key)', async () => {
        assertError(await server.api('GET', '/locale/codes', { project: 'no-such-project', key: null }), 404, 'project_not_found');
        assertError(await server.api('GET', '/project/keys', { project: 'no-such-project' }), 404, 'project_not_found');
    });

    test('invalid API key -> 401 user_unauthorized, even on public routes', async () => {
        for (const key of ['not-a-key', 'standard_0123456789abcdef', `${server.apiKey}x`]) {
            assertError(await server.api('GET', '/project/keys', { key }), 401, 'user_unauthorized');
            assertError(await server.api('GET', '/locale/codes', { key }), 401, 'user_unauthorized');
        }
        const sdkLocale = new sdk.Locale(server.client({ key: 'standard_bad' }));
        await assert.rejects(sdkLocale.listCodes(), (err) => err.code === 401 && err.type === 'user_unauthorized');
    });

    test('invalid API key without a project -> 403 project_id_missing', async () => {
        assertError(await server.api('GET', '/locale/codes', { project: null, key: 'standard_bad' }), 403, 'project_id_missing');
    });

    test('the valid key still works', async () => {
        const res = await server.api('GET', '/project/keys');
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'keyList');
    });
});

describe('routes', () => {
    test('unknown route -> 404 general_route_not_found', async () => {
        assertError(await server.api('GET', '/nope'), 404, 'general_route_not_found');
        assertError(await server.api('GET', '/locale/nope', { key: null }), 404, 'general_route_not_found');
        assertError(await server.api('GET', '/nope', { key: null, project: null }), 404, 'general_route_not_found');
        assertError(await server.api('POST', '/project/keys/extra/segments', { body: {} }), 404, 'general_route_not_found');
    });

    test('known path, unknown method -> 404 general_route_not_found', async () => {
        assertError(await server.api('PATCH', '/locale/codes', { body: {} }), 404, 'general_route_not_found');
        assertError(await server.api('DELETE', '/health/version', { body: {} }), 404, 'general_route_not_found');
    });

    test('unknown route of an unknown project -> 404 project_not_found', async () => {
        assertError(await server.api('GET', '/nope', { project: 'no-such-project', key: null }), 404, 'project_not_found');
    });
});

describe('CORS', () => {
    const evil = 'http://evil.example';
    const app = 'https://app.example.com';

    async function preflight(origin, apiPath = '/locale/countries') {
        return fetch(server.endpoint + apiPath, {
            method: 'OPTIONS',
            headers: {
                origin,
                'access-control-request-method': 'POST',
                'access-control-request-headers': 'content-type,x-appwrite-project,x-appwrite-key',
            },
        });
    }

    function getWithOrigin(origin, { key = null, apiPath = '/locale/countries' } = {}) {
        return server.api('GET', apiPath, { key, headers: { origin } });
    }

    before(async () => {
        await project.createWebPlatform({ platformId: 'cors-web', name: 'CORS test', hostname: 'app.example.com' });
    });

    test('preflight from any origin -> 204 with the origin echoed', async () => {
        for (const origin of [evil, app, 'http://localhost:5173']) {
            const res = await preflight(origin);
            assert.equal(res.status, 204, origin);
            assert.equal(res.headers.get('access-control-allow-origin'), origin);
            assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
            const methods = (res.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
            for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(m), `${m} not allowed`);
            const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
            for (const h of ['content-type', 'x-appwrite-project', 'x-appwrite-key', 'x-appwrite-response-format', 'x-sdk-version', 'x-fallback-cookies']) {
                assert.ok(allowed.includes(h), `${h} not in Access-Control-Allow-Headers`);
            }
            assert.equal(res.headers.get('access-control-max-age'), '86400');
            assert.equal(await res.text(), '');
        }
    });

    test('request from an unregistered origin -> 403 general_unknown_origin', async () => {
        const res = await getWithOrigin(evil);
        assertError(res, 403, 'general_unknown_origin');
        assert.equal(res.headers.get('access-control-allow-origin'), null);
        // an exact-hostname match is needed: a subdomain of a platform is not enough
        assertError(await getWithOrigin('https://sub.app.example.com'), 403, 'general_unknown_origin');
        assertError(await getWithOrigin('https://app.example.com.evil.example'), 403, 'general_unknown_origin');
    });

    test('request from a registered web platform -> 200 with CORS headers', async () => {
        const res = await getWithOrigin(app);
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get('access-control-allow-origin'), app);
        assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
        const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
        assert.ok(exposed.includes('x-fallback-cookies'), `expose headers: ${exposed}`);
        // any port and scheme of that hostname
        const other = await getWithOrigin('http://app.example.com:8443');
        assert.equal(other.status, 200, other.text);
    });

    test('request from any localhost origin -> 200', async () => {
        for (const origin of ['http://localhost', 'http://localhost:5173', 'https://localhost:3000']) {
            const res = await getWithOrigin(origin);
            assert.equal(res.status, 200, `${origin}: ${res.text}`);
            assert.equal(res.headers.get('access-control-allow-origin'), origin);
        }
    });

    test('an API key skips the origin check but does not allow the origin', async () => {
        const res = await getWithOrigin(evil, { key: server.apiKey });
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers.get('access-control-allow-origin'), null);
    });

    test('error responses carry CORS headers', async () => {
        const res = await getWithOrigin(app, { apiPath: '/nope' });
        assertError(res, 404, 'general_route_not_found');
        assert.equal(res.headers.get('access-control-allow-origin'), app);
    });

    test('removing the platform refuses its origin at once', async () => {
        await project.createWebPlatform({ platformId: 'cors-tmp', name: 'tmp', hostname: 'tmp.example.com' });
        assert.equal((await getWithOrigin('https://tmp.example.com')).status, 200);
        await project.deletePlatform({ platformId: 'cors-tmp' });
        assertError(await getWithOrigin('https://tmp.example.com'), 403, 'general_unknown_origin');
    });
});
