// File tokens (Tokens service) with node-appwrite@27.1.0, and reading a file through a token.
//
// Appwrite 1.9.6, read in src/Appwrite/Platform/Modules/Tokens/Http/Tokens/*,
// src/Appwrite/Utopia/Response/Model/ResourceToken.php and app/init/resources/request.php
// (`resourceToken`) and Modules/Storage/Http/Buckets/Files/{Download,View}/Get.php:
// - POST/GET /v1/tokens/buckets/{b}/files/{f} (tokens.write / tokens.read): bucket_not_found,
//   storage_file_not_found; `expire` null or a date in the future; list filters on `expire`.
// - GET/PATCH/DELETE /v1/tokens/{id}: token_not_found (404).
// - The model's `secret` is an HS256 JWT with tokenId, resourceId, resourceType,
//   resourceInternalId, iat and exp (when expire is set), re-signed on every read.
// - `?token=` on download/view: a valid token reads its file whatever the permissions; an
//   invalid, expired or deleted token is ignored (the caller's own permissions apply, so a
//   guest gets user_unauthorized 401); a valid token of another file is user_unauthorized.
// - Deleting a file (or its bucket) deletes its tokens (Basalt; Appwrite leaves them behind).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';
import { startServer } from './harness.mjs';
import { assertError, assertModel, rejectsWith } from './spec.mjs';

const { ID, Query, Permission, Role } = sdk;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let server;
let storage;
let tokens;

before(async () => {
    server = await startServer();
    storage = new sdk.Storage(server.client());
    tokens = new sdk.Tokens(server.client());
});

after(async () => {
    if (server) await server.stop();
});

async function fileIn(bucketId, content = 'secret bytes', name = 'note.txt') {
    return storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from(content), name) });
}

/** A private bucket (no permissions at all) with one file. */
async function privateFile(content) {
    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'private', fileSecurity: false });
    const file = await fileIn(bucket.$id, content);
    return { bucket, file };
}

/** A client with no session and no key: the raw URL a browser would open. */
async function fetchAsGuest(bucketId, fileId, { kind = 'view', token } = {}) {
    const url = new URL(`${server.endpoint}/storage/buckets/${bucketId}/files/${fileId}/${kind}`);
    url.searchParams.set('project', server.projectId);
    if (token !== undefined) url.searchParams.set('token', token);
    const res = await fetch(url);
    const buf = Buffer.from(await res.arrayBuffer());
    let body;
    try {
        body = JSON.parse(buf.toString());
    } catch {
        body = undefined;
    }
    return { status: res.status, headers: res.headers, buf, body, text: buf.toString() };
}

function claims(jwt) {
    const [, payload] = jwt.split('.');
    return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

test('create, get, list, update and delete a file token', async () => {
    const { bucket, file } = await privateFile();
    const created = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });
    assertModel(created, 'resourceToken');
    assert.equal(created.resourceId, `${bucket.$id}:${file.$id}`);
    assert.equal(created.resourceType, 'files');
    assert.equal(created.expire, '');
    assert.equal(created.accessedAt, '');
    const c = claims(created.secret);
    assert.equal(c.tokenId, created.$id);
    assert.equal(c.resourceId, created.resourceId);
    assert.equal(c.resourceType, 'files');
    assert.match(c.resourceInternalId, /^\d+:\d+$/);
    assert.equal(typeof c.iat, 'number');
    assert.equal(c.exp, undefined);

    const got = await tokens.get({ tokenId: created.$id });
    assertModel(got, 'resourceToken');
    assert.equal(got.$id, created.$id);
    assert.equal(got.secret, created.secret);

    const expire = new Date(Date.now() + 3600_000).toISOString();
    const second = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id, expire });
    assert.equal(Date.parse(second.expire), Date.parse(expire));
    assert.equal(claims(second.secret).exp, Math.floor(Date.parse(expire) / 1000));

    const list = await tokens.list({ bucketId: bucket.$id, fileId: file.$id });
    assertModel(list, 'resourceTokenList');
    assert.equal(list.total, 2);
    assert.deepEqual(list.tokens.map((t) => t.$id).sort(), [created.$id, second.$id].sort());
    const expiring = await tokens.list({ bucketId: bucket.$id, fileId: file.$id, queries: [Query.isNotNull('expire')] });
    assert.deepEqual(expiring.tokens.map((t) => t.$id), [second.$id]);
    const noTotal = await tokens.list({ bucketId: bucket.$id, fileId: file.$id, total: false });
    assert.equal(noTotal.total, 0);
    assert.equal(noTotal.tokens.length, 2);
    // Tokens of another file are not listed.
    const other = await fileIn(bucket.$id);
    assert.equal((await tokens.list({ bucketId: bucket.$id, fileId: other.$id })).total, 0);

    const later = new Date(Date.now() + 7200_000).toISOString();
    const updated = await tokens.update({ tokenId: created.$id, expire: later });
    assertModel(updated, 'resourceToken');
    assert.equal(Date.parse(updated.expire), Date.parse(later));
    assert.equal(claims(updated.secret).exp, Math.floor(Date.parse(later) / 1000));
    const cleared = await tokens.update({ tokenId: created.$id, expire: null });
    assert.equal(cleared.expire, '');

    await tokens.delete({ tokenId: created.$id });
    await rejectsWith(tokens.get({ tokenId: created.$id }), 404, 'token_not_found');
    assert.equal((await tokens.list({ bucketId: bucket.$id, fileId: file.$id })).total, 1);
});

