"""Credentials whose own shape gives them away, wherever they are written: in a URL's path (a Telegram bot's
`api.telegram.org/bot<token>/sendMessage`, a Slack or Discord webhook), in prose or in code (`ghp_…`,
`xoxb-…`, `sk_live_…`, `AKIA…`, `AIza…`, `hf_…`, `sk-…T3BlbkFJ…`, `sk-ant-…`, `glpat-…`, Azure's `AccountKey=…`,
`SG.…`, `npm_…`, `pypi-AgE…`, `ya29.…`, `shpat_…`, `whsec_…`, `dop_v1_…`, a bare `Bearer …`, a JSON Web Token's
`eyJ….eyJ….…`, a payment card's number by its Luhn check digit, an AWS secret access key beside its id, a
`Cookie:` header's values). The URL-parameter rule
(pii._secrets) finds a credential by its parameter's name; these are found by their vendor's documented format
(a JWT's by its RFC), one class per kind.

Each kind's pattern names the part that is the secret (`secret`): what stands around it (`hooks.slack.com/
services/`, a Telegram token's `bot`) is kept, so a URL still says where a text came from. Each pattern also
says where a token cannot continue, so a longer word that merely holds one is left alone. `may` is a pattern
every match holds, cheap for Python's re (it starts with a literal or skips to one) and valid RE2 (pii joins
it into the one pass that picks a batch's texts).

A credential without a shape of its own (a password is anything) is found by the name written before it
(`LabelledCredential`: `password: hunter2`, `"client_secret": "…"`), when its value looks like one.

Not looked for: a bare credential without a fixed shape or a name before it (an AWS secret access key is 40
base64 characters like any other: it is found beside its access key id, AwsAccessKeyId), and public identifiers
with a prefix (Stripe's publishable `pk_`, AWS's `AIDA`/`AROA` ids of users and roles).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

Make = Callable[[str, str], str]  # (kind, value) -> its replacement, as in builder.text.pii
# image and input-file extensions (builder.text.pii's, for addresses and URL parameters too): a value that ends in one
# is a file's name (`password=hunter2abc.txt`), whose extension is no part of the secret
FILE_EXTENSION = r"(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|pdf|txt|json|jsonl|gz|zst|parquet|html?|csv|xml)"
_FILE_NAME_END = re.compile(rf"\.{FILE_EXTENSION}$")


def _without_extension(value: str) -> str:
    """The value without a file's extension at its end (trial26: a file named `… password=hunter2abc.txt` gave its
    `source` the pseudonym of `hunter2abc.txt` and its `doc_id`, which has no extension, another)."""
    end = _FILE_NAME_END.search(value)
    return value[:end.start()] if end and end.start() > 0 else value


class TokenShape:
    """One kind of credential, by its documented shape."""

    may: ClassVar[re.Pattern[str]]
    pattern: ClassVar[re.Pattern[str]]
    # the prefilter RE2 runs over a batch (pii: may_hold, redacts), where it can be narrower than `may`, whose Python
    # form must be cheap: never narrower than `pattern` (None: `may`)
    batch_may: ClassVar[str | None] = None

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            start, end = match.span("secret")
            whole = match.group()
            return whole[:start - match.start()] + make("secret", match.group("secret")) + whole[end - match.start():]

        return cls.pattern.sub(one, text)


class TelegramBotToken(TokenShape):
    """A bot's token, `123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw` (core.telegram.org/bots/api: the bot's
    numeric id, `:`, 35 characters of base64url), in `https://api.telegram.org/bot<token>/METHOD` or alone."""

    may = re.compile(":[A-Za-z0-9_-]{35}")
    pattern = re.compile(r"(?<![0-9])(?P<secret>[0-9]{6,12}:[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])")


class SlackWebhook(TokenShape):
    """An incoming webhook, `https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`
    (api.slack.com/messaging/webhooks), and a workflow's or trigger's (`/workflows/…`, `/triggers/…`): the
    path is the credential (anyone who has it can post to the channel)."""

    may = re.compile(r"hooks\.slack\.com/")
    pattern = re.compile(r"hooks\.slack\.com/(?:services|workflows|triggers)/"
                         r"(?P<secret>[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)+)")


class DiscordWebhook(TokenShape):
    """A webhook, `https://discord.com/api/webhooks/{id}/{token}` (discord.com/developers/docs/resources/webhook;
    also on discordapp.com, the ptb. and canary. hosts and a versioned `api/v10/`): the id and its token."""

    may = re.compile(r"discord(?:app)?\.com/api/")
    pattern = re.compile(r"discord(?:app)?\.com/api/(?:v[0-9]+/)?webhooks/(?P<secret>[0-9]{15,21}/[A-Za-z0-9_-]{20,})")


class GitHubToken(TokenShape):
    """A personal access, OAuth, user-to-server, server-to-server or refresh token, `ghp_`/`gho_`/`ghu_`/`ghs_`/
    `ghr_` and 36 letters and digits, or a fine-grained token, `github_pat_`, 22, `_`, 59 (docs.github.com,
    "About authentication to GitHub": GitHub's token formats)."""

    may = re.compile(r"g(?:h[pousr]_|ithub_pat_)")
    pattern = re.compile(r"(?<![A-Za-z0-9_])"
                         r"(?P<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])")


class SlackToken(TokenShape):
    """A bot, user, app-configuration, refresh or app-level token: `xoxb-`, `xoxp-`, `xoxa-`, `xoxe-`, `xoxr-`,
    `xoxs-`, `xoxo-` or `xapp-`, a number, then letters, digits and dashes (api.slack.com/authentication/
    token-types). The number keeps a placeholder such as `xoxb-your-token` as it is."""

    may = re.compile(r"x(?:ox[abeoprs]|app)-[0-9]")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>(?:xox[abeoprs]|xapp)-[0-9]+-[0-9A-Za-z][0-9A-Za-z-]{7,})"
                         r"(?![A-Za-z0-9_])")


