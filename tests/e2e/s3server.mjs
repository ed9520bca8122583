// An S3-compatible server on loopback for the S3 device's tests: s3rver (npm) with a data
// directory of its own and one bucket, plus a check of every request's AWS SigV4 signature.
//
// s3rver 3.7.1 only checks that a V4 request names a known access key ("Signature version 4
// calculation is unimplemented" in its authentication middleware), so the check below is
// written here, from AWS's published SigV4 algorithm: no npm package verifies SigV4. It
// recomputes the signature over the signed headers as received and the payload hash the
// client signed (x-amz-content-sha256; the body itself is not re-hashed), and answers
// 403 SignatureDoesNotMatch when they differ. s3rver has no ListParts and no
// AbortMultipartUpload (405): the device tracks parts in a record object instead. s3rver
// encrypts ListObjectsV2 continuation tokens with DES, which node 20's OpenSSL 3 has only in its
// legacy provider: run this script with `node --openssl-legacy-provider` (startS3 does).
// It also answers a Range of "bytes=0-0" with the whole object (the device trims), and a
// DeleteObjects can fail with 500 when its parallel deletes race to remove an emptied folder
// (the device retries 500s). Its filesystem store answers a PutObject or UploadPart before the
// bytes are on disk (it resolves when its hashing stream ends, not its file stream), so a read
// right after a write could see a partial file: storeDurably() below replaces those two methods
// with ones that finish writing a temp file and rename it into place before answering.
//
//   node s3server.mjs --dir DIR [--port N]   prints {"port": N} once listening
//   const s3 = await startS3();              from a test: {endpoint, bucket, ..., stop()}
import { spawn } from 'node:child_process';
import { createCipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const S3_BUCKET = 'basalt';
export const S3_ACCESS_KEY = 'S3RVER'; // s3rver's built-in account
export const S3_SECRET = 'S3RVER';
export const S3_REGION = 'us-east-1';

const self = fileURLToPath(import.meta.url);

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
const encode = (text) =>
    encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalQuery(raw) {
    if (!raw) return '';
    return raw
        .split('&')
        .filter(Boolean)
        .map((pair) => {
            const eq = pair.indexOf('=');
            const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
            const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, '%20'));
            return [encode(name), encode(value)];
        })
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
        .map(([name, value]) => `${name}=${value}`)
        .join('&');
}

/** Why the request's SigV4 signature is wrong, or null when it is right. */
export function sigv4Problem(req, secret) {
    const auth = req.headers.authorization || '';
    const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
    if (!match) return `not a SigV4 Authorization header: ${auth}`;
    const [, , day, region, service, signedList, signature] = match;
    const signed = signedList.split(';');
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
        if (!signed.includes(required)) return `${required} is not signed`;
    }
    const stamp = req.headers['x-amz-date'];
    if (!stamp || !stamp.startsWith(day)) return 'x-amz-date does not match the credential scope';
    const [rawPath, rawQuery = ''] = req.url.split(/\?(.*)/s);
    const headers = signed
        .map((name) => {
            const value = req.headers[name];
            if (value === undefined) return null;
            return `${name}:${String(value).trim().replace(/\s+/g, ' ')}\n`;
        });
    const missing = signed.filter((name) => req.headers[name] === undefined);
    if (missing.length) return `signed headers are missing: ${missing.join(', ')}`;
    const canonical = [req.method, rawPath, canonicalQuery(rawQuery), headers.join(''), signedList,
        req.headers['x-amz-content-sha256']].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256(canonical)].join('\n');
    let key = hmac(`AWS4${secret}`, day);
    for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
    const expected = hmac(key, toSign);
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'the signature does not match';
    return null;
}

let temps = 0;

