# ruff: noqa: E501  (regex phrase tables read better unwrapped)
"""The boilerplate catalogue as data: DOM tokens and text phrases per kind, grouped by language.

Nothing here is keyed on a site's domain. Every rule names one ``kind`` of boilerplate; the cleaning
steps in :mod:`pipelines.cleaning` apply them and report each removal under that kind. Regexes are
compiled once, at import.
"""

from __future__ import annotations

import re

KINDS = (
    "contact_details", "comment_form", "comments", "newsletter", "share", "related",
    "author_bio", "cookie", "paywall", "credit_line", "copyright", "photo_credit", "ad_label",
    "navigation", "byline", "embed",
)

# --- DOM detectors -------------------------------------------------------------------------------
# Class and id names are split on whitespace; a name matches a kind when one of its ``-``/``_``
# separated parts (or the whole name) matches the kind's token pattern.
DOM_TOKENS: dict[str, str] = {
    "comment_form": r"respond|comment-?form|comment-respond|reply-?form|commentform|comment-?box"
                    r"|comments?-?(?:form|input|editor)",
    "comments": r"comments?|comment-?(?:list|area|section|s-area|thread|wrapper|container)"
                r"|commentlist|disqus(?:-?thread)?|discussion|kommentare?|reacties|commentaires?"
                r"|comentarios?|commenti|coral-?talk|talk-?stream|user-?comments?|reader-?comments?",
    "newsletter": r"newsletter|newsletters|mc4wp|mailchimp|signup-?form|subscribe-?box|nieuwsbrief",
    "share": r"share|shares|sharing|sharedaddy|social-?share|share-?buttons?|addtoany|a2a"
             r"|shariff|social-?(?:bar|buttons?|icons|links|media|tools)|sociallinks",
    "related": r"related|related-?(?:posts|articles|stories|content|links)|jp-relatedposts|yarpp"
               r"|more-?(?:stories|articles|news)|read-?(?:more|also|next)|recommended"
               r"|recommendations|outbrain|taboola|teaser-?list|also-?read|mehr-?zum-?thema",
    "author_bio": r"author-?(?:bio|box|info|card|profile|about|details)|about-?(?:the-?)?author"
                  r"|saboxplugin(?:-?wrap)?|post-?author-?bio|abh_box|authorbox",
    "cookie": r"cookies?|cookie-?(?:banner|notice|consent|bar)|gdpr|consent|cmp-?container",
    "ad_label": r"ads?|advert|adverts|advertisement|advertising|adsbygoogle|dfp|ad-?(?:slot|unit"
                r"|container|wrapper|label|box)|sponsored|anzeige|werbung|publicite|publicidad",
    "navigation": r"breadcrumbs?|pagination|post-?navigation|nav-?links|navigation|menu|pager"
                  r"|prev-?next|nav-?previous|nav-?next|skip-?link",
    "photo_credit": r"photo-?credit|image-?credit|credits?|copyright-?info|bildnachweis|fotocredit",
    "copyright": r"copyright",
    # Embedded social posts (a tweet, an Instagram post) quote another page, not the story.
    "embed": r"twitter-?tweet|embedded-?tweet|instagram-?media|tiktok-?embed|bluesky-?embed"
             r"|reddit-?embed|mastodon-?embed|threads-?embed|social-?embed|fb-?post",
    "tags": r"tags|tag-?list|post-?tags|entry-?tags|tagcloud|keywords|schlagworte",
}
# Class-name prefixes that describe the *content* (WordPress post classes), not a block's role.
DOM_NAME_EXCLUDED_PREFIXES = ("tag-", "category-", "has-", "no-", "postid-", "format-",
                              "page-template", "single-", "type-", "status-", "post-template")
