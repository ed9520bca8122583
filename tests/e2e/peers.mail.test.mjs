// Self-test of the mail and SMS peers (peers/smtp.mjs, peers/sms.mjs) that the email and phone
// flow tests read messages from: a raw SMTP session over node:net and fetch() to the Twilio
// stand-in, so a failure in those tests points at Basalt, not at the peers. No Basalt server here.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startSmtpSink } from './peers/smtp.mjs';
import { startSmsReceiver } from './peers/sms.mjs';

/** Runs `commands` in one SMTP session; resolves with every reply (the greeting first). */
function smtpSession(port, commands) {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1');
        const replies = [];
        let buffer = '';
        let current = [];
        let next = 0;
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => {
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf('\r\n')) >= 0) {
                const line = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                current.push(line);
                if (line[3] === '-') continue; // a multi-line reply goes on
                replies.push(current.join('\n'));
                current = [];
                if (next < commands.length) socket.write(`${commands[next++]}\r\n`);
                else socket.end();
            }
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(replies));
    });
}

const plain = (user, password) => Buffer.from(`\0${user}\0${password}`).toString('base64');

const MESSAGE = [
    'From: =?UTF-8?B?w4lxdWlwZSBCYXNhbHQ=?= <team@basalt.test>',
    'To: "Ada Lovelace" <Ada@Example.com>',
    'Reply-To: "Support" <help@basalt.test>',
    'Subject: =?UTF-8?B?VsOpcmlmaWV6IHZvdHJlIGFkcmVzc2U=?=',
    'Message-ID: <1234@basalt.test>',
    'Date: Tue, 05 Mar 2024 14:03:22 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Code: 493817 =E2=80=94 h=C3=A9',
    '--b1',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Code: <strong>493817</strong></p>',
    '--b1--',
    '.',
].join('\r\n');

describe('SMTP sink', () => {
    let smtp;
    before(async () => {
        smtp = await startSmtpSink({ users: { mailer: 's3cret' }, rejectRecipients: ['nobody@example.com'] });
    });
    after(() => smtp.stop());

    test('receives, parses and hands out a message', async () => {
        const waiting = smtp.waitFor('ada@example.com');
        const replies = await smtpSession(smtp.port, [
            'EHLO client.test', `AUTH PLAIN ${plain('mailer', 's3cret')}`, 'MAIL FROM:<team@basalt.test>',
            'RCPT TO:<Ada@Example.com>', 'DATA', MESSAGE, 'QUIT',
        ]);
        assert.match(replies[0], /^220 /);
        assert.match(replies[1], /AUTH PLAIN LOGIN/);
        assert.doesNotMatch(replies[1], /STARTTLS/);
        assert.match(replies[2], /^235 /);
        assert.match(replies[6], /^250 /);
        const mail = await waiting;
        assert.equal(mail.to, 'ada@example.com');
        assert.equal(mail.toName, 'Ada Lovelace');
        assert.equal(mail.from, 'team@basalt.test');
        assert.equal(mail.fromName, 'Équipe Basalt');
        assert.equal(mail.replyTo, 'help@basalt.test');
        assert.equal(mail.subject, 'Vérifiez votre adresse');
        assert.equal(mail.text.trim(), 'Code: 493817 — hé');
        assert.equal(mail.html.trim(), '<p>Code: <strong>493817</strong></p>');
        assert.equal(mail.headers['message-id'], '<1234@basalt.test>');
        assert.equal(mail.auth, 'mailer');
        assert.deepEqual(mail.envelope, { mailFrom: 'team@basalt.test', rcptTo: ['ada@example.com'] });
        assert.equal(await smtp.waitFor((m) => m.subject.startsWith('Vérifiez')), mail, 'already received');
    });

    test('needs no AUTH but checks the credentials it gets', async () => {
        const anonymous = await smtpSession(smtp.port, [
            'EHLO client.test', 'MAIL FROM:<a@basalt.test>', 'RCPT TO:<bob@example.com>', 'DATA',
            'Subject: hi\r\n\r\nhello\r\n.', 'QUIT',
        ]);
        assert.match(anonymous[5], /^250 /);
        assert.equal((await smtp.waitFor('bob@example.com')).auth, null);
        const wrong = await smtpSession(smtp.port, ['EHLO client.test', `AUTH PLAIN ${plain('mailer', 'nope')}`, 'QUIT']);
        assert.match(wrong[2], /^535 /);
    });

    test('refuses the recipients it was told to', async () => {
        const replies = await smtpSession(smtp.port, [
            'EHLO client.test', 'MAIL FROM:<a@basalt.test>', 'RCPT TO:<nobody@example.com>', 'QUIT',
        ]);
        assert.match(replies[3], /^550 /);
    });

    test('waitFor times out, and clear() forgets', async () => {
        await assert.rejects(smtp.waitFor('missing@example.com', 200), /no message to missing@example.com/);
        assert.ok(smtp.messages.length > 0);
        smtp.clear();
        assert.equal(smtp.messages.length, 0);
        await assert.rejects(smtp.waitFor('ada@example.com', 100));
    });
});

