// Teams with the web SDK (appwrite@27.0.0, user sessions) and node-appwrite@27.1.0 (API key):
// teams and prefs, invitations by email (read from a loopback SMTP sink) and SMS (a Twilio
// stand-in), acceptance that signs the invitee in, role changes that take effect on the next
// request, owners against plain members and outsiders, membership privacy, deletion, the Users
// API's memberships list, and the errors Appwrite gives for bad input (with nothing written).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Account, Teams, ID, Query } from 'appwrite';
import * as server_sdk from 'node-appwrite';
import { startServer } from './harness.mjs';
import { assertModel, assertError, ISO_DATETIME, plain, rejectsWith } from './spec.mjs';
import { Browser, closeBrowsers } from './browser.mjs';
import { startSmtpSink } from './peers/smtp.mjs';
import { startSmsReceiver } from './peers/sms.mjs';

const APP_URL = 'http://localhost:5173/join';

let server;
let smtp;
let sms;
let keyTeams; // node-appwrite with the API key
let keyUsers;

before(async () => {
    smtp = await startSmtpSink();
    sms = await startSmsReceiver({ accountSid: 'AC123', authToken: 'secret' });
    server = await startServer({
        serveArgs: [
            '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port),
            '--twilio-account-sid', 'AC123', '--twilio-auth-token', 'secret',
            '--twilio-url', sms.baseUrl, '--sms-from', '+15550000000',
        ],
    });
    keyTeams = new server_sdk.Teams(server.client());
    keyUsers = new server_sdk.Users(server.client());
});

after(async () => {
    closeBrowsers();
    if (server) await server.stop();
    if (smtp) await smtp.stop();
    if (sms) await sms.stop();
});

let counter = 0;
function newEmail() {
    counter += 1;
    return `team${counter}-${Date.now()}@example.com`;
}
function newPhone() {
    counter += 1;
    return `+1415${String(Date.now() % 1_000_000).padStart(6, '0')}${counter % 10}`;
}


/**
 * A person in their own browser: `act(fn)` makes the browser current and runs fn(teams, account)
 * with the web SDK, so requests carry this person's X-Fallback-Cookies.
 */
function person() {
    const browser = new Browser();
    const client = new Client().setEndpoint(server.endpoint).setProject(server.projectId);
    const teams = new Teams(client);
    const account = new Account(client);
    return {
        browser,
        act(fn) {
            browser.use();
            return fn(teams, account);
        },
    };
}

/** Signs up and in through the web SDK; returns the person with `user` and `email`. */
async function signedIn(name = 'Member') {
    const p = person();
    p.email = newEmail();
    p.user = await p.act(async (teams, account) => {
        const user = await account.create({ userId: ID.unique(), email: p.email, password: 'sup3r secret', name });
        await account.createEmailPasswordSession({ email: p.email, password: 'sup3r secret' });
        return user;
    });
    return p;
}

/** The invitation link in the invitee's email, parsed. */
async function invitationLink(address) {
    const mail = await smtp.waitFor(address);
    const found = (mail.text.match(/https?:\/\/[^\s<>"\]]+/g) ?? []).find((u) => u.includes('secret='));
    assert.ok(found, `no invitation link in: ${mail.text}`);
    return { mail, url: new URL(found) };
}

async function teamTotal(teamId) {
    return (await keyTeams.get({ teamId })).total;
}

async function membershipCount(teamId) {
    return (await keyTeams.listMemberships({ teamId })).total;
}

/** An owner with a team and a confirmed member with `roles` (added with the API key). */
async function teamWithMember(roles = ['viewer']) {
    const owner = await signedIn('Olive Owner');
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: `Team ${counter}` }));
    const member = await signedIn('Mel Member');
    const membership = await keyTeams.createMembership({ teamId: team.$id, roles, userId: member.user.$id });
    return { owner, member, team, membership };
}

