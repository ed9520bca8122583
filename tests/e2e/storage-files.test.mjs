// Storage files with node-appwrite@27.1.0 (API key) and the web SDK appwrite@27.0.0 (user
// sessions): uploads as the SDKs send them (one request up to 5 MiB, else chunk 1 alone then up
// to 8 chunks in parallel), a 50 MB upload interrupted and resumed with the missing chunks,
// byte-identical downloads, Range reads, ETag/If-None-Match, view vs download headers, gzip/zstd
// compression and AES-256-GCM encryption at rest, file permissions with fileSecurity, and bad
// input refused with Appwrite's error and nothing left behind (file list and data directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import * as sdk from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';
import * as web from 'appwrite';
import { Browser, closeBrowsers } from './browser.mjs';
import { startServer } from './harness.mjs';
import { assertError, assertModel, plain, rejectsWith } from './spec.mjs';

const { ID, Query, Permission, Role, Compression } = sdk;
const CHUNK = 5 * 1024 * 1024;
const md5 = (buf) => createHash('md5').update(buf).digest('hex');

let server;
let storage;

before(async () => {
    server = await startServer({ serveArgs: ['--storage-limit', String(200_000_000)] });
    storage = new sdk.Storage(server.client());
});

after(async () => {
    closeBrowsers();
    if (server) await server.stop();
});

async function bucket(options = {}) {
    return storage.createBucket({ bucketId: ID.unique(), name: 'files', ...options });
}

/** Every object of the storage device (keys: <project>/bucket_N/<file>, parts and upload records). */
function storedFiles() {
    return server.device.list();
}

/** The device key of a file. */
function deviceKey(fileId) {
    const found = storedFiles().filter((p) => path.basename(p) === fileId);
    assert.equal(found.length, 1, `one stored object for ${fileId}: ${found}`);
    return found[0];
}

/** Leftovers of chunked uploads: local parts and temp files, S3 upload records. */
const isLeftover = (p) => p.includes('.parts') || p.includes('.tmp') || p.includes('.uploads/');

