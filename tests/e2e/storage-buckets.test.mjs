// Storage buckets with node-appwrite@27.1.0 and API keys: create with every option, defaults,
// get, list (queries, search, total), update (what it keeps and what it resets), delete, and
// Appwrite's errors (storage_bucket_not_found, storage_bucket_already_exists, argument checks,
// general_unauthorized_scope without buckets.* scopes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { InputFile } from 'node-appwrite/file';
import { startServer } from './harness.mjs';
import { assertModel, plain, rejectsWith } from './spec.mjs';

const { ID, Query, Permission, Role, Compression } = sdk;
const LIMIT = 200_000_000;

let server;
let storage;

before(async () => {
    server = await startServer({ serveArgs: ['--storage-limit', String(LIMIT)] });
    storage = new sdk.Storage(server.client());
});

after(async () => {
    if (server) await server.stop();
});

test('a bucket with defaults has the model of the spec and the server limit', async () => {
    const bucket = await storage.createBucket({ bucketId: ID.unique(), name: 'Defaults' });
    assertModel(plain(bucket), 'bucket');
    assert.deepEqual(
        { ...plain(bucket), $id: undefined, $createdAt: undefined, $updatedAt: undefined },
        {
            $id: undefined, $createdAt: undefined, $updatedAt: undefined, $permissions: [], fileSecurity: false,
            name: 'Defaults', enabled: true, maximumFileSize: LIMIT, allowedFileExtensions: [], compression: 'none',
            encryption: true, antivirus: true, transformations: true, totalSize: 0,
        },
    );
    assert.deepEqual(plain(await storage.getBucket({ bucketId: bucket.$id })), plain(bucket));
});

test('every option is stored, and write() expands to create, update and delete', async () => {
    const bucket = await storage.createBucket({
        bucketId: 'photos', name: 'Photos',
        permissions: [Permission.read(Role.any()), Permission.write(Role.users())],
        fileSecurity: true, enabled: false, maximumFileSize: 1024, allowedFileExtensions: ['jpg', 'png'],
        compression: Compression.Zstd, encryption: false, antivirus: false, transformations: false,
    });
    assertModel(plain(bucket), 'bucket');
    assert.equal(bucket.$id, 'photos');
    assert.deepEqual(bucket.$permissions, ['read("any")', 'create("users")', 'update("users")', 'delete("users")']);
    assert.deepEqual(
        [bucket.fileSecurity, bucket.enabled, bucket.maximumFileSize, bucket.allowedFileExtensions,
            bucket.compression, bucket.encryption, bucket.antivirus, bucket.transformations],
        [true, false, 1024, ['jpg', 'png'], 'zstd', false, false, false],
    );
    await rejectsWith(storage.createBucket({ bucketId: 'photos', name: 'Again' }), 409, 'storage_bucket_already_exists');
});

test('update keeps permissions and maximumFileSize when absent, resets the other options', async () => {
    const bucketId = ID.unique();
    await storage.createBucket({
        bucketId, name: 'Before', permissions: [Permission.read(Role.any())], maximumFileSize: 4096,
        fileSecurity: true, compression: Compression.Gzip, encryption: false,
    });
    const updated = await storage.updateBucket({ bucketId, name: 'After' });
    assertModel(plain(updated), 'bucket');
    assert.equal(updated.name, 'After');
    assert.deepEqual(updated.$permissions, ['read("any")']);
    assert.equal(updated.maximumFileSize, 4096);
    assert.equal(updated.fileSecurity, false);
    assert.equal(updated.compression, 'none');
    assert.equal(updated.encryption, true);
    const again = await storage.updateBucket({ bucketId, name: 'After', permissions: [], maximumFileSize: 10 });
    assert.deepEqual(again.$permissions, []);
    assert.equal(again.maximumFileSize, 10);
    await rejectsWith(storage.updateBucket({ bucketId: 'missing', name: 'x' }), 404, 'storage_bucket_not_found');
});