test('a signed-in user creates a team and is its confirmed owner', async () => {
    const owner = await signedIn('Olive');
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Alpha', roles: ['lead'] }));
    assertModel(team, 'team');
    assert.equal(team.name, 'Alpha');
    assert.equal(team.total, 1);
    assert.deepEqual(plain(team.prefs), {});
    assert.match(team.$createdAt, ISO_DATETIME);

    const list = await owner.act((teams) => teams.list());
    assert.equal(list.total, 1);
    assert.deepEqual(list.teams.map((t) => t.$id), [team.$id]);
    assertModel(list.teams[0], 'team');

    const memberships = await owner.act((teams) => teams.listMemberships({ teamId: team.$id }));
    assert.equal(memberships.total, 1);
    const mine = memberships.memberships[0];
    assertModel(mine, 'membership');
    assert.equal(mine.confirm, true);
    assert.deepEqual(mine.roles, ['lead', 'owner'], 'owner is added to the given roles');
    assert.equal(mine.teamName, 'Alpha');
    assert.match(mine.joined, ISO_DATETIME);
    // A new project shows members nothing of each other (membership privacy), keys everything.
    assert.equal(mine.userId, '');
    assert.equal(mine.userName, '');
    assert.equal(mine.userEmail, '');
    const seenByKey = await keyTeams.getMembership({ teamId: team.$id, membershipId: mine.$id });
    assertModel(seenByKey, 'membership');
    assert.equal(seenByKey.userId, owner.user.$id);
    assert.equal(seenByKey.userName, 'Olive');
    assert.equal(seenByKey.userEmail, owner.email);
});

test('an API key creates teams without members; get, rename, prefs, list with queries and search, delete', async () => {
    const name = `Key team ${Date.now()}`;
    const team = await keyTeams.create({ teamId: ID.unique(), name });
    assertModel(team, 'team');
    assert.equal(team.total, 0);
    assert.equal((await keyTeams.listMemberships({ teamId: team.$id })).total, 0);
    assert.equal((await keyTeams.get({ teamId: team.$id })).name, name);

    const renamed = await keyTeams.updateName({ teamId: team.$id, name: `${name} renamed` });
    assertModel(renamed, 'team');
    assert.equal(renamed.name, `${name} renamed`);

    assert.deepEqual(plain(await keyTeams.getPrefs({ teamId: team.$id })), {});
    const prefs = { theme: 'dark', nested: { a: [1, 2] } };
    assert.deepEqual(plain(await keyTeams.updatePrefs({ teamId: team.$id, prefs })), prefs);
    assert.deepEqual(plain(await keyTeams.getPrefs({ teamId: team.$id })), prefs);
    assert.deepEqual(plain((await keyTeams.get({ teamId: team.$id })).prefs), prefs);

    const byName = await keyTeams.list({ queries: [Query.equal('name', [`${name} renamed`])] });
    assert.deepEqual(byName.teams.map((t) => t.$id), [team.$id]);
    assert.equal(byName.total, 1);
    const bySearch = await keyTeams.list({ search: 'renamed' });
    assert.ok(bySearch.teams.some((t) => t.$id === team.$id));
    const noTotal = await keyTeams.list({ queries: [Query.limit(1)], total: false });
    assert.equal(noTotal.total, 0);
    assert.equal(noTotal.teams.length, 1);

    await keyTeams.delete({ teamId: team.$id });
    await rejectsWith(keyTeams.get({ teamId: team.$id }), 404, 'team_not_found');
    await rejectsWith(keyTeams.delete({ teamId: team.$id }), 404, 'team_not_found');
});

test('bad team input: ids, names, roles, queries, prefs, taken ids, guests; nothing written', async () => {
    const owner = await signedIn();
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Original' }));
    await rejectsWith(keyTeams.create({ teamId: 'bad id!', name: 'x' }), 400, 'general_argument_invalid');
    await rejectsWith(keyTeams.create({ teamId: ID.unique(), name: '' }), 400, 'general_argument_invalid');
    await rejectsWith(keyTeams.create({ teamId: ID.unique(), name: 'x'.repeat(129) }), 400, 'general_argument_invalid');
    await rejectsWith(owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'x', roles: ['bad role'] })),
        400, 'general_argument_invalid');
    await rejectsWith(owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'x', roles: ['_lead'] })),
        400, 'general_argument_invalid');
    await rejectsWith(keyTeams.create({ teamId: team.$id, name: 'Thief' }), 409, 'team_already_exists');
    const other = await signedIn();
    await rejectsWith(other.act((teams) => teams.create({ teamId: team.$id, name: 'Thief' })), 409, 'team_already_exists');
    assert.equal((await keyTeams.get({ teamId: team.$id })).name, 'Original');
    assert.equal(await teamTotal(team.$id), 1);
    assert.equal((await other.act((teams) => teams.list())).total, 0, 'the failed create left no membership');

    await rejectsWith(keyTeams.list({ queries: [Query.equal('secret', ['x'])] }), 400, 'general_argument_invalid');
    await rejectsWith(keyTeams.list({ queries: ['not json'] }), 400, 'general_argument_invalid');
    await rejectsWith(keyTeams.get({ teamId: 'unknown' }), 404, 'team_not_found');
    await rejectsWith(keyTeams.updateName({ teamId: 'unknown', name: 'x' }), 404, 'team_not_found');
    await rejectsWith(keyTeams.updateName({ teamId: team.$id, name: '' }), 400, 'general_argument_invalid');
    const badPrefs = await server.api('PUT', `/teams/${team.$id}/prefs`, { body: { prefs: ['not', 'an', 'object'] } });
    assertError(badPrefs, 400, 'general_argument_invalid');
    assert.deepEqual(plain(await keyTeams.getPrefs({ teamId: team.$id })), {});

    const guest = await server.api('GET', '/teams', { key: null });
    assertError(guest, 401, 'general_unauthorized_scope');
    const guestCreate = await server.api('POST', '/teams', { key: null, body: { teamId: 'unique()', name: 'x' } });
    assertError(guestCreate, 401, 'general_unauthorized_scope');
});

