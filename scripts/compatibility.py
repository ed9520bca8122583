#!/usr/bin/env python3
"""Writes docs/compatibility.md: every Appwrite endpoint of the specs and SDKs, and what Basalt
does with it. "done" comes from the routes the built binary serves (`basalt routes`), so the
table cannot claim more than the code does; notes and partial statuses are the NOTES table below.

    scripts/compatibility.py [--basalt build/basalt] [--check]

--check exits 1 when docs/compatibility.md differs from what would be written.
"""
import argparse
import csv
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "appwrite-api" / "endpoints.tsv"
OUT = ROOT / "docs" / "compatibility.md"

# (method, path) -> (status override or None, note). Status is "done" when served, unless
# overridden to "partial" here.
# The data API's notes, written once for the Databases path; the TablesDB twin gets the same.
ENCRYPT_NOTE = (None, "`encrypt`: values stored AES-256-GCM encrypted with a per-project key derived from the "
                      "storage master key; filters on them refused as in Appwrite")
SPATIAL_NOTE = (None, "Spatial queries and indexes served: GEOS and an R*Tree on SQLite, PostGIS and GiST on "
                      "PostgreSQL (without PostGIS they answer an error; values are still stored)")
SYNC_ATTRIBUTE_NOTE = (None, "Created synchronously: `available` at once (adding a column never rewrites rows)")
DATA_API_NOTES = {
    **{(m, f"/databases/{{}}/collections/{{}}/attributes/{kind}" + ("/{}" if m == "PATCH" else "")): ENCRYPT_NOTE
       for kind in ("string", "varchar", "text", "mediumtext", "longtext") for m in ("POST", "PATCH")},
    **{(m, f"/databases/{{}}/collections/{{}}/attributes/{kind}" + ("/{}" if m == "PATCH" else "")): SPATIAL_NOTE
       for kind in ("point", "line", "polygon") for m in ("POST", "PATCH")},
    **{("POST", f"/databases/{{}}/collections/{{}}/attributes/{kind}"): SYNC_ATTRIBUTE_NOTE
       for kind in ("integer", "float", "boolean", "datetime", "email", "ip", "url", "enum")},
    ("POST", "/databases/{}/collections/{}/indexes"): (
        None, "Built in the background (`processing`, then `available` or `failed` with the reason); `lengths` "
              "accepted, not applied as prefix lengths"),
    ("GET", "/databases/{}/collections/{}/documents"): (
        None, "`ttl` accepted; lists are always fresh (on SQLite a node keeps a page until the project's next "
              "write begins)"),
    **{("PATCH", f"/databases/{{}}/collections/{{}}/documents/{{}}/{{}}/{step}"): (
        None, "One atomic UPDATE with the bounds in SQL: exact across nodes sharing PostgreSQL")
       for step in ("increment", "decrement")},
    ("POST", "/databases/transactions"): (None, "Staged in the project's store: any node can commit; a rollback "
                                                "ends as `failed`, as Appwrite"),
}


def tablesdb_twin(path):
    return (path.replace("/databases/", "/tablesdb/", 1).replace("/collections/", "/tables/")
            .replace("/attributes", "/columns").replace("/documents", "/rows"))


