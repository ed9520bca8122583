// A chunked upload as the Appwrite SDKs send it (multipart `fileId` + `file`, 5 MiB chunks,
// `Content-Range`, `x-appwrite-id` after the first, the first alone, then 8 in flight), from
// request bodies built before the clock starts, over keep-alive connections: the least a client
// can spend, so that the figure is the server's. Node built-ins only.
//
// Env: UPLOAD_ENDPOINT (http://127.0.0.1:PORT/v1), UPLOAD_PROJECT, UPLOAD_KEY, UPLOAD_BUCKET,
// UPLOAD_FILE_ID, UPLOAD_SOURCE (the file to send). Prints "MB/s" on success; exits 1 on any
// answer but 201.
import http from 'node:http';
import { readFileSync } from 'node:fs';

const env = (name) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const data = readFileSync(env('UPLOAD_SOURCE'));
const fileId = env('UPLOAD_FILE_ID');
const url = new URL(`${env('UPLOAD_ENDPOINT')}/storage/buckets/${env('UPLOAD_BUCKET')}/files`);
const CHUNK = 5 * 1024 * 1024;
const PARALLEL = 8;
const boundary = `----basalt-bench-${Date.now()}`;

const requests = [];
for (let start = 0; start < data.length; start += CHUNK) {
    const part = data.subarray(start, Math.min(start + CHUNK, data.length));
    const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fileId"\r\n\r\n${fileId}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
            'Content-Type: application/octet-stream\r\n\r\n'),
        part,
        Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': body.length,
        'content-range': `bytes ${start}-${start + part.length - 1}/${data.length}`,
        'x-appwrite-project': env('UPLOAD_PROJECT'),
        'x-appwrite-key': env('UPLOAD_KEY'),
    };
    if (start > 0) headers['x-appwrite-id'] = fileId;
    requests.push({ headers, body });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: PARALLEL });
const send = ({ headers, body }) => new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`${res.statusCode} ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(body);
});

const t0 = performance.now();
await send(requests[0]);
let next = 1;
await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < requests.length) await send(requests[next++]);
}));
const seconds = (performance.now() - t0) / 1000;
agent.destroy();
console.log((data.length / 1e6 / seconds).toFixed(1));