/** Raw GET of a file's bytes with the key. */
async function fetchBytes(bucketId, fileId, { kind = 'download', headers = {} } = {}) {
    const res = await fetch(`${server.endpoint}/storage/buckets/${bucketId}/files/${fileId}/${kind}`, {
        headers: { 'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey, ...headers },
    });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** One chunk as the SDK sends it (multipart, Content-Range, x-appwrite-id), raw. */
async function sendChunk(bucketId, fileId, data, start, end, size, { uploadId, name = 'big.bin' } = {}) {
    const form = new FormData();
    form.append('fileId', fileId);
    form.append('file', new Blob([data]), name);
    const headers = {
        'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey,
        'content-range': `bytes ${start}-${end}/${size}`,
    };
    if (uploadId) headers['x-appwrite-id'] = uploadId;
    const res = await fetch(`${server.endpoint}/storage/buckets/${bucketId}/files`, { method: 'POST', headers, body: form });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

test('a small file: model, signature, MIME type, get, list, download and view', async () => {
    const { $id: bucketId } = await bucket({ encryption: false });
    const text = 'hello, basalt\n';
    const file = await storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from(text), 'hello.txt') });
    assertModel(plain(file), 'file');
    assert.equal(file.bucketId, bucketId);
    assert.equal(file.name, 'hello.txt');
    assert.equal(file.signature, md5(text));
    assert.equal(file.mimeType, 'text/plain');
    assert.equal(file.sizeOriginal, text.length);
    assert.deepEqual([file.chunksTotal, file.chunksUploaded, file.encryption, file.compression], [1, 1, false, 'none']);
    assert.deepEqual(file.$permissions, []);
    assert.deepEqual(plain(await storage.getFile({ bucketId, fileId: file.$id })), plain(file));

    const bytes = Buffer.from(await storage.getFileDownload({ bucketId, fileId: file.$id }));
    assert.equal(bytes.toString(), text);
    const download = await fetchBytes(bucketId, file.$id);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'text/plain');
    assert.equal(download.headers.get('content-disposition'), 'attachment; filename="hello.txt"');
    const etag = download.headers.get('etag');
    assert.equal(etag, `"${md5(text)}"`);
    const view = await fetchBytes(bucketId, file.$id, { kind: 'view' });
    assert.equal(view.headers.get('content-disposition'), 'inline; filename="hello.txt"');
    assert.equal(view.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(view.body.toString(), text);
    const cached = await fetchBytes(bucketId, file.$id, { headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    assert.equal(cached.body.length, 0);

    const html = await storage.createFile({ bucketId, fileId: 'page', file: InputFile.fromBuffer(Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'page.html') });
    assert.equal(html.mimeType, 'text/html');
    const viewed = await fetchBytes(bucketId, 'page', { kind: 'view' });
    assert.equal(viewed.headers.get('content-type'), 'text/plain', 'view never serves HTML as HTML');

    const list = await storage.listFiles({ bucketId });
    assert.equal(list.total, 2);
    list.files.forEach((f, i) => assertModel(plain(f), 'file', `files[${i}]`));
    assert.deepEqual((await storage.listFiles({ bucketId, search: 'hello' })).files.map((f) => f.$id), [file.$id]);
    assert.deepEqual((await storage.listFiles({ bucketId, queries: [Query.equal('mimeType', 'text/html')] })).files.map((f) => f.$id), ['page']);
    assert.deepEqual((await storage.listFiles({ bucketId, queries: [Query.orderAsc('sizeOriginal'), Query.limit(1)] })).files.map((f) => f.$id), [file.$id]);
    await rejectsWith(storage.listFiles({ bucketId, queries: [Query.equal('path', 'x')] }), 400, 'general_argument_invalid');

    const renamed = await storage.updateFile({ bucketId, fileId: file.$id, name: 'renamed.txt', permissions: [Permission.read(Role.any())] });
    assertModel(plain(renamed), 'file');
    assert.equal(renamed.name, 'renamed.txt');
    assert.deepEqual(renamed.$permissions, ['read("any")']);
    await storage.deleteFile({ bucketId, fileId: file.$id });
    await rejectsWith(storage.getFile({ bucketId, fileId: file.$id }), 404, 'storage_file_not_found');
    await rejectsWith(storage.deleteFile({ bucketId, fileId: file.$id }), 404, 'storage_file_not_found');
    assert.equal((await storage.getBucket({ bucketId })).totalSize, html.sizeOriginal);
});

test('compressed and encrypted buckets round-trip exactly and store other bytes', async () => {
    const text = Buffer.from('Basalt speaks Appwrite. '.repeat(200_000));  // 4.8 MB, compressible
    const noise = randomBytes(12 * 1024 * 1024 + 123);                       // chunked, below 20 MB
    for (const [compression, encryption] of [['gzip', false], ['zstd', false], ['none', true], ['gzip', true], ['zstd', true]]) {
        const { $id: bucketId } = await bucket({ compression, encryption });
        for (const [name, data] of [['text.txt', text], ['noise.bin', noise]]) {
            const file = await storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(data, name) });
            assert.equal(file.compression, compression, `${compression}/${encryption} ${name}`);
            assert.equal(file.encryption, encryption);
            assert.equal(file.signature, md5(data));
            assert.equal(file.chunksUploaded, file.chunksTotal);
            const stored = server.device.read(deviceKey(file.$id));
            assert.notDeepEqual(stored.subarray(0, 64), data.subarray(0, 64), 'the device holds transformed bytes');
            if (name === 'text.txt' && compression !== 'none') assert.ok(stored.length < data.length / 10);
            const back = Buffer.from(await storage.getFileDownload({ bucketId, fileId: file.$id }));
            assert.ok(back.equals(data), `${compression}/${encryption} ${name} round-trips`);
            const range = await fetchBytes(bucketId, file.$id, { headers: { range: 'bytes=1000-1999' } });
            assert.equal(range.status, 206);
            assert.ok(range.body.equals(data.subarray(1000, 2000)));
        }
    }
});

