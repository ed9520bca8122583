// A private ClamAV daemon for the antivirus tests: Debian's clamd on a unix socket (and a TCP
// port on 127.0.0.1), with a signature database the test writes itself. Debian ships no virus
// database and freshclam needs the network, so the database holds one test signature: an .ndb
// body signature of the EICAR test string, matching it anywhere in any file (clamd reports it
// as "Basalt.Test.EICAR.UNOFFICIAL"). clamd refuses to start with an empty database directory.
//
//   const clamd = await startClamd();   // null (with a reason in clamdMissing()) without clamd
//   clamd.unix                          // "unix:/tmp/.../clamd.sock" for basalt serve --clamd
//   clamd.tcp                           // "tcp:127.0.0.1:PORT"
//   await clamd.stop();
//
// Used by every *.test.mjs that needs a scanner, so scripts/test.sh runs them on both backends
// with no system service. Run directly (`node tests/e2e/clamd.mjs`), it starts one, prints its
// addresses for `basalt serve --clamd` and stops on Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './harness.mjs';

const READY_TIMEOUT_MS = 30_000;
const CANDIDATES = ['/usr/sbin/clamd', '/usr/bin/clamd'];

/** The EICAR anti-virus test file (68 bytes), harmless by design. */
export const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', 'latin1');

function clamdBinary() {
    return process.env.BASALT_CLAMD_BIN || CANDIDATES.find((p) => existsSync(p));
}

/** Why clamd cannot run here ("" when it can). */
export function clamdMissing() {
    return clamdBinary() ? '' : `clamd not found (${CANDIDATES.join(', ')}): install clamav-daemon (scripts/apt-packages.txt)`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startClamd() {
    const bin = clamdBinary();
    if (!bin) return null;
    const dir = mkdtempSync(path.join(tmpdir(), 'basalt-clamd-'));
    const db = path.join(dir, 'db');
    mkdirSync(db);
    writeFileSync(path.join(db, 'basalt-test.ndb'), `Basalt.Test.EICAR:0:*:${EICAR.toString('hex')}\n`);
    const socket = path.join(dir, 'clamd.sock');
    const log = path.join(dir, 'clamd.log');
    const port = await freePort();
    writeFileSync(path.join(dir, 'clamd.conf'), [
        'Foreground yes',
        `LocalSocket ${socket}`,
        `TCPSocket ${port}`,
        'TCPAddr 127.0.0.1',
        `DatabaseDirectory ${db}`,
        `LogFile ${log}`,
        'StreamMaxLength 30M',
        'SelfCheck 0',
        '',
    ].join('\n'));
    const child = spawn(bin, ['-c', path.join(dir, 'clamd.conf')], { stdio: 'ignore' });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!existsSync(socket)) {
        if (child.exitCode !== null || Date.now() > deadline) {
            child.kill('SIGKILL');
            const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no log)';
            rmSync(dir, { recursive: true, force: true });
            throw new Error(`clamd did not start:\n${tail}`);
        }
        await sleep(50);
    }
    return {
        unix: `unix:${socket}`,
        tcp: `tcp:127.0.0.1:${port}`,
        log,
        async stop() {
            if (child.exitCode === null) {
                const exited = new Promise((r) => child.once('exit', r));
                child.kill('SIGTERM');
                await Promise.race([exited, sleep(5000)]);
                if (child.exitCode === null) child.kill('SIGKILL');
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const missing = clamdMissing();
    if (missing) {
        console.error(missing);
        process.exit(1);
    }
    const clamd = await startClamd();
    console.log(`${clamd.unix}\n${clamd.tcp}`);
    const stop = async () => {
        await clamd.stop();
        process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    setInterval(() => {}, 1 << 30);
}
