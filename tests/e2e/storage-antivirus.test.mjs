// Antivirus scans of uploads through a real clamd (clamd.mjs: Debian's daemon with a test
// signature for the EICAR string), with node-appwrite@27.1.0.
//
// Appwrite 1.9.6 (Modules/Storage/Http/Buckets/Files/Create.php, Health/AntiVirus/Get.php,
// appwrite/php-clamav Network): with _APP_STORAGE_ANTIVIRUS enabled, a bucket with `antivirus`
// has every upload up to 20 MB (APP_LIMIT_ANTIVIRUS) scanned whole, after the chunks are
// assembled and before compression and encryption; an infected file is storage_invalid_file
// (403). With the scanner disabled nothing is scanned; enabled but unreachable, the upload fails
// with a server error (the client library throws). GET /v1/health/anti-virus: {version, status}
// with clamd's VERSION line and "pass"/"fail" for PING, "disabled" when off, and
// general_server_error "Antivirus is not available" when clamd cannot be reached.
// Basalt: --clamd unix:/path | tcp:HOST:PORT; a refused upload leaves no record, part or object.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as sdk from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';
import { startServer } from './harness.mjs';
import { EICAR, clamdMissing, startClamd } from './clamd.mjs';
import { assertError, assertModel, rejectsWith } from './spec.mjs';

const { ID, Compression } = sdk;
const CHUNK = 5 * 1024 * 1024;
const skip = clamdMissing() || false;

let clamd;
const servers = [];

async function serve(clamdAddress) {
    const serveArgs = clamdAddress ? ['--clamd', clamdAddress] : [];
    const server = await startServer({ serveArgs });
    servers.push(server);
    // node-appwrite 27 has no Health service (console/server REST only): read it raw.
    const health = {
        async getAntivirus() {
            const res = await server.api('GET', '/health/anti-virus');
            assert.equal(res.status, 200, res.text);
            return res.body;
        },
    };
    return { server, storage: new sdk.Storage(server.client()), health };
}

before(async () => {
    if (skip) return;
    clamd = await startClamd();
});

after(async () => {
    for (const server of servers) await server.stop();
    if (clamd) await clamd.stop();
});

/** Every stored object and part under the data directory (relative paths). */
function storedFiles(server, dir = path.join(server.dataDir, 'storage')) {
    if (!existsSync(dir)) return [];
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...storedFiles(server, full));
        else out.push(path.relative(path.join(server.dataDir, 'storage'), full));
    }
    return out;
}

async function assertNothingLeft(server, storage, bucketId) {
    const list = await storage.listFiles({ bucketId });
    assert.equal(list.total, 0, `no file records: ${JSON.stringify(list.files.map((f) => f.$id))}`);
    assert.deepEqual(storedFiles(server), [], 'no objects or parts on the device');
}

const upload = (storage, bucketId, buf, name = 'file.bin') =>
    storage.createFile({ bucketId, fileId: ID.unique(), file: InputFile.fromBuffer(buf, name) });

/** A file of `size` random bytes with the EICAR string at `at`. */
function infected(size, at) {
    const buf = randomBytes(size);
    EICAR.copy(buf, at);
    return buf;
}

