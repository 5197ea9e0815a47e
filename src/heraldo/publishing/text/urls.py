"""Finding URLs in post text the way twitter-text does (and Mastodon, which reuses it with looser paths).

A port of the rules of twitter-text's URL extractor (js/src/extractUrlsWithIndices.js and js/src/regexp/ in
github.com/twitter/twitter-text, Apache License 2.0): a URL is an optional http(s) scheme, a domain that ends in a
known top-level domain (`tlds.py`) or punycode, an optional port, path and query. Without a scheme only the ASCII
part of the domain counts ("example.com", not "例え.com"), and not right after "-", "_", "." or "/".
Offsets are code points of the text as given (the caller normalises it first).

twitter-text finds URLs with one backtracking regex, which takes quadratic time on text such as "a.a.a.a..."
(seconds for a few thousand characters). `find_urls` gives the same answers in linear time: it scans the way
the regex does, but works out the domain part (labels, then a top-level domain) with memoised steps, and uses
regexes only for the parts that cannot backtrack far. `reference_pattern` is the original regex, for tests.
"""

import re
from dataclasses import dataclass

from heraldo.publishing.text.tlds import COUNTRY_TLDS, GENERIC_TLDS

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_DOMAIN_LABEL_LENGTH = 63
DEFAULT_SCHEME = "https://"

# Character groups, written for use inside [...].
_INVALID = r"\ufffe\ufeff\uffff"
_DIRECTIONAL = r"\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]\^_{|}~$"
_SPACES = r"\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LATIN_ACCENTS = (
    r"\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268\u026f\u0272"
    r"\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = r"\u0400-\u04ff"


def _alternation(names: tuple[str, ...]) -> str:
    """One pattern matching any of `names`, as a trie so that a miss costs one character, not 1,500 tries.

    A name is tried before any name it is a prefix of ("zippo" before "zip"), as in twitter-text's list.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items(), reverse=True) if ch]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{joined})?" if "" in node else joined

    return pattern(trie)


# JavaScript's "$" (end of input) is "\Z" here: Python's "$" would also match before a final newline.
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|\Z)"
_GTLD = rf"(?:(?:{_alternation(GENERIC_TLDS)}){_TLD_END})"
_CCTLD = rf"(?:(?:{_alternation(COUNTRY_TLDS)}){_TLD_END})"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"

_DOMAIN_CHAR = rf"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
# twitter-text writes a label as (?:(?:D(?:[_-]|D)*)?D\.); this is the same language, without the backtracking
# inside a label that cannot succeed (a label is followed by a dot, and "_" and "-" are not domain characters).
_SUBDOMAIN = rf"(?:{_DOMAIN_CHAR}(?:[_-]*+{_DOMAIN_CHAR})*+\.)"
_DOMAIN_NAME = rf"(?:{_DOMAIN_CHAR}(?:-*+{_DOMAIN_CHAR})*+\.)"
_DOMAIN = rf"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{_GTLD}|{_CCTLD}|{_PUNYCODE}))"
_PRECEDING = rf"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID}]|[{_DIRECTIONAL}]|^)"
_PORT = r"[0-9]+"


@dataclass(frozen=True)
class UrlRules:
    """The parts of the URL pattern that differ between twitter-text and Mastodon."""

    schemes: str
    path_segment: str
    query_char: str
    query_ending_char: str
    without_scheme: bool


def _balanced_parens(path_char: str) -> str:
    # Up to one nested level: /Primer_(film), /track/We_Up_(Album_Version_(Edited))/
    return rf"\((?:{path_char}+|(?:{path_char}*\({path_char}+\){path_char}*))\)"


def reference_pattern(rules: UrlRules) -> re.Pattern[str]:
    """twitter-text's single URL regex (groups: 2 preceding character, 3 URL, 4 scheme, 5 domain, 7 path)."""
    return re.compile(
        rf"(({_PRECEDING})"
        rf"(({rules.schemes})?"
        rf"({_DOMAIN})"
        rf"(?::({_PORT}))?"
        rf"(/{rules.path_segment}*)?"
        rf"(\?{rules.query_char}*{rules.query_ending_char})?))",
        re.IGNORECASE,
    )


def _tail_pattern(rules: UrlRules) -> re.Pattern[str]:
    """What follows the domain: port, path, query, all optional (groups: 1 port, 2 path, 3 query)."""
    return re.compile(
        rf"(?::({_PORT}))?(/{rules.path_segment}*)?(\?{rules.query_char}*{rules.query_ending_char})?",
        re.IGNORECASE,
    )


_PATH_CHAR = rf"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\[\]\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PATH_PARENS = _balanced_parens(_PATH_CHAR)
_PATH_ENDING_CHARS = rf"[+\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]"
TWITTER_RULES = UrlRules(
    schemes=r"https?://",
    # As the JavaScript and Java sources splice it, ungrouped: a segment ends in an ending character, or is a
    # parenthesised group on its own, or is "@user/" (a slash after an @ in the middle of a path).
    path_segment=(
        rf"(?:(?:{_PATH_CHAR}*(?:{_PATH_PARENS}{_PATH_CHAR}*)*{_PATH_ENDING_CHARS}|(?:{_PATH_PARENS}))"
        rf"|(?:@{_PATH_CHAR}+/))"
    ),
    query_char=r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]",
    query_ending_char=r"[a-z0-9\-_&=#/]",
    without_scheme=True,
)

