// Appwrite's abuse limits on auth routes: X-RateLimit-* headers, 429
// general_rate_limit_exceeded, counters per email / per address, reset on success,
// and API keys never limited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { assertError } from './spec.mjs';

let server;
before(async () => {
    server = await startServer({ rateLimits: true });
});
after(async () => {
    if (server) await server.stop();
});

const login = (email, password) =>
    server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });

test('10 email sign-ins per hour per email, then 429 with the headers; other emails unaffected', async () => {
    const email = `limited-${Date.now()}@example.com`;
    const first = await login(email, 'wrong password');
    assertError(first, 401, 'user_invalid_credentials');
    assert.equal(first.headers.get('x-ratelimit-limit'), '10');
    assert.equal(first.headers.get('x-ratelimit-remaining'), '9');
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    assert.ok(reset > Date.now() / 1000 && reset <= Date.now() / 1000 + 3600, `reset ${reset}`);
    for (let i = 2; i <= 10; i++) assertError(await login(email, 'wrong password'), 401, 'user_invalid_credentials');
    const refused = await login(email, 'wrong password');
    assertError(refused, 429, 'general_rate_limit_exceeded');
    assert.equal(refused.headers.get('x-ratelimit-remaining'), '0');
    assertError(await login(`other-${Date.now()}@example.com`, 'wrong password'), 401, 'user_invalid_credentials');
});

test('a successful sign-in resets the counter of its email', async () => {
    const email = `reset-${Date.now()}@example.com`;
    const created = await server.api('POST', '/account', { key: null, body: { userId: 'unique()', email, password: 'right password' } });
    assert.equal(created.status, 201, created.text);
    for (let i = 0; i < 5; i++) await login(email, 'wrong password');
    const ok = await login(email, 'right password');
    assert.equal(ok.status, 201, ok.text);
    const next = await login(email, 'wrong password');
    assert.equal(next.headers.get('x-ratelimit-remaining'), '9', 'the window starts over after a 201');
});

test('API keys are not limited but still see the headers', async () => {
    const email = `keyed-${Date.now()}@example.com`;
    for (let i = 0; i < 12; i++) {
        const res = await server.api('POST', '/account/sessions/email', { body: { email, password: 'wrong password' } });
        assertError(res, 401, 'user_invalid_credentials');
        assert.equal(res.headers.get('x-ratelimit-limit'), '10');
    }
});