test('a 50 MB file in chunks through the SDK, and one interrupted then resumed, download byte-identical', async () => {
    const { $id: bucketId } = await bucket();
    const data = randomBytes(50 * 1000 * 1000);
    const size = data.length;
    const total = Math.ceil(size / CHUNK);

    const progress = [];
    const file = await storage.createFile({
        bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(data, 'big.bin'), onProgress: (p) => progress.push(p),
    });
    assertModel(plain(file), 'file');
    assert.deepEqual([file.sizeOriginal, file.chunksTotal, file.chunksUploaded], [size, total, total]);
    assert.equal(file.signature, md5(data));
    assert.equal(file.encryption, false, 'files above 20 MB are stored as sent (as Appwrite)');
    assert.equal(progress.length, total);
    assert.ok(Buffer.from(await storage.getFileDownload({ bucketId, fileId: file.$id })).equals(data));

    // By hand: chunk 1, then every other chunk; the upload stops there.
    const fileId = ID.unique();
    const chunk = (i) => [data.subarray(i * CHUNK, Math.min(size, (i + 1) * CHUNK)), i * CHUNK, Math.min(size, (i + 1) * CHUNK) - 1, size];
    const first = await sendChunk(bucketId, fileId, ...chunk(0));
    assert.equal(first.status, 201, first.text);
    assert.deepEqual([first.body.$id, first.body.chunksTotal, first.body.chunksUploaded], [fileId, total, 1]);
    for (let i = 2; i < total; i += 2) {
        const res = await sendChunk(bucketId, fileId, ...chunk(i), { uploadId: fileId });
        assert.equal(res.status, 201, res.text);
    }
    const pending = await storage.getFile({ bucketId, fileId });
    assert.equal(pending.chunksUploaded, 1 + Math.floor((total - 1) / 2));
    assert.equal(pending.signature, '');
    await rejectsWith(storage.getFileDownload({ bucketId, fileId }), 404, 'storage_file_not_found');

    // Resume: the missing chunks, in parallel and in reverse order, plus one sent twice.
    const missing = [];
    for (let i = total - 1; i >= 1; i--) if (i % 2 === 1) missing.push(i);
    missing.push(missing[0]);
    const results = await Promise.all(missing.map((i) => sendChunk(bucketId, fileId, ...chunk(i), { uploadId: fileId })));
    for (const res of results) assert.ok([201, 409].includes(res.status), res.text);
    const done = await storage.getFile({ bucketId, fileId });
    assert.deepEqual([done.chunksUploaded, done.chunksTotal, done.signature], [total, total, md5(data)]);
    assert.ok(Buffer.from(await storage.getFileDownload({ bucketId, fileId })).equals(data));

    // Range reads: a slice across a chunk boundary, an open range, a suffix; bad ranges are 416.
    const r = await fetchBytes(bucketId, fileId, { headers: { range: `bytes=${CHUNK - 10}-${CHUNK + 9}` } });
    assert.equal(r.status, 206);
    assert.equal(r.headers.get('content-range'), `bytes ${CHUNK - 10}-${CHUNK + 9}/${size}`);
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
    assert.ok(r.body.equals(data.subarray(CHUNK - 10, CHUNK + 10)));
    const open = await fetchBytes(bucketId, fileId, { headers: { range: `bytes=${size - 100}-` } });
    assert.ok(open.body.equals(data.subarray(size - 100)));
    const suffix = await fetchBytes(bucketId, fileId, { headers: { range: 'bytes=-7' } });
    assert.ok(suffix.body.equals(data.subarray(size - 7)));
    // HEAD: the headers of the streamed body (its length), no bytes.
    const auth = { 'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey };
    const head = await fetch(`${server.endpoint}/storage/buckets/${bucketId}/files/${fileId}/download`, { method: 'HEAD', headers: auth });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(size));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
    const headRange = await fetch(`${server.endpoint}/storage/buckets/${bucketId}/files/${fileId}/view`, { method: 'HEAD', headers: { ...auth, range: 'bytes=5-14' } });
    assert.equal(headRange.status, 206);
    assert.equal(headRange.headers.get('content-length'), '10');
    assert.equal(headRange.headers.get('content-range'), `bytes 5-14/${size}`);
    for (const range of [`bytes=${size}-${size + 5}`, 'bytes=10-5', 'items=0-5', 'bytes=0-1,5-6']) {
        const bad = await server.api('GET', `/storage/buckets/${bucketId}/files/${fileId}/download`, { headers: { range } });
        assertError(bad, 416, 'storage_invalid_range');
    }
    assert.deepEqual(storedFiles().filter(isLeftover), [], 'no chunk left over');
});