test('owner invites by email; the invitee accepts from the link, is signed in and sees the team', async () => {
    const owner = await signedIn('Olive Owner');
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Rocket Club' }));
    const email = newEmail();
    const invitation = await owner.act((teams) => teams.createMembership({
        teamId: team.$id, roles: ['editor'], email, url: `${APP_URL}?ref=mail`, name: 'Ivy Invitee',
    }));
    assertModel(invitation, 'membership');
    assert.equal(invitation.confirm, false);
    assert.equal(invitation.joined, '');
    assert.match(invitation.invited, ISO_DATETIME);
    assert.deepEqual(invitation.roles, ['editor']);
    assert.equal(invitation.teamName, 'Rocket Club');
    assert.equal(invitation.userEmail, email);
    assert.equal(invitation.userName, 'Ivy Invitee');
    assert.equal(await teamTotal(team.$id), 1, 'pending invitations do not count');

    // The invitee got an account (unverified, no password) and the email.
    const invitee = await keyUsers.get({ userId: invitation.userId });
    assert.equal(invitee.email, email);
    assert.equal(invitee.name, 'Ivy Invitee');
    assert.equal(invitee.emailVerification, false);
    const { mail, url } = await invitationLink(email);
    assert.match(mail.subject, /Rocket Club/);
    assert.match(mail.text, /Olive Owner/, 'the email names who invited');
    assert.equal(`${url.origin}${url.pathname}`, APP_URL);
    const q = url.searchParams;
    assert.equal(q.get('ref'), 'mail', 'the app URL keeps its own query');
    assert.equal(q.get('membershipId'), invitation.$id);
    assert.equal(q.get('userId'), invitation.userId);
    assert.equal(q.get('teamId'), team.$id);
    assert.equal(q.get('teamName'), 'Rocket Club');
    assert.match(q.get('secret'), /^[0-9a-f]{256}$/);

    // Wrong answers change nothing.
    const guest = person();
    const args = { teamId: team.$id, membershipId: invitation.$id, userId: invitation.userId, secret: q.get('secret') };
    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus({ ...args, secret: 'wrong' })), 401, 'team_invalid_secret');
    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus({ ...args, userId: owner.user.$id })), 401, 'team_invite_mismatch');
    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus({ ...args, membershipId: 'unknown' })), 404, 'membership_not_found');
    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus({ ...args, teamId: 'unknown' })), 404, 'team_not_found');
    await rejectsWith(owner.act((teams) => teams.updateMembershipStatus(args)), 401, 'team_invite_mismatch');
    assert.equal(await teamTotal(team.$id), 1);
    assert.deepEqual(guest.browser.cookies(), {}, 'no session for a refused answer');

    // The right answer confirms, verifies the email and signs the invitee in.
    const accepted = await guest.act((teams) => teams.updateMembershipStatus(args));
    assertModel(accepted, 'membership');
    assert.equal(accepted.confirm, true);
    assert.match(accepted.joined, ISO_DATETIME);
    assert.equal(accepted.userEmail, email);
    assert.ok(guest.browser.cookies()[`a_session_${server.projectId}`], 'the invitee got a session');
    const me = await guest.act((teams, account) => account.get());
    assert.equal(me.$id, invitation.userId);
    assert.equal(me.emailVerification, true);
    const sessions = await guest.act((teams, account) => account.listSessions());
    assert.equal(sessions.total, 1);
    assert.equal(sessions.sessions[0].provider, 'email');
    assert.deepEqual(sessions.sessions[0].factors, ['email']);
    const seen = await guest.act((teams) => teams.list());
    assert.deepEqual(seen.teams.map((t) => t.$id), [team.$id]);
    assert.equal(await teamTotal(team.$id), 2);

    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus(args)), 409, 'membership_already_confirmed');
    await rejectsWith(owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email, url: APP_URL })),
        409, 'membership_already_confirmed');
    assert.equal(await teamTotal(team.$id), 2);
});

