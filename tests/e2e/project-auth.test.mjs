// The project's auth settings through node-appwrite's Project service and raw HTTP: auth methods,
// policies, mock phones, SMTP (with a loopback SMTP sink), email templates and OAuth2 providers,
// with the effects already observable on the Account API.
//
// Appwrite 1.9.6 behaviour (src/Appwrite/Platform/Modules/Project/Http/Project/*):
// - Writes answer with the project model. node-appwrite sends X-Appwrite-Response-Format 1.9.5
//   and gets the 1.9.5 `Project` model (authMethods, services, protocols ...); formats below 1.9.5
//   get the flat `project` model of the 1.9.3 spec (auth*, smtp*, serviceStatusFor* ...).
// - Policies: list and get include password-strength (not in the 1.9.3 spec);
//   membership-privacy carries userAccessedAt since 1.9.5. Limits take 1..5000 or null (0).
// - Mock phones: E.164 number, 6-digit otp; duplicates 409 mock_number_already_exists, unknown
//   404 mock_number_not_found.
// - SMTP: password write-only; enabling needs host, port and senderEmail; tests need SMTP on.
// - Email templates: changes need the project's SMTP enabled; GET of an untouched template shows
//   the default text with placeholders; the list shows custom templates only.
// - OAuth2: 42 providers in id order; secrets write-only; credentials given without `enabled`
//   switch a provider on (Appwrite after checking them with the provider, Basalt when complete);
//   OIDC spells tokenUrl/userInfoUrl below format 1.9.4; Google shows `prompt`.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as sdk from 'node-appwrite';
import { startServer, freePort } from './harness.mjs';
import { assertModel, assertError, modelFields, plain, ISO_DATETIME, rejectsWith } from './spec.mjs';
import { startSmtpSink } from './peers/smtp.mjs';

const { Query } = sdk;

// Appwrite 1.9.5+ Project model (Response/Model/Project.php), not in the 1.9.3 spec.
const PROJECT_FIELDS = ['$id', '$createdAt', '$updatedAt', 'name', 'teamId', 'region', 'devKeys', 'smtpEnabled',
    'smtpSenderName', 'smtpSenderEmail', 'smtpReplyToName', 'smtpReplyToEmail', 'smtpHost', 'smtpPort',
    'smtpUsername', 'smtpPassword', 'smtpSecure', 'pingCount', 'pingedAt', 'labels', 'status', 'authMethods',
    'services', 'protocols', 'blocks', 'consoleAccessedAt'];
const AUTH_METHODS = ['email-password', 'magic-url', 'email-otp', 'anonymous', 'invites', 'jwt', 'phone'];
const POLICY_IDS = ['password-dictionary', 'password-history', 'password-strength', 'password-personal-data',
    'session-alert', 'session-duration', 'session-invalidation', 'session-limit', 'user-limit', 'membership-privacy'];
const LEGACY = { 'x-appwrite-response-format': '1.9.4' };

let server;
let project;
let smtp;
before(async () => {
    server = await startServer();
    project = new sdk.Project(server.client());
    smtp = await startSmtpSink();
});
after(async () => {
    if (smtp) await smtp.stop();
    if (server) await server.stop();
});


/** Checks the 1.9.5 Project model and returns it as a plain object. */
function assertProject(value) {
    const body = plain(value);
    assert.deepEqual(Object.keys(body), PROJECT_FIELDS);
    assert.equal(body.$id, server.projectId);
    assert.match(body.$updatedAt, ISO_DATETIME);
    assert.equal(body.smtpPassword, '');
    assert.deepEqual(body.authMethods.map((m) => m.$id), AUTH_METHODS);
    for (const list of [body.authMethods, body.services, body.protocols]) {
        for (const entry of list) assert.deepEqual(Object.keys(entry), ['$id', 'enabled']);
    }
    assert.deepEqual(body.protocols.map((p) => p.$id), ['rest', 'graphql', 'websocket']);
    return body;
}

async function legacyProject(method, path, body) {
    const res = await server.api(method, path, { body, headers: LEGACY });
    assert.equal(res.status, 200, res.text);
    assertModel(res.body, 'project');
    return res.body;
}

let counter = 0;
function newEmail() {
    counter += 1;
    return `pa${counter}-${Date.now()}@example.com`;
}

async function signUp(email = newEmail(), password = 'correct horse battery', extra = {}) {
    return server.api('POST', '/account', { key: null, body: { userId: 'unique()', email, password, ...extra } });
}

async function signIn(email, password) {
    return server.api('POST', '/account/sessions/email', { key: null, body: { email, password } });
}

function cookieOf(res) {
    const main = res.headers.getSetCookie().find((c) => c.startsWith(`a_session_${server.projectId}=`));
    assert.ok(main, 'session cookie');
    return main.split(';')[0];
}

