// Per-project custom email templates when auth emails are sent: templates stored through
// node-appwrite's Project.updateEmailTemplate, emails caught by loopback SMTP sinks (one for the
// server's SMTP, one for the project's own).
//
// Appwrite 1.9.6 behaviour (app/controllers/api/account.php createRecovery, createMagicURLToken;
// src/Appwrite/Platform/Workers/Mails.php):
// - only while the project's own SMTP is enabled, the template for (kind, request locale), else
//   (kind, "en"), replaces the built-in email: its subject and message, with the kind's
//   placeholders filled ({{user}} {{project}} {{redirect}} for recovery), values HTML-escaped in
//   the message; placeholders the kind has no value for ({{otp}} in recovery) stay as written;
// - the template's non-empty sender name/email and reply-to name/email replace the project's SMTP
//   ones; its empty ones leave them;
// - no template for the kind, or the project's SMTP off: the built-in email.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { plain } from './spec.mjs';
import { startSmtpSink } from './peers/smtp.mjs';

const APP_URL = 'http://localhost:3000/auth/callback';

let server;
let serverSmtp; // the server's own SMTP (--smtp-host)
let projectSmtp; // the project's SMTP (Project.updateSMTP)
let project;
let users;

before(async () => {
    serverSmtp = await startSmtpSink();
    projectSmtp = await startSmtpSink();
    server = await startServer({
        serveArgs: ['--smtp-host', '127.0.0.1', '--smtp-port', String(serverSmtp.port),
            '--smtp-sender', 'server@example.com', '--smtp-sender-name', 'Basalt Server'],
    });
    project = new sdk.Project(server.client());
    users = new sdk.Users(server.client());
    await project.updateSMTP({ host: '127.0.0.1', port: projectSmtp.port, senderName: 'Notebook Mailer',
        senderEmail: 'noreply@example.com', replyToName: 'Support', replyToEmail: 'support@example.com', enabled: true });
    await project.updateEmailTemplate({ templateId: 'recovery', locale: 'en',
        subject: 'Reset your {{project}} password, {{user}}',
        message: '<p>Hello {{user}},</p><p><a href="{{redirect}}">Reset</a> for {{project}}. {{otp}} {{nope}}</p>',
        senderName: 'Account Team', senderEmail: 'accounts@example.com' });
    await project.updateEmailTemplate({ templateId: 'recovery', locale: 'de',
        subject: 'Neues Passwort für {{project}}',
        message: '<p>Hallo {{user}},</p><p><a href="{{redirect}}">Zurücksetzen</a></p>',
        replyToName: 'Hilfe', replyToEmail: 'hilfe@example.com' });
});

after(async () => {
    if (server) await server.stop();
    if (serverSmtp) await serverSmtp.stop();
    if (projectSmtp) await projectSmtp.stop();
});

let counter = 0;
async function newUser(name = 'Ada & Co') {
    counter += 1;
    const email = `tpl${counter}-${Date.now()}@example.com`;
    await users.create({ userId: sdk.ID.unique(), email, password: 'sup3r secret', name });
    return email;
}

async function requestRecovery(email, locale) {
    const headers = locale ? { 'x-appwrite-locale': locale } : {};
    const res = await server.api('POST', '/account/recovery', { key: null, headers, body: { email, url: APP_URL } });
    assert.equal(res.status, 201, res.text);
    return res.body;
}

/** The href of the first link in an HTML part, with character references undone. */
function hrefIn(html) {
    const match = /href="([^"]+)"/.exec(html);
    assert.ok(match, `no link in: ${html}`);
    return new URL(match[1].replaceAll('&amp;', '&'));
}

test('recovery in German: the German template, the project sender, the template reply-to', async () => {
    const email = await newUser();
    const token = await requestRecovery(email, 'de');
    const mail = await projectSmtp.waitFor(email);
    assert.equal(mail.subject, 'Neues Passwort für E2E');
    assert.match(mail.html, /<p>Hallo Ada &amp; Co,<\/p>/);
    assert.match(mail.html, /<html lang="de"/);
    assert.equal(mail.from, 'noreply@example.com');
    assert.equal(mail.fromName, 'Notebook Mailer');
    assert.equal(mail.replyTo, 'hilfe@example.com');
    assert.equal(mail.replyToName, 'Hilfe');

    // {{redirect}} is the real link: it sets a new password.
    const link = hrefIn(mail.html);
    assert.equal(`${link.origin}${link.pathname}`, APP_URL);
    assert.equal(link.searchParams.get('userId'), token.userId);
    const res = await server.api('PUT', '/account/recovery', { key: null,
        body: { userId: token.userId, secret: link.searchParams.get('secret'), password: 'new password 2' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(serverSmtp.messages.length, 0, 'nothing went through the server SMTP');
});

test('recovery in English, and in a locale without a template: the English template and its sender', async () => {
    for (const locale of ['en', 'fr', null]) {
        const email = await newUser();
        await requestRecovery(email, locale);
        const mail = await projectSmtp.waitFor(email);
        assert.equal(mail.subject, 'Reset your E2E password, Ada & Co', `locale ${locale}`);
        assert.match(mail.html, /<p>Hello Ada &amp; Co,<\/p>/);
        // Placeholders Appwrite gives recovery no value for stay as written.
        assert.match(mail.html, /for E2E\. \{\{otp\}\} \{\{nope\}\}<\/p>/);
        assert.match(mail.html, /<html lang="en"/);
        assert.equal(mail.from, 'accounts@example.com');
        assert.equal(mail.fromName, 'Account Team');
        assert.equal(mail.replyTo, 'support@example.com', 'the project reply-to: the template has none');
        assert.equal(mail.replyToName, 'Support');
        assert.equal(mail.text, '', 'custom templates are HTML only');
    }
});

test('a kind without a custom template: the built-in email through the project SMTP', async () => {
    const email = await newUser();
    const res = await server.api('POST', '/account/tokens/magic-url', { key: null, headers: { 'x-appwrite-locale': 'de' },
        body: { userId: 'unique()', email, url: APP_URL } });
    assert.equal(res.status, 201, res.text);
    const mail = await projectSmtp.waitFor(email);
    assert.equal(mail.subject, 'Bei E2E anmelden');
    assert.match(mail.text, /secret=/);
    assert.equal(mail.from, 'noreply@example.com');
    assert.equal(mail.replyTo, 'support@example.com');
});

test('project SMTP off: the built-in email through the server SMTP, templates kept', async () => {
    await project.updateSMTP({ enabled: false });
    try {
        for (const [locale, subject] of [['de', 'Passwort für E2E zurücksetzen'], ['en', 'Reset your E2E password']]) {
            const email = await newUser();
            await requestRecovery(email, locale);
            const mail = await serverSmtp.waitFor(email);
            assert.equal(mail.subject, subject);
            assert.equal(mail.from, 'server@example.com');
            assert.equal(mail.fromName, 'Basalt Server');
            assert.match(mail.text, /secret=/);
            assert.doesNotMatch(mail.html, /Zurücksetzen<\/a><\/p>|\{\{nope\}\}/);
        }
        assert.equal(plain(await project.getEmailTemplate({ templateId: 'recovery', locale: 'de' })).subject,
            'Neues Passwort für {{project}}');
    } finally {
        await project.updateSMTP({ enabled: true });
    }
    const email = await newUser();
    await requestRecovery(email, 'de');
    assert.equal((await projectSmtp.waitFor(email)).subject, 'Neues Passwort für E2E', 'back on: the template again');
});