test('a signed-in invitee accepts without a new session; an existing user is invited by email', async () => {
    const owner = await signedIn();
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Existing' }));
    const invitee = await signedIn('Ed Existing');
    const invitation = await owner.act((teams) => teams.createMembership({
        teamId: team.$id, roles: ['viewer'], email: invitee.email, url: APP_URL,
    }));
    assert.equal(invitation.userId, invitee.user.$id, 'the existing account is invited');
    const { url } = await invitationLink(invitee.email);
    const before = invitee.browser.cookies();
    const accepted = await invitee.act((teams) => teams.updateMembershipStatus({
        teamId: team.$id, membershipId: invitation.$id, userId: invitee.user.$id, secret: url.searchParams.get('secret'),
    }));
    assert.equal(accepted.confirm, true);
    assert.deepEqual(invitee.browser.cookies(), before, 'the session in use stays');
    assert.equal((await invitee.act((teams, account) => account.listSessions())).total, 1);
});

test('invited again before accepting: a new secret, the old link stops working', async () => {
    const owner = await signedIn();
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Twice' }));
    const email = newEmail();
    const first = await owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: ['a'], email, url: APP_URL }));
    const firstLink = (await invitationLink(email)).url;
    smtp.clear();
    const second = await owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: ['b'], email, url: APP_URL }));
    assert.equal(second.$id, first.$id);
    assert.deepEqual(second.roles, ['a'], 'roles stay as first invited');
    const secondLink = (await invitationLink(email)).url;
    assert.notEqual(secondLink.searchParams.get('secret'), firstLink.searchParams.get('secret'));
    const args = (link) => ({ teamId: team.$id, membershipId: first.$id, userId: first.userId, secret: link.searchParams.get('secret') });
    const guest = person();
    await rejectsWith(guest.act((teams) => teams.updateMembershipStatus(args(firstLink))), 401, 'team_invalid_secret');
    assert.equal((await guest.act((teams) => teams.updateMembershipStatus(args(secondLink)))).confirm, true);
});

test('an owner invites by phone: the link arrives by SMS', async () => {
    const owner = await signedIn();
    const team = await owner.act((teams) => teams.create({ teamId: ID.unique(), name: 'Phones' }));
    const phone = newPhone();
    const invitation = await owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], phone, url: APP_URL }));
    assert.equal(invitation.confirm, false);
    const message = await sms.waitFor(phone);
    const link = new URL(message.body);
    assert.equal(link.searchParams.get('membershipId'), invitation.$id);
    assert.equal((await keyUsers.get({ userId: invitation.userId })).phone, phone);
});

test('role changes take effect on the next request: team permissions follow team:T/owner', async () => {
    const { owner, member, team, membership } = await teamWithMember(['viewer']);
    // A viewer reads the team but cannot change it.
    assert.equal((await member.act((teams) => teams.get({ teamId: team.$id }))).$id, team.$id);
    await rejectsWith(member.act((teams) => teams.updateName({ teamId: team.$id, name: 'Mine' })), 401, 'user_unauthorized');

    const promoted = await owner.act((teams) => teams.updateMembership({ teamId: team.$id, membershipId: membership.$id, roles: ['owner'] }));
    assertModel(promoted, 'membership');
    assert.deepEqual(promoted.roles, ['owner']);
    assert.equal(promoted.userName, 'Mel Member');
    const renamed = await member.act((teams) => teams.updateName({ teamId: team.$id, name: 'Co-owned' }));
    assert.equal(renamed.name, 'Co-owned');
    assert.deepEqual(plain(await member.act((teams) => teams.updatePrefs({ teamId: team.$id, prefs: { by: 'member' } }))), { by: 'member' });

    await keyTeams.updateMembership({ teamId: team.$id, membershipId: membership.$id, roles: ['viewer'] });
    await rejectsWith(member.act((teams) => teams.updateName({ teamId: team.$id, name: 'Again' })), 401, 'user_unauthorized');
    assert.equal((await keyTeams.get({ teamId: team.$id })).name, 'Co-owned');
});

