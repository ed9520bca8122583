// A stand-in for the browser the web SDK (appwrite) expects: it keeps a session's
// X-Fallback-Cookies in window.localStorage and replays it on every request. Each
// Browser has its own storage; use() makes it the current window (tests run their
// requests one after another, so one browser is current at a time).
export class Browser {
    constructor() {
        this.items = new Map();
        this.localStorage = {
            getItem: (key) => (this.items.has(key) ? this.items.get(key) : null),
            setItem: (key, value) => this.items.set(key, String(value)),
            removeItem: (key) => this.items.delete(key),
        };
    }

    /** Makes this browser's storage the one the SDK sees; returns this. */
    use() {
        globalThis.window = { localStorage: this.localStorage, console: { warn() {}, log() {}, error() {} } };
        return this;
    }

    /** The stored fallback cookies, parsed ({} when none). */
    cookies() {
        return JSON.parse(this.items.get('cookieFallback') ?? '{}');
    }
}

/** Leaves the SDK without a window again. */
export function closeBrowsers() {
    delete globalThis.window;
}