describe('SMS receiver', () => {
    let sms;
    const sid = 'AC0123456789abcdef';
    const auth = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const post = (fields, { account = sid, authorization = auth(sid, 'token') } = {}) =>
        fetch(`${sms.baseUrl}/2010-04-01/Accounts/${account}/Messages.json`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: authorization },
            body: new URLSearchParams(fields),
        });

    before(async () => {
        sms = await startSmsReceiver({ accountSid: sid, authToken: 'token' });
    });
    after(() => sms.stop());

    test('accepts a message like Twilio and hands it out', async () => {
        const waiting = sms.waitFor('+14155550100');
        const res = await post({ To: '+14155550100', From: '+15005550006', Body: 'Your code: 493817 & more' });
        assert.equal(res.status, 201);
        const resource = await res.json();
        assert.match(resource.sid, /^SM[0-9a-f]{32}$/);
        assert.equal(resource.status, 'queued');
        assert.equal(resource.account_sid, sid);
        assert.equal(resource.to, '+14155550100');
        assert.match(resource.date_created, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
        const message = await waiting;
        assert.deepEqual(
            { to: message.to, from: message.from, body: message.body, accountSid: message.accountSid, sid: message.sid },
            { to: '+14155550100', from: '+15005550006', body: 'Your code: 493817 & more', accountSid: sid, sid: resource.sid },
        );
    });

    test('answers bad credentials and bad fields with Twilio errors', async () => {
        const expectError = async (res, status, code) => {
            assert.equal(res.status, status);
            const body = await res.json();
            assert.equal(body.code, code);
            assert.equal(body.status, status);
            assert.equal(typeof body.message, 'string');
        };
        const fields = { To: '+14155550101', From: '+15005550006', Body: 'x' };
        await expectError(await post(fields, { authorization: auth(sid, 'wrong') }), 401, 20003);
        await expectError(await post(fields, { authorization: '' }), 401, 20003);
        await expectError(await post(fields, { account: 'ACother', authorization: auth('ACother', 'token') }), 401, 20003);
        await expectError(await post({ ...fields, To: '4155550101' }), 400, 21211);
        await expectError(await post({ From: '+15005550006', Body: 'x' }), 400, 21604);
        await expectError(await post({ To: '+14155550101', From: '+15005550006' }), 400, 21602);
        sms.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
        await expectError(await post(fields), 429, 20429);
        const res = await fetch(`${sms.baseUrl}/2010-04-01/Accounts/${sid}/Calls.json`, { method: 'POST' });
        assert.equal(res.status, 404);
        assert.equal(sms.messages.filter((m) => m.to === '+14155550101').length, 0);
        await assert.rejects(sms.waitFor('+14155550101', 100), /no SMS to \+14155550101/);
    });
});