test('plain members cannot invite, change roles, rename, set prefs or delete; outsiders see nothing', async () => {
    const { owner, member, team, membership } = await teamWithMember(['viewer']);
    const email = newEmail();
    await rejectsWith(member.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email, url: APP_URL })),
        401, 'user_unauthorized');
    assert.equal((await keyUsers.list({ queries: [server_sdk.Query.equal('email', [email])] })).total, 0, 'no invitee account');
    await rejectsWith(member.act((teams) => teams.updateMembership({ teamId: team.$id, membershipId: membership.$id, roles: ['owner'] })),
        401, 'user_unauthorized');
    await rejectsWith(member.act((teams) => teams.updatePrefs({ teamId: team.$id, prefs: { x: 1 } })), 401, 'user_unauthorized');
    await rejectsWith(member.act((teams) => teams.delete({ teamId: team.$id })), 401, 'user_unauthorized');
    const ownMembership = (await owner.act((teams) => teams.listMemberships({ teamId: team.$id,
        queries: [Query.notEqual('$id', [membership.$id])] }))).memberships[0];
    await rejectsWith(member.act((teams) => teams.deleteMembership({ teamId: team.$id, membershipId: ownMembership.$id })),
        401, 'user_unauthorized');
    assert.equal(await teamTotal(team.$id), 2);
    assert.deepEqual(plain(await keyTeams.getPrefs({ teamId: team.$id })), {});
    assert.deepEqual((await keyTeams.getMembership({ teamId: team.$id, membershipId: membership.$id })).roles, ['viewer']);

    // Members read the team's memberships.
    const listed = await member.act((teams) => teams.listMemberships({ teamId: team.$id }));
    assert.equal(listed.total, 2);
    listed.memberships.forEach((m) => assertModel(m, 'membership'));
    const got = await member.act((teams) => teams.getMembership({ teamId: team.$id, membershipId: membership.$id }));
    assert.equal(got.$id, membership.$id);

    const outsider = await signedIn();
    await rejectsWith(outsider.act((teams) => teams.get({ teamId: team.$id })), 404, 'team_not_found');
    await rejectsWith(outsider.act((teams) => teams.getPrefs({ teamId: team.$id })), 404, 'team_not_found');
    await rejectsWith(outsider.act((teams) => teams.listMemberships({ teamId: team.$id })), 404, 'team_not_found');
    await rejectsWith(outsider.act((teams) => teams.updateName({ teamId: team.$id, name: 'x' })), 404, 'team_not_found');
    await rejectsWith(outsider.act((teams) => teams.delete({ teamId: team.$id })), 404, 'team_not_found');
    await rejectsWith(outsider.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email: newEmail(), url: APP_URL })),
        404, 'team_not_found');
    assert.equal((await outsider.act((teams) => teams.list())).total, 0);
});

test('bad invitations: each refused with Appwrite\'s error and nothing written', async () => {
    const { owner, member, team } = await teamWithMember(['viewer']);
    const invite = (params) => owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: ['x'], url: APP_URL, ...params }));
    const email = newEmail();
    await rejectsWith(owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email })), 400, 'general_argument_invalid');
    await rejectsWith(invite({ email, url: 'https://evil.example/join' }), 400, 'general_argument_invalid');
    await rejectsWith(invite({ email, url: 'javascript:alert(1)' }), 400, 'general_argument_invalid');
    await rejectsWith(invite({}), 400, 'general_argument_invalid');
    await rejectsWith(invite({ email: 'not-an-email' }), 400, 'general_argument_invalid');
    await rejectsWith(invite({ phone: '12345' }), 400, 'general_argument_invalid');
    await rejectsWith(invite({ email, roles: ['no spaces'] }), 400, 'general_argument_invalid');
    await rejectsWith(invite({ email, roles: ['r'.repeat(82)] }), 400, 'general_argument_invalid');
    const noRoles = await server.api('POST', `/teams/${team.$id}/memberships`, { body: { email, url: APP_URL } });
    assertError(noRoles, 400, 'general_argument_invalid');
    await rejectsWith(invite({ userId: 'unknown' }), 404, 'user_not_found');
    await rejectsWith(invite({ userId: member.user.$id, email }), 409, 'user_already_exists');
    await rejectsWith(invite({ userId: member.user.$id }), 409, 'membership_already_confirmed');
    await rejectsWith(owner.act((teams) => teams.createMembership({ teamId: 'unknown', roles: [], email, url: APP_URL })),
        404, 'team_not_found');
    assert.equal(await membershipCount(team.$id), 2);
    assert.equal((await keyUsers.list({ queries: [server_sdk.Query.equal('email', [email])] })).total, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!smtp.messages.some((m) => m.to === email), 'no invitation was sent');
});