# Mastodon replaces twitter-text's path and query rules (config/initializers/twitter_regex.rb) and links only
# URLs with a scheme. Its ending rule still uses twitter-text's parentheses: it is defined before it redefines them.
_MASTODON_UCHARS = (
    r"\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd"
    r"\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    r"\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd"
    r"\U000e1000-\U000efffd\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
)
# Unicode White_Space, which Ruby's \p{White_Space} means.
_WHITE_SPACE = r"\x09-\x0d\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_MASTODON_PATH_CHAR = rf"[^{_WHITE_SPACE}<>()?]"
_MASTODON_PATH_ENDING = rf"(?:[^{_WHITE_SPACE}()?!*\"'「」<>;:=,.$%\[\]~&|@]|(?:{_PATH_PARENS}))"
_MASTODON_PARENS = _balanced_parens(_MASTODON_PATH_CHAR)
MASTODON_RULES = UrlRules(
    schemes=r"(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://",
    path_segment=(
        rf"(?:(?:{_MASTODON_PATH_CHAR}*(?:{_MASTODON_PARENS}{_MASTODON_PATH_CHAR}*)*{_MASTODON_PATH_ENDING})"
        rf"|(?:{_MASTODON_PATH_CHAR}+/))"
    ),
    query_char=rf"[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@\^{_MASTODON_UCHARS}]",
    query_ending_char=rf"[a-z0-9_&=#/\-{_MASTODON_UCHARS}]",
    without_scheme=False,
)

_SCHEME = {rules: re.compile(rules.schemes, re.IGNORECASE) for rules in (TWITTER_RULES, MASTODON_RULES)}
_TAIL = {rules: _tail_pattern(rules) for rules in (TWITTER_RULES, MASTODON_RULES)}
_PRECEDING_CHAR = re.compile(rf"[^A-Za-z0-9@\uff20$#\uff03{_INVALID}]")
_LABEL_RUN = re.compile(rf"(?:{_DOMAIN_CHAR}|[_-])*+")
_DOMAIN_CHAR_AT = re.compile(_DOMAIN_CHAR)
_TLD = re.compile(rf"{_GTLD}|{_CCTLD}|{_PUNYCODE}", re.IGNORECASE)
_ASCII_LABEL = re.compile(rf"[\-a-z0-9{_LATIN_ACCENTS}]+\.", re.IGNORECASE)
_TCO_URL = re.compile(
    rf"https?://t\.co/([a-z0-9]+)(?:\?{TWITTER_RULES.query_char}*{TWITTER_RULES.query_ending_char})?", re.IGNORECASE
)
_NO_SCHEME_AFTER = re.compile(r"[-_./]\Z")


@dataclass(frozen=True)
class FoundUrl:
    url: str
    start: int
    end: int


@dataclass(frozen=True)
class _Candidate:
    """One match of the reference pattern."""

    before: str
    url_start: int
    scheme: str | None
    domain: str
    path: str | None
    end: int


