// The e2e harness: starts a private Basalt server for one test file and hands
// out SDK clients and raw-HTTP helpers for it.
//
//   const server = await startServer();   // in before()
//   server.client()                       // node-appwrite Client with endpoint, project and key
//   server.api('GET', '/locale', {...})   // raw fetch, returns {status, headers, body, text}
//   await server.stop();                  // in after()
//
// Environment:
//   BASALT_BIN                path of the binary (default: <repo>/build/basalt)
//   BASALT_TEST_DB            sqlite (default) | postgres
//   BASALT_TEST_POSTGRES_URL  a cluster to create a fresh database in (postgres only)
//   BASALT_TEST_DEVICE        local | s3: where file bytes live (default: local on SQLite, s3 on
//                             PostgreSQL, the two pairs the issue asks for); s3 starts an
//                             s3rver of this file's own on loopback (s3server.mjs)
//   BASALT_E2E_KEEP=1         keep the temp data dir (and print where it is)
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, closeSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as sdk from 'node-appwrite';
import { startS3 } from './s3server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

const READY_TIMEOUT_MS = 20_000;

/** A free TCP port on 127.0.0.1 (bind to 0, read, release). */
export function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 30) {
    try {
        return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
        return '(no log)';
    }
}

/** Creates a fresh database in the private cluster and returns its URL. */
function createPostgresDatabase() {
    const base = process.env.BASALT_TEST_POSTGRES_URL;
    if (!base) {
        throw new Error('BASALT_TEST_DB=postgres needs BASALT_TEST_POSTGRES_URL (scripts/postgres.sh start)');
    }
    const name = `e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    execFileSync('psql', [base, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], {
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    const url = new URL(base);
    url.pathname = `/${name}`;
    return { url: url.toString(), name, base };
}

function dropPostgresDatabase(db) {
    try {
        execFileSync(
            'psql',
            [db.base, '-qAt', '-c', `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`],
            { stdio: 'ignore' },
        );
    } catch {
        // The cluster is thrown away at the end of the run anyway.
    }
}

function runInit(bin, dataDir, dbUrl, projectId) {
    const args = ['init', '--data', dataDir, '--project', projectId, '--name', 'E2E', '--json'];
    if (dbUrl) args.push('--db', dbUrl);
    let out;
    try {
        out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    } catch (err) {
        throw new Error(`basalt init failed (${err.status}): ${err.stderr || err.message}`);
    }
    let info;
    try {
        info = JSON.parse(out.trim().split('\n').filter(Boolean).pop());
    } catch {
        throw new Error(`basalt init --json printed no JSON: ${out}`);
    }
    for (const field of ['projectId', 'apiKey']) {
        if (typeof info[field] !== 'string' || info[field] === '') {
            throw new Error(`basalt init --json: missing ${field} in ${out}`);
        }
    }
    return info;
}

async function waitReady(endpoint, child, logFile) {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`basalt serve exited early (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
        }
        try {
            const res = await fetch(`${endpoint}/health/version`, { signal: AbortSignal.timeout(1000) });
            if (res.status === 200) {
                await res.arrayBuffer();
                return;
            }
        } catch {
            // not listening yet
        }
        await sleep(50);
    }
    throw new Error(`basalt serve not ready after ${READY_TIMEOUT_MS} ms:\n${tail(logFile)}`);
}

/** Every file under `dir`, as paths relative to `root`. */
function walkFiles(dir, root = dir) {
    if (!existsSync(dir)) return [];
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...walkFiles(full, root));
        else out.push(path.relative(root, full));
    }
    return out;
}

/** The local device's objects: files under <data>/storage. */
function localObjects(root) {
    return {
        kind: 'local',
        list: () => walkFiles(root),
        read: (key) => readFileSync(path.join(root, key)),
        remove: (key) => rmSync(path.join(root, key)),
    };
}

/**
 * The S3 device's objects, read from s3rver's directory (<bucket>/<key>._S3rver_object with
 * its .md5 and metadata beside it), so that a test sees what is stored without going through
 * the device it tests. Parts of multipart uploads in progress live in s3rver's own
 * ._S3rver_uploads folder and are not objects.
 */