test('an API key adds members at once without an invitation; by userId, new email and phone', async () => {
    const team = await keyTeams.create({ teamId: ID.unique(), name: 'Staff' });
    const existing = await keyUsers.create({ userId: ID.unique(), email: newEmail(), name: 'Existing' });
    const byId = await keyTeams.createMembership({ teamId: team.$id, roles: ['ops'], userId: existing.$id });
    assertModel(byId, 'membership');
    assert.equal(byId.confirm, true);
    assert.match(byId.joined, ISO_DATETIME);
    assert.equal(byId.userName, 'Existing');
    const email = newEmail();
    const byEmail = await keyTeams.createMembership({ teamId: team.$id, roles: [], email, name: 'Newcomer' });
    assert.equal(byEmail.confirm, true);
    assert.equal((await keyUsers.get({ userId: byEmail.userId })).name, 'Newcomer');
    const phone = newPhone();
    const byPhone = await keyTeams.createMembership({ teamId: team.$id, roles: [], phone });
    assert.equal(byPhone.confirm, true);
    assert.equal(await teamTotal(team.$id), 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!smtp.messages.some((m) => m.to === email || m.to === existing.email), 'keys send no invitation');
    assert.ok(!sms.messages.some((m) => m.to === phone));
});

test('membership list and get: queries, search, total, another team\'s membership', async () => {
    const { owner, team, membership } = await teamWithMember(['viewer']);
    await owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: ['guest'], email: newEmail(), url: APP_URL }));
    const all = await keyTeams.listMemberships({ teamId: team.$id });
    assert.equal(all.total, 3);
    const pending = await keyTeams.listMemberships({ teamId: team.$id, queries: [Query.equal('confirm', [false])] });
    assert.equal(pending.total, 1);
    assert.deepEqual(pending.memberships[0].roles, ['guest']);
    const viewers = await keyTeams.listMemberships({ teamId: team.$id, queries: [Query.contains('roles', ['viewer'])] });
    assert.deepEqual(viewers.memberships.map((m) => m.$id), [membership.$id]);
    const searched = await keyTeams.listMemberships({ teamId: team.$id, search: membership.userId });
    assert.deepEqual(searched.memberships.map((m) => m.$id), [membership.$id]);
    const paged = await keyTeams.listMemberships({ teamId: team.$id, queries: [Query.limit(1)], total: false });
    assert.equal(paged.memberships.length, 1);
    assert.equal(paged.total, 0);
    await rejectsWith(keyTeams.listMemberships({ teamId: team.$id, queries: [Query.equal('secretHash', ['x'])] }),
        400, 'general_argument_invalid');

    const other = await keyTeams.create({ teamId: ID.unique(), name: 'Other' });
    await rejectsWith(keyTeams.getMembership({ teamId: other.$id, membershipId: membership.$id }), 404, 'team_membership_mismatch');
    await rejectsWith(keyTeams.getMembership({ teamId: team.$id, membershipId: 'unknown' }), 404, 'membership_not_found');
    await rejectsWith(keyTeams.updateMembership({ teamId: team.$id, membershipId: 'unknown', roles: [] }), 404, 'membership_not_found');
});

test('deleting memberships: a member leaves, an owner removes, the count follows', async () => {
    const { owner, member, team, membership } = await teamWithMember(['viewer']);
    const second = await signedIn();
    const secondMembership = await keyTeams.createMembership({ teamId: team.$id, roles: [], userId: second.user.$id });
    assert.equal(await teamTotal(team.$id), 3);

    await member.act((teams) => teams.deleteMembership({ teamId: team.$id, membershipId: membership.$id }));
    assert.equal(await teamTotal(team.$id), 2);
    await rejectsWith(member.act((teams) => teams.get({ teamId: team.$id })), 404, 'team_not_found');
    assert.equal((await member.act((teams) => teams.list())).total, 0);

    await owner.act((teams) => teams.deleteMembership({ teamId: team.$id, membershipId: secondMembership.$id }));
    assert.equal(await teamTotal(team.$id), 1);
    await rejectsWith(owner.act((teams) => teams.deleteMembership({ teamId: team.$id, membershipId: secondMembership.$id })),
        404, 'team_invite_not_found');
    const other = await keyTeams.create({ teamId: ID.unique(), name: 'Other' });
    const ownerMembership = (await keyTeams.listMemberships({ teamId: team.$id })).memberships[0];
    await rejectsWith(keyTeams.deleteMembership({ teamId: other.$id, membershipId: ownerMembership.$id }), 404, 'team_membership_mismatch');
    assert.equal(await teamTotal(team.$id), 1);
});