class StripeSecretKey(TokenShape):
    """A secret or restricted API key, live or test: `sk_live_`, `rk_live_`, `sk_test_`, `rk_test_`, then
    letters and digits (docs.stripe.com/keys; a publishable `pk_` key is meant to be public and left alone)."""

    may = re.compile(r"k_(?:live|test)_")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>[sr]k_(?:live|test)_[0-9A-Za-z]{16,247})(?![A-Za-z0-9_])")


class AwsAccessKeyId(TokenShape):
    """An access key's id, `AKIA` (long-term) or `ASIA` (temporary) and 16 upper-case letters and digits
    (docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html, "Understanding unique ID prefixes"), and
    the secret access key written beside it (`pair`): 40 base64 characters, which have no shape of their own, but
    after the id, as a credentials CSV (`name,AKIA…,wJalr…`), a pasted pair (`AKIA… wJalr…`) or a config line
    (`AKIA… secret: wJalr…`) writes them, are its secret. Between the two: up to 8 spaces or signs (`,;:|="'`),
    and at most one label of 30 letters ending in `:` or `=`; further off, 40 base64 characters stay (a path, a
    hash), and a key named for what it is (`aws_secret_access_key = …`) is LabelledCredential's."""

    may = re.compile("A[KS]IA")
    pattern = re.compile(r"(?<![A-Za-z0-9])(?P<secret>A[KS]IA[A-Z0-9]{16})(?![A-Za-z0-9])"
                         r"(?:(?P<gap>[ \t,;:|=\"'()\[\]{}]{1,8}(?:[A-Za-z_ -]{1,30}[:=][ \t\"']{0,4})?)"
                         r"(?P<pair>(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{40})(?![A-Za-z0-9+/=]))?")

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            if match.group("pair") is None:
                return make("secret", match.group("secret"))
            return make("secret", match.group("secret")) + match.group("gap") + make("secret", match.group("pair"))

        return cls.pattern.sub(one, text)


class GoogleApiKey(TokenShape):
    """A Google Cloud API key, `AIza` and 35 characters of base64url (cloud.google.com/docs/authentication/
    api-keys)."""

    may = re.compile("AIza")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])")


class HuggingFaceToken(TokenShape):
    """A Hugging Face user access token, `hf_` and 34 letters, or an organisation's API token, `api_org_` and 34
    letters (the shape huggingface_hub's own secret scanning and GitHub's partner program look for): whoever holds
    one reads private repositories and writes to the Hub as its owner, so it must not ride in a dataset made for
    the Hub."""

    may = re.compile(r"(?:hf|api_org)_[A-Za-z]{34}")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>(?:hf|api_org)_[A-Za-z]{34})(?![A-Za-z0-9_])")


class OpenAiKey(TokenShape):
    """An OpenAI API key: `sk-` (or `sk-proj-`, `sk-svcacct-`, `sk-admin-`) and base64url characters holding
    `T3BlbkFJ` (base64 of "OpenAI"), which every key since 2021 carries; the marker keeps `sk-` in prose and
    placeholders (`sk-your-key`) as they are."""

    may = re.compile("T3BlbkFJ")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>sk-[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})"
                         r"(?![A-Za-z0-9_-])")


class AnthropicKey(TokenShape):
    """An Anthropic API or admin key, `sk-ant-api03-`/`sk-ant-admin01-` and about 95 base64url characters
    (console.anthropic.com issues them in this form)."""

    may = re.compile(r"sk-ant-[a-z]+[0-9]{2}-")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>sk-ant-[a-z]+[0-9]{2}-[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])")