describe('auth methods', () => {
    test('switching email-password off refuses guests with 501 and shows in both project models', async () => {
        const email = newEmail();
        assert.equal((await signUp(email)).status, 201);

        const off = assertProject(await project.updateAuthMethod({ methodId: 'email-password', enabled: false }));
        assert.equal(off.authMethods.find((m) => m.$id === 'email-password').enabled, false);
        assert.equal(off.authMethods.find((m) => m.$id === 'anonymous').enabled, true);
        assertError(await signIn(email, 'correct horse battery'), 501, 'user_auth_method_unsupported');
        assertError(await signUp(), 501, 'user_auth_method_unsupported');

        const legacy = await legacyProject('PATCH', '/project/auth-methods/email-password', { enabled: false });
        assert.equal(legacy.authEmailPassword, false);
        assert.equal(legacy.authAnonymous, true);

        assertProject(await project.updateAuthMethod({ methodId: 'email-password', enabled: true }));
        assert.equal((await signIn(email, 'correct horse battery')).status, 201);
    });

    test('anonymous and JWT switch independently', async () => {
        await project.updateAuthMethod({ methodId: 'anonymous', enabled: false });
        assertError(await server.api('POST', '/account/sessions/anonymous', { key: null }), 501, 'user_auth_method_unsupported');
        const legacy = await legacyProject('PATCH', '/project/auth-methods/jwt', { enabled: false });
        assert.equal(legacy.authAnonymous, false);
        assert.equal(legacy.authJWT, false);
        assert.equal(legacy.authEmailPassword, true);
        await project.updateAuthMethod({ methodId: 'anonymous', enabled: true });
        await project.updateAuthMethod({ methodId: 'jwt', enabled: true });
        assert.equal((await server.api('POST', '/account/sessions/anonymous', { key: null })).status, 201);
    });

    test('unknown methods and missing or bad `enabled` -> 400 general_argument_invalid', async () => {
        assertError(await server.api('PATCH', '/project/auth-methods/emailPassword', { body: { enabled: true } }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', '/project/auth-methods/oauth2', { body: { enabled: true } }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', '/project/auth-methods/phone', { body: {} }), 400, 'general_argument_invalid');
        assertError(await server.api('PATCH', '/project/auth-methods/phone', { body: { enabled: 'maybe' } }), 400, 'general_argument_invalid');
    });

    test('a key without project.write -> 401 general_unauthorized_scope', async () => {
        const weak = server.createKey({ scopes: ['users.read'] });
        const res = await server.api('PATCH', '/project/auth-methods/phone', { key: weak.apiKey, body: { enabled: false } });
        assertError(res, 401, 'general_unauthorized_scope');
        assertError(await server.api('GET', '/project/policies', { key: weak.apiKey }), 401, 'general_unauthorized_scope');
    });
});

