"""Byline vocabulary: agencies, credit prefixes, roles and noise, grouped by language.

Data only; the parsing lives in :mod:`pipelines.names`. Patterns are compiled once here.
"""

from __future__ import annotations

import re

# canonical display name (the short name readers see in credits: "AP", "dpa") -> spellings seen
# in credits (matched whole, case-insensitive)
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFP Deutschland"),
    "France 24": ("France 24", "France24"),
    "dpa": ("dpa", "Deutsche Presse-Agentur", "dpa-AFX", "dpa/lno", "dpa-infocom"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "PA": ("PA", "PA Media", "Press Association", "PA Wire"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Kyodo": ("Kyodo", "Kyodo News", "共同通信"),
    "ANP": ("ANP",),
    "Belga": ("Belga",),
    "APA": ("APA", "Austria Presse Agentur"),
    "Keystone-SDA": ("SDA", "Keystone-SDA", "Keystone-ATS", "ATS", "sda", "SDA/Keystone"),
    "Europa Press": ("Europa Press",),
    "Lusa": ("Lusa", "Agência Lusa"),
    "EPA": ("EPA", "European Pressphoto Agency"),
    "KNA": ("KNA", "Katholische Nachrichten-Agentur"),
    "epd": ("epd", "Evangelischer Pressedienst"),
    "Kathpress": ("Kathpress", "Katholische Presseagentur"),
    "AAP": ("AAP", "Australian Associated Press"),
    "The Canadian Press": ("Canadian Press", "The Canadian Press"),
    "UPI": ("UPI", "United Press International"),
    "TASS": ("TASS", "ТАСС"),
    "RIA Novosti": ("RIA Novosti", "РИА Новости"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu Ajansı", "AA"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "Yonhap": ("Yonhap", "연합뉴스"),
    "NTB": ("NTB",),
    "TT": ("TT Nyhetsbyrån",),
    "Ritzau": ("Ritzau",),
    "STT": ("STT",),
    "PAP": ("PAP",),
    "CTK": ("ČTK", "CTK"),
    "MTI": ("MTI",),
    "AGI": ("AGI",),
    "Adnkronos": ("Adnkronos",),
    "SID": ("SID",),
    "Notimex": ("Notimex",),
    "Télam": ("Télam",),
    "Agência Brasil": ("Agência Brasil",),
    "Bernama": ("Bernama",),
    "SP-X": ("SP-X", "Spotpress"),
    "Antara": ("Antara",),
    "CNA": ("CNA",),
}
# agency spellings that are only agencies in a credit, never as a word inside a name
AGENCY_BY_ALIAS: dict[str, str] = {
    alias.casefold(): name for name, aliases in AGENCIES.items() for alias in aliases
}
_ALIASES = sorted(AGENCY_BY_ALIAS, key=len, reverse=True)
# "(AP) —", "(dpa) -", "BERLIN (Reuters) –": a wire dateline at the start of the first paragraph;
# group "agency": the agency, group "credit": the whole parenthesis ("dpa/lno")
DATELINE = re.compile(
    r"^[^()\n]{0,60}?\((?P<credit>(?P<agency>" + "|".join(re.escape(a) for a in _ALIASES)
    + r")(?:[/,][^)]{0,20})?)\)"
    r"\s*[-–—:]",
    re.I,
)

# the kind of piece named before its writer: "Ein Gastbeitrag von", "Blog Beitrag von", "A guest
# post by", "Un entretien de", "Entrevista de": an article, a blog or guest piece; noun and
# preposition of the same language ("Post von Frau X" is a letter, not a credit; "Great post by
# Jane" a reader's praise)
PIECE_BY = (
    r"(?:(?:ein|eine|a|an|un|une|una|een)\s+)?(?:(?:blog|gast|guest)[\s-]?)?"
    r"(?:(?:beitrag|artikel|interview|kommentar)\s+von"  # de
    r"|(?:post|article|column|interview)\s+by"  # en
    r"|(?:entretien|article|interview)\s+(?:de|par)"  # fr
    r"|(?:entrevista|artículo)\s+(?:de|por)|(?:intervista|articolo)\s+di"  # es, it
    r"|(?:artikel|interview)\s+door)"  # nl
)
# "By", "Von", "Par"... in front of a credit, per language
BY_PREFIX = re.compile(
    r"^(?:" + PIECE_BY + "|"
    r"(?:written|posted|published|reported|compiled|words|story|text|reporting|edited)\s+by"  # en
    r"|by|from|author|authors|interview(?:\s+by)?|with\s+(?:material|reporting)\s+(?:from|by)"
    r"|von|text|autor|autorin|autoren"  # de
    r"|(?:geschrieben|verfasst|eingestellt|erstellt)\s+von"
    r"|mit\s+material\s+(?:von|der|des)"  # de: agency credit under the text
    r"|par|écrit\s+par|auteur|avec"  # fr
    r"|por|escrito\s+por|autor(?:a)?|con\s+informaci[oó]n\s+de"  # es/pt
    r"|com\s+informa[cç][oõ]es\s+d[aeo]s?"  # pt
    r"|door|geschreven\s+door"  # nl
    r"|a\s+cura\s+di|autore"  # it
    r"|av|af"  # sv/no/da
    r"|yazar|муаллиф|автор"  # tr/ru
    r"|(?:quelle|source|fuente|fonte|bron)(?=\s*:)"  # a source label: "Quelle: hessenschau.de/bb"
    r")\s*[:.]?\s+",
    re.I,
)
# a printed byline line found in running text: "Von Jane Doe", "By JANE DOE", "Par Jean Dupont";
# after the kind of piece the credit starts with no lower-case letter: "de"/"di"/"von" also
# mean "of" ("Entrevista de trabajo", "Un article de presse" name no writer)
TEXT_BYLINE = re.compile(
    r"^[\s*–—-]*(?:(?:by|von|par|por|door|av|af|text|autor|autorin|(?:written|posted)\s+by"
    r"|(?:verfasst|eingestellt|erstellt)\s+von)\s*:?\s+"
    r"|(?:" + PIECE_BY + r")\s*:?\s+(?-i:(?![a-zß-öø-ÿ])))"
    r"(?=[^\W\d_])[^\n]{2,60}$",
    re.I,
)
# an interview credits its interviewer, not the person interviewed: "Ein Interview von Jane Doe
# mit John Smith", "An interview by Jane Doe with John Smith" (group 1 the credit)
INTERVIEW_WITH = re.compile(
    r"^(.{0,30}?\binterview\s+(?:von|by|de|par|por|di|door)\s+.+?)"
    r"\s+(?:mit|with|avec|con|com|met)\s+.*$",
    re.I,
)
# "di Mario Rossi", "de João Silva": only lower-case, so "De Niro" keeps its particle
BY_PREFIX_LOWER = re.compile(r"^(?:di|de|da)\s+(?=[A-ZÀ-Ý])")
# words joining two names, per language; commas, slashes, semicolons, ampersands and spaced dashes
# ("Jane Doe - Chrome team") too
NAME_SPLIT = re.compile(
    r"\s*(?:[,;/|&·•+]|\s[-–—](?=\s)|\s(?:and|und|et|y|e|en|og|och|i|и|a|ve|és|oraz|ja|sowie|with|mit|avec|con|com|met)\s)\s*",
    re.I,
)
# stripped wherever they occur in a credit
NOISE = re.compile(
    r"(?:view|see|read|show)\s+(?:all\s+)?(?:posts|articles|stories)\s+(?:by|from|of)\b"
    r"|e-?mail\s+(?:the\s+)?author|follow\s+on\s+\w+|more\s+(?:by|from)\s+(?:this\s+)?author"
    r"|alle\s+(?:artikel|beiträge)\s+(?:von|des\s+autors)|mehr\s+(?:vom|zum)\s+autor(?:en)?"
    r"|tous\s+les\s+articles\s+de|(?:updated|published|aktualisiert|veröffentlicht|mis\s+à\s+jour"
    r"|publié|actualizado|publicado|atualizado|aggiornato|pubblicato)\b.*$"
    r"|\bon\s+(?:twitter|x|facebook|instagram|linkedin)\b|\bprofile?\b|\bfollow\b"
    r"|\bshares?\b|©|\(c\)|\brss\b|\bcontactar\b|zuletzt\s+geändert\b.*$"
    r"|\b(?:posted|publiziert|erschienen|geschrieben)(?:\s+(?:on|am|in|by|von))?\b"
    r"|\b(?:stand|am|on|le|el|il)\s*:?\s*$"
    # how long ago, after the byline: "Hace 13 horas", "vor 2 Stunden", "3 hours ago"
    r"|\b(?:hace|vor|il\s+y\s+a|há)\s+\d+\s+\w+.*$|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b.*$",
    re.I,
)
# "Thomas Reid , AP": inline elements joined by spaces leave one before punctuation (not before
# ":", "!", "?", which French typography spaces)
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;.)\]])")
# German gender-inclusive endings of labels and roles: "Autor/in:", "Redakteur*innen", "Autor:in"
GENDER_SUFFIX = re.compile(r"(?<=[a-zäöüß])[/*:_]in(?=nen\b|\b)")
# the outlet a writer files for, after the name: "Jane Doe For The Mail On Sunday", "for CNN"
AFFILIATION = re.compile(r"\s+(?:for|For|FOR)\s+[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*)*\s*$")
EMAIL = re.compile(r"\S+@\S+\.\w+")
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
HANDLE = re.compile(r"(?<!\w)@\w+")
# a CMS account name standing for the writer: one lower-case token ("jdoe", "jane.doe")
ACCOUNT_NAME = re.compile(r"[a-z][a-z0-9._-]*")
PARENS = re.compile(r"\s*[(\[][^)\]]{0,60}[)\]]")
_MONTHS = (
    r"jan(?:uary|uar|vier)?|feb(?:ruary|ruar)?|févr(?:ier)?|mar(?:ch|s)?|märz|apr(?:il)?|avr(?:il)?"
    r"|may|mai|mayo|jun[ie]?|juin|jul[iy]?|juil(?:let)?|aug(?:ust)?|ao[uû]t|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?|dez(?:ember)?|déc(?:embre)?"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"  # en
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"  # de
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"  # fr
    r"|lunes|martes|miércoles|jueves|viernes|sábado|domingo"  # es
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"  # it
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"  # nl
    r"|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira"  # pt
)
# abbreviated weekdays, only as the start of a date ("Do 9 Apr 2020", "Sat, 3 May")
_WEEKDAY_ABBREVIATIONS = (
    r"mon|tue|wed|thu|fri|sat|sun"  # en
    r"|mo|di|mi|do|fr|sa|so"  # de
    r"|lun|mar|mer|jeu|ven|sam|dim"  # fr
)
DATE_TEXT = re.compile(
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b.*$|\b(?:" + _MONTHS + r")\.?\s+\d{1,2}\b.*$"
    r"|\b\d{1,2}\.?\s+(?:" + _MONTHS + r")\b.*$|\b\d{1,2}:\d{2}.*$"
    r"|\b(?:" + _MONTHS + r")\.?\s+(?:19|20)\d{2}\b.*$"  # "Oktober 2008", "juillet 2020"
    r"|\b(?:" + _WEEKDAYS + r")\b.*$"  # "Donnerstag", "on Monday"
    r"|\b(?:" + _WEEKDAY_ABBREVIATIONS + r")\.?,?\s+\d.*$",
    re.I,
)
# a date, then the credit: "Posted on September 21, 2020 by Jane Doe", "18 février 2020 Par X"
DATED_CREDIT = re.compile(r"^[^\n]{0,40}?\d[^\n]{0,30}?\s((?:by|von|par|por|door)\s+)(?=[^\W\d_])",
                          re.I)