# Exact words (whole name part) that must not count as a token even if a pattern matches them.
DOM_TOKEN_PATTERNS: dict[str, re.Pattern[str]] = {
    kind: re.compile(rf"^(?:{pattern})$") for kind, pattern in DOM_TOKENS.items()
}
DOM_TOKEN_RE = re.compile(
    "^(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in DOM_TOKENS.items()) + ")$"
)
# A class/id name is split into parts on these separators; parts and joined neighbours are tested.
DOM_NAME_SPLIT = re.compile(r"[-_:.]+")
# Kinds whose DOM detectors run page-wide (reader comments often sit outside the story container);
# all other kinds run inside the article area only.
PAGE_WIDE_KINDS = frozenset({"comments", "comment_form", "cookie", "newsletter", "embed"})
# No DOM detector for paywalls: sites put the story itself in "paywall"/"premium" containers.
# Roles and tags that name a kind by themselves.
DOM_ROLE_KINDS = {"navigation": "navigation", "complementary": "related", "banner": "navigation",
                  "contentinfo": "navigation", "search": "navigation"}
DOM_TAG_KINDS = {"nav": "navigation", "aside": "related", "form": "comment_form"}
# Size guards: a block holding over half the page's paragraph text is the story, whatever its
# class says; a non-comment block over a quarter of the article area (and long) is kept too.
MAX_STORY_SHARE = 0.5
MAX_AREA_SHARE = 0.25
MAX_BLOCK_CHARS = 600
# Link-dense blocks inside the article area: lists of links are "related"/"navigation".
LINK_DENSITY_MIN_LINKS = 3
LINK_DENSITY_THRESHOLD = 0.75
LINK_DENSITY_MAX_CHARS = 1500