test('bad uploads are refused with Appwrite\'s errors and leave nothing behind', async () => {
    const { $id: bucketId } = await bucket({ maximumFileSize: 12 * 1024 * 1024, allowedFileExtensions: ['bin', 'TXT'] });
    const before = storedFiles();
    const data = randomBytes(11 * 1024 * 1024);
    const size = data.length;

    await rejectsWith(storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(randomBytes(13 * 1024 * 1024), 'big.bin') }), 400, 'storage_invalid_file_size');
    await rejectsWith(storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('x'), 'evil.exe') }), 400, 'storage_file_type_unsupported');
    await rejectsWith(storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('x'), 'noextension') }), 400, 'storage_file_type_unsupported');
    await rejectsWith(storage.createFile({ bucketId, fileId: '../../etc', file: InputFile.fromBuffer(Buffer.from('x'), 'a.txt') }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('x'), 'a.txt'), permissions: ['create("any")'] }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createFile({ bucketId: 'nope', fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('x'), 'a.txt') }), 404, 'storage_bucket_not_found');
    const ok = await storage.createFile({ bucketId, fileId: 'kept', file: InputFile.fromBuffer(Buffer.from('x'), 'upper.txt') });
    await rejectsWith(storage.createFile({ bucketId, fileId: 'kept', file: InputFile.fromBuffer(Buffer.from('y'), 'upper.txt') }), 409, 'storage_file_already_exists');

    const c = (start, end, body, opts) => sendChunk(bucketId, opts?.id ?? 'chunky', body, start, end, size, opts);
    const invalidRange = async (res) => {
        assert.equal(res.status, 400, res.text);
        assert.equal(res.body.type, 'storage_invalid_content_range', res.text);
    };
    await invalidRange(await c(1, CHUNK, data.subarray(1, CHUNK + 1)));                     // misaligned
    await invalidRange(await c(0, CHUNK + 99, data.subarray(0, CHUNK + 100)));              // longer than a chunk
    await invalidRange(await c(0, 99, data.subarray(0, 100)));                              // shorter, not the end
    await invalidRange(await c(2 * CHUNK, size, data.subarray(2 * CHUNK)));                // beyond the size
    await invalidRange(await c(0, CHUNK - 1, data.subarray(0, 10)));                        // body shorter than its range
    const garbled = await sendChunk(bucketId, 'chunky', data.subarray(0, 10), 'a', 'b', 'c');
    assert.equal(garbled.body?.type, 'storage_invalid_content_range', garbled.text);
    const badId = await c(CHUNK, 2 * CHUNK - 1, data.subarray(CHUNK, 2 * CHUNK), { uploadId: '../escape' });
    assert.deepEqual([badId.status, badId.body.type], [400, 'storage_invalid_appwrite_id']);
    const unknownId = await c(CHUNK, 2 * CHUNK - 1, data.subarray(CHUNK, 2 * CHUNK), { uploadId: 'nosuchupload' });
    assert.deepEqual([unknownId.status, unknownId.body.type], [400, 'storage_invalid_appwrite_id']);

    // An upload in progress refuses chunks of another size.
    const started = await c(0, CHUNK - 1, data.subarray(0, CHUNK));
    assert.equal(started.status, 201, started.text);
    const other = await sendChunk(bucketId, 'chunky', data.subarray(CHUNK, 2 * CHUNK), CHUNK, 2 * CHUNK - 1, size + 1, { uploadId: 'chunky' });
    assert.equal(other.body.type, 'storage_invalid_content_range', other.text);
    await storage.deleteFile({ bucketId, fileId: 'chunky' });  // abandons it: parts go too

    const list = await storage.listFiles({ bucketId });
    assert.deepEqual(list.files.map((f) => f.$id), [ok.$id]);
    const added = storedFiles().filter((p) => !before.includes(p));
    assert.equal(added.length, 1, `only the accepted file is stored: ${added}`);
    assert.equal(path.basename(added[0]), 'kept');
});

test('a file missing on the device is storage_file_not_found', async () => {
    const { $id: bucketId } = await bucket();
    const file = await storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('gone soon'), 'gone.txt') });
    server.device.remove(deviceKey(file.$id));
    await rejectsWith(storage.getFileDownload({ bucketId, fileId: file.$id }), 404, 'storage_file_not_found');
    await rejectsWith(storage.getFileView({ bucketId, fileId: file.$id }), 404, 'storage_file_not_found');
    await storage.deleteFile({ bucketId, fileId: file.$id });
});

