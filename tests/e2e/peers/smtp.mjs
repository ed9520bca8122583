// An SMTP sink on 127.0.0.1 (smtp-server) that keeps every message it receives, parsed with
// mailparser, for the tests of email flows (verification, recovery, magic URL, OTP, invitations).
//
//   const smtp = await startSmtpSink();
//   // configure Basalt (or a project's SMTP settings) with host smtp.host, port smtp.port
//   const mail = await smtp.waitFor('ada@example.com');     // or waitFor(m => m.subject.includes('x'))
//   mail.subject, mail.text, mail.html, mail.from, mail.headers['message-id']
//   smtp.clear(); await smtp.stop();
//
// Plain SMTP only (no STARTTLS, no implicit TLS). AUTH PLAIN and LOGIN are accepted without TLS
// but never required; `users: { name: 'password' }` makes it check the credentials it is sent.
// `rejectRecipients: ['x@example.com']` answers 550 to those RCPT TO commands.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const DEFAULT_WAIT_MS = 5000;

/** The first address of a mailparser address field, lower-cased, and its display name. */
function firstAddress(field) {
    const entry = (Array.isArray(field) ? field[0] : field)?.value?.[0];
    return { address: entry?.address?.toLowerCase() ?? '', name: entry?.name ?? '' };
}

/** mailparser's structured headers as plain strings, keyed by lower-case name. */
function headerStrings(headers) {
    const out = {};
    for (const [name, value] of headers) {
        if (typeof value === 'string') out[name] = value;
        else if (value instanceof Date) out[name] = value.toUTCString();
        else if (value?.text !== undefined) out[name] = value.text; // address fields
        else if (value?.value !== undefined) out[name] = value.value; // content-type and similar
        else out[name] = JSON.stringify(value);
    }
    return out;
}

/** Resolves with the first item matching `test`, now or when it arrives; rejects after `timeoutMs`. */
function makeWaiter(items, describe) {
    const pending = new Set();
    return {
        notify(item) {
            for (const waiter of [...pending]) {
                if (waiter.test(item)) {
                    pending.delete(waiter);
                    clearTimeout(waiter.timer);
                    waiter.resolve(item);
                }
            }
        },
        wait(test, timeoutMs, what) {
            const found = items.find(test);
            if (found) return Promise.resolve(found);
            return new Promise((resolve, reject) => {
                const waiter = { test, resolve };
                waiter.timer = setTimeout(() => {
                    pending.delete(waiter);
                    reject(new Error(`no ${what} within ${timeoutMs} ms; received: ${describe()}`));
                }, timeoutMs);
                pending.add(waiter);
            });
        },
    };
}

export async function startSmtpSink({ users = null, rejectRecipients = [] } = {}) {
    const messages = [];
    const rejected = new Set(rejectRecipients.map((address) => address.toLowerCase()));
    const waiter = makeWaiter(messages, () => JSON.stringify(messages.map((m) => [m.to, m.subject])));

    const server = new SMTPServer({
        name: 'smtp-sink.test',
        banner: 'Basalt test sink',
        secure: false,
        disabledCommands: ['STARTTLS'],
        authOptional: true,
        authMethods: ['PLAIN', 'LOGIN'],
        allowInsecureAuth: true,
        disableReverseLookup: true,
        size: 25 * 1024 * 1024,
        closeTimeout: 1000,
        logger: false,
        onAuth(auth, session, callback) {
            if (users && users[auth.username] !== auth.password) {
                const error = new Error('Invalid username or password');
                error.responseCode = 535;
                callback(error);
                return;
            }
            callback(null, { user: auth.username });
        },
        onRcptTo(address, session, callback) {
            if (rejected.has(address.address.toLowerCase())) {
                const error = new Error(`No mailbox here by that name: ${address.address}`);
                error.responseCode = 550;
                callback(error);
                return;
            }
            callback();
        },
        onData(stream, session, callback) {
            simpleParser(stream)
                .then((parsed) => {
                    const to = firstAddress(parsed.to);
                    const from = firstAddress(parsed.from);
                    const replyTo = firstAddress(parsed.replyTo);
                    const message = {
                        to: to.address,
                        toName: to.name,
                        from: from.address,
                        fromName: from.name,
                        replyTo: replyTo.address,
                        replyToName: replyTo.name,
                        subject: parsed.subject ?? '',
                        text: parsed.text ?? '',
                        html: typeof parsed.html === 'string' ? parsed.html : '',
                        headers: headerStrings(parsed.headers),
                        envelope: {
                            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                            rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
                        },
                        auth: session.user ?? null,
                        receivedAt: new Date(),
                    };
                    messages.push(message);
                    waiter.notify(message);
                    callback();
                })
                .catch(callback);
        },
    });
    server.on('error', () => {}); // a client that hangs up mid-session is not the sink's failure

    await new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });

    return {
        host: '127.0.0.1',
        port: server.server.address().port,
        messages,
        /** The first message (already received or coming) to `recipient`, or matching a predicate. */
        waitFor(recipient, timeoutMs = DEFAULT_WAIT_MS) {
            const test =
                typeof recipient === 'function'
                    ? recipient
                    : (m) => m.to === recipient.toLowerCase() || m.envelope.rcptTo.includes(recipient.toLowerCase());
            const what = typeof recipient === 'function' ? 'matching message' : `message to ${recipient}`;
            return waiter.wait(test, timeoutMs, what);
        },
        clear() {
            messages.length = 0;
        },
        stop() {
            return new Promise((resolve) => server.close(resolve));
        },
    };
}