# --- Text detectors ------------------------------------------------------------------------------
# Paragraph-level phrases, by kind and language. A rule only fires on a short paragraph
# (``MAX_BOILERPLATE_WORDS``) so a story that *mentions* a newsletter keeps its sentence.
MAX_BOILERPLATE_WORDS = 45
# Phrases anchored at the start of the paragraph (``^`` is added) or searched anywhere (``ANY``).
TEXT_RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "comment_form": {
        "en": (r"leave a (?:reply|comment)", r"your e-?mail address will not be published",
               r"required fields are marked", r"this site uses akismet to reduce spam",
               r"learn how your comment data is processed", r"(?:post|submit) (?:a )?comment$",
               r"cancel reply$", r"you must be (?:logged in|registered) to post a comment",
               r"save my name, e-?mail,? and website", r"notify me of (?:new|follow-up) (?:comments|posts)",
               r"add (?:a|your) comment", r"join the (?:discussion|conversation)",
               r"comments? (?:policy|guidelines)", r"log ?in to (?:comment|reply)",
               r"to comment, (?:please )?(?:log|sign) in"),
        "de": (r"(?:hinterlasse|schreibe|schreiben sie) einen kommentar",
               r"(?:ihre|deine) e-?mail-?adresse wird nicht veröffentlicht",
               r"erforderliche felder sind (?:mit \*? ?)?markiert",
               r"bitte loggen sie sich vor dem kommentieren ein", r"kommentar (?:schreiben|verfassen)$",
               r"zum kommentieren", r"jetzt kommentieren", r"antwort abbrechen$"),
        "fr": (r"laisser un commentaire", r"votre adresse (?:e-?mail|de messagerie) ne sera pas publiée",
               r"les champs obligatoires sont indiqués", r"ajouter un commentaire",
               r"réagir à cet article", r"annuler la réponse"),
        "es": (r"deja (?:un|tu) comentario", r"deja una respuesta",
               r"tu dirección de correo electrónico no será publicada",
               r"los campos obligatorios están marcados", r"cancelar respuesta"),
        "it": (r"lascia un commento", r"lascia una risposta",
               r"il tuo indirizzo (?:e-?mail )?non sarà pubblicato",
               r"i campi obbligatori sono contrassegnati", r"annulla risposta"),
        "nl": (r"laat een reactie achter", r"(?:je|uw) e-?mailadres wordt niet gepubliceerd",
               r"vereiste velden zijn gemarkeerd", r"plaats een reactie", r"reactie annuleren"),
        "pt": (r"deixe (?:um|uma|seu|o seu) (?:comentário|resposta)",
               r"o seu (?:endereço de )?e-?mail não será publicado",
               r"campos obrigatórios são marcados", r"cancelar resposta"),
    },
    "comments": {
        "en": (r"\d+ (?:comments?|responses?|replies|thoughts on)\b", r"comments are closed",
               r"(?:show|view|load|read|see) (?:all )?(?:\d+ )?comments", r"comments?$",
               r"comments? \(\d+\)$", r"one (?:response|comment|thought) (?:to|on)"),
        "de": (r"\d+ kommentare?\b", r"kommentare?$", r"kommentare? \(\d+\)$",
               r"kommentare (?:anzeigen|lesen|einblenden)", r"die kommentarfunktion (?:ist|wurde)"),
        "fr": (r"\d+ commentaires?\b", r"commentaires?$", r"voir les commentaires",
               r"les commentaires sont fermés"),
        "es": (r"\d+ comentarios?\b", r"comentarios?$", r"ver comentarios",
               r"los comentarios están cerrados"),
        "it": (r"\d+ commenti\b", r"commenti$", r"i commenti sono chiusi"),
        "nl": (r"\d+ reacties?\b", r"reacties?$", r"reageren is niet (?:meer )?mogelijk"),
        "pt": (r"\d+ comentários?\b", r"comentários?$", r"os comentários estão fechados"),
    },
    "newsletter": {
        "en": (r"(?:sign up|subscribe|register) (?:now )?(?:for|to) (?:our|the|my|a) .{0,60}newsletter",
               r"get (?:our|the) .{0,40}newsletter", r"newsletter sign-?up",
               r"(?:sign up|subscribe) (?:now|today|here)\b", r"enter your e-?mail(?: address)?",
               r"by signing up,? you agree", r"delivered (?:straight )?to your inbox",
               r"sign up for .{0,60}(?:newsletter|email|briefing|updates|alerts)"),
        "de": (r"(?:jetzt )?(?:den |unseren )?newsletter abonnieren", r"newsletter bestellen",
               r"melden sie sich (?:jetzt )?für (?:unseren|den) .{0,40}newsletter an",
               r"(?:jetzt )?zum newsletter anmelden", r"hier (?:kostenlos )?(?:für den )?newsletter"),
        "fr": (r"inscrivez-vous (?:gratuitement )?à (?:notre|la|nos) .{0,40}(?:newsletter|lettre)",
               r"abonnez-vous à (?:notre|la) .{0,40}newsletter", r"recevez (?:notre|la) newsletter"),
        "es": (r"suscríbete (?:a|al) (?:nuestro|nuestra|la|el) .{0,40}(?:newsletter|boletín)",
               r"recibe (?:nuestra|la) newsletter", r"apúntate a (?:nuestra|la) newsletter"),
        "it": (r"iscriviti (?:alla|alle) (?:nostra |nostre )?newsletter", r"ricevi la newsletter"),
        "nl": (r"(?:schrijf je in|meld je aan) voor (?:onze|de) .{0,40}nieuwsbrief",
               r"abonneer (?:je|u) op (?:onze|de) nieuwsbrief"),
        "pt": (r"(?:assine|inscreva-se (?:em|n)a?) (?:a nossa |nossa |a )?newsletter",
               r"receba (?:a nossa |nossa )?newsletter"),
    },
    "share": {
        "en": (r"share (?:this|on|via|article|story|the article|to)\b", r"share this:?$",
               r"(?:share|tweet|pin|e-?mail|print|whatsapp|facebook|twitter|linkedin)(?: this)?$",
               r"click to share on", r"like this:?$", r"copy link$", r"share$",
               r"follow (?:us|[\w.]+(?: [\w.]+){0,3}) on (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube)\b",
               r"if you (?:enjoyed|liked) (?:reading )?this (?:post|article|story)"),
        "de": (r"folgen sie (?:uns|\w+(?: \w+){0,3}) (?:auf|bei) (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube)\b",
               r"(?:artikel |beitrag )?teilen$", r"(?:artikel )?drucken$", r"auf (?:facebook|twitter|x|whatsapp|linkedin) teilen",
               r"diesen (?:artikel|beitrag) teilen", r"teilen sie diesen"),
        "fr": (r"suivez-(?:nous|\w+) sur (?:twitter|facebook|instagram|x|linkedin|tiktok)\b",
               r"partager(?: cet article| sur \w+| l'article)?$", r"partager sur (?:facebook|twitter)"),
        "es": (r"síguenos en (?:twitter|facebook|instagram|x|linkedin|tiktok)\b",
               r"compartir(?: en \w+| esta noticia| este artículo)?$",
               r"comparte (?:esta noticia|este artículo)"),
        "it": (r"condividi(?: su \w+| questo articolo)?$",),
        "nl": (r"(?:deel|delen)(?: dit artikel| via \w+| op \w+)?$",),
        "pt": (r"(?:compartilhe|compartilhar|partilhar|partilhe)(?: (?:esta notícia|este artigo|no \w+))?$",),
    },
    "related": {
        "en": (r"(?:related|read more|read also|also read|see also|more on this|more from|recommended"
               r"|you (?:may|might) also like|related (?:articles|stories|posts|coverage|content)"
               r"|more stories|read next|what to read next|most read|trending now)\b\s*:",
               r"more\s*:\s", r"for more (?:stories|news|articles|coverage) like this",
               r"(?:related (?:articles|stories|posts|coverage|content)|you (?:may|might) also like"
               r"|more stories|read next|most (?:read|popular)|recommended(?: for you)?)$"),
        "de": (r"(?:mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|das könnte sie "
               r"(?:auch )?interessieren|weitere artikel|weiterlesen|zum thema|ebenfalls interessant"
               r"|verwandte artikel|meistgelesen|weitere themen|zum weiterlesen|weitere beiträge"
               r"|mehr aus (?:der|dem) \w+)\b\s*(?::|$)",),
        "fr": (r"(?:à lire aussi|lire aussi|voir aussi|sur le même sujet|à voir également"
               r"|articles similaires|lire la suite|les plus lus)\b\s*(?::|$)",),
        "es": (r"(?:lee también|lea también|te puede interesar|noticias relacionadas|leer más"
               r"|más información|también te puede interesar|lo más leído|le puede interesar"
               r"|puedes ver|mira|lea más|lee más|notas relacionadas|contenido relacionado"
               r"|te recomendamos)\b\s*(?::|$)",),
        "it": (r"(?:leggi anche|potrebbe interessarti|articoli correlati|leggi di più"
               r"|ti potrebbe interessare|i più letti)\b\s*(?::|$)",),
        "nl": (r"(?:lees ook|lees meer|meer over|gerelateerde artikelen|bekijk ook|meest gelezen)\b\s*(?::|$)",),
        "pt": (r"(?:leia também|leia mais|veja também|notícias relacionadas|saiba mais"
               r"|mais lidas)\b\s*(?::|$)",),
    },
    "cookie": {
        "en": (r"(?:we|this (?:web)?site) uses? cookies", r"accept (?:all )?cookies",
               r"cookie (?:policy|settings|preferences)$"),
        "de": (r"diese (?:web)?(?:seite|site) verwendet cookies", r"wir verwenden cookies",
               r"cookies? (?:akzeptieren|zulassen)"),
        "fr": (r"ce site utilise des cookies", r"accepter (?:les|tous les) cookies"),
        "es": (r"este sitio (?:web )?utiliza cookies", r"aceptar (?:las |todas las )?cookies"),
        "it": (r"questo sito utilizza (?:i )?cookie", r"accetta (?:i |tutti i )?cookie"),
        "nl": (r"deze (?:web)?site gebruikt cookies", r"cookies accepteren"),
        "pt": (r"este (?:web)?site utiliza cookies", r"aceitar (?:os |todos os )?cookies"),
    },
    "paywall": {
        "en": (r"subscribe (?:now )?to (?:continue|read|unlock)", r"already a subscriber",
               r"this (?:article|content|story) is (?:for|only available to|exclusive to) "
               r"(?:subscribers|members)", r"(?:log|sign) in to (?:continue|read) (?:reading)?",
               r"to continue reading,? (?:please )?(?:subscribe|log in|sign in)",
               r"you have reached your (?:free )?article limit",
               r"to (?:view|read|see) the (?:full|entire|rest of the) (?:story|article)"),
        "de": (r"(?:jetzt )?weiterlesen mit", r"dieser artikel ist (?:nur )?für abonnenten",
               r"bereits abonnent", r"(?:plus|premium)-?artikel", r"jetzt abonnieren und weiterlesen"),
        "fr": (r"(?:article )?réservé aux abonnés", r"déjà abonné", r"abonnez-vous pour lire",
               r"pour (?:lire la suite|accéder en illimité)"),
        "es": (r"contenido (?:exclusivo )?para suscriptores", r"¿ya eres suscriptor",
               r"hazte (?:miembro|socio|suscriptor)"),
        "it": (r"contenuto riservato agli abbonati", r"sei già abbonato"),
        "nl": (r"dit artikel is (?:alleen )?voor abonnees", r"al abonnee"),
        "pt": (r"conteúdo exclusivo para assinantes", r"já é assinante"),
    },
    "copyright": {
        "en": (r"(?:©|\(c\)|copyright\s*©|copyright\s+\d{4}|copyright\s*:)", r"all rights reserved",
               r"this material may not be published,? broadcast"),
        "de": (r"alle rechte vorbehalten", r"alle angaben ohne gewähr"),
        "fr": (r"tous droits réservés",),
        "es": (r"todos los derechos reservados",),
        "it": (r"tutti i diritti riservati", r"riproduzione riservata"),
        "nl": (r"alle rechten voorbehouden",),
        "pt": (r"todos os direitos reservados",),
    },
    "photo_credit": {
        "en": (r"(?:photo|image|picture|video|graphic)s?(?: credit)?\s*(?::|by\b|©)",
               r"(?:getty images|shutterstock|istock|ap photo|afp photo|reuters/)\S*\s*$"),
        "de": (r"(?:foto|bild|fotos|bilder|grafik|titelbild|beitragsbild)\s*:",
               r"bildquelle\s*:", r"bildnachweis\s*:", r"beitragsbild$"),
        "fr": (r"(?:photo|crédit photo|crédits? photo|illustration)\s*:",),
        "es": (r"(?:foto|imagen|fotografía)\s*:",),
        "it": (r"(?:foto|immagine)\s*:",),
        "nl": (r"(?:foto|beeld|afbeelding)\s*:",),
        "pt": (r"(?:foto|imagem|crédito)\s*:",),
    },
    "ad_label": {
        "en": (r"(?:advertisement|advertising|sponsored(?: content)?|ad)$",
               r"(?:story|article) continues (?:below|after)", r"continue reading (?:below|the main story)",
               r"scroll (?:down )?to continue"),
        "de": (r"(?:anzeige|werbung)$", r"(?:anzeige|werbung)\s*[-–:|]\s", r"(?:artikel|text) (?:geht|wird) (?:unten|nach der anzeige) "
               r"(?:weiter|fortgesetzt)", r"weiter nach der (?:anzeige|werbung)"),
        "fr": (r"publicité$", r"la suite après (?:cette )?publicité"),
        "es": (r"publicidad$", r"sigue leyendo"),
        "it": (r"pubblicità$",),
        "nl": (r"advertentie$", r"lees verder na de advertentie"),
        "pt": (r"publicidade$", r"continua (?:depois|após) a publicidade"),
    },
    "navigation": {
        "en": (r"(?:home|back to top|previous (?:article|post|story)|next (?:article|post|story)"
               r"|skip to (?:main )?content)$", r"home\s*[>»›/|]"),
        "de": (r"(?:startseite|nach oben|zurück|vorheriger artikel|nächster artikel)$",
               r"startseite\s*[>»›/|]"),
        "fr": (r"(?:accueil|retour en haut|article précédent|article suivant)$", r"accueil\s*[>»›/|]"),
        "es": (r"(?:inicio|volver arriba|artículo anterior|artículo siguiente)$", r"inicio\s*[>»›/|]"),
        "it": (r"(?:articolo precedente|articolo successivo|torna su)$",),
        "nl": (r"(?:vorig artikel|volgend artikel|terug naar boven)$",),
        "pt": (r"(?:início|voltar ao topo|artigo anterior|próximo artigo)$",),
    },
    "embed": {
        "en": (r"(?:click|tap) (?:here )?to (?:load|view|show) (?:the )?(?:external )?(?:content|tweet|post|video|embed)",
               r"(?:external|embedded) content$"),
        "de": (r"ein klick für den datenschutz", r"(?:empfohlener )?externer inhalt$",
               r"(?:hier|klicken sie hier,? um) (?:den )?externen inhalt (?:anzuzeigen|zu laden)"),
        "fr": (r"contenu externe$", r"cliquez (?:ici )?pour afficher le contenu"),
        "es": (r"contenido externo$",),
        "it": (r"contenuto esterno$",),
        "nl": (r"externe inhoud$",),
        "pt": (r"conteúdo externo$",),
    },
    "author_bio": {
        "en": (r"about the author\b", r"(?:more|all) (?:articles|posts|stories) by\b",
               r"(?:follow|contact) (?:him|her|them|the author) on"),
        "de": (r"über (?:den|die) autor(?:in)?\b", r"mehr (?:artikel|beiträge) von\b"),
        "fr": (r"à propos de l'auteur", r"tous les articles de\b"),
        "es": (r"sobre el autor\b", r"más artículos de\b"),
        "it": (r"sull'autore\b", r"altri articoli di\b"),
        "nl": (r"over de auteur\b", r"meer artikelen van\b"),
        "pt": (r"sobre o autor\b", r"mais artigos de\b"),
    },
}