test('permissions with fileSecurity, for signed-in users of the web SDK', async () => {
    const people = [];
    for (const name of ['Ann', 'Bob']) {
        const browser = new Browser().use();
        const client = new web.Client().setEndpoint(server.endpoint).setProject(server.projectId);
        const account = new web.Account(client);
        const email = `${name.toLowerCase()}-${Date.now()}@example.com`;
        const user = await account.create({ userId: web.ID.unique(), email, password: 'sup3r secret', name });
        await account.createEmailPasswordSession({ email, password: 'sup3r secret' });
        people.push({ user, browser, storage: new web.Storage(client) });
    }
    const [ann, bob] = people;
    const as = (p, fn) => { p.browser.use(); return fn(p.storage); };

    const secured = await bucket({ permissions: [Permission.create(Role.users())], fileSecurity: true });
    const file = await as(ann, (s) => s.createFile({ bucketId: secured.$id, fileId: web.ID.unique(), file: new File(['mine'], 'mine.txt') }));
    assert.deepEqual(file.$permissions, [`read("user:${ann.user.$id}")`, `update("user:${ann.user.$id}")`, `delete("user:${ann.user.$id}")`]);
    assert.equal((await as(ann, (s) => s.getFile({ bucketId: secured.$id, fileId: file.$id }))).$id, file.$id);
    assert.equal((await as(ann, (s) => s.listFiles({ bucketId: secured.$id }))).total, 1);
    await rejectsWith(as(bob, (s) => s.getFile({ bucketId: secured.$id, fileId: file.$id })), 404, 'storage_file_not_found');
    assert.equal((await as(bob, (s) => s.listFiles({ bucketId: secured.$id }))).total, 0);
    await rejectsWith(as(bob, (s) => s.updateFile({ bucketId: secured.$id, fileId: file.$id, name: 'stolen' })), 401, 'user_unauthorized');
    await rejectsWith(as(bob, (s) => s.deleteFile({ bucketId: secured.$id, fileId: file.$id })), 401, 'user_unauthorized');
    await rejectsWith(as(bob, (s) => s.createFile({ bucketId: secured.$id, fileId: web.ID.unique(), file: new File(['x'], 'x.txt'), permissions: [web.Permission.read(web.Role.user(ann.user.$id))] })), 401, 'user_unauthorized');
    const shared = await as(ann, (s) => s.updateFile({ bucketId: secured.$id, fileId: file.$id, permissions: [web.Permission.read(web.Role.users()), web.Permission.update(web.Role.user(ann.user.$id))] }));
    assert.deepEqual(shared.$permissions, ['read("users")', `update("user:${ann.user.$id}")`]);
    assert.equal((await as(bob, (s) => s.getFile({ bucketId: secured.$id, fileId: file.$id }))).name, 'mine.txt');

    // Without fileSecurity only the bucket's permissions count.
    const plainBucket = await bucket({ permissions: [Permission.create(Role.users())] });
    const own = await as(ann, (s) => s.createFile({ bucketId: plainBucket.$id, fileId: web.ID.unique(), file: new File(['x'], 'x.txt') }));
    await rejectsWith(as(ann, (s) => s.getFile({ bucketId: plainBucket.$id, fileId: own.$id })), 401, 'user_unauthorized');
    await rejectsWith(as(ann, (s) => s.listFiles({ bucketId: plainBucket.$id })), 401, 'user_unauthorized');

    // Guests cannot create; disabled buckets vanish for everyone but keys.
    const guest = new sdk.Storage(server.client({ key: null }));
    await rejectsWith(guest.createFile({ bucketId: secured.$id, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('x'), 'x.txt') }), 401, 'user_unauthorized');
    await storage.updateBucket({ bucketId: secured.$id, name: 'files', permissions: [Permission.create(Role.users())], fileSecurity: true, enabled: false });
    await rejectsWith(as(ann, (s) => s.getFile({ bucketId: secured.$id, fileId: file.$id })), 404, 'storage_bucket_not_found');
    assert.equal((await storage.getFile({ bucketId: secured.$id, fileId: file.$id })).$id, file.$id);
});

// Last: it stops the S3 server of this file.
test('an unreachable S3 device is general_server_error, and the server keeps serving', async (t) => {
    if (server.device.kind !== 's3') return t.skip('the local device');
    const { $id: bucketId } = await bucket();
    const kept = await storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('kept'), 'kept.txt') });
    await server.s3.stop();
    await rejectsWith(storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(Buffer.from('lost'), 'lost.txt') }), 500, 'general_server_error');
    await rejectsWith(storage.getFileDownload({ bucketId, fileId: kept.$id }), 500, 'general_server_error');
    const health = await server.api('GET', '/health/version');
    assert.equal(health.status, 200);
    const list = await storage.listFiles({ bucketId });
    assert.deepEqual(list.files.map((f) => f.$id), [kept.$id], 'the refused upload left no record');
});