test('a scanning server: health, clean and infected uploads (unix socket)', { skip }, async () => {
    const { server, storage, health } = await serve(clamd.unix);
    const status = await health.getAntivirus();
    // Appwrite's code answers "pass"/"fail" although its model's enum lists disabled/offline/online.
    assertModel({ ...status, status: 'online' }, 'healthAntivirus');
    assert.equal(status.status, 'pass');
    assert.match(status.version, /^ClamAV \d+\.\d+/);

    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'scanned' });
    assert.equal(bucket.antivirus, true, 'antivirus is on by default');
    const clean = Buffer.from('a perfectly clean file');
    const ok = await upload(storage, bucket.$id, clean, 'clean.txt');
    assert.equal(Buffer.from(await storage.getFileDownload({ bucketId: bucket.$id, fileId: ok.$id })).toString(),
        clean.toString());
    await storage.deleteFile({ bucketId: bucket.$id, fileId: ok.$id });

    // Whole upload of the EICAR test file.
    await rejectsWith(upload(storage, bucket.$id, EICAR, 'eicar.com'), 403, 'storage_invalid_file');
    await assertNothingLeft(server, storage, bucket.$id);
    // The raw error body.
    const form = new FormData();
    form.append('fileId', 'eicar');
    form.append('file', new Blob([EICAR]), 'eicar.txt');
    const res = await fetch(`${server.endpoint}/storage/buckets/${bucket.$id}/files`, {
        method: 'POST', body: form,
        headers: { 'x-appwrite-project': server.projectId, 'x-appwrite-key': server.apiKey },
    });
    const text = await res.text();
    assertError({ status: res.status, text, body: JSON.parse(text) }, 403, 'storage_invalid_file');
    await assertNothingLeft(server, storage, bucket.$id);

    // Chunked: the signature straddles the first chunk boundary, so only a scan of the
    // assembled file finds it; the SDK sends chunk 1, then chunk 2 which completes the file.
    await rejectsWith(upload(storage, bucket.$id, infected(CHUNK + 1024 * 1024, CHUNK - 30)), 403,
        'storage_invalid_file');
    await assertNothingLeft(server, storage, bucket.$id);
    // Three chunks, the signature in the last, and a clean chunked upload passes.
    await rejectsWith(upload(storage, bucket.$id, infected(2 * CHUNK + 4096, 2 * CHUNK + 100)), 403,
        'storage_invalid_file');
    await assertNothingLeft(server, storage, bucket.$id);
    const big = randomBytes(CHUNK + 12345);
    const stored = await upload(storage, bucket.$id, big);
    assert.equal(stored.chunksUploaded, 2);
    assert.ok(Buffer.from(await storage.getFileDownload({ bucketId: bucket.$id, fileId: stored.$id })).equals(big));
    await storage.deleteFile({ bucketId: bucket.$id, fileId: stored.$id });

    // Scanned before compression and encryption.
    const sealed = await storage.createBucket({
        bucketId: ID.unique(), name: 'sealed', compression: Compression.Zstd, encryption: true,
    });
    await rejectsWith(upload(storage, sealed.$id, infected(4096, 1000)), 403, 'storage_invalid_file');
    await assertNothingLeft(server, storage, sealed.$id);

    // A bucket without antivirus stores it.
    const unscanned = await storage.createBucket({ bucketId: ID.unique(), name: 'unscanned', antivirus: false });
    const kept = await upload(storage, unscanned.$id, EICAR, 'eicar.com');
    assert.equal(kept.sizeOriginal, EICAR.length);
    // Switching the bucket's antivirus on applies to the next uploads.
    await storage.updateBucket({ bucketId: unscanned.$id, name: 'unscanned', antivirus: true });
    await rejectsWith(upload(storage, unscanned.$id, EICAR, 'eicar.com'), 403, 'storage_invalid_file');
    assert.equal((await storage.listFiles({ bucketId: unscanned.$id })).total, 1);
});

test('clamd over TCP on 127.0.0.1', { skip }, async () => {
    const { server, storage, health } = await serve(clamd.tcp);
    assert.equal((await health.getAntivirus()).status, 'pass');
    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'scanned' });
    await rejectsWith(upload(storage, bucket.$id, EICAR), 403, 'storage_invalid_file');
    await assertNothingLeft(server, storage, bucket.$id);
    assert.equal((await upload(storage, bucket.$id, Buffer.from('clean'))).sizeOriginal, 5);
});

test('clamd configured but unreachable: uploads to scanned buckets fail, health errs', { skip }, async () => {
    const { server, storage } = await serve(`unix:${path.join(clamd.log, '..', 'no-such.sock')}`);
    const res = await server.api('GET', '/health/anti-virus');
    assertError(res, 500, 'general_server_error');
    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'scanned' });
    await rejectsWith(upload(storage, bucket.$id, Buffer.from('clean')), 500, 'general_unknown');
    await rejectsWith(upload(storage, bucket.$id, randomBytes(CHUNK + 10)), 500, 'general_unknown');
    await assertNothingLeft(server, storage, bucket.$id);
    const unscanned = await storage.createBucket({ bucketId: ID.unique(), name: 'unscanned', antivirus: false });
    assert.equal((await upload(storage, unscanned.$id, Buffer.from('clean'))).sizeOriginal, 5);
});

test('without --clamd nothing is scanned and health reports disabled', { skip }, async () => {
    const { storage, health } = await serve(null);
    const status = await health.getAntivirus();
    assert.equal(status.status, 'disabled');
    assert.equal(status.version, '');
    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'scanned' });
    assert.equal((await upload(storage, bucket.$id, EICAR)).sizeOriginal, EICAR.length);
});

test('the test signature really matches EICAR (clamd itself, no Basalt)', { skip }, async () => {
    // Guards the other tests: a signature file clamd ignored would make every scan pass.
    const net = await import('node:net');
    const socket = clamd.unix.slice('unix:'.length);
    const reply = await new Promise((resolve, reject) => {
        const conn = net.createConnection(socket);
        let out = '';
        conn.on('data', (d) => { out += d.toString(); });
        conn.on('end', () => resolve(out));
        conn.on('error', reject);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(EICAR.length);
        conn.write(Buffer.concat([Buffer.from('zINSTREAM\0'), len, EICAR, Buffer.alloc(4)]));
    });
    assert.match(reply, /Basalt\.Test\.EICAR.* FOUND/);
});