# Phrases searched anywhere in a (short) paragraph, not only at its start.
TEXT_RULES_ANYWHERE: dict[str, tuple[str, ...]] = {
    "comment_form": (r"your e-?mail address will not be published", r"akismet",
                     r"e-?mail-?adresse wird nicht veröffentlicht",
                     r"adresse e-?mail ne sera pas publiée", r"correo electrónico no será publicada",
                     r"indirizzo e-?mail non sarà pubblicato", r"e-?mailadres wordt niet gepubliceerd",
                     r"e-?mail não será publicado"),
    "paywall": (r"(?:you(?:'|’)re|you are) already a (?:subscriber|member)",
                r"cancela cuando quieras", r"jederzeit kündbar"),
    # Affiliate and sponsorship disclosures.
    "ad_label": (r"(?:contains?|includes?|uses?) (?:affiliate links|references to products)",
                 r"we (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of sales)",
                 r"as an amazon associate", r"affiliate-?links?\b.{0,80}provision",
                 r"(?:verlinkungen|links) handelt es sich um (?:sogenannte )?(?:affiliate|provisions|werbe)",
                 r"liens? (?:affiliés|d'affiliation)", r"enlaces? de afiliados?",
                 r"link (?:affiliati|di affiliazione)", r"links? de afiliados?"),
    "contact_details": (r"can be (?:contacted|reached) (?:by|via|at) e-?mail",
                        r"got a (?:story|tip)\?.{0,40}(?:get in touch|contact|e-?mail)",
                        r"get in touch with (?:our|the) (?:news ?)?(?:team|desk|newsroom|editors)",
                        r"e-?mail address follows (?:this|the) formula",
                        r"(?:contact|reach) (?:the )?(?:author|reporter|writer)s? at",
                        r"\[email(?:&#160;|\s)protected\]", r"email protected"),
}