class GitLabToken(TokenShape):
    """A GitLab personal, project or group access token, `glpat-` and 20 or more base64url characters
    (docs.gitlab.com, "Token prefixes"), as a clone URL or a CI variable carries it."""

    may = re.compile("glpat-")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>glpat-[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])")


class JsonWebToken(TokenShape):
    """A signed JSON Web Token (RFC 7519, in its JWS compact form, RFC 7515 §7.1): three base64url parts joined by
    dots, the first two JSON objects and so starting `eyJ` (`{"`), as a bearer token, a session cookie or a signed
    link carries it: `Authorization: Bearer eyJhbGciOi….eyJzdWIiOi….SflKxwRJ…`. Whoever holds one is logged in
    until it expires. An unsigned one (`alg: none`) has an empty third part, and is replaced too. The encrypted
    form (JWE, five parts, its second not JSON) is not looked for."""

    may = re.compile(r"eyJ[A-Za-z0-9_-]{10}")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*)"
                         r"(?![A-Za-z0-9_-])")


class AzureAccountKey(TokenShape):
    """A storage account's (or Cosmos DB account's) key in its connection string, `DefaultEndpointsProtocol=https;
    AccountName=…;AccountKey=<88 base64 characters>;…` (learn.microsoft.com, "Configure Azure Storage connection
    strings"): whoever holds it reads and writes every blob of the account. The key is base64 of 64 bytes; 40 or
    more base64 characters are asked for, so a placeholder (`AccountKey=<your-key>`, `AccountKey=...`) stays."""

    may = re.compile("AccountKey")  # as the documentation and the portal write it: a literal is cheap to look for
    pattern = re.compile(r"(?<![A-Za-z0-9_])AccountKey[ \t]*=[ \t]*(?P<secret>[A-Za-z0-9+/]{40,}={0,2})"
                         r"(?![A-Za-z0-9+/=])")


class SendGridKey(TokenShape):
    """A SendGrid API key, `SG.`, 22 characters of base64url, `.`, 43 more (the shape GitHub's secret scanning
    partners document for Twilio SendGrid): it sends mail as its owner."""

    may = re.compile(r"SG\.[A-Za-z0-9_-]{22}\.")
    pattern = re.compile(r"(?<![A-Za-z0-9_.-])(?P<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")


class NpmToken(TokenShape):
    """An npm access token, `npm_` and 36 letters and digits (github.blog, "npm's new access token format",
    2021), as an `.npmrc`'s `_authToken` or a CI variable holds it: it publishes packages as its owner."""

    may = re.compile("npm_[A-Za-z0-9]{36}")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])")


class PyPiToken(TokenShape):
    """A PyPI (or TestPyPI) API token, `pypi-` and a base64url macaroon that starts `AgE` (pypi.org/help, "API
    tokens": the token is written whole, prefix included; GitHub's secret scanning looks for `pypi-AgEIcHlwaS5vcmc`,
    base64 of the macaroon's header naming pypi.org). 50 characters or more after the prefix."""

    may = re.compile("pypi-AgE")
    pattern = re.compile(r"(?<![A-Za-z0-9_-])(?P<secret>pypi-AgE[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])")


class GoogleOAuthToken(TokenShape):
    """A Google OAuth 2.0 access token, `ya29.` and base64url characters (developers.google.com/identity: the
    tokens Google's authorisation server issues start so), 20 or more, so `ya29.example` in a tutorial stays."""

    may = re.compile(r"ya29\.")
    pattern = re.compile(r"(?<![A-Za-z0-9_.-])(?P<secret>ya29\.[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])")


class ShopifyToken(TokenShape):
    """A Shopify app's access token or shared secret: `shpat_` (admin API access token), `shpca_` (custom app),
    `shppa_` (private app) or `shpss_` (shared secret) and 32 hex digits (shopify.dev: the token formats of 2021)."""

    may = re.compile("shp(?:at|ca|pa|ss)_")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>shp(?:at|ca|pa|ss)_[A-Fa-f0-9]{32})(?![A-Za-z0-9_])")


class StripeWebhookSecret(TokenShape):
    """A Stripe webhook endpoint's signing secret, `whsec_` and base64 characters (docs.stripe.com/webhooks, "Verify
    webhook signatures"; the Stripe CLI prints one of 64 hex digits; Svix, which many webhook senders use, issues
    the same prefix): whoever holds it forges events the endpoint trusts. 24 characters or more, so the
    documentation's `whsec_...` and `whsec_ENTER_YOURS_HERE` stay."""

    may = re.compile("whsec_")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>whsec_[A-Za-z0-9+/]{24,}={0,2})(?![A-Za-z0-9_+/=])")


