"""Printed date vocabulary: month names and date patterns, grouped by language.

Data only; :mod:`pipelines.dates` reads dates printed next to the headline with these.
"""

from __future__ import annotations

import re

# month name (lower-case, without a trailing period) -> month number
MONTHS: dict[str, int] = {}
for _names in (
    # en
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
     "august aug", "september sep sept", "october oct", "november nov", "december dec"),
    # de
    ("januar jänner jan", "februar feb", "märz mär", "april apr", "mai", "juni", "juli",
     "august aug", "september sep sept", "oktober okt", "november nov", "dezember dez"),
    # fr
    ("janvier janv", "février févr fevrier", "mars", "avril avr", "mai", "juin", "juillet juil",
     "août aout", "septembre sept", "octobre oct", "novembre nov", "décembre déc decembre"),
    # es
    ("enero ene", "febrero", "marzo", "abril abr", "mayo", "junio", "julio", "agosto ago",
     "septiembre setiembre", "octubre", "noviembre", "diciembre dic"),
    # pt
    ("janeiro", "fevereiro fev", "março", "abril", "maio", "junho", "julho", "agosto",
     "setembro set", "outubro out", "novembro", "dezembro dez"),
    # it
    ("gennaio gen", "febbraio", "marzo", "aprile", "maggio mag", "giugno giu", "luglio lug",
     "agosto", "settembre", "ottobre ott", "novembre", "dicembre"),
    # nl
    ("januari", "februari", "maart mrt", "april", "mei", "juni", "juli", "augustus",
     "september", "oktober", "november", "december"),
):
    for _number, _spellings in enumerate(_names, start=1):
        for _spelling in _spellings.split():
            MONTHS.setdefault(_spelling, _number)

_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# dates as printed under a headline; the first match in a short text wins
PRINTED_DATES = (
    re.compile(r"(?<![\d.])" + _YEAR + r"-(?P<nmonth>[01]\d)-" + _DAY + r"(?!\d)"),  # ISO
    # day first, numeric: "26.01.2022", "20/12/2022" (de, fr, es, it, nl, pt...)
    re.compile(r"(?<![\d.])" + _DAY + r"[./](?P<nmonth>[01]?\d)[./]" + _YEAR + r"(?!\d)"),
    # "1. Februar 2022", "30 septembre 2018", "3 de marzo de 2020", "13 June 2019"
    re.compile(r"(?<![\d.])" + _DAY + r"\.?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?" + _YEAR
               + r"(?!\d)", re.I),
    # en: "June 13, 2019", "Jan. 5 2021"
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:st|nd|rd|th)?,?\s+" + _YEAR + r"(?!\d)",
               re.I),
    # day first with a two-digit year, dots only: "28.09.19" (de, nl, ...)
    re.compile(r"(?<![\d.])(?P<day>[0-3]\d)\.(?P<nmonth>[01]\d)\.(?P<year>\d{2})(?![\d.]\d)"),
)
# the time of day printed after a date: "21:44", "15.00 Uhr", "2:00 a. m.", "10:42 am", "9h30"
PRINTED_TIME = re.compile(
    r"(?<![\d.:])(?P<hour>[0-2]?\d)(?::|h|\.(?=\d{2}\s*(?:Uhr|h\b)))(?P<minute>[0-5]\d)(?![\d.:]\d)"
    r"(?:\s*(?P<half>[ap]\.?\s?m\b\.?))?",
    re.I,
)
# a paragraph that opens with its dateline: "29.11.2022 – Mehrfach ...", "BERLIN, 3 May 2024 - ..."
DATELINE_LEAD = re.compile(r"\s*(.{6,60}?\d)\s*\)?\s*[–—-]\s")
# labels that make the date after them the last change, not the publication
UPDATE_LABEL = re.compile(
    r"\b(?:"
    r"updated|last\s+modified|modified"  # en
    r"|aktualisiert|update\s+vom|zuletzt\s+geändert"  # de
    r"|mis\s+à\s+jour|modifié|actualisé"  # fr
    r"|actualizad[oa]|actualización"  # es
    r"|aggiornat[oa]|aggiornamento"  # it
    r"|bijgewerkt|gewijzigd"  # nl
    r"|atualizad[oa]|atualização"  # pt
    r")",
    re.I,
)
