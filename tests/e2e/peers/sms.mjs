// A Twilio stand-in on 127.0.0.1 for the phone flows (phone verification, phone OTP sessions,
// SMS invitations): enough of Twilio's Messages API for an SMS provider to send through it.
//
//   const sms = await startSmsReceiver({ accountSid: 'AC123', authToken: 'secret' });
//   // point Basalt's Twilio provider at sms.baseUrl (instead of https://api.twilio.com)
//   const message = await sms.waitFor('+14155550100');   // { to, from, body, accountSid, sid }
//   await sms.stop();
//
// It answers POST /2010-04-01/Accounts/{AccountSid}/Messages.json (form fields To, From, Body;
// HTTP basic auth AccountSid:AuthToken) like Twilio: 201 with the message resource, or Twilio's
// error shape {code, message, more_info, status}. Without `accountSid`/`authToken` any
// credentials are accepted whose user is the SID in the path. `failNext({status, code, message})`
// makes the next send fail that way.
import http from 'node:http';
import { randomBytes } from 'node:crypto';

const DEFAULT_WAIT_MS = 5000;
const MAX_BODY_BYTES = 64 * 1024;
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{1,14}$/;

/** Twilio writes dates as RFC 2822 with a numeric zone. */
function rfc2822(date) {
    return date.toUTCString().replace('GMT', '+0000');
}

function twilioError(status, code, message) {
    return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function send(res, { status, body }) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}

/** The user and password of a Basic Authorization header, or null. */
function basicCredentials(header) {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        req.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new Error('body too large'));
                req.destroy();
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

export async function startSmsReceiver({ accountSid = null, authToken = null } = {}) {
    const messages = [];
    const waiters = new Set();
    let nextFailure = null;

    /** The reply to one Messages.json request; records the message when it is accepted. */
    function answer(sid, credentials, form) {
        if (!credentials || credentials.user !== sid || (accountSid && sid !== accountSid) ||
            (authToken && credentials.password !== authToken)) {
            return twilioError(401, 20003, 'Authentication Error - invalid username or password');
        }
        if (nextFailure) {
            const { status = 400, code = 21610, message = 'Attempt to send to unsubscribed recipient' } = nextFailure;
            nextFailure = null;
            return twilioError(status, code, message);
        }
        const to = form.get('To');
        const from = form.get('From');
        const body = form.get('Body');
        if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
        if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
        if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
        if (!body) return twilioError(400, 21602, 'Message body is required.');

        const message = { to, from, body, accountSid: sid, sid: `SM${randomBytes(16).toString('hex')}`, receivedAt: new Date() };
        messages.push(message);
        for (const waiter of [...waiters]) {
            if (waiter.test(message)) {
                waiters.delete(waiter);
                clearTimeout(waiter.timer);
                waiter.resolve(message);
            }
        }
        const now = rfc2822(message.receivedAt);
        const uri = `/2010-04-01/Accounts/${sid}/Messages/${message.sid}.json`;
        return {
            status: 201,
            body: {
                account_sid: sid, api_version: '2010-04-01', body, date_created: now, date_sent: null, date_updated: now,
                direction: 'outbound-api', error_code: null, error_message: null, from, messaging_service_sid: null,
                num_media: '0', num_segments: '1', price: null, price_unit: 'USD', sid: message.sid, status: 'queued',
                subresource_uris: { media: uri.replace('.json', '/Media.json') }, to, uri,
            },
        };
    }

    const server = http.createServer((req, res) => {
        const match = MESSAGES_PATH.exec(new URL(req.url, 'http://127.0.0.1').pathname);
        if (req.method !== 'POST' || !match) {
            send(res, twilioError(404, 20404, `The requested resource ${req.url} was not found`));
            return;
        }
        readBody(req)
            .then((text) => send(res, answer(decodeURIComponent(match[1]), basicCredentials(req.headers.authorization),
                new URLSearchParams(text))))
            .catch(() => send(res, twilioError(400, 20001, 'Could not read the request body')));
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });

    return {
        baseUrl: `http://127.0.0.1:${server.address().port}`,
        messages,
        /** The first message (already received or coming) to `to`, or matching a predicate. */
        waitFor(to, timeoutMs = DEFAULT_WAIT_MS) {
            const test = typeof to === 'function' ? to : (m) => m.to === to;
            const found = messages.find(test);
            if (found) return Promise.resolve(found);
            return new Promise((resolve, reject) => {
                const waiter = { test, resolve };
                waiter.timer = setTimeout(() => {
                    waiters.delete(waiter);
                    reject(new Error(`no SMS ${typeof to === 'function' ? 'matching' : `to ${to}`} within ${timeoutMs} ms; ` +
                        `received: ${JSON.stringify(messages.map((m) => m.to))}`));
                }, timeoutMs);
                waiters.add(waiter);
            });
        },
        failNext(failure = {}) {
            nextFailure = failure;
        },
        clear() {
            messages.length = 0;
        },
        stop() {
            server.closeAllConnections();
            return new Promise((resolve) => server.close(resolve));
        },
    };
}