NOTES = {
    ("POST", "/project/keys"): ("partial", "Refused for API-key callers with `key_creation_denied`, as Appwrite does; "
                                "keys come from `basalt init` / `basalt key create` until console sessions exist"),
    ("GET", "/project/keys"): (None, "`secret` is only shown at creation: Basalt stores a SHA-256 digest"),
    ("GET", "/project/keys/{}"): (None, "`secret` is empty: Basalt stores a SHA-256 digest"),
    ("PUT", "/project/keys/{}"): (None, "`secret` is empty: Basalt stores a SHA-256 digest"),
    ("GET", "/health/anti-virus"): (None, "clamd's VERSION and `pass`/`fail` for PING, as Appwrite's code (its "
                                    "model's enum says online/offline); `disabled` without `--clamd`"),
    ("GET", "/health/cache"): (None, "In-process cache on a single node: reported as `memory`"),
    ("GET", "/health/pubsub"): (None, "In-process pub/sub on a single node: reported as `memory`"),
    ("GET", "/health/time"): (None, "SNTP query to `BASALT_NTP_SERVER`"),
    ("GET", "/health/certificate"): (None, "Public domains on port 443; `BASALT_ALLOW_PRIVATE_HOSTS` widens it"),
    ("GET", "/locale"): (None, "Country from `BASALT_GEOIP_DB` when set; names from CLDR (see docs/locale.md)"),
    ("POST", "/account/sessions/email"): (None, "Passwords verified with their stored algorithm, then upgraded to argon2id"),
    ("GET", "/account/sessions/oauth2/{}"): ("partial", "Errors before the failure URL is known are JSON, not an HTML "
                                              "page; the console's default success/failure pages are not served"),
    ("GET", "/account/tokens/oauth2/{}"): (None, "The secret travels sealed in a 60 s JWT, as Appwrite does"),
    ("POST", "/account/tokens/phone"): (None, "Text messages through Twilio (`BASALT_TWILIO_*`) or the project's mock numbers"),
    ("POST", "/account/mfa/challenges"): (None, "The `custom` factor answers `user_auth_method_unsupported` (Appwrite's default policy)"),
    ("PATCH", "/project/smtp"): ("partial", "Settings are stored without a test connection; use `POST /project/smtp/tests`"),
    ("PATCH", "/project/templates/email"): (None, "Used while the project's own SMTP is enabled, as in Appwrite"),
    ("PATCH", "/project/oauth2/{}"): ("partial", "Credentials are stored without a check against the provider"),
    ("GET", "/users/{}/logs"): (None, "The entries Basalt audits: sign-up, sessions, profile changes, recovery, verification"),
    ("GET", "/account/logs"): (None, "The entries Basalt audits: sign-up, sessions, profile changes, recovery, verification"),
    # Relationships (issue 4): tests/e2e/databases-relationships.test.mjs.
    ("POST", "/databases/{}/collections/{}/attributes/relationship"): (
        None, "Created synchronously (`available` at once); storage and onDelete rules in docs/databases.md"),
    ("PATCH", "/databases/{}/collections/{}/attributes/relationship/{}"): (
        None, "`newKey` copies the id column (related documents' `$updatedAt` changes)"),
    ("POST", "/tablesdb/{}/tables/{}/columns/relationship"): (
        None, "Created synchronously (`available` at once); storage and onDelete rules in docs/databases.md"),
    ("PATCH", "/tablesdb/{}/tables/{}/columns/{}/relationship"): (
        None, "`newKey` copies the id column (related documents' `$updatedAt` changes)"),
    ("POST", "/storage/buckets"): (None, "Every option stored and applied; `antivirus` scans uploads with clamd "
                                   "(`--clamd`)"),
    ("GET", "/storage/buckets"): (None, "`totalSize` is kept up to date on upload and delete (sum of stored sizes)"),
    ("POST", "/storage/buckets/{}/files"): ("partial", "Whole and chunked uploads as the SDKs send them (5 MiB chunks "
                                            "aligned to their Content-Range, resumable); gzip/zstd and AES-256-GCM up to "
                                            "20 MB as Appwrite; ClamAV scan (`--clamd`) up to 20 MB as Appwrite; local disk or S3"),
    ("GET", "/storage/buckets/{}/files/{}/download"): (None, "Range, ETag/If-None-Match; `token` (file tokens)"),
    ("GET", "/storage/buckets/{}/files/{}/view"): (None, "Range, ETag/If-None-Match, `token`; types other than "
                                                   "images, audio, video, PDF, plain text, CSV and JSON are sent as "
                                                   "text/plain"),
    ("POST", "/tokens/buckets/{}/files/{}"): (None, "`secret` is a JWT signed with a per-project key (Appwrite: its "
                                              "server key); no secret is stored"),
    ("DELETE", "/tokens/{}"): (None, "Deleting a file or bucket also deletes its tokens (Appwrite keeps them)"),
    ("GET", "/storage/buckets/{}/files/{}/preview"): ("partial", "libvips instead of Imagick: every parameter and output "
                                                      "format, animations kept in gif and webp; drawn icons for "
                                                      "non-images; a cache per node on local disk"),
}
AVATAR_ICON_NOTE = ("partial", "Icons from npm packages (assets/avatars: flag-icons, payment-icons, simple-icons) "
                                "rasterised with libvips, not Appwrite's PNGs; codes none of them draws are drawn as "
                                "the name's initials (see docs/avatars.md)")