function s3Objects(s3) {
    const bucketDir = path.join(s3.dir, s3.bucket);
    const suffix = '._S3rver_object';
    return {
        kind: 's3',
        list: () => walkFiles(bucketDir).filter((p) => p.endsWith(suffix)).map((p) => p.slice(0, -suffix.length)),
        read: (key) => readFileSync(path.join(bucketDir, key + suffix)),
        remove: (key) => {
            rmSync(path.join(bucketDir, key + suffix));
            for (const extra of ['._S3rver_object.md5', '._S3rver_metadata.json']) {
                rmSync(path.join(bucketDir, key + extra), { force: true });
            }
        },
    };
}

/**
 * Starts init + serve on a free loopback port with a fresh temp data dir (and
 * a fresh PostgreSQL database when BASALT_TEST_DB=postgres). serveArgs are
 * extra `basalt serve` flags. Appwrite's abuse limits are off unless rateLimits
 * is true: suites sign up many users from 127.0.0.1 (Appwrite's own test
 * setup disables them the same way).
 */
export async function startServer({ projectId = 'e2e', serveArgs = [], rateLimits = false } = {}) {
    const bin = process.env.BASALT_BIN || path.join(repoRoot, 'build', 'basalt');
    if (!existsSync(bin)) throw new Error(`${bin} not found: run make build`);
    const backend = process.env.BASALT_TEST_DB || 'sqlite';
    if (!['sqlite', 'postgres'].includes(backend)) throw new Error(`BASALT_TEST_DB=${backend}?`);

    const deviceKind = process.env.BASALT_TEST_DEVICE || (backend === 'postgres' ? 's3' : 'local');
    if (!['local', 's3'].includes(deviceKind)) throw new Error(`BASALT_TEST_DEVICE=${deviceKind}?`);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'basalt-e2e-'));
    // s3rver starts (about a second) while the database is made and the project initialised.
    const s3Starting = deviceKind === 's3' ? startS3() : null;
    let pg = null;
    let info;
    try {
        pg = backend === 'postgres' ? createPostgresDatabase() : null;
        info = runInit(bin, dataDir, pg ? pg.url : null, projectId);
    } catch (err) {
        await s3Starting?.then((started) => started.stop(), () => {});
        throw err;
    }
    const dbUrl = pg ? pg.url : null;
    const s3 = await s3Starting;
    const deviceArgs = s3 ? s3.serveArgs() : [];
    const device = s3 ? s3Objects(s3) : localObjects(path.join(dataDir, 'storage'));
    const logFile = path.join(dataDir, 'serve.log');

    let child;
    let endpoint;
    for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const args = ['serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir,
            '--rate-limits', String(rateLimits), ...deviceArgs, ...serveArgs];
        if (dbUrl) args.push('--db', dbUrl);
        const fd = openSync(logFile, 'a');
        child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
        closeSync(fd);
        endpoint = `http://127.0.0.1:${port}/v1`;
        try {
            await waitReady(endpoint, child, logFile);
            break;
        } catch (err) {
            child.kill('SIGKILL');
            // Someone may have taken the port between freePort() and bind: retry.
            if (attempt >= 3) {
                cleanup();
                await s3?.stop();
                throw err;
            }
        }
    }

    function cleanup() {
        if (pg) dropPostgresDatabase(pg);
        if (process.env.BASALT_E2E_KEEP) {
            console.log(`# kept ${dataDir}`);
        } else {
            rmSync(dataDir, { recursive: true, force: true });
        }
    }

    const server = {
        backend,
        endpoint,
        projectId: info.projectId,
        apiKey: info.apiKey,
        dataDir,
        dbUrl, // the PostgreSQL database (null on SQLite: the project is dataDir/db/project_<id>.sqlite)
        /**
         * The storage device's objects: {kind: 'local'|'s3', list() → keys ("<project>/bucket_N/<file>",
         * parts and upload records included), read(key) → Buffer, remove(key)}.
         */
        device,
        s3, // the S3 server of the S3 device ({endpoint, stop(), ...}), or null
        logFile,
        pid: child.pid,

        /**
         * Creates an API key with `basalt key create` (API keys cannot mint keys).
         * Returns {keyId, apiKey}. scopes: array (empty = the CLI's default, every scope).
         */
        createKey({ name = 'e2e key', scopes = [], expire, id } = {}) {
            const args = ['key', 'create', '--data', dataDir, '--project', info.projectId, '--name', name, '--json'];
            if (dbUrl) args.push('--db', dbUrl);
            if (scopes.length) args.push('--scopes', scopes.join(','));
            if (expire) args.push('--expire', expire);
            if (id) args.push('--id', id);
            let out;
            try {
                out = execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
            } catch (err) {
                throw new Error(`basalt key create failed (${err.status}): ${err.stderr || err.message}`);
            }
            const key = JSON.parse(out.trim().split('\n').filter(Boolean).pop());
            if (typeof key.apiKey !== 'string' || typeof key.keyId !== 'string') {
                throw new Error(`basalt key create --json: unexpected output ${out}`);
            }
            return key;
        },

        /** A node-appwrite Client; key: null for none, or another key. */
        client({ key = info.apiKey, project = info.projectId, locale } = {}) {
            const c = new sdk.Client().setEndpoint(endpoint);
            if (project !== null) c.setProject(project);
            if (key !== null) c.setKey(key);
            if (locale) c.setLocale(locale);
            return c;
        },

        /**
         * Raw request. path is relative to /v1. Headers default to the project
         * and the key (pass key: null / project: null to leave them out).
         * body: an object (sent as JSON) or a string (sent as is).
         */
        async api(method, apiPath, { body, headers = {}, key = info.apiKey, project = info.projectId } = {}) {
            const h = { ...headers };
            if (project !== null && h['x-appwrite-project'] === undefined) h['x-appwrite-project'] = project;
            if (key !== null && h['x-appwrite-key'] === undefined) h['x-appwrite-key'] = key;
            let payload;
            if (body !== undefined) {
                payload = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
                if (h['content-type'] === undefined) h['content-type'] = 'application/json';
            }
            const res = await fetch(endpoint + apiPath, { method, headers: h, body: payload });
            const text = await res.text();
            let json;
            try {
                json = text === '' ? undefined : JSON.parse(text);
            } catch {
                json = undefined;
            }
            return { status: res.status, headers: res.headers, body: json, text };
        },

        /**
         * Starts another node on the same storage (data dir and database), as a cluster
         * would run stateless nodes: {endpoint, stop()}. Stop nodes before the server.
         */
        async startNode() {
            const nodePort = await freePort();
            const nodeArgs = ['serve', '--listen', `127.0.0.1:${nodePort}`, '--data', dataDir,
                '--rate-limits', String(rateLimits), ...deviceArgs, ...serveArgs];
            if (dbUrl) nodeArgs.push('--db', dbUrl);
            const nodeLog = path.join(dataDir, `node-${nodePort}.log`);
            const fd = openSync(nodeLog, 'a');
            const node = spawn(bin, nodeArgs, { stdio: ['ignore', fd, fd] });
            closeSync(fd);
            const nodeEndpoint = `http://127.0.0.1:${nodePort}/v1`;
            await waitReady(nodeEndpoint, node, nodeLog);
            return {
                endpoint: nodeEndpoint,
                async stop() {
                    if (node.exitCode !== null || node.signalCode !== null) return;
                    const exited = new Promise((resolve) => node.once('exit', resolve));
                    node.kill('SIGTERM');
                    await exited;
                },
            };
        },

        /** Stops the server with SIGTERM (SIGKILL after 5 s) and removes its data. */
        async stop() {
            let exit = { code: child.exitCode, signal: child.signalCode };
            if (exit.code === null && exit.signal === null) {
                const exited = new Promise((resolve) =>
                    child.once('exit', (code, signal) => resolve({ code, signal })),
                );
                child.kill('SIGTERM');
                const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
                exit = await exited;
                clearTimeout(timer);
            }
            cleanup();
            await s3?.stop();
            return exit;
        },
    };
    return server;
}