test('bad input to the Tokens service gets Appwrite errors', async () => {
    const { bucket, file } = await privateFile();
    await rejectsWith(tokens.get({ tokenId: 'missing' }), 404, 'token_not_found');
    await rejectsWith(tokens.update({ tokenId: 'missing', expire: null }), 404, 'token_not_found');
    await rejectsWith(tokens.delete({ tokenId: 'missing' }), 404, 'token_not_found');
    await rejectsWith(tokens.createFileToken({ bucketId: 'nope', fileId: file.$id }), 404, 'storage_bucket_not_found');
    await rejectsWith(tokens.createFileToken({ bucketId: bucket.$id, fileId: 'nope' }), 404, 'storage_file_not_found');
    await rejectsWith(tokens.list({ bucketId: bucket.$id, fileId: 'nope' }), 404, 'storage_file_not_found');
    const past = new Date(Date.now() - 60_000).toISOString();
    await rejectsWith(tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id, expire: past }), 400,
        'general_argument_invalid');
    await rejectsWith(tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id, expire: 'soon' }), 400,
        'general_argument_invalid');
    await rejectsWith(tokens.list({ bucketId: bucket.$id, fileId: file.$id, queries: [Query.equal('resourceId', ['x'])] }),
        400, 'general_argument_invalid');
    const token = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });
    await rejectsWith(tokens.update({ tokenId: token.$id, expire: past }), 400, 'general_argument_invalid');
    assert.equal((await tokens.get({ tokenId: token.$id })).expire, '', 'a refused update changes nothing');
    assert.equal((await tokens.list({ bucketId: bucket.$id, fileId: file.$id })).total, 1, 'refused creates left nothing');
    // Scopes: a key without tokens.* is refused.
    const { apiKey } = server.createKey({ scopes: ['files.read', 'buckets.read'] });
    const limited = new sdk.Tokens(server.client({ key: apiKey }));
    await rejectsWith(limited.get({ tokenId: token.$id }), 401, 'general_unauthorized_scope');
    await rejectsWith(limited.createFileToken({ bucketId: bucket.$id, fileId: file.$id }), 401,
        'general_unauthorized_scope');
    // Guests (no key, no session) cannot reach the Tokens service.
    const res = await server.api('GET', `/tokens/${token.$id}`, { key: null });
    assertError(res, 401, 'general_unauthorized_scope');
});

