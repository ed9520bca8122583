// The loopback OpenID Connect provider of oidc.mjs as a child process, for tests outside node
// (the C++ OAuth2 client test).
//
//   node oidc-serve.mjs '{"clientId":"c","clientSecret":"s","redirectUris":["http://..."],
//                        "account":{"sub":"u1","email":"a@example.com","email_verified":true}}'
//
// stdout, one JSON object a line:
//   first   {"issuer","wellKnown","authorizationEndpoint","tokenEndpoint","userinfoEndpoint"}
//   then, for each authorize URL read as a line on stdin,
//           {"redirect": "<redirect URI with ?code=...&state=...>"} or {"error": "<why>"}
// The provider stops when stdin closes. Diagnostics go to stderr.
import readline from 'node:readline';
import { startOidcProvider } from './oidc.mjs';

// oidc-provider prints its notices with console.info; stdout belongs to the protocol.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

function reply(object) {
    process.stdout.write(`${JSON.stringify(object)}\n`);
}

const options = JSON.parse(process.argv[2] ?? '{}');
const oidc = await startOidcProvider(options);
reply({
    issuer: oidc.issuer,
    wellKnown: oidc.wellKnown,
    authorizationEndpoint: oidc.authorizationEndpoint,
    tokenEndpoint: oidc.tokenEndpoint,
    userinfoEndpoint: oidc.userinfoEndpoint,
});

// Answers in request order, one login at a time.
let queue = Promise.resolve();
const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
    const url = line.trim();
    if (!url) return;
    queue = queue.then(async () => {
        try {
            reply({ redirect: await oidc.login(url) });
        } catch (err) {
            reply({ error: err.message });
        }
    });
});
input.on('close', async () => {
    await queue;
    await oidc.stop();
    process.exit(0);
});
