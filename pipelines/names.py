"""Credit strings to clean author names and news agencies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.byline_rules import (
    ADMIN_ACCOUNT,
    AFFILIATION,
    AGENCY_BY_ALIAS,
    BY_PREFIX,
    BY_PREFIX_LOWER,
    CMS_USERS,
    CREDIT_LABELS,
    DATE_TEXT,
    EMAIL,
    GENDER_SUFFIX,
    GENERIC_DESKS,
    HANDLE,
    INTERVIEW_WITH,
    NAME_PARTICLES,
    NAME_SPLIT,
    NOISE,
    ORG_WORDS,
    PARENS,
    PHOTO_CREDIT,
    ROLE_COMPOUND,
    ROLE_WORDS,
    UNSPACED_ROLE_WORDS,
    URL,
)
from pipelines.metatext import clean_text, glued_key

_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.U)
_NUMBER_WORD = re.compile(r"(?<!\w)\d")  # a word starting with a digit; "BR24" is a name
# "Perry Bacon Jr.", "R. R.": a closing period that belongs to the name
_ABBREVIATED_END = re.compile(r"^(?:jr|sr|[^\W\d_])\.$", re.I)
_DOMAINISH = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)
_TRIM = " \t-–—:|,;.·•/*"
_PLACE_SEPARATORS = (",", "-", "–", "—")
MAX_NAME_WORDS = 6
_MAX_PUBLISHER_WORDS = 3
_MAX_PLACE_WORDS = 3
_MIN_NAMES_AROUND_PLACE = 3
# an unspaced slash between an outlet (one or two words) and an editor's initials
_SIGN_OFF = re.compile(
    r"(?<![\w./-])([^\W\d_][\w.-]*(?:\s[^\W\d_][\w.-]*)?)/([^\W\d_][\w.-]*)(?![\w/])")
_INITIALS = re.compile(r"[a-zäöüß]{2,5}")
_SIGN_OFF_SLASH = "\u2215"  # a division slash: not a name separator
MAX_CREDIT_CHARS = 300
_MAX_PREPOSITION_CHARS = 3  # role words this short are prepositions ("am", "on", "vom")


@dataclass(slots=True)
class ParsedCredit:
    """People (or desks) and agencies named by one credit string, in order of appearance."""

    authors: list[str] = field(default_factory=list)
    agencies: list[tuple[str, str]] = field(default_factory=list)  # (canonical, as printed)


def agency_of(name: str) -> str | None:
    """The canonical agency name if ``name`` is a news agency spelling."""
    return AGENCY_BY_ALIAS.get(" ".join(name.split()).strip(_TRIM).casefold())


def parse_credit(text: str, publishers: frozenset[str] = frozenset(), *,
                 split: bool = True, organisations: bool = True,
                 typed: bool = False) -> ParsedCredit:
    """Split a credit ("By A and B / AP") into clean names and agencies; publishers are dropped.

    ``publishers`` holds glued keys (:func:`glued_key`) of the site's own names. ``typed``
    credits come from a field that holds names (JSON-LD ``author``): a lower-case word there
    ("Mobasir hassan") does not make a phrase of it as it does in printed text.
    """
    result = ParsedCredit()
    text = clean_text(text)
    if not text or len(text) > MAX_CREDIT_CHARS or PHOTO_CREDIT.match(text):
        return result
    text = URL.sub(" ", EMAIL.sub(" ", text))
    inner = _parenthesised_agency(text)
    if inner:
        result.agencies.append(inner)
    text = NOISE.sub(" ", PARENS.sub(" ", GENDER_SUFFIX.sub("in", text)))
    text = INTERVIEW_WITH.sub(r"\1", text)
    text = _SIGN_OFF.sub(lambda m: _joined_sign_off(m, publishers, result), text)
    parts = NAME_SPLIT.split(text) if split else [text]
    after_outlet = False  # the previous part credited the publisher or an agency
    for raw in parts:
        part = _without_publisher(_clean_part(raw), publishers)
        if not part:
            continue
        agency = agency_of(part)
        if agency:
            result.agencies.append((agency, part))
        elif after_outlet and result.authors and _is_trailing_place(text, part):
            break  # "Nada Tawfik, BBC News, New York": where the writer files from
        elif not organisations and ORG_WORDS.search(part):
            break  # the rest names the body too: "Departement für Wirtschaft, Bildung und ..."
        elif result.authors and _is_regional_outlet(part, publishers):
            after_outlet = True  # "Jane Doe, MDR THÜRINGEN": the publisher's regional desk
            continue
        elif _is_name(part, publishers, typed=typed):
            result.authors.append(part.replace(_SIGN_OFF_SLASH, "/"))
        after_outlet = bool(agency) or glued_key(part) in publishers
    if _ends_with_place(text, result.authors):
        result.authors.pop()
    result.authors = _without_places_between(text, result.authors)
    return result


def _joined_sign_off(match: re.Match[str], publishers: frozenset[str],
                     result: ParsedCredit) -> str:
    """A desk's sign-off, an outlet or agency and an editor's initials ("srf/hosb", "det/dpa",
    "MDR THÜRINGEN/ls"), with a slash that :data:`NAME_SPLIT` does not split; else as printed.

    The agency of a sign-off is a wire source too.
    """
    left, right = match.group(1), match.group(2)
    for outlet, initials in ((left, right), (right, left)):
        if not _INITIALS.fullmatch(initials) or agency_of(initials):
            continue
        agency = agency_of(outlet)
        if agency or glued_key(outlet.split()[0]) in publishers or glued_key(outlet) in publishers:
            if agency:
                result.agencies.append((agency, outlet))
            return f"{left}{_SIGN_OFF_SLASH}{right}"
    return match.group(0)


def _is_regional_outlet(part: str, publishers: frozenset[str]) -> bool:
    """True when ``part`` is the publisher's name and a region or desk: "MDR THÜRINGEN"."""
    words = part.split()
    return len(words) > 1 and glued_key(words[0]) in publishers