# Lines that are only metadata: a date, a time, "AGENCY / Photographer".
METADATA_RULES = (
    r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$",
    r"^\d{4}-\d{2}-\d{2}$",
    r"^(?:stand|aktualisiert|veröffentlicht|updated|published|last updated|mis à jour|publié"
    r"|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|atualizado)"
    r"\s*(?:am|on|le|el|il|op|em)?\s*:?\s*\d[\d./: ,-]*(?:uhr|h|am|pm)?\.?$",
    r"^\d{1,2}:\d{2}(?:\s*(?:uhr|h|am|pm))?$",
    r"^(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{1,2}(?:,\s*\d{4})?$",
)
METADATA_RE = re.compile("|".join(METADATA_RULES), re.IGNORECASE)
# A line of short fields joined by "|", "•" or "·" ("January 13, 2020 at 08:45 AM | categories:
# Python | View Comments") is metadata when one field is a date or a time.
METADATA_FIELD_SPLIT = re.compile(r"\s+[|•·]\s+")
METADATA_DATE_FIELD_RE = re.compile(
    r"^(?:\w+\s*:\s*)?(?:(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r",?(?:\s+\d{4})?|\d{1,2}\.?\s+\w+\.?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s*(?:at\s+|um\s+|à\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h))?)?$"
    r"|^\d{1,2}:\d{2}(?:\s*(?:am|pm|uhr|h))?$",
    re.IGNORECASE,
)
METADATA_FIELD_MAX_WORDS = 6
# The signature line of an embedded tweet ("— Jane Doe (@jdoe) July 18, 2024") and its photo link.
TWEET_LINE_RE = re.compile(
    r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2},? \d{4}$|pic\.twitter\.com/\w+\s*$"
)
PHOTO_AGENCY_RE = re.compile(r"^(?:[A-Z]{2,}[\w.-]*(?:\s[A-Z][\w.-]*)?)\s*/\s*[\w.' -]{2,40}$")