# job titles and roles that follow or precede a name; a part made only of these is dropped
ROLE_WORDS = frozenset({
    "stand", "am", "on", "vom", "staff", "writer", "writers", "reporter", "correspondent", "editor",
    "senior", "chief", "deputy", "managing", "contributing", "contributor",
    "columnist", "producer", "journalist", "photographer", "photos", "photo", "foto", "fotos",
    "bild", "video", "redakteur", "redakteurin", "korrespondent", "korrespondentin", "autor",
    "autorin", "chefredakteur", "chefredakteurin", "volontär", "volontärin", "mitarbeiter",
    "freier", "freie", "rédacteur", "rédactrice", "journaliste", "envoyé", "spécial", "envoyée",
    "spéciale", "correspondant", "correspondante", "periodista", "redactor", "redactora",
    "corresponsal", "giornalista", "inviato", "inviata", "corrispondente", "verslaggever",
    "redacteur", "political", "business", "sports", "science", "health",
    "technology", "tech", "culture", "travel", "reporterin",
    "phd", "ph.d", "md", "mba", "msc", "rdn",  # degrees after a name
})
# roles printed after a name in scripts that do not space names (the name is one word)
UNSPACED_ROLE_WORDS = frozenset({
    "기자", "특파원", "선임기자", "논설위원", "객원기자", "인턴기자",  # ko
    "記者", "特派員", "編集委員", "論説委員",  # ja
    "记者", "特约记者", "编辑", "通讯员",  # zh
})
# the label of a source line the body stage strips ("Quelle: kathpress", "Source: AP")
SOURCE_LABEL = re.compile(r"^(?:quelle|source|fuente|fonte|bron|źródło)\s*:\s*", re.I)
# a source line that is a newsroom's name ("IN-Redaktion", "Redaktion Stadtanzeiger")
DESK_LINE = re.compile(
    r"(?:[\w.-]+[- ])?(?:redaktion|rédaction|redacción|redazione|redactie)(?:\s[\w.-]+)?", re.I)