class DigitalOceanToken(TokenShape):
    """A DigitalOcean personal access token, OAuth access token or refresh token: `dop_v1_`, `doo_v1_` or `dor_v1_`
    and 64 hex digits (the prefixes DigitalOcean gave its tokens in 2021, which GitHub's and GitLab's secret
    scanners look for): it runs the account's machines and reads its data."""

    may = re.compile("do[opr]_v1_")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>do[opr]_v1_[a-f0-9]{64})(?![A-Za-z0-9_])")


class BearerToken(TokenShape):
    """An opaque token after the `Bearer` scheme (RFC 6750 §2.1) where no `Authorization:` name stands before it
    (that is LabelledCredential's): a header pasted as its value alone (`-H 'Bearer …'`, `{"Auth": "bearer …"}`).
    `Bearer` is also a word ("Bearer bonds", "the bearer of this letter"), so the value must look like a token:
    one run of RFC 6750's token characters, 16 or more, holding a letter and a digit. Written `Bearer` or
    `bearer`."""

    may = re.compile("earer[ \t]")  # a literal: `(?i:bearer)` cost 0.19 CPU-s over the corpus's lines, this 0.04
    pattern = re.compile(r"(?<![A-Za-z0-9_-])[Bb]earer[ \t]+(?P<secret>(?=[A-Za-z0-9._~+/-]*[0-9])"
                         r"(?=[A-Za-z0-9._~+/-]*[A-Za-z])[A-Za-z0-9._~+/-]{16,}=*)(?![A-Za-z0-9._~+/=-])")


class UrlPassword(TokenShape):
    """The password of a URL's user information, `SCHEME://USER:PASSWORD@HOST` (RFC 3986 §3.2.1, which deprecates
    it for this very reason): a database's connection string (`postgres://app:S3cret@db:5432/x`,
    `redis://:p4ss@cache:6379`), a pasted `https://user:pass@host/` or a proxy setting. The user and the host are
    kept, so the URL still says where it points; a host without a dot (`localhost`) is no e-mail address's domain,
    so the address rule does not take these."""

    may = re.compile(r"://[^\s/?#@]*:[^\s/?#@]*@")
    # a password already replaced by its shape (`https://oauth2:glpat-…@gitlab.com`) is not counted twice
    pattern = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#@:\[\]]*:(?!<secret[>:])"
                         r"(?P<secret>[^\s/?#@]+)@")


class KeyBodyLine(TokenShape):
    """A line that is base64 alone, as the body of a pasted private key is written between its `-----BEGIN …
    PRIVATE KEY-----` and `-----END …-----` lines (PEM, RFC 7468: 64 characters a line; OpenSSH's own format: 70).
    A build sees such a key line by line (each body line is a rejected line of its own, the markers apart), so the
    shape is the line: 40 or more base64 characters, or a padded last line of 14 or more, upper and lower case
    and a digit, nothing else on it. Prose never is; a hex checksum (no upper case) and a long word (no digit)
    stay. No line of the corpus's documents is one."""

    may = re.compile(r"(?m:^)[ \t]*[A-Za-z0-9+/]{14}")
    pattern = re.compile(r"(?m)^[ \t]*(?P<secret>(?=[^\n]*[0-9])(?=[^\n]*[A-Z])(?=[^\n]*[a-z])"
                         r"(?:[A-Za-z0-9+/]{40,100}={0,2}|[A-Za-z0-9+/]{14,39}={1,2}))[ \t]*$")


class KeyBodyRun(TokenShape):
    """The body of a private key written on one line after its `-----BEGIN … PRIVATE KEY-----` marker: its lines
    joined by `\n` escapes, as a JSON file writes them (a Google service account's `"private_key": "-----BEGIN
    PRIVATE KEY-----\nMIIEv…\n…\n-----END PRIVATE KEY-----\n"`, pasted whole into a post or a log), or by spaces, as
    a page's text flattens them. KeyBodyLine finds a body line alone on its line, which neither is (trial26: the
    whole body was kept). Each run of base64 between the separators is 16 characters or more (a key's lines are 64
    or 70), but the last before an `-----END` marker, so words after a marker in prose stay."""

    may = re.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
    _RUN = "[A-Za-z0-9+/=]"
    _SEP = r"(?:(?:\\r)?\\n|[ \t])+"
    pattern = re.compile(rf"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----{_SEP}"
                         rf"(?P<secret>{_RUN}{{16,}}(?:{_SEP}{_RUN}{{16,}})*(?:{_SEP}{_RUN}{{1,15}}(?={_SEP}-----END))?)"
                         rf"(?!{_RUN})")


def _digits(low: int, high: int) -> str:
    """A character class of the digits low-high in ASCII, Arabic-Indic (٠-٩) and Persian/Urdu (۰-۹) alike."""
    return "[" + "".join(f"{chr(zero + low)}-{chr(zero + high)}" for zero in (0x30, 0x660, 0x6F0)) + "]"


_D = _digits(0, 9)