describe('policies', () => {
    test('listPolicies and getPolicy show every policy with its defaults', async () => {
        const list = plain(await project.listPolicies());
        assert.equal(list.total, 10);
        assert.deepEqual(list.policies.map((p) => p.$id), POLICY_IDS);
        for (const policy of list.policies) {
            if (policy.$id === 'password-strength') {
                assert.deepEqual(policy, { $id: 'password-strength', min: 8, uppercase: false, lowercase: false, number: false, symbols: false });
            } else if (policy.$id === 'membership-privacy') {
                assert.deepEqual(Object.keys(policy), [...modelFields('policyMembershipPrivacy'), 'userAccessedAt']);
            } else {
                assertModel(policy, { 'password-dictionary': 'policyPasswordDictionary', 'password-history': 'policyPasswordHistory',
                    'password-personal-data': 'policyPasswordPersonalData', 'session-alert': 'policySessionAlert',
                    'session-duration': 'policySessionDuration', 'session-invalidation': 'policySessionInvalidation',
                    'session-limit': 'policySessionLimit', 'user-limit': 'policyUserLimit' }[policy.$id]);
            }
            assert.deepEqual(plain(await project.getPolicy({ policyId: policy.$id })), policy);
        }
        const byId = Object.fromEntries(list.policies.map((p) => [p.$id, p]));
        assert.equal(byId['session-duration'].duration, 31536000);
        assert.equal(byId['session-invalidation'].enabled, true);
        assert.equal(byId['password-dictionary'].enabled, false);

        const page = plain(await project.listPolicies({ queries: [Query.limit(2), Query.offset(1)] }));
        assert.equal(page.total, 10);
        assert.deepEqual(page.policies.map((p) => p.$id), POLICY_IDS.slice(1, 3));
        const noTotal = plain(await project.listPolicies({ total: false }));
        assert.equal(noTotal.total, 0);
        assert.equal(noTotal.policies.length, 10);
    });

    test('bad policy ids and queries -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', '/project/policies/password'), 400, 'general_argument_invalid');
        const res = await server.api('GET', `/project/policies?queries[]=${encodeURIComponent(Query.equal('$id', ['user-limit']))}`);
        assertError(res, 400, 'general_argument_invalid');
    });

    test('password-dictionary refuses the common passwords of the dictionary', async () => {
        assertProject(await project.updatePasswordDictionaryPolicy({ enabled: true }));
        assert.equal(plain(await project.getPolicy({ policyId: 'password-dictionary' })).enabled, true);
        const refused = await signUp(newEmail(), 'password1');
        assertError(refused, 400, 'general_argument_invalid');
        // Not in Appwrite's list of 10,000 common passwords, so accepted.
        assert.equal((await signUp(newEmail(), 'password123')).status, 201);
        const legacy = await legacyProject('PATCH', '/project/policies/password-dictionary', { enabled: false });
        assert.equal(legacy.authPasswordDictionary, false);
        assert.equal((await signUp(newEmail(), 'password1')).status, 201);
    });

    test('password-personal-data refuses a password holding the email', async () => {
        await project.updatePasswordPersonalDataPolicy({ enabled: true });
        assert.equal(plain(await project.getPolicy({ policyId: 'password-personal-data' })).enabled, true);
        const email = newEmail();
        assertError(await signUp(email, `x${email}x`), 400, 'password_personal_data');
        await project.updatePasswordPersonalDataPolicy({ enabled: false });
        assert.equal((await signUp(email, `x${email}x`)).status, 201);
    });

    test('password-history refuses a reused password on PATCH /account/password', async () => {
        const legacy = await legacyProject('PATCH', '/project/policies/password-history', { total: 3 });
        assert.equal(legacy.authPasswordHistory, 3);
        const email = newEmail();
        const first = 'first password 1';
        assert.equal((await signUp(email, first)).status, 201);
        const cookie = cookieOf(await signIn(email, first));
        const change = (password, oldPassword) =>
            server.api('PATCH', '/account/password', { key: null, headers: { cookie }, body: { password, oldPassword } });
        assert.equal((await change('second password 2', first)).status, 200);
        assertError(await change(first, 'second password 2'), 400, 'password_recently_used');
        await project.updatePasswordHistoryPolicy({ total: null });
        assert.equal(plain(await project.getPolicy({ policyId: 'password-history' })).total, 0);
        assert.equal((await change(first, 'second password 2')).status, 200);
    });

    test('user-limit stops sign-ups at the limit; null lifts it', async () => {
        const users = new sdk.Users(server.client());
        const total = (await users.list({ queries: [Query.limit(1)] })).total;
        const limited = await legacyProject('PATCH', '/project/policies/user-limit', { total });
        assert.equal(limited.authLimit, total);
        assertError(await signUp(), 400, 'user_count_exceeded');
        assertProject(await project.updateUserLimitPolicy({ total: null }));
        assert.equal(plain(await project.getPolicy({ policyId: 'user-limit' })).total, 0);
        assert.equal((await signUp()).status, 201);
    });

    test('session-limit keeps the newest sessions only', async () => {
        await project.updateSessionLimitPolicy({ total: 2 });
        const email = newEmail();
        const created = await signUp(email);
        assert.equal(created.status, 201);
        const sessions = [];
        for (let i = 0; i < 3; i++) sessions.push((await signIn(email, 'correct horse battery')).body.$id);
        const users = new sdk.Users(server.client());
        const left = await users.listSessions({ userId: created.body.$id });
        assert.equal(left.total, 2);
        assert.deepEqual(left.sessions.map((s) => s.$id).sort(), sessions.slice(1).sort());
        const legacy = await legacyProject('PATCH', '/project/policies/session-limit', { total: null });
        assert.equal(legacy.authSessionsLimit, 0);
    });

    test('session-duration shortens the expiry of new sessions', async () => {
        await project.updateSessionDurationPolicy({ duration: 60 });
        const email = newEmail();
        assert.equal((await signUp(email)).status, 201);
        const before = Date.now();
        const session = (await signIn(email, 'correct horse battery')).body;
        const expire = Date.parse(session.expire);
        assert.ok(expire >= before + 59_000 && expire <= Date.now() + 61_000, `expire ${session.expire}`);
        const legacy = await legacyProject('PATCH', '/project/policies/session-duration', { duration: 31536000 });
        assert.equal(legacy.authDuration, 31536000);
    });

    test('flags, membership privacy and password strength are stored as given', async () => {
        await project.updateSessionAlertPolicy({ enabled: true });
        await project.updateSessionInvalidationPolicy({ enabled: false });
        await project.updateMembershipPrivacyPolicy({ userName: true, userMFA: true });
        let legacy = await legacyProject('PATCH', '/project/policies/membership-privacy', { userEmail: true });
        assert.equal(legacy.authSessionAlerts, true);
        assert.equal(legacy.authInvalidateSessions, false);
        assert.equal(legacy.authMembershipsUserName, true);
        assert.equal(legacy.authMembershipsMfa, true);
        assert.equal(legacy.authMembershipsUserEmail, true);
        assert.equal(legacy.authMembershipsUserId, false);
        assert.deepEqual(plain(await project.getPolicy({ policyId: 'membership-privacy' })),
            { $id: 'membership-privacy', userId: false, userEmail: true, userPhone: false, userName: true, userMFA: true, userAccessedAt: false });

        const strength = plain(await project.updatePasswordStrengthPolicy({ min: 12, symbols: true }));
        assert.deepEqual(strength, { $id: 'password-strength', min: 12, uppercase: false, lowercase: false, number: false, symbols: true });
        assert.deepEqual(plain(await project.updatePasswordStrengthPolicy({ uppercase: true })),
            { ...strength, uppercase: true });
        await project.updatePasswordStrengthPolicy({ min: 8, uppercase: false, symbols: false });

        await project.updateSessionAlertPolicy({ enabled: false });
        legacy = await legacyProject('PATCH', '/project/policies/session-invalidation', { enabled: true });
        assert.equal(legacy.authInvalidateSessions, true);
        assert.equal(legacy.authSessionAlerts, false);
    });

    test('out-of-range and missing values -> 400 general_argument_invalid, nothing stored', async () => {
        for (const [path, body] of [
            ['/project/policies/user-limit', { total: 0 }],
            ['/project/policies/user-limit', { total: 5001 }],
            ['/project/policies/user-limit', {}],
            ['/project/policies/session-limit', { total: 'two' }],
            ['/project/policies/password-history', { total: -1 }],
            ['/project/policies/session-duration', { duration: 4 }],
            ['/project/policies/session-duration', { duration: 31536001 }],
            ['/project/policies/session-duration', { duration: null }],
            ['/project/policies/password-dictionary', {}],
            ['/project/policies/membership-privacy', { userId: 'yes' }],
            ['/project/policies/password-strength', { min: 7 }],
            ['/project/policies/password-strength', { min: 257 }],
        ]) {
            assertError(await server.api('PATCH', path, { body }), 400, 'general_argument_invalid');
        }
        const byId = Object.fromEntries(plain(await project.listPolicies()).policies.map((p) => [p.$id, p]));
        assert.equal(byId['user-limit'].total, 0);
        assert.equal(byId['session-duration'].duration, 31536000);
        assert.equal(byId['password-strength'].min, 8);
    });
});