# words that make a credit a newsroom, not a writer ("Nature Editorial", "MM-Redaktion")
DESK_WORDS = frozenset({
    "editorial", "newsroom", "desk", "staff", "team",  # en
    "redaktion", "onlineredaktion", "online-redaktion", "nachrichtenredaktion",  # de
    "rédaction", "redacción", "redazione", "redactie",  # fr, es, it, nl
})
# credits that name a desk generically, never a person: dropped (not authors, not agencies)
GENERIC_DESKS = frozenset({
    "wire services", "wires", "agencies", "agency", "agenturen", "agences", "agencias",
    "news agencies", "news desk", "staff", "staff reports", "web desk",
    "red", "red.",  # de: "Red." (Redaktion) signs an unnamed desk
})
# labels and links printed in author boxes, never names themselves
CREDIT_LABELS = frozenset({
    "by", "author", "authors", "all articles", "all posts", "more articles", "words",  # en
    "von", "autor", "autorin", "autoren", "alle artikel", "alle beiträge", "artikel von",  # de
    "text",  # "Text & Fotos: Jane Doe": the label split off at "&"
    "par", "auteur", "auteurs", "tous les articles", "texte",  # fr
    "por", "autores", "autora", "todos los artículos", "texto",  # es/pt
    "di", "autore", "autori", "tutti gli articoli", "testo",  # it
    "door", "alle artikelen",  # nl
    # read-aloud buttons and field labels printed next to bylines
    "vorlesen", "text vorlesen", "artikel vorlesen", "datum", "date", "fecha", "data",
    "quelle", "source", "fuente", "fonte", "herausgeber", "herausgeberin",
})
# a label printed in its own element before the credit: "<b>Autor:</b> Jane Doe", "<h5>Von:</h5>"
_CREDIT_LABEL_WORDS = (
    r"\s*(?:by|author|written\s+by|interview"  # en
    r"|von|autor|autorin|text|verfasst\s+von|erstellt\s+von"  # de
    r"|par|auteur|auteure|auteur\(s\)"  # fr
    r"|por|texto|autora"  # es/pt
    r"|di|autore|testo"  # it
    r"|door"  # nl
    r")\s*"
)
CREDIT_LABEL = re.compile(_CREDIT_LABEL_WORDS + r":\s*", re.I)
# the same label without its colon, in an element classed as a label: a credits box of label and
# value elements ("<div class=credit-label>Interview</div><div class=credit-text>Jane Doe</div>")
BARE_CREDIT_LABEL = re.compile(_CREDIT_LABEL_WORDS + r":?\s*", re.I)
# the heading of a box about the writer: "About the author", "Über den Autor"...
ABOUT_AUTHOR = re.compile(
    r"^\s*(?:about\s+the\s+author|über\s+(?:den|die)\s+autor(?:in)?|zum\s+autor|zur\s+autorin"
    r"|à\s+propos\s+de\s+l['’]auteur|sobre\s+el\s+autor|sull['’]autore|over\s+de\s+auteur)\b",
    re.I,
)
# WordPress (Yoast) reading labels: twitter:label1 "Written by", twitter:data1 the writer
WRITTEN_BY_LABELS = frozenset({
    "written by", "author", "verfasst von", "geschrieben von", "autor", "écrit par", "auteur",
    "escrito por", "scritto da", "autore", "geschreven door", "skrevet af", "skrivet av",
})
# photo and picture credits: "Foto: Name", "Фото …", "zvg" (Swiss "zur Verfügung gestellt")
PHOTO_CREDIT = re.compile(
    r"^(?:photos?|pictures?|images?|credits?|fotos?|bild(?:er)?|quelle\s+bild|zvg|symbolbild"
    r"|crédits?|fotograf[ií]as?|фото|снимки?|写真)\b",
    re.I,
)
# lower-case words inside personal names ("Walter von Aachen", "Jan de Vries", "der Michel")
NAME_PARTICLES = frozenset({
    "von", "vom", "zu", "van", "den", "der", "ter", "ten", "de", "del", "della", "di", "da", "do",
    "dos", "das", "du", "des", "la", "le", "el", "al", "bin", "ibn", "y", "e", "st",
})
# CMS account names that are not bylines
CMS_USERS = frozenset({
    "admin", "administrator", "publisher", "editor", "super user", "superuser", "webmaster",
    "root", "user", "guest", "author", "wpadmin", "site admin", "siteadmin", "system",
    "default", "anonymous", "unknown", "null", "none",
})
# one-token CMS admin accounts: "wordpressadmin", "admin2", "siteadmin"
ADMIN_ACCOUNT = re.compile(r"[a-z_.-]*admin(?:istrator)?[0-9_]*", re.I)
# the holder of a copyright notice: "© 2019 Jane Doe", "(c) Jane Doe •", "Copyright 2006-2008 by
# Jane Doe", "Copyright (c) 2012- Jane Doe.": the name up to the end or a separator
COPYRIGHT_OWNER = re.compile(
    r"(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?)?,?\s*(?:by\s+)?"
    r"([^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){1,2})\s*(?:$|[•|·,.;:–—-]|\s[-–—|•·]|\s\d)",
    re.I,
)
# words of a copyright holder that make it a body, not a person ("Kanton Bern", "Deutscher
# Handballbund", "All Rights Reserved"), grouped by language; compounds by their ending
NOT_PERSON_WORDS = frozenset({
    "all", "rights", "reserved", "team", "group", "club", "company", "city", "state",  # en
    "deutscher", "deutsche", "deutsches", "schweizer", "kanton", "stadt", "gemeinde", "land",  # de
    "landkreis", "kreis", "bezirk", "verein", "bund", "freistaat", "republik", "rundfunk",
    "fernsehen", "sender",
    "un", "una", "equipo", "grupo", "ciudad",  # es
    "une", "groupe", "équipe", "ville", "association",  # fr
    "gruppo", "comune", "squadra",  # it
    # countries and regions: never part of a personal name ("Jagd Österreich")
    "österreich", "deutschland", "schweiz", "austria", "germany", "switzerland", "suisse",
    "svizzera", "españa", "italia", "italy", "europa", "europe", "america", "usa", "international",
})
NOT_PERSON_ENDING = re.compile(r"(?:bund|verband|verein|schaft|amt|werk|akademie)$", re.I)
# company and body suffixes: such a credit names an organisation, not a writer
ORG_WORDS = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v|ev|se|kg|inc|ltd|llc|plc|s\.a|sa|srl|verlag|media|ministerium"
    r"|bundesministerium|departement|amt|institut|verband|gesellschaft|stiftung|kirche"
    r"|landeskirche|university|universität|hochschule|online|magazin|magazine|zeitung"
    r"|news|verlagsgruppe|feuerwehr|polizei|abteilung|\w*verband|\w*verein)\b\.?",
    re.I,
)
# compound job titles glued to a name: "FOCUS-Online-Experte Robin Tschöpe"
ROLE_COMPOUND = re.compile(
    r"^\S*(?:experte|expertin|redakteur|redakteurin|korrespondent|korrespondentin|reporter"
    r"|reporterin|autor|autorin)$",
    re.I,
)
# academic and courtesy titles in front of a name ("Dr. Alexander Klier", "Prof. Dr. Jane Doe")
HONORIFIC = re.compile(r"^(?:(?:dr|prof|mag|dipl\.-ing|ing)\.\s*)+", re.I)
# a personal name as a site's name: two or three capitalised words ("Wolfgang Michal")
PERSONAL_NAME = re.compile(r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’-]+(?:\s[A-ZÀ-ÞĀ-Ž][a-zß-ÿā-ž'’-]+){1,2}")
# site names that look like personal names but name a paper or an outlet (checked word by word)
OUTLET_WORDS = frozenset({
    "the", "der", "die", "das", "le", "la", "les", "el", "il", "lo", "de", "het", "o", "a",
    "times", "post", "news", "daily", "herald", "tribune", "journal", "gazette", "globe",
    "chronicle", "express", "mail", "mirror", "observer", "guardian", "telegraph", "independent",
    "courier", "standard", "star", "sun", "press", "report", "review", "today", "weekly", "insider",
    "zeitung", "anzeiger", "nachrichten", "rundschau", "allgemeine", "kurier", "blatt", "presse",
    "morgenpost", "abendblatt", "tagblatt", "tageblatt", "magazin", "bote", "echo",
    "matin", "monde", "france", "soir", "info", "actu", "diario", "noticias", "mundo", "correo",
    "gazzetta", "corriere", "giornale", "notizie", "krant", "dagblad", "nieuws", "online", "media",
    "radio", "tv", "blog", "verlag", "magazine", "science", "world",
    # common nouns of non-news sites ("Royal Road", "Katzen Forum")
    "forum", "road", "street", "club", "shop", "store", "house", "home", "center", "centre",
    "group", "network", "hub", "lab", "labs", "studio", "kitchen", "garden", "life", "style",
    "travel", "games", "tech", "portal", "community", "wiki", "guide", "welt", "haus", "markt",
})