test('deleting a team removes its memberships', async () => {
    const { owner, member, team } = await teamWithMember(['viewer']);
    await owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email: newEmail(), url: APP_URL }));
    assert.equal((await keyUsers.listMemberships({ userId: member.user.$id })).total, 1);
    await owner.act((teams) => teams.delete({ teamId: team.$id }));
    await rejectsWith(keyTeams.get({ teamId: team.$id }), 404, 'team_not_found');
    assert.equal((await keyUsers.listMemberships({ userId: member.user.$id })).total, 0);
    assert.equal((await keyUsers.listMemberships({ userId: owner.user.$id })).total, 0);
    assert.equal((await member.act((teams) => teams.list())).total, 0);
});

test('Users.listMemberships: a user\'s memberships with team names, queries and errors', async () => {
    const { member, team } = await teamWithMember(['viewer']);
    const second = await keyTeams.create({ teamId: ID.unique(), name: 'Second' });
    await keyTeams.createMembership({ teamId: second.$id, roles: ['x'], userId: member.user.$id });
    const list = await keyUsers.listMemberships({ userId: member.user.$id });
    assert.equal(list.total, 2);
    list.memberships.forEach((m) => assertModel(m, 'membership'));
    const byTeam = Object.fromEntries(list.memberships.map((m) => [m.teamId, m]));
    assert.equal(byTeam[team.$id].teamName, team.name);
    assert.equal(byTeam[second.$id].teamName, 'Second');
    assert.equal(byTeam[second.$id].userEmail, member.email);
    const filtered = await keyUsers.listMemberships({ userId: member.user.$id,
        queries: [server_sdk.Query.equal('teamId', [second.$id])] });
    assert.deepEqual(filtered.memberships.map((m) => m.teamId), [second.$id]);
    await rejectsWith(keyUsers.listMemberships({ userId: 'unknown' }), 404, 'user_not_found');
    await rejectsWith(keyUsers.listMemberships({ userId: member.user.$id, queries: [server_sdk.Query.equal('name', ['x'])] }),
        400, 'general_argument_invalid');
    const asUser = await server.api('GET', `/users/${member.user.$id}/memberships`, { key: null });
    assertError(asUser, 401, 'general_unauthorized_scope');
});

test('deleting a user removes its memberships and the team count follows', async () => {
    const { member, team } = await teamWithMember(['viewer']);
    assert.equal(await teamTotal(team.$id), 2);
    await keyUsers.delete({ userId: member.user.$id });
    assert.equal(await teamTotal(team.$id), 1);
    assert.equal(await membershipCount(team.$id), 1);
});

test('project switches: invites can be disabled; membership privacy shows what it allows', async () => {
    const { owner, team, membership } = await teamWithMember(['viewer']);
    const hidden = await owner.act((teams) => teams.getMembership({ teamId: team.$id, membershipId: membership.$id }));
    assert.deepEqual([hidden.userId, hidden.userName, hidden.userEmail], ['', '', '']);
    const privacy = await server.api('PATCH', '/project/policies/membership-privacy',
        { body: { userId: true, userName: true, userEmail: true, userPhone: true, userMFA: true } });
    assert.equal(privacy.status, 200, privacy.text);
    const shown = await owner.act((teams) => teams.getMembership({ teamId: team.$id, membershipId: membership.$id }));
    assert.equal(shown.userId, membership.userId);
    assert.equal(shown.userName, 'Mel Member');
    assert.equal(shown.userEmail, (await keyUsers.get({ userId: membership.userId })).email);
    const listed = await owner.act((teams) => teams.listMemberships({ teamId: team.$id }));
    assert.ok(listed.memberships.every((m) => m.userId !== '' && m.userEmail !== ''));
    const restored = await server.api('PATCH', '/project/policies/membership-privacy',
        { body: { userId: false, userName: false, userEmail: false, userPhone: false, userMFA: false } });
    assert.equal(restored.status, 200, restored.text);

    const disabled = await server.api('PATCH', '/project/auth-methods/invites', { body: { enabled: false } });
    assert.equal(disabled.status, 200, disabled.text);
    const email = newEmail();
    await rejectsWith(owner.act((teams) => teams.createMembership({ teamId: team.$id, roles: [], email, url: APP_URL })),
        501, 'user_auth_method_unsupported');
    assert.equal((await keyUsers.list({ queries: [server_sdk.Query.equal('email', [email])] })).total, 0);
    const byKey = await keyTeams.createMembership({ teamId: team.$id, roles: [], email });
    assert.equal(byKey.confirm, true, 'keys are exempt');
    const enabled = await server.api('PATCH', '/project/auth-methods/invites', { body: { enabled: true } });
    assert.equal(enabled.status, 200, enabled.text);
});