E_MAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PHONE = r"(?:tel(?:efon|ephone|\.)?|phone|fon|t\.)\s*:?\s*\+?\(?\d[\d\s()/.-]{6,}\d"
# A short paragraph made of contact data (an address, a phone number) is ``contact_details``:
# it names a way to reach someone, or the address/number is most of it.
CONTACT_RE = re.compile(rf"{E_MAIL}|{PHONE}", re.IGNORECASE)
CONTACT_WORDS_RE = re.compile(
    r"\b(?:contact|reach|e-?mail|mail|write to|tips?|kontakt|erreichen|schreiben sie|contacter"
    r"|contactar|contattare|contacto|contatto|neem contact|contato|tel|phone|fax)\b",
    re.IGNORECASE,
)
CONTACT_MAX_WORDS = 25


def _compile(phrases: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{p})" for group in phrases.values() for p in group)
    return re.compile(rf"^\W*(?:{alternatives})", re.IGNORECASE)


TEXT_PATTERNS: dict[str, re.Pattern[str]] = {kind: _compile(by_lang) for kind, by_lang in TEXT_RULES.items()}
TEXT_PATTERNS_ANYWHERE: dict[str, re.Pattern[str]] = {
    kind: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
    for kind, phrases in TEXT_RULES_ANYWHERE.items()
}