class PaymentCardNumber(TokenShape):
    """A payment card's number (ISO/IEC 7812: 13 to 19 digits, the last a Luhn check digit), written whole
    (`4111111111111111`) or in groups split by single spaces or hyphens alike (`4111 1111 1111 1111`,
    `3782-822463-10005`), in ASCII, Arabic-Indic or Persian digits (`٤١١١ ١١١١ ١١١١ ١١١١`, `۴۱۱۱…`, as Arabic
    and Persian pages write numbers; fix20). Replaced whole, before the phone rule could take its first digits for
    a number (trial19).
    A run of digits that fails the Luhn check (nine in ten do) or has another length stays, as does one inside a
    longer run, a URL's path or query, or a decimal number. The number starts as the payment cards' do (Mastercard's
    22-27, Amex, Diners and JCB's 3, Visa's 4, Mastercard's 5, Discover, UnionPay and Maestro's 6): over the raw
    corpus the rule without this fired 29 times, never on a card (Facebook ids, tweet ids, timestamps in ms,
    dates, all in HTML markup); with it 11 times, the same kinds (benchmarks/README.md, session 19)."""

    may = re.compile(f"{_D}{{4}}[ -]?{_D}{{3}}")
    # the Arabic decimal and thousands separators (٫ ٬) as `.` and `,`
    pattern = re.compile(rf"(?<![0-9\u0660-\u0669\u06f0-\u06f9A-Za-z_.,/=?&#:+\u066b\u066c-])"
                         rf"(?<!{_D}[ -])"
                         rf"(?P<secret>(?:{_digits(3, 6)}{_D}|{_digits(2, 2)}{_digits(2, 7)})"
                         rf"(?:{_D}{{11,17}}|{_D}{{2}}(?P<sep>[ -]){_D}{{3,6}}(?:(?P=sep){_D}{{3,6}}){{1,3}}))"
                         rf"(?!{_D}|[A-Za-z_/]|[.,\u066b\u066c-]{_D})")

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            digits = re.sub("[ -]", "", match.group())
            return make("secret", match.group()) if 13 <= len(digits) <= 19 and luhn_valid(digits) else match.group()

        return cls.pattern.sub(one, text)


def luhn_valid(digits: str) -> bool:
    """The Luhn check (ISO/IEC 7812-1, annex B) of a string of decimal digits (ASCII, Arabic-Indic or Persian:
    int() reads each): every second digit from the right doubled (less 9 when over 9), the sum a multiple of 10."""
    total = 0
    for place, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if place % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


# ISO 13616's registry (SWIFT, release 99) and Iran's, which publishes its own: each country's IBAN length
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IR": 26, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21,
    "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30,
    "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29,
    "VA": 22, "VG": 24, "XK": 20,
}


class Iban(TokenShape):
    """An International Bank Account Number (ISO 13616): a country code, two check digits and the account, written
    whole (`SA0380000000608010167519`) or in groups of four split by single spaces (`SA03 8000 0000 6080 1016
    7519`), as a donation appeal, an invoice or a classified ad writes it. It names one person's account as a card
    number does, so it is a secret (trial26: it was kept, and the phone rule had been taught to leave it whole).
    It counts only at its country's own length and passing its mod-97 check (ISO 7064), which a run of letters and
    digits of that shape passes once in 97 times; what follows it past that length (`… 7519 BIC XYZ`) stays."""

    may = re.compile("[A-Z]{2}[0-9]{2}[ ]?[0-9A-Z]{4}")
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?P<secret>[A-Z]{2}[0-9]{2}(?:[ ]?[0-9A-Z]{4}){2,7}(?:[ ]?[0-9A-Z]{1,4})?)"
                         r"(?![A-Za-z0-9_])")

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            whole = match.group()
            length = _IBAN_LENGTHS.get(whole[:2])
            if length is None:
                return whole
            seen = end = 0
            while end < len(whole) and seen < length:  # the IBAN's own characters; a group after it is other text
                seen += whole[end] != " "
                end += 1
            if seen < length or (end < len(whole) and whole[end] != " "):
                return whole
            iban = whole[:end].replace(" ", "")
            return make("secret", whole[:end]) + whole[end:] if iban_valid(iban) else whole

        return cls.pattern.sub(one, text)


