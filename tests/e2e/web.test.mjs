// The web SDK (appwrite@27.0.0, response format 2.0.0) against the server, in Node.
//
// Appwrite 1.9.6 behaviour (app/controllers/general.php at tag cl-1.9.6-1):
// - X-Appwrite-Response-Format newer than the server (2.0.0 > 1.9.6) -> the
//   answer carries X-Appwrite-Warning: "The current SDK is built for Appwrite
//   2.0.0. However, the current Appwrite server version is 1.9.6. Please
//   downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks"
//   (warnings joined with ';'). node-appwrite 27.1.0 sends 1.9.5: no warning.
// - Locale lists need no session (guests have locale.read).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Locale, AppwriteException } from 'appwrite';
import { startServer } from './harness.mjs';
import { assertModel } from './spec.mjs';

let server;
before(async () => {
    server = await startServer();
});
after(async () => {
    if (server) await server.stop();
});

test('web SDK reads locale lists as a guest', async () => {
    const locale = new Locale(new Client().setEndpoint(server.endpoint).setProject(server.projectId));
    const continents = await locale.listContinents();
    assertModel(continents, 'continentList');
    assert.equal(continents.total, 7);
    const countries = await locale.listCountriesEU();
    assert.equal(countries.total, 27);
});

test('web SDK gets Appwrite errors as AppwriteException', async () => {
    const locale = new Locale(new Client().setEndpoint(server.endpoint).setProject('no-such-project'));
    await assert.rejects(locale.listCodes(), (err) => {
        assert.ok(err instanceof AppwriteException, String(err));
        assert.equal(err.code, 404);
        assert.equal(err.type, 'project_not_found');
        return true;
    });
});

test('response format 2.0.0 (newer than the server) -> X-Appwrite-Warning', async () => {
    const res = await server.api('GET', '/locale/continents', {
        key: null,
        headers: { 'x-appwrite-response-format': '2.0.0' },
    });
    assert.equal(res.status, 200, res.text);
    // Appwrite warns when the SDK is newer than the server; the SDK prints the text as it is.
    const warning = res.headers.get('x-appwrite-warning') ?? '';
    assert.match(warning, /2\.0\.0/);
    assert.match(warning, /1\.9\.6/);
});

test('response format 1.9.5 (node-appwrite) -> no warning', async () => {
    const res = await server.api('GET', '/locale/continents', {
        key: null,
        headers: { 'x-appwrite-response-format': '1.9.5' },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers.get('x-appwrite-warning'), null);
});
