// Health service over plain HTTP (node-appwrite 27.1.0 has no Health class).
//
// Appwrite 1.9.6 behaviour these tests pin down (read from the appwrite/appwrite
// source at tag cl-1.9.6-1, Health module + app/controllers/shared/api.php):
// - GET /v1/health/version: scope `public`, no key needed -> 200 {"version":"1.9.6"}.
// - Every other /v1/health* route has scope `health.read`. Guests (no key; with
//   or without a project header) lack it -> 401 general_unauthorized_scope.
// - Every API key implicitly has `global`, `health.read` and `graphql` on top
//   of its own scopes (config/roles.php, role "keys"), so a key created with
//   scopes ['users.read'] still gets 200 from /health*.
// - Queue endpoints: `threshold` (integer, default 5000); size >= threshold ->
//   503 health_queue_size_exceeded, so threshold=0 always answers 503.
//   A non-integer threshold -> 400 general_argument_invalid (param validation).
// - /health/queue/failed/{name}: name must be one of the spec's queue names,
//   else 400 general_argument_invalid.
// - /health/certificate: `domain` is required (400 general_argument_invalid when
//   missing) and must be a public domain (localhost -> 400 general_argument_invalid).
//   The certificate and time checks against real peers are in peers.test.mjs
//   (a loopback TLS server and SNTP responder).
// - /health/anti-virus with antivirus disabled -> {"version":"","status":"disabled"}.
// - Unknown project (with a key) -> 404 project_not_found, checked before scopes.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { spec, assertModel, assertError, responseModel } from './spec.mjs';

let server;
before(async () => {
    server = await startServer();
});
after(async () => {
    if (server) {
        const exit = await server.stop();
        assert.equal(exit.code, 0, `basalt serve should exit 0 on SIGTERM, got ${JSON.stringify(exit)}`);
    }
});

// Every GET /health* route of the server spec, with the query a positive call needs.
const healthPaths = Object.keys(spec.paths)
    .filter((p) => p === '/health' || p.startsWith('/health/'))
    .filter((p) => spec.paths[p].get);

// Routes that need a peer or a parameter: tested below and in peers.test.mjs.
const special = new Set(['/health/certificate', '/health/time', '/health/queue/failed/{name}']);

function concretePath(p) {
    return p.replace('{name}', 'v1-database');
}

test('the spec lists the health routes we expect', () => {
    assert.ok(healthPaths.length >= 20, `only ${healthPaths.length} health routes in the spec`);
    for (const p of ['/health', '/health/db', '/health/cache', '/health/pubsub', '/health/storage',
        '/health/storage/local', '/health/time', '/health/anti-virus', '/health/certificate',
        '/health/queue/failed/{name}', '/health/queue/mails', '/health/queue/webhooks']) {
        assert.ok(healthPaths.includes(p), `${p} missing from the spec`);
    }
});

test('GET /health/version needs no key and answers {"version":"1.9.6"}', async () => {
    const res = await server.api('GET', '/health/version', { key: null, project: null });
    assert.equal(res.status, 200, res.text);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(res.body, { version: '1.9.6' });
});

describe('every health.read route with the API key', () => {
    for (const p of healthPaths.filter((x) => !special.has(x))) {
        test(`GET ${p}`, async () => {
            const { status, model } = responseModel('GET', p);
            const res = await server.api('GET', concretePath(p));
            assert.equal(res.status, status, `${p}: ${res.text}`);
            assertModel(res.body, model, p);
            if (model === 'healthStatus') {
                assert.equal(res.body.status, 'pass', `${p}: ${res.text}`);
                assert.ok(res.body.ping >= 0);
            }
            if (model === 'healthStatusList') {
                assert.equal(res.body.total, res.body.statuses.length);
                assert.ok(res.body.total >= 1, `${p} should report at least one status`);
                for (const s of res.body.statuses) assert.equal(s.status, 'pass', `${p}: ${res.text}`);
            }
            if (model === 'healthQueue') assert.ok(res.body.size >= 0);
            if (model === 'healthAntivirus') {
                assert.ok(['disabled', 'offline', 'online'].includes(res.body.status), res.text);
            }
        });
    }

    test('GET /health/queue/failed/{name} for every queue name of the spec', async () => {
        const param = spec.paths['/health/queue/failed/{name}'].get.parameters.find((x) => x.name === 'name');
        const names = param.schema.enum;
        assert.ok(names.length > 5);
        for (const name of names) {
            const res = await server.api('GET', `/health/queue/failed/${name}`);
            assert.equal(res.status, 200, `${name}: ${res.text}`);
            assertModel(res.body, 'healthQueue');
            assert.ok(res.body.size >= 0);
        }
    });
});

describe('health input validation', () => {
    test('queue threshold reached -> 503 health_queue_size_exceeded', async () => {
        for (const p of ['/health/queue/mails?threshold=0', '/health/queue/failed/v1-mails?threshold=0']) {
            assertError(await server.api('GET', p), 503, 'health_queue_size_exceeded');
        }
    });

    test('a generous threshold passes', async () => {
        const res = await server.api('GET', '/health/queue/webhooks?threshold=1000000');
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'healthQueue');
    });

    test('non-integer threshold -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', '/health/queue/mails?threshold=abc'), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/health/queue/mails?threshold=1.5'), 400, 'general_argument_invalid');
    });

    test('unknown failed-queue name -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', '/health/queue/failed/v1-nope'), 400, 'general_argument_invalid');
    });

    test('certificate: missing or non-public domain -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', '/health/certificate'), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/health/certificate?domain=localhost'), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/health/certificate?domain=not%20a%20domain'), 400, 'general_argument_invalid');
    });
});

describe('health authorization', () => {
    test('no key, with project -> 401 general_unauthorized_scope on every health.read route', async () => {
        for (const p of healthPaths) {
            const res = await server.api('GET', concretePath(p).replace('/health/certificate', '/health/certificate?domain=appwrite.io'), { key: null });
            assertError(res, 401, 'general_unauthorized_scope');
        }
    });

    test('no key, no project -> 401 general_unauthorized_scope', async () => {
        assertError(await server.api('GET', '/health', { key: null, project: null }), 401, 'general_unauthorized_scope');
        assertError(await server.api('GET', '/health/db', { key: null, project: null }), 401, 'general_unauthorized_scope');
    });

    test('a key without health.read still reads health (keys always have it)', async () => {
        const key = server.createKey({ name: 'users only', scopes: ['users.read'] });
        const res = await server.api('GET', '/health', { key: key.apiKey });
        assert.equal(res.status, 200, res.text);
        assertModel(res.body, 'healthStatus');
        // ...but not other scopes: locale.read is not implied.
        assertError(await server.api('GET', '/locale/codes', { key: key.apiKey }), 401, 'general_unauthorized_scope');
    });

    test('unknown project -> 404 project_not_found', async () => {
        assertError(await server.api('GET', '/health', { project: 'no-such-project' }), 404, 'project_not_found');
    });

    test('invalid key -> 401 user_unauthorized', async () => {
        assertError(await server.api('GET', '/health', { key: 'standard_0123456789abcdef' }), 401, 'user_unauthorized');
    });
});