def iban_valid(iban: str) -> bool:
    """ISO 13616's check: the first four characters moved to the end, letters as 10-35, the number mod 97 is 1."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(char, 36)) for char in moved)) % 97 == 1


class CookieHeader(TokenShape):
    """The values of an HTTP `Cookie:` or `Set-Cookie:` header (RFC 6265), as a browser's developer tools, a curl
    command (`-H 'cookie: …'`), a HAR file or a forum post asking for help pastes it: `Cookie: sessionid=…;
    csrftoken=…`. A session cookie is a login, as a bearer token is, and the others (a tracker's id) are a
    visitor's: every value is replaced, each name kept. Set-Cookie's attributes (`Path=/`, `Expires=…`) are no
    cookies and stay. The header's name comes before `:` or `=` (`"Cookie": "…"`, `document.cookie = "…"`), each
    cookie is `NAME=VALUE` between `;`, so prose ("Cookie: a soft one", "the cookie: sessionid is set") stays.
    A page's own script setting one (`document.cookie = "nofig=1; expires=…"`, 9 lines of the corpus's HTML) is
    code, not a header: only the header's `:` counts, and a name starts with a letter or `_` (`cookie":!0!==…`)."""

    may = re.compile(r"(?i:cookie)[\"']?[ \t]*:")
    pattern = re.compile(r"(?i)(?<![\w.-])(?:set-)?cookie[\"']?[ \t]*:[ \t]*[\"']?(?P<pairs>[^\r\n\"']+)")
    # a cookie's name is an RFC 7230 token; its value ends at `;`, a space, a quote, `,` or `\`; a value already
    # replaced (a `;csrftoken=` the URL-parameter rule took) is not counted twice
    _PAIR = re.compile(r"(?:^|;)[ \t]*(?P<name>[A-Za-z_][!#$%&*+.^_`|~0-9A-Za-z-]*)=(?![=<])"
                       r"(?P<value>[^;\s\"',\\]+)")
    _ATTRIBUTES = frozenset({"expires", "max-age", "domain", "path", "samesite", "priority", "partitioned",
                             "secure", "httponly"})

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def value(pair: re.Match[str]) -> str:
            if pair.group("name").lower() in cls._ATTRIBUTES:
                return pair.group()
            start = pair.start("value") - pair.start()
            return pair.group()[:start] + make("secret", pair.group("value"))

        def one(match: re.Match[str]) -> str:
            start = match.start("pairs") - match.start()
            return match.group()[:start] + cls._PAIR.sub(value, match.group("pairs"))

        return cls.pattern.sub(one, text)


class LabelledCredential(TokenShape):
    """A value written after a credential's name and `:` or `=`, as in a forum post, a pasted config or a
    leaked login: `password: hunter2`, `Passwort=Sommer2024!`, `api_key = "3f9a…"`, `"client_secret": "…"`,
    `كلمة المرور: 123456`, `رمز عبور: ali1360`, `کلمه عبور: …`, `الرقم السري: …`, `پاسورڈ: …`. The value must
    look like a credential: one word of 4 or more
    characters holding a digit or a sign (`!`, `#`, `$` …), or 16 or more characters, so that a form's label
    ("Password: Forgot your password?") or prose ("the password: swordfish") stays as it is. Names that are
    also ordinary words on their own (`pass`, `key`, `token`, `code`) count only in the compounds below. A name
    may carry a prefix joined by `_` or `-`, as .env files, docker-compose and CI variables write it
    (`DB_PASSWORD=`, `MYSQL_ROOT_PASSWORD:`, `OPENAI_API_KEY=`, `x-api-key:`), and an HTTP `Authorization:`
    header's scheme (`Basic`, `Bearer`, `Token`, `Digest`) stands between the name and the value."""

    # The prefilter is the last letter of every name below and the separator after it: an alternation of the names
    # themselves cost 0.19 CPU-s per 1.4 M characters of news (every position tried against 15 words; 2 s of a
    # 15 MB build), this 0.02 s, and the few texts it lets through cost the full pattern little.
    may = re.compile(r"(?i:[deaytn]|[رهڈيد])\\?[\"']?[ \t]*[:=]")
    _NAMES = (r"pass(?:word|wd|code|phrase)|passwort|mot[ ]de[ ]passe|contraseña|pwd|"
              r"api[_ -]?key|secret[_ -]?(?:access[_ -]?)?key|client[_ -]?secret|access[_ -]?token|auth[_ -]?token|"
              r"bearer[_ -]?token|private[_ -]?key|authorization|كلمة[ ]المرور|كلمة[ ]السر|رمز[ ]المرور|رمز[ ]عبور|"
              r"گذرواژه|پاس[ ]ورڈ|"
              # other spellings (trial21): ة written ه, Persian's کلمه عبور, a secret number or code, one-word
              # transliterations of "password" in Urdu and Persian
              r"[كک]لم[ةه][ ](?:المرور|السر|عبور)|ال(?:رقم|رمز)[ ]السري|پاسورڈ|پا?سورد")
    # a quote escaped by a backslash, as JSON held in a JSON string or a log line writes it (`{\"password\": \"…\"}`),
    # and Ruby's and PHP's `=>` (trial26: both kept)
    _SEPARATOR = r"\\?[\"']?[ \t]*(?:=>|[:=])"
    pattern = re.compile(rf"(?i)(?<![\w-])(?:[a-z0-9]+[_-])*(?:{_NAMES}){_SEPARATOR}"
                         r"[ \t]*\\?[\"']?(?:(?:basic|bearer|token|digest)[ \t]+)?(?P<secret>[^\s\"'<>,;]{4,256})")
    # In RE2, a name itself and what follows it: the last letter and `:` let through every `said:` and every Arabic
    # word ending in ه or ي before a colon (3,016 texts of the benchmark corpus, none with a credential, 0.07 CPU-s
    # of this detector). RE2 folds every letter of these names as Python does but `i` (İ, ı), which pii writes out
    # in every prefilter it gives RE2 (pii._turkish_i; tests/test_leaks.py).
    batch_may = f"(?i:{_NAMES}){_SEPARATOR}"
    _LINK = re.compile(r"(?i)(?:[a-z][a-z0-9+.-]*://|www\.)")  # "Reset your password: https://…" points somewhere
    _SIGN = re.compile(r"[0-9!#$%&*+/=?@^_~\u0660-\u0669\u06f0-\u06f9-]")

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            # the sentence's own end is not the value's, nor the backslash of an escaped closing quote
            value = _without_extension(match.group("secret").rstrip(".,)]}").removesuffix("\\"))
            if not cls.looks_secret(value):
                return match.group()
            start = match.start("secret") - match.start()
            return match.group()[:start] + make("secret", value) + match.group()[start + len(value):]

        return cls.pattern.sub(one, text)

    @classmethod
    def looks_secret(cls, value: str) -> bool:
        """4 characters or more with a digit or a sign, or 16 or more; not a link."""
        long_or_signed = len(value) >= 16 or cls._SIGN.search(value) is not None
        return len(value) >= 4 and long_or_signed and not cls._LINK.match(value)