class _DomainScanner:
    """Where the domain starting at a position ends, as `_DOMAIN` would match it, with shared work memoised.

    `_DOMAIN` is labels ("name."), then a top-level domain. Its greedy `_SUBDOMAIN*` means: of all the labels
    in the chain that have no "_" and are followed by a top-level domain, the furthest one wins. That answer for
    a label depends only on the labels after it, so it is worked out once per label.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._furthest: dict[int, int | None] = {}  # label start -> domain end, or None
        self._tld_end: dict[int, int | None] = {}
        # The last run of domain characters, "_" and "-" read: (start, end, position of its last "_").
        self._run = (0, 0, -1)

    def _label_end(self, start: int) -> tuple[int, bool] | None:
        """(end, free of "_") of the label at `start`, or None.

        A label is a run of domain characters, "_" and "-" that starts and ends with a domain character and is
        followed by a dot. Every start inside one run shares its end, so a run is read once.
        """
        if not _DOMAIN_CHAR_AT.match(self.text, start):
            return None
        first, end, underscore = self._run
        if not first <= start < end:
            end = _LABEL_RUN.match(self.text, start).end()
            underscore = self.text.rfind("_", start, end)
            self._run = (start, end, underscore)
        if self.text[end : end + 1] != "." or self.text[end - 1] in "_-":
            return None
        return end + 1, underscore < start

    def _tld(self, start: int) -> int | None:
        if start not in self._tld_end:
            match = _TLD.match(self.text, start)
            self._tld_end[start] = match.end() if match else None
        return self._tld_end[start]

    def domain_end(self, start: int) -> int | None:
        chain: list[tuple[int, int, bool]] = []
        position = start
        while position not in self._furthest:
            label = self._label_end(position)
            if label is None:
                self._furthest[position] = None
                break
            chain.append((position, *label))
            position = label[0]
        furthest = self._furthest[position]
        for label_start, label_end, no_underscore in reversed(chain):
            if furthest is None and no_underscore:
                furthest = self._tld(label_end)
            self._furthest[label_start] = furthest
        return self._furthest[start]


def _candidates(text: str, rules: UrlRules):
    """The matches of `reference_pattern(rules)` over `text`, left to right, as `finditer` gives them."""
    domains = _DomainScanner(text)
    scheme_pattern, tail_pattern = _SCHEME[rules], _TAIL[rules]
    position = 0
    while position < len(text):
        found = None
        # The character before the URL, or the very start of the text.
        url_starts = [position + 1] if _PRECEDING_CHAR.match(text, position) else []
        if position == 0:
            url_starts.append(0)
        for url_start in url_starts:
            scheme = scheme_pattern.match(text, url_start)
            domain_starts = [scheme.end(), url_start] if scheme else [url_start]
            for domain_start in domain_starts:
                domain_end = domains.domain_end(domain_start)
                if domain_end is not None:
                    tail = tail_pattern.match(text, domain_end)
                    found = _Candidate(
                        before=text[position:url_start],
                        url_start=url_start,
                        scheme=text[url_start:domain_start] or None,
                        domain=text[domain_start:domain_end],
                        path=tail.group(2),
                        end=tail.end(),
                    )
                    break
            if found:
                break
        if found is None:
            position += 1
            continue
        yield found
        position = found.end


def _ascii_domains(domain: str) -> list[tuple[int, int]]:
    """Spans of the ASCII domains in `domain`, as finditer with twitter-text's validAsciiDomain finds them.

    That regex is `(?:[-a-z0-9...]+[.])+tld`: from a start, the furthest label followed by a top-level domain
    wins. That depends only on where the first label ends, so it is memoised by that position.
    """
    furthest: dict[int, int | None] = {}

    def furthest_from(label_end: int) -> int | None:
        chain = [label_end]
        while chain[-1] not in furthest and (label := _ASCII_LABEL.match(domain, chain[-1])):
            chain.append(label.end())
        best = furthest.get(chain[-1])
        for end in reversed(chain):
            if end not in furthest:
                if best is None:
                    tld = _TLD.match(domain, end)
                    best = tld.end() if tld else None
                furthest[end] = best
        return furthest[label_end]

    spans = []
    position = 0
    while position < len(domain):
        label = _ASCII_LABEL.match(domain, position)
        end = furthest_from(label.end()) if label else None
        if end is None:
            position += 1
            continue
        spans.append((position, end))
        position = end
    return spans


def _label_fits(label: str) -> bool:
    """A DNS label is 1-63 characters once punycode-encoded (RFC 3490)."""
    if any(ord(ch) > 0x7E for ch in label):
        try:
            label = "xn--" + label.encode("punycode").decode("ascii")
        except UnicodeError:
            return False
    return 1 <= len(label) <= MAX_DOMAIN_LABEL_LENGTH


def _valid_domain_and_length(url: str, scheme: str, domain: str) -> bool:
    if len(scheme) + len(url) > MAX_URL_LENGTH:
        return False
    if not all(_label_fits(label) for label in domain.split(".")):
        return False
    # Punycode cannot hold non-ASCII characters.
    return not (domain[:4] == "xn--" and not _ascii_domains(domain))


def find_urls(text: str, rules: UrlRules = TWITTER_RULES) -> list[FoundUrl]:
    """Every URL in `text` with its code-point offsets (end exclusive), in order."""
    if not text or ("." not in text if rules.without_scheme else ":" not in text):
        return []
    found: list[FoundUrl] = []
    for candidate in _candidates(text, rules):
        start, end, domain = candidate.url_start, candidate.end, candidate.domain
        url = text[start:end]
        if not _valid_domain_and_length(url, candidate.scheme or DEFAULT_SCHEME, domain):
            continue
        if candidate.scheme:
            tco = _TCO_URL.match(url)
            if tco:
                # A t.co link takes no extra path, and its slug is short.
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                url, end = tco.group(0), start + len(tco.group(0))
            found.append(FoundUrl(url, start, end))
            continue
        if not rules.without_scheme or _NO_SCHEME_AFTER.search(candidate.before):
            continue
        # Without a scheme, only the ASCII domains inside the match are links; the path goes with the last.
        spans = _ascii_domains(domain)
        if not spans:
            continue
        domain_start = start
        for ascii_start, ascii_end in spans[:-1]:
            found.append(FoundUrl(domain[ascii_start:ascii_end], domain_start + ascii_start, domain_start + ascii_end))
        last_start, last_end = spans[-1]
        if candidate.path:
            found.append(FoundUrl(url.replace(domain, domain[last_start:last_end], 1), domain_start + last_start, end))
        else:
            found.append(FoundUrl(domain[last_start:last_end], domain_start + last_start, domain_start + last_end))
    return found
