// Two nodes on one storage (the same SQLite files, or the same PostgreSQL database), as a
// cluster runs them: a session made on one node works on the other, and a session deleted on
// one node stops working on the other at once (sessions are never cached); a JWT acts with
// the same user and team roles as its session; concurrent increments of one document sent to
// both nodes are all counted (the step is one SQL statement, not a read-modify-write).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertError } from './spec.mjs';

let server;
let second;
before(async () => {
    server = await startServer();
    second = await server.startNode();
});
after(async () => {
    if (second) await second.stop();
    if (server) await server.stop();
});

function call(endpoint, method, path, { cookie, jwt, body } = {}) {
    const headers = { 'x-appwrite-project': server.projectId, 'content-type': 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (jwt) headers['x-appwrite-jwt'] = jwt;
    return fetch(endpoint + path, { method, headers, body: body ? JSON.stringify(body) : undefined }).then(async (res) => {
        const text = await res.text();
        return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : undefined };
    });
}

test('a session deleted on one node stops working on the other at once', async () => {
    const email = `cluster-${Date.now()}@example.com`;
    const password = 'cluster password';
    assert.equal((await call(server.endpoint, 'POST', '/account', { body: { userId: 'unique()', email, password } })).status, 201);
    const login = await call(second.endpoint, 'POST', '/account/sessions/email', { body: { email, password } });
    assert.equal(login.status, 201, login.text);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`)).split(';')[0];
    assert.equal((await call(server.endpoint, 'GET', '/account', { cookie })).status, 200);
    assert.equal((await call(second.endpoint, 'GET', '/account', { cookie })).status, 200);
    const deleted = await call(server.endpoint, 'DELETE', '/account/sessions/current', { cookie });
    assert.equal(deleted.status, 204, deleted.text);
    assertError(await call(second.endpoint, 'GET', '/account', { cookie }), 401, 'general_unauthorized_scope');
});

test('a JWT acts with the roles of its session: the same teams, on either node', async () => {
    const email = `jwt-${Date.now()}@example.com`;
    const password = 'cluster password';
    const user = await call(server.endpoint, 'POST', '/account', { body: { userId: 'unique()', email, password } });
    const login = await call(server.endpoint, 'POST', '/account/sessions/email', { body: { email, password } });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`)).split(';')[0];
    const teams = new sdk.Teams(server.client());
    const team = await teams.create({ teamId: sdk.ID.unique(), name: 'Cluster team' });
    await teams.createMembership({ teamId: team.$id, roles: ['editor'], userId: user.body.$id });
    await teams.create({ teamId: sdk.ID.unique(), name: 'Not mine' });
    const viaSession = await call(server.endpoint, 'GET', '/teams', { cookie });
    assert.equal(viaSession.status, 200, viaSession.text);
    assert.deepEqual(viaSession.body.teams.map((t) => t.$id), [team.$id]);
    const jwt = (await call(server.endpoint, 'POST', '/account/jwts', { cookie })).body.jwt;
    const viaJwt = await call(second.endpoint, 'GET', '/teams', { jwt });
    assert.equal(viaJwt.status, 200, viaJwt.text);
    assert.deepEqual(viaJwt.body.teams.map((t) => t.$id), [team.$id]);
    assert.equal(viaJwt.body.total, viaSession.body.total);
    await call(second.endpoint, 'DELETE', '/account/sessions/current', { cookie });
    assertError(await call(server.endpoint, 'GET', '/teams', { jwt }), 401, 'general_unauthorized_scope');
});

test('concurrent increments split between two nodes are never lost', async () => {
    const nodes = [server, second].map((node) => new sdk.TablesDB(new sdk.Client().setEndpoint(node.endpoint)
        .setProject(server.projectId).setKey(server.apiKey)));
    await nodes[0].create({ databaseId: 'counts', name: 'counts' });
    await nodes[0].createTable({ databaseId: 'counts', tableId: 'c', name: 'c' });
    await nodes[0].createIntegerColumn({ databaseId: 'counts', tableId: 'c', key: 'n', required: false, xdefault: 0 });
    await nodes[0].createFloatColumn({ databaseId: 'counts', tableId: 'c', key: 'f', required: false, xdefault: 0 });
    await nodes[0].createRow({ databaseId: 'counts', tableId: 'c', rowId: 'r', data: { n: 0 } });
    const at = { databaseId: 'counts', tableId: 'c', rowId: 'r' };
    const steps = [];
    for (let i = 0; i < 200; i++) {
        const node = nodes[i % 2];
        steps.push(i % 4 === 3
            ? node.decrementRowColumn({ ...at, column: 'n', value: 1 })
            : node.incrementRowColumn({ ...at, column: 'n', value: 2 }));
        steps.push(node.incrementRowColumn({ ...at, column: 'f', value: 0.5 }));
    }
    const results = await Promise.allSettled(steps);
    const failed = results.filter((r) => r.status === 'rejected');
    assert.equal(failed.length, 0, String(failed[0]?.reason));
    const row = await nodes[1].getRow(at);
    assert.equal(row.n, 150 * 2 - 50);
    assert.equal(row.f, 100);
    // A bound is checked against the value at the moment of the step, on either node.
    const capped = await Promise.allSettled(Array.from({ length: 20 }, (_, i) =>
        nodes[i % 2].incrementRowColumn({ ...at, column: 'n', value: 1, max: 260 })));
    assert.equal(capped.filter((r) => r.status === 'fulfilled').length, 10);
    for (const r of capped.filter((c) => c.status === 'rejected')) assert.equal(r.reason.type, 'column_limit_exceeded');
    assert.equal((await nodes[0].getRow(at)).n, 260);
});