# --- Credit lines ----------------------------------------------------------------------------------
# News agencies and wire services, as they are printed in credit lines.
AGENCIES = (
    r"AP|Associated Press|AFP|Agence France-Presse|Reuters|dpa|DPA|Deutsche Presse-Agentur|KNA|epd"
    r"|sid|SID|APA|ANSA|EFE|Europa Press|ANP|Belga|Lusa|PA|Press Association|Bloomberg|UPI|AAP"
    r"|CNA|Xinhua|Kyodo|Yonhap|TASS|Interfax|Ritzau|NTB|TT|STT|Keystone-SDA|SDA|ATS|CTK|PAP"
    r"|MTI|BTA|Anadolu|France 24|CNN Wire|Wire Services|wire services|agencies|Agenturen"
    r"|agences|agencias|agenzie|agências"
)
CREDIT_LINE_RULES: tuple[str, ...] = (
    # Reuters: "Reporting by X; Editing by Y", with or without parentheses.
    r"^\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|research(?:ing)?) by\b",
    r"^\(?\s*(?:reporting|writing) by\b.*(?:editing|writing) by\b",
    # "— Associated Press contributed to this report."
    r"^[-–—\s]*(?:the )?[\w.,'& -]{2,80} contributed (?:reporting )?to this (?:report|story|article)",
    r"^[-–—\s]*(?:additional reporting|reporting) by\b",
    # German, French, Spanish, Italian, Dutch, Portuguese agency credits.
    rf"^\(?\s*(?:mit material (?:von|der|des)|mit|quelle:?|material:?)\s+(?:{AGENCIES})\b",
    r"^\(?\s*mit agenturmaterial\b", r"^\(?\s*mit material von\b",
    rf"^\(?\s*(?:with|avec|con|com|met|source:?|sources?\s*:|fuente:?|fonte:?)\s+"
    rf"(?:{AGENCIES})\b(?:\s*(?:,|and|et|y|e|en|und)\s*(?:{AGENCIES}))*\s*\)?\.?$",
    rf"^\(?\s*(?:con información de|con informaciones de|d'après|selon)\s+(?:{AGENCIES})\b",
    rf"^\(?\s*(?:{AGENCIES})(?:\s*[/,&]\s*(?:{AGENCIES}))*\s*\)?\.?$",
    # "This article was originally published by/on ..."
    r"^(?:this (?:article|story|piece) (?:was|is|first) (?:originally |first )?"
    r"(?:published|appeared|written|produced|republished))\b",
    r"^(?:dieser (?:artikel|beitrag) erschien (?:zuerst|ursprünglich))\b",
    r"^(?:cet article a (?:été )?(?:initialement|d'abord) (?:publié|paru))\b",
)
CREDIT_LINE_RE = re.compile("|".join(f"(?:{p})" for p in CREDIT_LINE_RULES), re.IGNORECASE)
CREDIT_LINE_MAX_WORDS = 40
# Words naming a newsroom credit ("The British Journal Editors and Wire Services").
NEWSROOM_CREDIT_RE = re.compile(
    rf"\b(?:editors?|editorial (?:staff|team|board)|staff|newsroom|desk|redaktion|rédaction"
    rf"|redacción|redazione|redactie|redação|{AGENCIES})\b\W*$",
    re.IGNORECASE,
)
# The last paragraphs are where credit lines sit.
CREDIT_LINE_TAIL = 4

# A printed byline at the top of the body: "By Jane Doe", "Von Max Muster", "Par ...".
BYLINE_RE = re.compile(
    r"^(?i:by|von|par|por|di|door|de|text:|texto:|texte:)\s+[A-ZÀ-ÖØ-Þ\u0100-\u024f][\w.'’-]*"
    r"(?:\s+(?:[A-ZÀ-ÖØ-Þ\u0100-\u024f][\w.'’-]*|and|und|et|y|e|en|&|,|van|von|de|der|da|del|la|le))*"
    r"(?:\s*[,|]\s*.{0,60})?$",
)
BYLINE_MAX_WORDS = 16
BYLINE_HEAD = 5