describe('mock phones', () => {
    test('create, list, get, update and delete', async () => {
        const created = plain(await project.createMockPhone({ number: '+12065550100', otp: '123456' }));
        assertModel(created, 'mockNumber');
        assert.equal(created.number, '+12065550100');
        assert.equal(created.otp, '123456');
        await project.createMockPhone({ number: '+12065550101', otp: '654321' });

        const list = plain(await project.listMockPhones());
        assert.equal(list.total, 2);
        list.mockNumbers.forEach((n) => assertModel(n, 'mockNumber'));
        assert.deepEqual(list.mockNumbers.map((n) => n.number), ['+12065550100', '+12065550101']);
        const page = plain(await project.listMockPhones({ queries: [Query.offset(1)] }));
        assert.deepEqual(page.mockNumbers.map((n) => n.number), ['+12065550101']);
        assert.equal(page.total, 2);

        assert.deepEqual(plain(await project.getMockPhone({ number: '+12065550100' })), created);
        await new Promise((r) => setTimeout(r, 5));
        const updated = plain(await project.updateMockPhone({ number: '+12065550100', otp: '000000' }));
        assertModel(updated, 'mockNumber');
        assert.equal(updated.otp, '000000');
        assert.equal(updated.$createdAt, created.$createdAt);
        assert.ok(updated.$updatedAt > created.$updatedAt);

        const legacy = await legacyProject('PATCH', '/project/auth-methods/phone', { enabled: true });
        assert.deepEqual(legacy.authMockNumbers.map((n) => [n.number, n.otp]), [['+12065550100', '000000'], ['+12065550101', '654321']]);

        await project.deleteMockPhone({ number: '+12065550100' });
        assert.deepEqual(plain(await project.listMockPhones()).mockNumbers.map((n) => n.number), ['+12065550101']);
        await project.deleteMockPhone({ number: '+12065550101' });
        assert.equal((await project.listMockPhones()).total, 0);
    });

    test('duplicates, unknown numbers and bad input', async () => {
        await project.createMockPhone({ number: '+12065550200', otp: '111111' });
        await rejectsWith(project.createMockPhone({ number: '+12065550200', otp: '222222' }), 409, 'mock_number_already_exists');
        await rejectsWith(project.getMockPhone({ number: '+12065550299' }), 404, 'mock_number_not_found');
        await rejectsWith(project.updateMockPhone({ number: '+12065550299', otp: '222222' }), 404, 'mock_number_not_found');
        await rejectsWith(project.deleteMockPhone({ number: '+12065550299' }), 404, 'mock_number_not_found');
        for (const body of [{ number: '12065550300', otp: '123456' }, { number: '+1 206', otp: '123456' },
            { number: '+12065550300', otp: '12345' }, { number: '+12065550300', otp: '12345a' },
            { number: '+12065550300' }, { otp: '123456' }]) {
            assertError(await server.api('POST', '/project/mock-phones', { body }), 400, 'general_argument_invalid');
        }
        assertError(await server.api('PUT', `/project/mock-phones/${encodeURIComponent('+12065550200')}`, { body: { otp: 'abcdef' } }), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/project/mock-phones/12065550200'), 400, 'general_argument_invalid');
        assert.equal(plain(await project.getMockPhone({ number: '+12065550200' })).otp, '111111');
        await project.deleteMockPhone({ number: '+12065550200' });
    });
});

describe('SMTP', () => {
    test('updateSMTP stores the settings, hides the password and sends test emails', async () => {
        const settings = { host: '127.0.0.1', port: smtp.port, username: 'mailer', password: 'hunter22',
            senderEmail: 'noreply@example.com', senderName: 'Basalt Tests', replyToEmail: 'help@example.com',
            replyToName: 'Help Desk', enabled: true };
        const body = assertProject(await project.updateSMTP(settings));
        assert.equal(body.smtpEnabled, true);
        assert.equal(body.smtpHost, '127.0.0.1');
        assert.equal(body.smtpPort, smtp.port);
        assert.equal(body.smtpUsername, 'mailer');
        assert.equal(body.smtpPassword, '');
        assert.equal(body.smtpSenderEmail, 'noreply@example.com');
        assert.equal(body.smtpReplyToName, 'Help Desk');
        assert.equal(body.smtpSecure, '');

        const legacy = await legacyProject('PATCH', '/project/smtp', { senderName: 'Basalt' });
        assert.equal(legacy.smtpSenderName, 'Basalt');
        assert.equal(legacy.smtpPassword, '');
        assert.equal(legacy.smtpHost, '127.0.0.1');

        const to = `smtp-${Date.now()}@example.com`;
        const res = await server.api('POST', '/project/smtp/tests', { body: { emails: [to] } });
        assert.equal(res.status, 204, res.text);
        const mail = await smtp.waitFor(to);
        assert.equal(mail.subject, 'Custom SMTP email sample');
        assert.equal(mail.from, 'noreply@example.com');
        assert.equal(mail.fromName, 'Basalt');
        assert.match(mail.text, /help@example\.com/);
        assert.match(mail.text, /noreply@example\.com/);

        await project.createSMTPTest({ emails: [`a-${to}`, `b-${to}`] });
        await smtp.waitFor(`a-${to}`);
        await smtp.waitFor(`b-${to}`);
    });

    test('bad settings -> 400 general_argument_invalid; a refusing server -> 500', async () => {
        for (const body of [{ host: 'http://smtp.example.com' }, { host: 'smtp.example.com:25' }, { port: 'x' },
            { port: 70000 }, { secure: 'starttls' }, { senderEmail: 'not-an-email' }, { enabled: 'sometimes' }]) {
            assertError(await server.api('PATCH', '/project/smtp', { body }), 400, 'general_argument_invalid');
        }
        assertError(await server.api('PATCH', '/project/smtp', { body: { host: '', enabled: true } }), 400, 'general_argument_invalid');
        for (const emails of [['nobody'], ['a@example.com', 'two words@example.com'], 'a@example.com',
            Array.from({ length: 11 }, (_, i) => `x${i}@example.com`)]) {
            const res = await server.api('POST', '/project/smtp/tests', { body: { emails } });
            assertError(res, 400, 'general_argument_invalid');
        }
        // An empty list is valid and sends nothing, as in Appwrite.
        assert.equal((await server.api('POST', '/project/smtp/tests', { body: { emails: [] } })).status, 204);
        assertError(await server.api('POST', '/project/smtp/tests', { body: {} }), 400, 'general_argument_invalid');

        // Deprecated inline settings (1.9.1 clients) replace the project's.
        const closed = await freePort();
        const res = await server.api('POST', '/project/smtp/tests', {
            body: { emails: ['x@example.com'], host: '127.0.0.1', port: closed, senderEmail: 'a@example.com' },
        });
        assertError(res, 500, 'general_server_error');
    });

    test('with SMTP off, tests and template changes are refused', async () => {
        const off = assertProject(await project.updateSMTP({ enabled: false }));
        assert.equal(off.smtpEnabled, false);
        assert.equal(off.smtpHost, '127.0.0.1');
        assertError(await server.api('POST', '/project/smtp/tests', { body: { emails: ['x@example.com'] } }), 400, 'general_argument_invalid');
        await rejectsWith(project.updateEmailTemplate({ templateId: 'verification', subject: 's', message: 'm' }), 400, 'general_argument_invalid');
        // Credentials without `enabled` switch it on again when complete.
        const on = assertProject(await project.updateSMTP({ host: '127.0.0.1', port: smtp.port }));
        assert.equal(on.smtpEnabled, true);
    });
});

describe('email templates', () => {
    test('an untouched template shows the default text with placeholders', async () => {
        const template = plain(await project.getEmailTemplate({ templateId: 'verification' }));
        assertModel(template, 'emailTemplate');
        assert.equal(template.templateId, 'verification');
        assert.equal(template.locale, 'en');
        assert.match(template.subject, /\{\{project\}\}/);
        assert.match(template.message, /\{\{redirect\}\}/);
        assert.equal(template.senderEmail, '');
        const german = plain(await project.getEmailTemplate({ templateId: 'otpSession', locale: 'de' }));
        assert.equal(german.locale, 'de');
        assert.match(german.message, /\{\{otp\}\}/);
        assert.notEqual(german.subject, plain(await project.getEmailTemplate({ templateId: 'otpSession' })).subject);
    });

    test('custom templates are stored per template and locale and listed', async () => {
        await project.updateSMTP({ host: '127.0.0.1', port: smtp.port, senderEmail: 'noreply@example.com', enabled: true });
        const saved = plain(await project.updateEmailTemplate({ templateId: 'recovery', locale: 'pt-br',
            subject: 'Recupere {{project}}', message: '<p>{{redirect}}</p>', senderName: 'Equipe' }));
        assertModel(saved, 'emailTemplate');
        assert.deepEqual(saved, { templateId: 'recovery', locale: 'pt-br', message: '<p>{{redirect}}</p>', senderName: 'Equipe',
            senderEmail: '', replyToEmail: '', replyToName: '', subject: 'Recupere {{project}}' });
        assert.deepEqual(plain(await project.getEmailTemplate({ templateId: 'recovery', locale: 'pt-br' })), saved);

        // Partial update keeps the rest; an empty string clears.
        const changed = plain(await project.updateEmailTemplate({ templateId: 'recovery', locale: 'pt-br', subject: 'Novo', senderName: '' }));
        assert.equal(changed.subject, 'Novo');
        assert.equal(changed.message, '<p>{{redirect}}</p>');
        assert.equal(changed.senderName, '');

        const english = plain(await project.updateEmailTemplate({ templateId: 'magicSession', subject: 'Sign in', message: 'Go: {{redirect}}',
            replyToEmail: 'help@example.com' }));
        assert.equal(english.locale, 'en');
        const list = plain(await project.listEmailTemplates());
        assert.equal(list.total, 2);
        list.templates.forEach((t) => assertModel(t, 'emailTemplate'));
        assert.deepEqual(list.templates.map((t) => `${t.templateId}-${t.locale}`), ['recovery-pt-br', 'magicSession-en']);
        assert.equal(plain(await project.listEmailTemplates({ queries: [Query.limit(1)] })).templates.length, 1);
        // Another locale still shows the default.
        assert.notEqual(plain(await project.getEmailTemplate({ templateId: 'recovery', locale: 'en' })).subject, 'Novo');
    });

    test('bad template ids, locales and missing text -> 400 general_argument_invalid', async () => {
        assertError(await server.api('GET', '/project/templates/email/welcome'), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/project/templates/email/verification?locale=xx'), 400, 'general_argument_invalid');
        for (const body of [{ templateId: 'welcome', subject: 's', message: 'm' },
            { templateId: 'verification', locale: 'pt-BR', subject: 's', message: 'm' },
            { templateId: 'verification', message: 'no subject yet' },
            { templateId: 'verification', subject: 'no message yet' },
            { templateId: 'verification', subject: '', message: 'm' },
            { templateId: 'verification', subject: 'x'.repeat(256), message: 'm' },
            { templateId: 'verification', subject: 's', message: 'm', senderEmail: 'nope' },
            { subject: 's', message: 'm' }]) {
            assertError(await server.api('PATCH', '/project/templates/email', { body }), 400, 'general_argument_invalid');
        }
        assert.equal((await project.listEmailTemplates()).total, 2);
    });
});

describe('OAuth2 providers', () => {
    const SPEC_MODELS = { github: 'oAuth2Github', apple: 'oAuth2Apple', microsoft: 'oAuth2Microsoft', okta: 'oAuth2Okta',
        gitlab: 'oAuth2Gitlab', paypalSandbox: 'oAuth2Paypal', tradeshiftBox: 'oAuth2Tradeshift', dropbox: 'oAuth2Dropbox' };

    test('every provider is listed in order, disabled, with its own field names', async () => {
        const list = plain(await project.listOAuth2Providers());
        assert.equal(list.total, 42);
        const ids = list.providers.map((p) => p.$id);
        assert.deepEqual(ids, [...ids].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
        assert.ok(ids.includes('paypalSandbox') && ids.includes('tradeshiftBox') && !ids.includes('mock'));
        for (const provider of list.providers) {
            assert.equal(provider.enabled, false);
            if (provider.$id === 'google') {
                assert.deepEqual(provider, { $id: 'google', enabled: false, clientId: '', clientSecret: '', prompt: ['consent'] });
            } else if (provider.$id === 'oidc') {
                assert.deepEqual(Object.keys(provider), ['$id', 'enabled', 'clientId', 'clientSecret', 'wellKnownURL',
                    'authorizationURL', 'tokenURL', 'userInfoURL']);
            } else if (SPEC_MODELS[provider.$id]) {
                assertModel(provider, SPEC_MODELS[provider.$id]);
            }
            assert.deepEqual(plain(await project.getOAuth2Provider({ providerId: provider.$id })), provider);
        }
        const page = plain(await project.listOAuth2Providers({ queries: [Query.limit(3), Query.offset(40)] }));
        assert.deepEqual(page.providers.map((p) => p.$id), ['zoho', 'zoom']);
        assertError(await server.api('GET', '/project/oauth2/yammer'), 400, 'general_argument_invalid');
        assertError(await server.api('GET', '/project/oauth2/GitHub'), 400, 'general_argument_invalid');
    });

    test('credentials switch a provider on; secrets are never shown', async () => {
        const github = plain(await project.updateOAuth2GitHub({ clientId: 'gh-id', clientSecret: 'gh-secret' }));
        assertModel(github, 'oAuth2Github');
        assert.deepEqual(github, { $id: 'github', enabled: true, clientId: 'gh-id', clientSecret: '' });
        const off = plain(await project.updateOAuth2GitHub({ enabled: false }));
        assert.deepEqual(off, { ...github, enabled: false });
        // Enabling again needs no new secret: the stored one is kept.
        assert.equal(plain(await project.updateOAuth2GitHub({ enabled: true })).enabled, true);

        const legacy = await legacyProject('PATCH', '/project/auth-methods/jwt', { enabled: true });
        const entry = legacy.oAuthProviders.find((p) => p.key === 'github');
        assert.deepEqual(entry, { key: 'github', name: 'GitHub', appId: 'gh-id', secret: '', enabled: true });
        assert.equal(legacy.oAuthProviders.length, 42);

        const dropbox = plain(await project.updateOAuth2Dropbox({ appKey: 'dbx', appSecret: 'dbx-secret', enabled: false }));
        assert.deepEqual(dropbox, { $id: 'dropbox', enabled: false, appKey: 'dbx', appSecret: '' });
    });

    test('providers with extra fields keep them in their secret and show the public ones', async () => {
        const apple = plain(await project.updateOAuth2Apple({ serviceId: 'app.example.web', keyId: 'P4000000N8', teamId: 'D4000000R6',
            p8File: '-----BEGIN PRIVATE KEY-----MIGTAg-----END PRIVATE KEY-----' }));
        assertModel(apple, 'oAuth2Apple');
        assert.deepEqual(apple, { $id: 'apple', enabled: true, serviceId: 'app.example.web', keyId: 'P4000000N8', teamId: 'D4000000R6', p8File: '' });
        // A partial update keeps the other fields.
        assert.equal(plain(await project.updateOAuth2Apple({ teamId: 'NEWTEAM' })).keyId, 'P4000000N8');

        const microsoft = plain(await project.updateOAuth2Microsoft({ applicationId: 'ms-id', applicationSecret: 's', tenant: 'common' }));
        assert.deepEqual(microsoft, { $id: 'microsoft', enabled: true, applicationId: 'ms-id', applicationSecret: '', tenant: 'common' });
        assert.equal(plain(await project.updateOAuth2Microsoft({ tenant: 'organizations' })).tenant, 'organizations');

        const google = plain(await project.updateOAuth2Google({ clientId: 'g', clientSecret: 'gs', prompt: ['select_account', 'consent'] }));
        assert.deepEqual(google, { $id: 'google', enabled: true, clientId: 'g', clientSecret: '', prompt: ['select_account', 'consent'] });

        const keycloak = plain(await project.updateOAuth2Keycloak({ clientId: 'k', clientSecret: 'ks', endpoint: 'kc.example.com', realmName: 'main' }));
        assert.deepEqual(keycloak, { $id: 'keycloak', enabled: true, clientId: 'k', clientSecret: '', endpoint: 'kc.example.com', realmName: 'main' });
    });

    test('OpenID Connect needs its endpoints to be enabled; old formats spell tokenUrl', async () => {
        await rejectsWith(project.updateOAuth2Oidc({ clientId: 'o', clientSecret: 'os', enabled: true }), 400, 'general_argument_invalid');
        assert.equal(plain(await project.getOAuth2Provider({ providerId: 'oidc' })).clientId, '', 'a refused update stores nothing');
        // Without `enabled` incomplete settings are stored, not switched on.
        const stored = plain(await project.updateOAuth2Oidc({ clientId: 'o', clientSecret: 'os' }));
        assert.equal(stored.enabled, false);
        const oidc = plain(await project.updateOAuth2Oidc({ wellKnownURL: 'https://id.example.com/.well-known/openid-configuration', enabled: true }));
        assert.deepEqual(oidc, { $id: 'oidc', enabled: true, clientId: 'o', clientSecret: '',
            wellKnownURL: 'https://id.example.com/.well-known/openid-configuration', authorizationURL: '', tokenURL: '', userInfoURL: '' });
        const legacy = await server.api('PATCH', '/project/oauth2/oidc', {
            headers: { 'x-appwrite-response-format': '1.9.3' },
            body: { tokenUrl: 'https://id.example.com/token' },
        });
        assert.equal(legacy.status, 200, legacy.text);
        assertModel(legacy.body, 'oAuth2Oidc');
        assert.equal(legacy.body.tokenUrl, 'https://id.example.com/token');
    });

    test('bad values and incomplete credentials -> 400 general_argument_invalid, nothing stored', async () => {
        await rejectsWith(project.updateOAuth2Discord({ clientId: 'only-id', enabled: true }), 400, 'general_argument_invalid');
        await rejectsWith(project.updateOAuth2Okta({ clientId: 'ok', clientSecret: 'oks', enabled: true }), 400, 'general_argument_invalid');
        // Apple needs its .p8 key besides the ids; a refused change leaves the stored settings.
        await rejectsWith(project.updateOAuth2Apple({ serviceId: 'svc', p8File: '', enabled: true }), 400, 'general_argument_invalid');
        const apple = plain(await project.getOAuth2Provider({ providerId: 'apple' }));
        assert.equal(apple.serviceId, 'app.example.web');
        assert.equal(apple.enabled, true);
        for (const [path, body] of [
            ['/project/oauth2/github', { clientId: 'x'.repeat(257) }],
            ['/project/oauth2/github', { clientSecret: 'x'.repeat(513) }],
            ['/project/oauth2/github', { enabled: 'on' }],
            ['/project/oauth2/gitlab', { endpoint: 'gitlab.example.com' }],
            ['/project/oauth2/okta', { domain: 'https://trial.okta.com/' }],
            ['/project/oauth2/google', { prompt: ['none', 'consent'] }],
            ['/project/oauth2/google', { prompt: ['login'] }],
            ['/project/oauth2/google', { prompt: [] }],
            ['/project/oauth2/oidc', { authorizationURL: 'not a url' }],
        ]) {
            assertError(await server.api('PATCH', path, { body }), 400, 'general_argument_invalid');
        }
        const discord = plain(await project.getOAuth2Provider({ providerId: 'discord' }));
        assert.deepEqual(discord, { $id: 'discord', enabled: false, clientId: '', clientSecret: '' });
        assert.equal(plain(await project.getOAuth2Provider({ providerId: 'okta' })).clientId, '');
        assert.deepEqual(plain(await project.getOAuth2Provider({ providerId: 'google' })).prompt, ['select_account', 'consent']);
    });
});

describe('session alerts', () => {
    test('with the policy on, every sign-in but the first emails the user through the project SMTP', async () => {
        await project.updateSMTP({ host: '127.0.0.1', port: smtp.port, senderEmail: 'noreply@example.com',
            senderName: 'Basalt Tests', enabled: true });
        await project.updateSessionAlertPolicy({ enabled: true });
        const email = newEmail();
        assert.equal((await signUp(email, 'correct horse battery', { name: 'Alerted' })).status, 201);
        assert.equal((await signIn(email, 'correct horse battery')).status, 201);
        const chrome = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
        const second = await server.api('POST', '/account/sessions/email', {
            key: null, headers: { 'user-agent': chrome }, body: { email, password: 'correct horse battery' },
        });
        assert.equal(second.status, 201, second.text);
        const alert = await smtp.waitFor(email, 5000);
        assert.match(alert.text, /Chrome/);
        assert.match(alert.text, /127\.0\.0\.1/);
        assert.equal(smtp.messages.filter((m) => m.to === email).length, 1, 'no alert for the first session');
        await project.updateSessionAlertPolicy({ enabled: false });
        assert.equal((await signIn(email, 'correct horse battery')).status, 201);
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(smtp.messages.filter((m) => m.to === email).length, 1, 'no alert with the policy off');
    });
});