test('list with queries, search, cursor and total', async () => {
    const tag = `L${Date.now()}`;
    const ids = [];
    for (let i = 0; i < 3; i++) {
        const b = await storage.createBucket({ bucketId: ID.unique(), name: `${tag} ${i}`, maximumFileSize: 100 + i });
        ids.push(b.$id);
    }
    const all = await storage.listBuckets();
    assert.ok(all.total >= 3);
    assert.equal(all.buckets.length, all.total);
    all.buckets.forEach((b, i) => assertModel(plain(b), 'bucket', `buckets[${i}]`));

    const found = await storage.listBuckets({ search: tag });
    assert.deepEqual(found.buckets.map((b) => b.$id).sort(), [...ids].sort());

    const big = await storage.listBuckets({
        queries: [Query.greaterThan('maximumFileSize', 100), Query.lessThan('maximumFileSize', 1000), Query.orderDesc('maximumFileSize')],
    });
    assert.deepEqual(big.buckets.map((b) => b.$id), [ids[2], ids[1]]);

    const page = await storage.listBuckets({ queries: [Query.startsWith('name', tag), Query.limit(1), Query.cursorAfter(ids[0])] });
    assert.deepEqual(page.buckets.map((b) => b.$id), [ids[1]]);
    assert.equal(page.total, 3);

    const noTotal = await storage.listBuckets({ queries: [Query.startsWith('name', tag)], total: false });
    assert.equal(noTotal.total, 0);
    assert.equal(noTotal.buckets.length, 3);

    await rejectsWith(storage.listBuckets({ queries: [Query.equal('totalSize', 0)] }), 400, 'general_argument_invalid');
});

test('bad options are refused with Appwrite\'s errors', async () => {
    const bucketId = ID.unique();
    await rejectsWith(storage.createBucket({ bucketId, name: 'x', compression: 'brotli' }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId, name: 'x', maximumFileSize: LIMIT + 1 }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId, name: 'x', maximumFileSize: 0 }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId, name: 'x', allowedFileExtensions: ['x'.repeat(65)] }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId, name: 'x', permissions: ['read("nobody")'] }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId: '../etc', name: 'x' }), 400, 'general_argument_invalid');
    await rejectsWith(storage.createBucket({ bucketId, name: '' }), 400, 'general_argument_invalid');
    await rejectsWith(storage.getBucket({ bucketId }), 404, 'storage_bucket_not_found');
});

test('delete removes the bucket and its files', async () => {
    const bucketId = ID.unique();
    await storage.createBucket({ bucketId, name: 'Doomed' });
    await storage.createFile({ bucketId, fileId: 'f1', file: InputFile.fromBuffer(Buffer.from('bye'), 'bye.txt') });
    await storage.deleteBucket({ bucketId });
    await rejectsWith(storage.getBucket({ bucketId }), 404, 'storage_bucket_not_found');
    await rejectsWith(storage.getFile({ bucketId, fileId: 'f1' }), 404, 'storage_bucket_not_found');
    await rejectsWith(storage.deleteBucket({ bucketId }), 404, 'storage_bucket_not_found');
    // A new bucket with the same id starts empty.
    await storage.createBucket({ bucketId, name: 'Reborn' });
    assert.equal((await storage.listFiles({ bucketId })).total, 0);
});

test('keys need the buckets.* scopes', async () => {
    const { apiKey } = server.createKey({ scopes: ['files.read', 'files.write'] });
    const limited = new sdk.Storage(server.client({ key: apiKey }));
    await rejectsWith(limited.listBuckets(), 401, 'general_unauthorized_scope');
    await rejectsWith(limited.createBucket({ bucketId: ID.unique(), name: 'x' }), 401, 'general_unauthorized_scope');
    const reader = new sdk.Storage(server.client({ key: server.createKey({ scopes: ['buckets.read'] }).apiKey }));
    await reader.listBuckets();
    await rejectsWith(reader.createBucket({ bucketId: ID.unique(), name: 'x' }), 401, 'general_unauthorized_scope');
    const guest = new sdk.Storage(server.client({ key: null }));
    await rejectsWith(guest.listBuckets(), 401, 'general_unauthorized_scope');
});