test('a guest reads a private file through its token (view, download and preview)', async () => {
    const { bucket, file } = await privateFile('only with the token');
    const denied = await fetchAsGuest(bucket.$id, file.$id);
    assertError(denied, 401, 'user_unauthorized');

    const token = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });
    const view = await fetchAsGuest(bucket.$id, file.$id, { token: token.secret });
    assert.equal(view.status, 200, view.text);
    assert.equal(view.text, 'only with the token');
    assert.match(view.headers.get('content-disposition'), /^inline/);
    const download = await fetchAsGuest(bucket.$id, file.$id, { kind: 'download', token: token.secret });
    assert.equal(download.status, 200);
    assert.equal(download.text, 'only with the token');
    assert.match(download.headers.get('content-disposition'), /^attachment/);
    // A preview too (a text file's preview is Appwrite's file-type icon, a PNG).
    assertError(await fetchAsGuest(bucket.$id, file.$id, { kind: 'preview' }), 401, 'user_unauthorized');
    const preview = await fetchAsGuest(bucket.$id, file.$id, { kind: 'preview', token: token.secret });
    assert.equal(preview.status, 200, preview.text);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    // The first use is recorded.
    assert.notEqual((await tokens.get({ tokenId: token.$id })).accessedAt, '');

    // With fileSecurity and a file nobody may read, the token still opens it.
    const secured = await storage.createBucket({ bucketId: ID.unique(), name: 'secured', fileSecurity: true });
    const hidden = await storage.createFile({
        bucketId: secured.$id, fileId: ID.unique(), permissions: [Permission.read(Role.user('someone'))],
        file: InputFile.fromBuffer(Buffer.from('hidden'), 'hidden.txt'),
    });
    assertError(await fetchAsGuest(secured.$id, hidden.$id), 404, 'storage_file_not_found');
    const hiddenToken = await tokens.createFileToken({ bucketId: secured.$id, fileId: hidden.$id });
    const opened = await fetchAsGuest(secured.$id, hidden.$id, { token: hiddenToken.secret });
    assert.equal(opened.status, 200);
    assert.equal(opened.text, 'hidden');
});

test('tokens are refused: tampered, of another file, expired, deleted', async () => {
    const { bucket, file } = await privateFile('guarded');
    const other = await fileIn(bucket.$id, 'other');
    const token = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });

    // A token of another file is refused even for a file the token's bucket holds.
    assertError(await fetchAsGuest(bucket.$id, other.$id, { token: token.secret }), 401, 'user_unauthorized');
    // ... and even for a caller who may read the file (the API key), as Appwrite.
    const withKey = await fetch(
        `${server.endpoint}/storage/buckets/${bucket.$id}/files/${other.$id}/view?token=${encodeURIComponent(token.secret)}`,
        { headers: { 'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey } });
    assert.equal(withKey.status, 401);
    await withKey.arrayBuffer();

    // A tampered signature, garbage, or a token signed for another project is ignored.
    const [h, p, s] = token.secret.split('.');
    const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: tampered }), 401, 'user_unauthorized');
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: 'not-a-jwt' }), 401, 'user_unauthorized');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims(token.secret), tokenId: 'x' })).toString('base64url')}.${s}`;
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: forged }), 401, 'user_unauthorized');
    // Longer than Appwrite's 512 chars: an argument error.
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: 'a'.repeat(513) }), 400, 'general_argument_invalid');

    // Expired.
    const soon = await tokens.createFileToken({
        bucketId: bucket.$id, fileId: file.$id, expire: new Date(Date.now() + 3000).toISOString(),
    });
    assert.equal((await fetchAsGuest(bucket.$id, file.$id, { token: soon.secret })).status, 200);
    await sleep(3500);
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: soon.secret }), 401, 'user_unauthorized');

    // Deleted.
    assert.equal((await fetchAsGuest(bucket.$id, file.$id, { token: token.secret })).status, 200);
    await tokens.delete({ tokenId: token.$id });
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: token.secret }), 401, 'user_unauthorized');
});

test('a token shortened by an update stops working when the record says so', async () => {
    const { bucket, file } = await privateFile('shortened');
    const token = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });
    await tokens.update({ tokenId: token.$id, expire: new Date(Date.now() + 3000).toISOString() });
    // The secret issued before the update (no exp claim) is checked against the record.
    assert.equal((await fetchAsGuest(bucket.$id, file.$id, { token: token.secret })).status, 200);
    await sleep(3500);
    assertError(await fetchAsGuest(bucket.$id, file.$id, { token: token.secret }), 401, 'user_unauthorized');
});

test('deleting a file or a bucket deletes its tokens', async () => {
    const { bucket, file } = await privateFile();
    const second = await fileIn(bucket.$id);
    const a = await tokens.createFileToken({ bucketId: bucket.$id, fileId: file.$id });
    const b = await tokens.createFileToken({ bucketId: bucket.$id, fileId: second.$id });
    await storage.deleteFile({ bucketId: bucket.$id, fileId: file.$id });
    await rejectsWith(tokens.get({ tokenId: a.$id }), 404, 'token_not_found');
    assert.equal((await tokens.get({ tokenId: b.$id })).$id, b.$id);
    await storage.deleteBucket({ bucketId: bucket.$id });
    await rejectsWith(tokens.get({ tokenId: b.$id }), 404, 'token_not_found');
});