def _is_trailing_place(text: str, part: str) -> bool:
    """True when ``part`` ends the credit after a comma and is a short capitalised phrase."""
    words = part.split()
    return (len(words) <= _MAX_PLACE_WORDS and all(w[:1].isupper() for w in words)
            and text.rstrip(_TRIM).endswith(part)
            and text.rstrip(_TRIM)[: -len(part)].rstrip().endswith(","))


def _ends_with_place(text: str, authors: list[str]) -> bool:
    """A full name, a comma (or dash) and one word: a place ("Anna Sleegers, Frankfurt")."""
    if len(authors) != 2 or " " in authors[-1] or " " not in authors[0]:
        return False
    head = text.rstrip(_TRIM)
    before = head[: -len(authors[-1])].rstrip()
    return head.endswith(authors[-1]) and before.endswith(_PLACE_SEPARATORS)


def _without_places_between(text: str, authors: list[str]) -> list[str]:
    """Full names with the places they file from between them dropped: "Markus Haefliger,
    London, Beat Bumbacher" (one word after a full name and a comma, before another full name)."""
    if len(authors) < _MIN_NAMES_AROUND_PLACE:
        return authors
    kept = [authors[0]]
    for before, name, after in zip(authors, authors[1:], authors[2:], strict=False):
        if not (" " not in name and " " in before and " " in after
                and f"{before}, {name}," in text):
            kept.append(name)
    kept.append(authors[-1])
    return kept


def _without_publisher(part: str, publishers: frozenset[str]) -> str:
    """A name without the site's name printed after it ("Adam Aaronson PhillyVoice Staff")."""
    words = part.split()
    for size in range(1, min(_MAX_PUBLISHER_WORDS, len(words) - 2) + 1):
        if glued_key(" ".join(words[-size:])) in publishers:
            return " ".join(words[:-size]).strip(_TRIM)
    return part


def _parenthesised_agency(raw: str) -> tuple[str, str] | None:
    for match in PARENS.finditer(raw):
        inside = match.group(0).strip(" ()[]")
        agency = agency_of(inside)
        if agency:
            return agency, inside
    return None


def _clean_part(raw: str) -> str:
    abbreviated = bool(raw.split()) and bool(_ABBREVIATED_END.search(raw.split()[-1]))
    part = " ".join(raw.split()).strip(_TRIM)
    for _ in range(2):
        part = BY_PREFIX_LOWER.sub("", BY_PREFIX.sub("", part)).strip(_TRIM)
    part = HANDLE.sub(" ", PARENS.sub(" ", part))
    part = AFFILIATION.sub("", DATE_TEXT.sub(" ", part))
    words = part.split()
    # roles around a name: "Senior Reporter Jane Doe", "Jane Doe, Staff Writer" (after split)
    while len(words) > 1 and (words[0].casefold().strip(_TRIM) in ROLE_WORDS
                               or ROLE_COMPOUND.match(words[0])):
        words.pop(0)
    # ...but roles after a single word are a surname, a pen name or a desk ("Jörg Staff",
    # "MND Staff", "Rasender Reporter", "Guardian staff reporter"): kept whole
    roles = _trailing_roles(words)
    if roles and len(words) - roles >= 2:
        del words[-roles:]
    # scripts that do not space names write one word and the role after it: "신현주 기자"
    while len(words) > 1 and words[-1].strip(_TRIM) in UNSPACED_ROLE_WORDS:
        words.pop()
    half = len(words) // 2
    if half > 1 and len(words) % 2 == 0 and words[:half] == words[half:]:
        words = words[:half]  # a name printed twice: link text plus a hidden label
    name = " ".join(words).strip(_TRIM)
    return name + "." if abbreviated and name and not name.endswith(".") else name


def _trailing_roles(words: list[str]) -> int:
    """How many words at the end of ``words`` are role words ("Staff Writer")."""
    count = 0
    for word in reversed(words):
        if word.casefold().strip(_TRIM) not in ROLE_WORDS:
            break
        count += 1
    return count


def _is_name(part: str, publishers: frozenset[str], *, typed: bool = False) -> bool:
    folded = part.casefold()
    if folded in CMS_USERS or folded in GENERIC_DESKS or folded in CREDIT_LABELS:
        return False
    if ADMIN_ACCOUNT.fullmatch(part):
        return False
    words = part.split()
    if len(words) > 1 and _NUMBER_WORD.search(part):  # "Datum: 03.Mär.19", "ca. 8 Min"
        return False
    if not words or len(words) > MAX_NAME_WORDS or not _WORD.search(part):
        return False
    if all(w.casefold().strip(_TRIM) in ROLE_WORDS for w in words):
        return False
    if _DOMAINISH.match(part) or not any(len(w.strip(_TRIM)) > 1 for w in words):
        return False
    glued = glued_key(part)
    if not glued or glued in publishers:
        return False
    # a phrase, not a name: a lower-case word that is no name particle ("Von der Aktivität zur
    # Dosis", "von anderen Anbietern"); single handles ("jdoe") stay names
    # (lower-case job titles do not make one: "Guardian staff reporter"; "am", "on" do)
    lower = sum(1 for w in words if w[:1].islower() and w.isalpha() and w not in NAME_PARTICLES
                and not (w in ROLE_WORDS and len(w) > _MAX_PREPOSITION_CHARS))
    return lower < 2 if typed else len(words) == 1 or not lower