NOTES.update({
    ("GET", "/avatars/browsers/{}"): AVATAR_ICON_NOTE,
    ("GET", "/avatars/credit-cards/{}"): AVATAR_ICON_NOTE,
    ("GET", "/avatars/flags/{}"): (None, "SVGs of the flag-icons package rasterised at the asked size"),
    ("GET", "/avatars/image"): (None, "Loopback/private hosts need `--allow-private-hosts`; size and time limits "
                                      "`--avatar-fetch-limit`, `--avatar-fetch-timeout`"),
    ("GET", "/avatars/favicon"): ("partial", "SVG favicons are rendered to a 56x56 PNG (Appwrite sends the sanitized "
                                             "SVG); limits as `/avatars/image`"),
    ("GET", "/avatars/initials"): (None, "DejaVu Sans instead of Inter; colours as Appwrite"),
    ("GET", "/avatars/qr"): (None, "libqrencode, error correction L"),
    ("GET", "/avatars/screenshots"): (None, "Needs a headless browser service (Appwrite's `_APP_BROWSER_HOST`); "
                                            "none here yet"),
    ("GET", "/avatars/photo"): (None, "Absent from the 1.9.6 and cl-1.9.6-1 tags (added later on Appwrite's main branch); the web SDK 27 has it"),
})
QUEUE_NOTE = ("partial", "No job queues yet: size is 0 (threshold checks apply)")


for (method, path), entry in DATA_API_NOTES.items():
    NOTES.setdefault((method, path), entry)
    NOTES.setdefault((method, tablesdb_twin(path)), entry)

def normalize(path):
    path = re.sub(r"\{[^}]*\}", "{}", path)
    return re.sub(r":[A-Za-z_]+", "{}", path)


def served_routes(basalt):
    out = subprocess.run([basalt, "routes"], check=True, capture_output=True, text=True).stdout
    routes = set()
    for line in out.splitlines():
        method, path = line.split(" ", 1)
        routes.add((method, normalize(path.removeprefix("/v1"))))
    return routes


def build(basalt):
    served = served_routes(basalt)
    rows = list(csv.DictReader(SHARED.open(), delimiter="\t"))
    by_service = {}
    seen = set()
    for row in rows:
        key = (row["method"], normalize(row["path"]))
        if key in seen:
            continue
        seen.add(key)
        by_service.setdefault(row["service"], []).append(row)
    counts = {"done": 0, "partial": 0, "not yet": 0}
    sections = []
    for service in sorted(by_service):
        lines = [f"\n## {service}\n", "| method | path | status | notes |", "| --- | --- | --- | --- |"]
        for row in sorted(by_service[service], key=lambda r: (r["path"], r["method"])):
            key = (row["method"], normalize(row["path"]))
            override, note = NOTES.get(key, (None, ""))
            if key[1].startswith("/health/queue"):
                override, note = QUEUE_NOTE
            if key in served:
                status = override or "done"
            else:
                status = "not yet"
                note = "; ".join(filter(None, [note, row["note"]]))
            counts[status] += 1
            flags = []
            if row["deprecated_1.9.3"]:
                flags.append("deprecated")
            if not (row["server_spec"] or row["client_spec"] or row["console_spec"]):
                flags.append("not in 1.9.3 spec")
            if flags and status == "not yet":
                note = "; ".join(filter(None, [note, ", ".join(flags)]))
            lines.append(f"| {row['method']} | `{row['path']}` | {status} | {note} |")
        sections.append("\n".join(lines))
    missing = sorted(served - seen - {("GET", "/health/version")})
    header = [
        "# Appwrite API compatibility",
        "",
        "Generated by `scripts/compatibility.py` from `shared/appwrite-api/endpoints.tsv` (every endpoint of the",
        "1.9.3 specs, of `node-appwrite@27.1.0` and `appwrite@27.0.0`, and source-only routes of Appwrite 1.9.6)",
        "and from the routes the built server answers (`basalt routes`). Do not edit by hand: change the code or",
        "the script's notes, then run the script. A test fails when this file and the binary disagree.",
        "",
        "Statuses: **done** (served as Appwrite serves it), **partial** (served, with the difference noted),",
        "**not yet** (answers `general_route_not_found`).",
        "",
        f"Totals: {counts['done']} done, {counts['partial']} partial, {counts['not yet']} not yet.",
        "",
        "Also served: `GET /v1/health/version` (public, as in Appwrite 1.9.6)."
        + ("" if not missing else " Unlisted: " + ", ".join(f"{m} {p}" for m, p in missing)),
    ]
    return "\n".join(header) + "\n" + "\n".join(sections) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--basalt", default=str(ROOT / "build" / "basalt"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = build(args.basalt)
    if args.check:
        if not OUT.exists() or OUT.read_text() != text:
            print("docs/compatibility.md is out of date: run scripts/compatibility.py", file=sys.stderr)
            return 1
        print("docs/compatibility.md matches the routes of", args.basalt)
        return 0
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