class KeyedCredential(TokenShape):
    """A value under a key that is an ordinary word alone, `pass`, `pw`, `token` or `secret` (or such a word after a
    prefix joined by `_` or `-`: `db_pass`, `refresh_token`, `JWT_SECRET`), as JSON, YAML, an .env file or a command
    line writes it (trial26: `{"db": {"pass": "S3cr3t!x"}}`, `{"auth": {"token": "a8f5…"}}`, `{"secret":"Zk9x2mQ7"}`
    and `token: a8f5…` were kept). LabelledCredential leaves these words alone, for prose says them ("pass the salt",
    "a token of appreciation", "the secret: patience"); here the key must be written as only a key is:
    - quoted (`"pass":`, `'token' =>`, `\\"secret\\":`) or with a prefix (`DB_PASS=`): 4 characters or more holding
      a digit or a sign (not `_` or `-`: a placeholder, `whsec_ENTER_YOURS_HERE`, `your-token-here`, stays);
    - the word alone, unquoted (`token: …`, `secret=…`, `Pass: …`): the value must look like a key, not like a
      score or a count (`Pass: 45/60`): 8 characters or more holding a letter and a digit.
    Not a link, and no `(` or `)` (code: `"… token: ".concat(…)`)."""

    may = re.compile(r"(?i:[sdnwt])\\?[\"']?[ \t]*[:=]")  # the names' last letter, as LabelledCredential's
    _NAMES = "pass|pw|psw|pswd|token|secret"
    # (not after `<`: a pseudonym, `<secret:…>`, is no key)
    pattern = re.compile(r"(?i)(?:(?P<quote>\\?[\"'])|(?<![\w<-]))(?P<prefix>(?:[a-z0-9]+[_-])+)?"
                         rf"(?:{_NAMES})(?(quote)\\?[\"']|(?![\w-]))[ \t]*(?:=>|[:=])[ \t]*\\?[\"']?"
                         r"(?P<secret>[^\s\"'<>,;]{4,256})")
    batch_may = rf"(?i:{_NAMES})\\?[\"']?[ \t]*[:=]"
    _LETTER, _DIGIT = re.compile("[^\\W\\d_]"), re.compile("[0-9]")
    _SIGN = re.compile("[0-9!#$%&*+/=?@^~]")  # not `_` or `-`: `whsec_ENTER_YOURS_HERE`, `your-token-here` stay

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            value = _without_extension(match.group("secret").rstrip(".,)]}").removesuffix("\\"))
            if "(" in value or ")" in value:  # code: `"… token: ".concat(e.t0` (a string, then a call)
                return match.group()
            signed = cls._SIGN.search(value) is not None and LabelledCredential.looks_secret(value)
            if match.group("quote") or match.group("prefix"):
                secret = signed
            else:
                secret = signed and len(value) >= 8 and cls._LETTER.search(value) is not None and (
                    cls._DIGIT.search(value) is not None)
            if not secret:
                return match.group()
            start = match.start("secret") - match.start()
            return match.group()[:start] + make("secret", value) + match.group()[start + len(value):]

        return cls.pattern.sub(one, text)