test('without SMTP or SMS a user\'s invitation is refused and leaves neither invitee nor membership', async () => {
    const bare = await startServer();
    try {
        const key = new server_sdk.Teams(bare.client());
        const users = new server_sdk.Users(bare.client());
        const owner = await users.create({ userId: ID.unique(), email: newEmail(), password: 'sup3r secret' });
        const login = await bare.api('POST', '/account/sessions/email', { key: null, body: { email: owner.email, password: 'sup3r secret' } });
        assert.equal(login.status, 201, login.text);
        const cookie = login.headers.getSetCookie().find((c) => c.startsWith(`a_session_${bare.projectId}=`)).split(';')[0];
        const team = await bare.api('POST', '/teams', { key: null, headers: { cookie }, body: { teamId: 'unique()', name: 'Bare' } });
        assert.equal(team.status, 201, team.text);
        const teamId = team.body.$id;
        const email = newEmail();
        const byEmail = await bare.api('POST', `/teams/${teamId}/memberships`,
            { key: null, headers: { cookie }, body: { email, roles: [], url: APP_URL } });
        assertError(byEmail, 503, 'general_smtp_disabled');
        const phone = newPhone();
        const byPhone = await bare.api('POST', `/teams/${teamId}/memberships`,
            { key: null, headers: { cookie }, body: { phone, roles: [], url: APP_URL } });
        assertError(byPhone, 503, 'general_phone_disabled');
        assert.equal((await users.list({ queries: [server_sdk.Query.equal('email', [email])] })).total, 0);
        assert.equal((await users.list({ queries: [server_sdk.Query.equal('phone', [phone])] })).total, 0);
        assert.equal((await key.listMemberships({ teamId })).total, 1);
        // An existing user's invitation is refused the same way, and its membership is not written.
        const existing = await users.create({ userId: ID.unique(), email: newEmail() });
        const again = await bare.api('POST', `/teams/${teamId}/memberships`,
            { key: null, headers: { cookie }, body: { userId: existing.$id, roles: [], url: APP_URL } });
        assertError(again, 503, 'general_smtp_disabled');
        assert.equal((await users.get({ userId: existing.$id })).email, existing.email, 'an existing invitee stays');
        assert.equal((await key.listMemberships({ teamId })).total, 1);
    } finally {
        await bare.stop();
    }
});

test('team logs (console API) list what was done to the team, newest first', async () => {
    const teams = new server_sdk.Teams(server.client());
    const team = await teams.create({ teamId: server_sdk.ID.unique(), name: 'Logged team' });
    await teams.updateName({ teamId: team.$id, name: 'Renamed team' });
    await teams.updatePrefs({ teamId: team.$id, prefs: { a: 1 } });
    const logs = await server.api('GET', `/teams/${team.$id}/logs`);
    assert.equal(logs.status, 200, logs.text);
    assertModel(logs.body, 'logList');
    assert.deepEqual(logs.body.logs.map((l) => l.event), ['team.update', 'team.update', 'team.create']);
    assert.equal(logs.body.logs[0].userType, 'keyProject');
    const limit = encodeURIComponent(server_sdk.Query.limit(1));
    const page = await server.api('GET', `/teams/${team.$id}/logs?queries[0]=${limit}`);
    assert.equal(page.body.logs.length, 1);
    assert.equal(page.body.total, 3);
    assertError(await server.api('GET', '/teams/missing/logs'), 404, 'team_not_found');
});