/** Writes `content` (a Buffer or a stream) to `target` through a temp file: {size, md5}. */
async function writeDurably(target, content) {
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}-${temps++}.tmp`;
    const md5 = createHash('md5');
    let size = 0;
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    const count = new Transform({
        transform(chunk, encoding, callback) {
            md5.update(chunk);
            size += chunk.length;
            callback(null, chunk);
        },
    });
    try {
        await pipeline(source, count, createWriteStream(temp));
        await rename(temp, target);
    } catch (err) {
        rmSync(temp, { force: true });
        throw err;
    }
    return { size, md5: md5.digest('hex') };
}

/** s3rver's putObject and putPart, answering only once the bytes are in place. */
function storeDurably(store) {
    store.putObject = async function putObject(object) {
        const result = await writeDurably(this.getResourcePath(object.bucket, object.key, 'object'), object.content);
        await this.putMetadata(object.bucket, object.key, object.metadata, result.md5);
        return result;
    };
    store.putPart = async function putPart(bucket, uploadId, partNumber, content) {
        const partPath = path.join(this.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber));
        const result = await writeDurably(partPath, content);
        await writeFile(`${partPath}.md5`, result.md5);
        return result;
    };
}

async function serve(dir, port) {
    const require = createRequire(import.meta.url);
    const S3rver = require('s3rver');
    const server = new S3rver({
        address: '127.0.0.1',
        port,
        directory: dir,
        silent: true,
        configureBuckets: [{ name: S3_BUCKET }],
    });
    storeDurably(server.store);
    // Before s3rver's own middleware (Koa composes the list when the server starts).
    server.middleware.unshift(async (ctx, next) => {
        const problem = sigv4Problem(ctx.req, S3_SECRET);
        if (problem) {
            process.stderr.write(`s3server: ${ctx.method} ${ctx.url}: ${problem}\n`);
            ctx.status = 403;
            ctx.type = 'application/xml';
            ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`;
            return;
        }
        await next();
    });
    const { port: bound } = await server.run();
    process.stdout.write(`${JSON.stringify({ port: bound })}\n`);
}

/**
 * Starts s3server.mjs as a child process with a fresh data directory:
 * {endpoint, bucket, accessKey, secret, region, dir, stop()}.
 */
export async function startS3() {
    const dir = mkdtempSync(path.join(tmpdir(), 'basalt-s3-'));
    const child = spawn(process.execPath, ['--openssl-legacy-provider', self, '--dir', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (data) => {
            out += data;
            const line = out.split('\n').find((l) => l.startsWith('{'));
            if (line) resolve(JSON.parse(line).port);
        });
        child.once('exit', (code) => reject(new Error(`s3server exited (${code}) before listening`)));
    });
    return {
        endpoint: `http://127.0.0.1:${port}`,
        bucket: S3_BUCKET,
        accessKey: S3_ACCESS_KEY,
        secret: S3_SECRET,
        region: S3_REGION,
        dir,
        /** The basalt serve flags of an S3 device on this server. */
        serveArgs() {
            return ['--storage-device', 's3', '--s3-endpoint', this.endpoint, '--s3-bucket', S3_BUCKET,
                '--s3-region', S3_REGION, '--s3-access-key', S3_ACCESS_KEY, '--s3-secret', S3_SECRET,
                '--s3-path-style', 'true'];
        },
        async stop() {
            if (child.exitCode === null && child.signalCode === null) {
                const exited = new Promise((resolve) => child.once('exit', resolve));
                child.kill('SIGTERM');
                await exited;
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

if (process.argv[1] === self) {
    const arg = (name, fallback) => {
        const at = process.argv.indexOf(name);
        return at > 0 ? process.argv[at + 1] : fallback;
    };
    const dir = arg('--dir');
    if (!dir) {
        process.stderr.write('usage: node s3server.mjs --dir DIR [--port N]\n');
        process.exit(2);
    }
    try {
        createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    } catch {
        process.stderr.write('s3server: run with node --openssl-legacy-provider (s3rver pages listings with DES)\n');
        process.exit(2);
    }
    serve(dir, Number(arg('--port', '0'))).catch((err) => {
        process.stderr.write(`s3server: ${err.stack || err}\n`);
        process.exit(1);
    });
}