class OneTimeCode(TokenShape):
    """A PIN or a one-time code written after its name, as a forwarded text message, a support chat or a pasted
    e-mail carries it: `your PIN is 4821`, `OTP: 552913`, `verification code 482193`, `رمز التحقق الخاص بك هو
    482193`, `کد تأیید شما ۴۸۲۱۹۳ است`, `آپ کا OTP کوڈ 552913 ہے`. The value is 4 to 8 digits (ASCII, Arabic-Indic or
    Persian) after the name and `:`, `=` or at most four words (`is`, `هو`, `شما`, `کوڈ`), on the same line and in
    the same sentence; LabelledCredential wants a sign or a letter in a short value, and these are digits alone.
    A word of time or place among those words (`the PIN introduced in 2019`, `منذ 2015`) says the number is a
    year, and an Indian postal `PIN code` (`pincode 110001`) is an area's, not a person's: both stay."""

    _NAMES = (r"(?i:(?<![\w-])(?:pin|otp|one[ -]time[ -](?:pass(?:word|code)?|code|pin)|(?:verification|security|"
              r"confirmation|authentication|activation|login|sign-in|2fa|mfa)[ -]code)(?![\w-]))"
              r"|(?:رمز|كود|کد)[ ](?:ال)?(?:تحقق|تفعيل|تأكيد|دخول|مؤقت)"  # Arabic
              r"|رقم[ ]التعريف[ ]الشخصي|رمز[ ]لمرة[ ]واحدة"
              r"|(?:کد|رمز)[ ](?:تایید|تأیید|تائید|فعال\u200c?سازی|یک[ ]?بار[ ]مصرف|پویا|دوم)"  # Persian
              r"|تصدیقی[ ]کوڈ|(?<=OTP[ ])کوڈ|پن[ ]کوڈ")  # Urdu
    # every name's core words (a Latin name's first letter as a class first, as for the other shapes, so that Python's
    # re skips to it); no narrower than `pattern`, and narrow enough that Arabic "رقم" and "رمز", English "one" and
    # "code" alone do not let most lines through to it (they did: 1,107 substitutions, 0.2 CPU-s in a fifth of the
    # benchmark corpus)
    may = re.compile(r"[Pp](?i:in)|[Oo](?i:tp|ne[ -]time)"
                     r"|(?i:verification|security|confirmation|authentication|activation|login|sign-in|2fa|mfa)[ -]"
                     r"(?i:code)"
                     r"|(?:رمز|كود|کد)[ ](?:ال)?(?:تحقق|تفعيل|تأكيد|دخول|مؤقت)|رقم[ ]التعريف|رمز[ ]لمرة"
                     r"|(?:کد|رمز)[ ](?:تایید|تأیید|تائید|فعال|یک|پویا|دوم)|تصدیقی[ ]کوڈ|پن[ ]کوڈ")
    pattern = re.compile(rf"(?P<name>{_NAMES})"
                         r"(?P<gap>[ \t]*[:=：][ \t]*|(?:[ \t]+[^\W\d_]{1,12}){0,4}[ \t]*[:=：]?[ \t]+)"
                         r"(?P<secret>[0-9\u0660-\u0669\u06f0-\u06f9]{4,8})"
                         r"(?![0-9\u0660-\u0669\u06f0-\u06f9\w]|[.,\u066b\u066c/:-][0-9\u0660-\u0669\u06f0-\u06f9])")
    # words that make the number a year, a place's code or a count, not a code
    _NOT_A_CODE = frozenset("in since from until till before after by on at of for year years code codes pincode "
                            "area zip postal في منذ عام سنة من حتى در از سال تا میں سے سال".split())

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            words = match.group("gap").lower().split()
            if any(word.strip(":=：") in cls._NOT_A_CODE for word in words):
                return match.group()
            start = match.start("secret") - match.start()
            return match.group()[:start] + make("secret", match.group("secret"))

        return cls.pattern.sub(one, text)


SHAPES: tuple[type[TokenShape], ...] = (TelegramBotToken, SlackWebhook, DiscordWebhook, GitHubToken, SlackToken,
                                        StripeSecretKey, AwsAccessKeyId, GoogleApiKey, HuggingFaceToken, OpenAiKey,
                                        AnthropicKey, GitLabToken, AzureAccountKey, SendGridKey, NpmToken, PyPiToken,
                                        GoogleOAuthToken, ShopifyToken, StripeWebhookSecret,
                                        DigitalOceanToken, JsonWebToken, BearerToken, UrlPassword,
                                        KeyBodyLine, KeyBodyRun, Iban, PaymentCardNumber, CookieHeader,
                                        LabelledCredential, KeyedCredential, OneTimeCode)
