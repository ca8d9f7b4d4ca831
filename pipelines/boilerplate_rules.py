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
    "navigation", "tags", "byline", "embed", "source", "metadata", "headline",
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
# A teaser of another story inside the article area: a link wrapping a headline, or a headline that
# is one link; never longer than this.
TEASER_MAX_CHARS = 400

# --- Text detectors ------------------------------------------------------------------------------
# Paragraph-level phrases, by kind and language. A rule only fires on a short paragraph
# (``MAX_BOILERPLATE_WORDS``) so a story that *mentions* a newsletter keeps its sentence.
MAX_BOILERPLATE_WORDS = 45
# An affiliate disclosure explains itself at more length: the ``ad_label`` phrases are also
# searched in paragraphs up to this long among the first and last ones of the body.
DISCLOSURE_MAX_WORDS = 100
DISCLOSURE_HEAD = 2
DISCLOSURE_TAIL = 3
# Phrases anchored at the start of the paragraph (``^`` is added) or searched anywhere (``ANY``).
# Not right after an opening quote (TEXT_START_RE skips leading punctuation): quoted speech.
_UNQUOTED = r"(?<![\"'„“”«»‘’‚])(?<![\"'„“”«»‘’‚]\s)"
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
               # the site's own app: "CLICK HERE TO GET THE FOX NEWS APP"
               r"(?:click here to )?(?:get|download) (?:the|our) (?:free )?(?:[\w-]+ ){0,3}(?:\w+-)?app\W*$",
               r"get (?:our|the) .{0,40}newsletter", r"newsletter sign-?up",
               r"(?:sign up|subscribe) (?:now|today|here)\b", r"enter your e-?mail(?: address)?",
               r"by signing up,? you agree", r"delivered (?:straight )?to your inbox",
               r"sign up for .{0,60}(?:newsletter|email|briefing|updates|alerts)",
               r"by (?:registering|subscribing),? you agree"),
        "de": (r"(?:jetzt )?(?:den |unseren )?newsletter abonnieren", r"newsletter bestellen",
               r"melden sie sich (?:jetzt )?für (?:unseren|den) .{0,40}newsletter an",
               r"(?:jetzt )?zum newsletter anmelden", r"hier (?:kostenlos )?(?:für den )?newsletter",
               r"mit (?:der|ihrer) (?:registrierung|anmeldung) (?:akzeptieren|stimmen) sie",
               r"der [\w-]+ newsletter informiert",
               r"hol(?:en sie)? (?:dir|sich) (?:jetzt )?(?:die|unsere) (?:kostenlose )?(?:[\w-]+ ){0,3}(?:\w+-)?app\b",
               r"(?:jetzt )?(?:die|unsere) (?:[\w-]+ ){0,3}(?:\w+-)?app (?:herunterladen|laden|installieren)\W*$"),
        "fr": (r"inscrivez-vous (?:gratuitement )?à (?:notre|la|nos) .{0,40}(?:newsletter|lettre)",
               r"abonnez-vous à (?:notre|la) .{0,40}newsletter", r"recevez (?:notre|la) newsletter",
               r"téléchargez (?:l'|notre |gratuitement l')application\b"),
        "es": (r"suscríbete (?:a|al) (?:nuestro|nuestra|la|el) .{0,40}(?:newsletter|boletín)",
               r"recibe (?:nuestra|la) newsletter", r"apúntate a (?:nuestra|la) newsletter",
               r"descarga (?:la|nuestra) (?:[\w-]+ ){0,2}app\b"),
        "it": (r"iscriviti (?:alla|alle) (?:nostra |nostre )?newsletter", r"ricevi la newsletter",
               r"scarica (?:l'|la nostra )app\b"),
        "nl": (r"(?:schrijf je in|meld je aan) voor (?:onze|de) .{0,40}nieuwsbrief",
               r"abonneer (?:je|u) op (?:onze|de) nieuwsbrief",
               r"download (?:de|onze) (?:gratis )?(?:[\w-]+ ){0,2}app\b"),
        "pt": (r"(?:assine|inscreva-se (?:em|n)a?) (?:a nossa |nossa |a )?newsletter",
               r"receba (?:a nossa |nossa )?newsletter",
               r"(?:baixe|descarregue) (?:o|a|nosso|nossa) (?:[\w-]+ ){0,2}app\b"),
    },
    # A call for readers' stories: "We want to hear from you: ...", not a quote that opens so
    # ('"We want to hear from you," the mayor said').
    "contact_details": {
        "en": (rf"{_UNQUOTED}we(?:'d| would)? (?:want|like|love) to hear from you\b",),
        "de": (rf"{_UNQUOTED}wir (?:wollen|möchten) (?:es )?von (?:ihnen|dir|euch) (?:hören|wissen)\b",),
        "fr": (rf"{_UNQUOTED}nous voulons (?:vous entendre|avoir votre avis)\b",),
        "es": (rf"{_UNQUOTED}queremos (?:saber de ti|conocer tu opinión|escucharte)\b",),
        "it": (rf"{_UNQUOTED}vogliamo sentire la (?:tua|vostra) (?:voce|opinione)\b",),
        "nl": (rf"{_UNQUOTED}we willen (?:graag )?van (?:je|u|jullie) horen\b",),
        "pt": (rf"{_UNQUOTED}queremos ouvir (?:você|vocês|a sua opinião)\b",),
    },
    "share": {
        "en": (r"share (?:this|on|via|article|story|the article|to)\b", r"share this:?$",
               r"(?:share|tweet|pin|e-?mail|print|whatsapp|facebook|twitter|linkedin)(?: this)?$",
               r"click to share on", r"like this:?$", r"copy link$", r"share$",
               r"follow (?:us|[\w.]+(?: [\w.]+){0,3}) on (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube|google news|whatsapp|telegram|flipboard)\b",
               r"if you (?:enjoyed|liked) (?:reading )?this (?:post|article|story)",
               r"\d* ?bloggers? like this",
               r"(?:join|follow) (?:us|our [\w ]{1,20} channel) on (?:whatsapp|telegram|google news)"),
        "de": (r"folgen sie (?:uns|\w+(?: \w+){0,3}) (?:auf|bei) (?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky|youtube|google news|whatsapp|telegram|flipboard)\b",
               r"(?:artikel |beitrag )?teilen$", r"(?:artikel )?drucken$", r"auf (?:facebook|twitter|x|whatsapp|linkedin) teilen",
               r"diesen (?:artikel|beitrag) teilen", r"teilen sie diesen",
               r"(?:%d )?bloggern gefällt das",
               r"gefällt mir:?$",
               r"folgst du (?:uns )?(?:schon )?(?:\S+ ){0,3}auf (?:whatsapp|telegram|instagram|facebook|tiktok|google news)"),
        "fr": (r"suivez-(?:nous|\w+) sur (?:twitter|facebook|instagram|x|linkedin|tiktok|google (?:news|actualités)|whatsapp|telegram)\b",
               r"partager(?: cet article| sur \w+| l'article)?$", r"partager sur (?:facebook|twitter)",
               r"(?:%d )?blogueurs aiment",
               r"j'aime(?: ceci)?:?$"),
        "es": (r"síguenos en (?:twitter|facebook|instagram|x|linkedin|tiktok|google (?:news|noticias)|whatsapp|telegram)\b",
               r"compartir(?: en \w+| esta noticia| este artículo)?$",
               r"comparte (?:esta noticia|este artículo)",
               r"a \S+ blogueros les gusta",
               r"me gusta(?: esto)?:?$",
               r"únete a nuestro canal",
               r"¿ya sabías que .{0,60}(?:canal|telegram|whatsapp)"),
        "it": (r"condividi(?: su \w+| questo articolo)?$",),
        "nl": (r"(?:deel|delen)(?: dit artikel| via \w+| op \w+)?$",),
        "pt": (r"(?:compartilhe|compartilhar|partilhar|partilhe)(?: (?:esta notícia|este artigo|no \w+))?$",),
        "ko": (r"기사 url이 복사되었습니다", r"url이 복사되었습니다",),
    },
    "related": {
        "all": (
            # A teaser line: a date glued to the linked headline ("27.01.2022Mineralöl-Info ...").
            r"\d{1,2}\.\d{1,2}\.\d{2,4}(?=[^\W\d_])(?:\S*\s+){0,10}\S*$",
            # Cross-promotion of a sister site: "Auch auf example.de", "Also on example.com".
            r"(?:auch|also|aussi|también|anche|ook|também) (?:auf|on|sur|en|su|op|em) "
            r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\W*$",
            # A short call to visit another site: "Zobacz oferty na Example.pl", "More at x.com".
            # (the lookahead first: a paragraph that does not end in a domain fails fast)
            r"(?=.{0,150}\.[a-z]{2,6}\W*$)(?:\S+\s+){1,12}(?:on|at|auf|bei|na|sur|en|su|op|em)\s+(?-i:[A-Z])[\w-]+(?:\.[\w-]+)*"
            r"\.[a-z]{2,6}\W*$",
        ),
        "en": (r"(?:related|read more|read also|also read|see also|more on this|more from|recommended"
               r"|you (?:may|might) also like|related (?:articles|stories|posts|coverage|content)"
               r"|more stories|read next|what to read next|most read|trending now)\b\s*:",
               r"more\s*:\s", r"for more (?:stories|news|articles|coverage) like this",
               r"(?:related (?:articles|stories|posts|coverage|content)|you (?:may|might) also like"
               r"|more stories|read next|most (?:read|popular)|recommended(?: for you)?)$",
               r"(?:read more|read also|also read|see also|related(?: stories| articles)?|more on this story)$",
               r"(?:read|watch|see)\s*:",
               r"(?:for )?(?:more|further) information\b[^.!?]{0,60}\b(?:website|homepage|www\.)"),
        "de": (r"(?:mehr zum thema|lesen sie auch|lesen sie mehr|auch interessant|das könnte sie "
               r"(?:auch )?interessieren|weitere artikel|weiterlesen|zum thema|ebenfalls interessant"
               r"|verwandte artikel|meistgelesen|weitere themen|zum weiterlesen|weitere beiträge"
               r"|mehr aus (?:der|dem) \w+)\b\s*(?::|$)",
               r"(?:lesen sie (?:auch|mehr)|mehr zum thema|zum artikel|zum weiterlesen)\b",
               r"weitere (?:beiträge|artikel|informationen|infos|nachrichten|meldungen)\b[^.!?]{0,60}:$",
               r"mehr (?:themen|artikel|news|geschichten) (?:auf|bei|von) \S+\s*:?$",
               r"lies (?:auch)?\s*:",
               # a pointer to another site: "Weitere Informationen gibt es auf der Website des DTB."
               r"weitere (?:informationen|infos)\b[^.!?]{0,80}\b(?:website|webseite|homepage|internetseite|www\.)"),
        "fr": (r"(?:à lire aussi|lire aussi|voir aussi|sur le même sujet|à voir également"
               r"|articles similaires|lire la suite|les plus lus)\b\s*(?::|$)",
               r"(?:à lire aussi|lire aussi|à lire également|voir aussi)\b",
               r"lire\s*:",
               r"plus d'informations?\b[^.!?]{0,60}\b(?:site|www\.)"),
        "es": (r"(?:lee también|lea también|te puede interesar|noticias relacionadas|leer más"
               r"|más información|también te puede interesar|lo más leído|le puede interesar"
               r"|puedes ver|mira|lea más|lee más|notas relacionadas|contenido relacionado"
               r"|te recomendamos)\b\s*(?::|$)",
               r"(?:lea también|lee también|noticia relacionada|noticias relacionadas|te puede interesar)\b",
               r"(?:lea|lee)\s*:"),
        "it": (r"(?:leggi anche|potrebbe interessarti|articoli correlati|leggi di più"
               r"|ti potrebbe interessare|i più letti)\b\s*(?::|$)",
               r"(?:leggi anche|potrebbe interessarti)\b",
               r"leggi\s*:"),
        "nl": (r"(?:lees ook|lees meer|meer over|gerelateerde artikelen|bekijk ook|meest gelezen)\b\s*(?::|$)",
               r"(?:lees ook|lees meer|bekijk ook)\b",
               r"lees\s*:"),
        "pt": (r"(?:leia também|leia mais|veja também|notícias relacionadas|saiba mais"
               r"|mais lidas)\b\s*(?::|$)",
               r"(?:leia também|leia mais|veja também)\b",
               r"leia\s*:"),
        "pl": (r"(?:czytaj (?:też|także|więcej)|zobacz (?:też|także|również))\b",
               r"(?:czytaj|zobacz)\s*:",),
        "no": (r"(?:les også|les mer|se også)\b",),
        "sv": (r"(?:läs också|läs mer|se även)\b",),
        "da": (r"(?:læs også|læs mere|se også)\b",),
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
               r"to (?:view|read|see) the (?:full|entire|rest of the) (?:story|article)",
               r"we need your (?:help|support)",
               r"(?:please )?support (?:us|our (?:work|journalism)|independent journalism)",
               r"first-time subscribers\b",
               r"become a (?:member|subscriber|supporter)\b",
               r"donate(?: now| today)?\W*$",
               r"stay informed with\b"),
        "de": (r"(?:jetzt )?weiterlesen mit", r"dieser artikel ist (?:nur )?für abonnenten",
               r"bereits abonnent", r"(?:plus|premium)-?artikel", r"jetzt abonnieren und weiterlesen",
               r"hat (?:ihnen|dir) (?:dieser|der) (?:artikel|beitrag) gefallen",
               r"unterstützen sie uns\b",
               r"unterstütze (?:uns|\S+ (?:bereits |schon )?(?:mit|ab))\b",
               r"jetzt spenden\b",
               r"(?:die |unsere )?aktuelle ausgabe (?:de[rs] \S+ )?(?:ist )?jetzt\b",
               r"lesen sie (?:das|die|den) [\w-]+[ -](?:magazin|zeitung|e-?paper)",
               r"\S+ jetzt auch digital\b"),
        "fr": (r"(?:article )?réservé aux abonnés", r"déjà abonné", r"abonnez-vous pour lire",
               r"pour (?:lire la suite|accéder en illimité)",
               r"soutenez(?:-nous| notre| le journalisme)",
               r"faites un don\b"),
        "es": (r"contenido (?:exclusivo )?para suscriptores", r"¿ya eres suscriptor",
               r"hazte (?:miembro|socio|suscriptor)",
               r"apoya (?:el|nuestro) periodismo"),
        "it": (r"contenuto riservato agli abbonati", r"sei già abbonato",
               r"sostieni(?:ci)? (?:il|la|l')",
               r"abbonati (?:ora|subito)"),
        "nl": (r"dit artikel is (?:alleen )?voor abonnees", r"al abonnee",
               r"steun (?:ons|onze|onafhankelijke)",
               r"word (?:lid|abonnee)\b"),
        "pt": (r"conteúdo exclusivo para assinantes", r"já é assinante",
               r"apoie (?:o|nosso) jornalismo",
               r"assine (?:já|agora)\b"),
        "pl": (r"wesprzyj nas",
               r"zapraszamy (?:też |również )?do subskrypcji",
               r"czytasz właśnie",),
        "ja": (r".{0,20}有料会員", r".{0,20}会員限定", r".{0,40}読み放題",),
        "tr": (r".{0,80}abonelik için",),
    },
    "copyright": {
        "en": (r"copyright\s*ⓒ", r"ⓒ",
               r"(?:©|\(c\)|copyright\s*©|copyright\s+\d{4}|copyright\s*:)", r"all rights reserved",
               r"this material may not be published,? broadcast"),
        "de": (r"alle rechte vorbehalten", r"alle angaben ohne gewähr"),
        "fr": (r"tous droits réservés",),
        "es": (r"todos los derechos reservados",),
        "it": (r"tutti i diritti riservati", r"riproduzione riservata"),
        "nl": (r"alle rechten voorbehouden",),
        "pt": (r"todos os direitos reservados",),
        "pl": (r"materiał chroniony prawem autorskim",),
        "ja": (r".{0,40}無断(?:転載|複製)",),
        "ko": (r".{0,60}무단 ?전재",),
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
        "pl": (r"fot\.\s",),
    },
    "ad_label": {
        "en": (r"(?:advertisement|advertising|sponsored(?: content)?|ad)$",
               r"(?:story|article) continues (?:below|after)", r"continue reading (?:below|the main story)",
               r"scroll (?:down )?to continue",
               r"skip (?:the )?ad(?:vert(?:isement)?)?$"),
        "de": (r"(?:anzeige|werbung)$", r"(?:anzeige|werbung)\s*[-–:|]\s", r"(?:artikel|text) (?:geht|wird) (?:unten|nach der anzeige) "
               r"(?:weiter|fortgesetzt)", r"weiter nach der (?:anzeige|werbung)",
               r"werbung überspringen$"),
        "fr": (r"publicité$", r"la suite après (?:cette )?publicité",
               r"passer la publicité$"),
        "es": (r"publicidad$", r"sigue leyendo"),
        "it": (r"pubblicità$",),
        "nl": (r"advertentie$", r"lees verder na de advertentie"),
        "pt": (r"publicidade$", r"continua (?:depois|após) a publicidade"),
    },
    "navigation": {
        "en": (r"(?:home|back to top|previous (?:article|post|story)|next (?:article|post|story)"
               r"|skip to (?:main )?content)$", r"home\s*[>»›/|]",
               r"(?:table of contents|contents|skip to (?:main )?content|main content)\s*:?$"),
        "de": (r"(?:startseite|nach oben|zurück|vorheriger artikel|nächster artikel)$",
               r"startseite\s*[>»›/|]",
               r"(?:inhaltsverzeichnis|inhalt|hauptinhalt|zum inhalt springen)\s*:?$",
               r"weiter zu\b.{0,60}$",
               r"fehler gefunden\s*\?"),
        "fr": (r"(?:accueil|retour en haut|article précédent|article suivant)$", r"accueil\s*[>»›/|]",
               r"(?:sommaire|table des matières)\s*:?$"),
        "es": (r"(?:inicio|volver arriba|artículo anterior|artículo siguiente)$", r"inicio\s*[>»›/|]",
               r"(?:índice|tabla de contenidos?)\s*:?$"),
        "it": (r"(?:articolo precedente|articolo successivo|torna su)$",
               r"(?:indice|sommario)\s*:?$"),
        "nl": (r"(?:vorig artikel|volgend artikel|terug naar boven)$",
               r"(?:inhoudsopgave|inhoud)\s*:?$"),
        "pt": (r"(?:início|voltar ao topo|artigo anterior|próximo artigo)$",
               r"(?:índice|sumário)\s*:?$"),
    },
    "embed": {
        "en": (r"(?:click|tap) (?:here )?to (?:load|view|show) (?:the )?(?:external )?(?:content|tweet|post|video|embed)",
               r"(?:external|embedded) content$",
               r"i (?:agree|consent) to (?:the )?(?:display of )?(?:external|third-party) content"),
        "de": (r"ein klick für den datenschutz", r"(?:empfohlener )?externer inhalt$",
               r"(?:hier|klicken sie hier,? um) (?:den )?externen inhalt (?:anzuzeigen|zu laden)",
               r"empfohlener (?:redaktioneller|externer) inhalt$",
               r"an dieser stelle finden sie (?:einen )?.{0,80}externen inhalt",
               r"ich bin damit einverstanden, dass mir (?:der |die )?externen? inhalte?"),
        "fr": (r"contenu externe$", r"cliquez (?:ici )?pour afficher le contenu"),
        "es": (r"contenido externo$",),
        "it": (r"contenuto esterno$",),
        "nl": (r"externe inhoud$",),
        "pt": (r"conteúdo externo$",),
    },
    # Source, staff and production lines printed under or inside the story ("Quelle: Landesregierung",
    # "MDR (dst)", "Redaktion: ..."); not bylines, so not ``credit_line`` (which names the authors).
    "source": {
        "all": (r"(?:quelle|quellen|source|sources|fuente|fuentes|fonte|fontes|bron|bronnen|źródło)\s*:\s*(?:\S+\s*){1,6}$",
                r"(?:quellen|quellenangaben?|sources|references|referenzen|fuentes|fontes|bronnen"
                r"|originalpublikation|original publication|originalveröffentlichung)\s*:?$",
                r"[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|de|at|ch|fr|es|it|nl|pt|pl|info|co\.uk)$",
                r"[a-zäöü]{2,4}(?:/[a-zäöü]{2,4})*\)\.?$",
                r"(?-i:[A-Z]{2,6})\s*\((?:[\w.-]+(?:,\s*|\s+)?){1,6}\)$"),
        "en": (r"with (?:additional )?(?:reports?|reporting|information) from\b",
               r"(?:styling|hair|make-?up(?: assistant)?|(?:global )?creative director|visual director"
               r"|casting director|production)\s*:\s*\S",),
        "de": (r"(?:dieses thema im programm|sendung)\s*:", r".{0,40}\berstveröffentlichung\s*:",
               r"(?:redaktion|schlussredaktion|übersetzung(?: und \w+)?|faktencheck|mitarbeit|haare"
               r"|produktion)\s*:\s*\S", r"mit informationen (?:der|von|des)\b",
               r"dieser (?:artikel|beitrag|text) ist (?:eine übersetzung|zuerst|ursprünglich)",
               r"(?:\S+[- ])?redaktion$"),
    },
    "author_bio": {
        "all": (
            # A newsroom job title and desk standing alone: "Redakteur in der Wirtschaft."
            r"(?:redakteur(?:in)?|korrespondent(?:in)?|editor|correspondent|rédact(?:eur|rice)"
            r"|redactor(?:a)?|redattore|redattrice|redacteur|journalist(?:in|e)?|periodista|giornalista)"
            r"\s+(?:in|im|für|bei|der|des|at|for|of|on|à|au|de|del|en|per|di|bij|voor)\b(?:\s*\S+){0,8}\s*$",
        ),
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
                r"cancela cuando quieras", r"jederzeit kündbar", r"\bim handel erhältlich\b",
                r"\binvest in (?:independent |quality )?journalism", r"\beinzelheft\b",
                r"\b(?:im abo|als e-?paper)\b.{0,60}\berhältlich\b", r"\babonelik için lütfen\b"),
    # Affiliate and sponsorship disclosures.
    "ad_label": (r"(?:contains?|includes?|uses?) (?:affiliate links|references to products)",
                 r"we (?:may )?(?:earn|receive|get) (?:a )?(?:small )?(?:commission|compensation|share of sales)",
                 r"as an amazon associate", r"affiliate-?links?\b.{0,80}provision",
                 r"(?:verlinkungen|links) handelt es sich um (?:sogenannte )?(?:affiliate|provisions|werbe)",
                 r"liens? (?:affiliés|d'affiliation)", r"enlaces? de afiliados?",
                 r"link (?:affiliati|di affiliazione)", r"links? de afiliados?",
                 r"\b(?:may|might|could) earn (?:an? )?(?:small )?(?:affiliate )?commission",
                 r"links? (?:kennzeichnen wir|sind) mit (?:einem )?sternchen",
                 r"marked with an asterisk.{0,80}\b(?:commission|affiliate)",
                 r"hat keinerlei einfluss auf unsere (?:empfehlung|bewertung|berichterstattung)",
                 r"do(?:es)? not influence our (?:editorial|recommendations|reviews)",
                 # review copies: "Vielen Dank an den Verlag für das Rezensionsexemplar"
                 r"rezensionsexemplar", r"review cop(?:y|ies) (?:was|were) (?:provided|sent|given)",
                 r"exemplaires? (?:de presse|offerts?) par"),
    # Self-promotion: the site's own newsletter, magazine issue, channels and donation appeals.
    "newsletter": (r"\b(?:our|unser(?:e[mnrs]?)?|notre|nos|nuestr[oa]s?|nostr[ae]|onze|nossa?s?)\s+"
                   r"(?:[\w-]+\s)?[\w-]*(?:newsletter|nieuwsbrief|boletín)s?\b",
                   r"\bsign(?:ing)? up (?:to|for) (?:our|the|(?:the )?[\w-]+['’]s) (?:free )?(?:[\w-]+ ){0,3}newsletters?\b",
                   r"\bsign up here\W*$", r"\bnewsletter informiert (?:sie|dich)\b",
                   r"\b(?:kennt ihr|kennst du|kennen sie) (?:schon|bereits) unser",
                   # the site's own magazine issue and job board
                   r"viel spaß (?:mit|beim lesen) (?:der|unserer) (?:neuen|aktuellen) ausgabe",
                   r"enjoy (?:the|our) (?:new|latest) issue"),
    # A download link's file type and size: "PDF | 38 KB", "(docx, 1,2 MB)".
    "navigation": (r"(?<![a-z])(?:pdf|docx?|xlsx?|pptx?|odt|zip|mp3|epub)\s*[|,(]\s*\d+(?:[.,]\d+)?\s*(?:kb|mb|gb)\b",),
    "share": (r"\b(?:whatsapp|telegram)[- ]?(?:channel|kanal|canal)\b",
              r"\brss[- ]?(?:feeds?\s)?(?:abonnieren|abonnez|suscr[ií]b)", r"\bsubscribe (?:to |via )?(?:our |the )?rss\b"),
    # Teasers of other stories: "... lesen Sie in unserem Liveblog:", ">> Headline", video teasers.
    "related": (r"\blesen sie\b[^.!?]{0,60}\b(?:hier|in unserem [\w-]+|im [\w-]*liveblog)\s*[:.!]?(?:\s*\S+){0,8}$",
                r"\bfinden sie\b[^.!?]{0,60}\b(?:in unserem [\w-]+|im [\w-]*liveblog)\s*[:.!]?(?:\s*\S+){0,8}$",
                r"\bfindest du hier\W*$", r"^\s*>>\s*\S", r"\d{2}\.\d{2}\.\d{4}\s*\|\s*\d{1,2}:\d{2}\s*min$"),
    "copyright": (r"\b(?:inhalte?|content|texte?)\b.{0,60}\b(?:unter|under)\b.{0,20}\b(?:cc[- ]by|creative[- ]commons)",),
    "contact_details": (r"can be (?:contacted|reached) (?:by|via|at) e-?mail",
                        r"got a (?:story|tip)\?.{0,40}(?:get in touch|contact|e-?mail)",
                        r"get in touch with (?:our|the) (?:news ?)?(?:team|desk|newsroom|editors)",
                        r"e-?mail address follows (?:this|the) formula",
                        r"(?:contact|reach) (?:the )?(?:author|reporter|writer)s? at",
                        r"\[email(?:&#160;|\s)protected\]", r"email protected",
                        r"\b(?:senden|schreiben) sie uns\b", r"\b(?:puede|puedes) escribirnos\b|\bescríbenos\b",
                        r"\bécrivez-nous\b", r"\bwrite to us\b",
                        r"\bmelden sie (?:sich )?(?:vertraulich|gerne|bei uns|bei unserem)",
                        r"^\W*(?:pressesprecher\S*|pressekontakt|press contact|media contact|contact presse)\b"),
}

# A heading that introduces the author's bio: the paragraph after it is the bio.
AUTHOR_HEADING_RE = re.compile(
    r"^\W*(?:(?:about )?the author|author|autor(?:in)?|über (?:den|die) autor(?:in)?|l'auteur"
    r"|à propos de l'auteur|(?:sobre )?el autor|(?:sull')?autore|(?:over )?de auteur|(?:sobre )?o autor)\W*$",
    re.IGNORECASE,
)
# A bio closing the body: a name, "is a/the", and a job ("Jane Doe is the founder of ...", "Jane Doe
# ist ZDF-Reporterin für ..."); a name and the beat ("Jane Doe covers politics ..."); a job and a
# name ("Korrespondent Max Muster ist bei ... zuständig").
# A person's name is two to four capitalised words; one opening with an article is an
# institution or a paper ("The Guardian", "Die Polizei", "Le Monde"), not a writer.
BIO_NAME = (r"(?!(?i:the|die|der|das|le|la|les|el|los|las|il|lo|gli|de|het|os|as)\s)"
            r"[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w.'’-]+){1,3}")
BIO_JOBS = (
    r"founder|co-?founder|editor|writer|journalist|reporter|author|correspondent|consultant"
    r"|contributor|columnist|freelancer?|blogger|researcher|professor|lecturer|fellow|analyst"
    r"|redakteur(?:in)?|journalistin|reporterin|autor(?:in)?|korrespondent(?:in)?|gründer(?:in)?"
    r"|rédact(?:eur|rice)|journaliste|auteur|fondat(?:eur|rice)|periodista|redactor(?:a)?"
    r"|fundador(?:a)?|giornalista|fondat(?:ore|rice)"
)
CLOSING_BIO_RE = re.compile(
    rf"^{BIO_NAME},?\s(?:is|was|ist|war|est|es|è)\s"
    r"(?:an?|the|ein|eine|der|die|une?|le|la|el|il|uno?|una)?\s?(?:[\w-]+\s){0,4}"
    rf"(?:\w+-)?(?i:{BIO_JOBS})\b"
    # the beat, or the paper written for: "writes about", "berichtet über" also open story
    # sentences ("Innenminister Max Muster berichtet über die Lage")
    rf"|^{BIO_NAME}\s(?i:covers|writes for|reports for|berichtet (?:für|aus)|schreibt für"
    r"|couvre|écrit pour|cubre|escribe para|scrive per|schrijft voor|cobre|escreve para)\s"
    rf"|^(?i:korrespondent(?:in)?|redakteur(?:in)?|reporter(?:in)?|autor(?:in)?|correspondent"
    rf"|reporter|editor|columnist)\s{BIO_NAME}\s(?:(?:is|ist) (?:bei|at|für|for|seit)|berichtet"
    r"|schreibt|covers|writes)\s"
)
BIO_MAX_WORDS = 90
# The closing bio is one of the last paragraphs of a body at least this long.
BIO_MIN_PARAGRAPHS = 4
# Mixed-script words ("Аdvеrtіѕе" with Cyrillic letters among Latin ones) are spam filters'
# evasion: paragraphs with several are advertisements, in any language.
HOMOGLYPH_RE = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
HOMOGLYPH_MIN_JOINS = 3
CYRILLIC_RE = re.compile("[\u0400-\u04ff]")

# Lines that are only metadata: a date, a time, "AGENCY / Photographer".
METADATA_PREFIXES = (
    r"stand|aktualisiert|veröffentlicht|veröffentlichung|letzte änderung|zuletzt aktualisiert"
    r"|erstveröffentlichung|updated|published|last updated|release date|mis à jour|publié|actualizado"
    r"|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|atualizado"
)
METADATA_RULES = (
    r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*uhr)?)?$",
    r"^\d{4}-\d{2}-\d{2}$",
    rf"^(?:{METADATA_PREFIXES})\s*(?:am|on|le|el|il|op|em)?\s*:?\s*\d[\d./: ,-]*(?:uhr|h|am|pm)?\.?$",
    # ... or a date with a month name: "Veröffentlicht am 13. Mai 2026 um 15:44".
    rf"^(?:{METADATA_PREFIXES})\s*(?:am|on|le|el|il|op|em)?\s*:?\s*\d{{1,2}}\.?\s+\w+\.?\s+\d{{4}}"
    r"(?:,?\s*(?:um|at|à|a las)?\s*\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?)?$",
    # Reading time and video length: "3 Minuten Lesezeit", "Lesezeit: 4 Min.", "02:57 Min.. Verfügbar bis ...".
    r"^\d+\s*(?:min(?:uten|utes?|s)?\.?)\s*(?:lesezeit|read|reading time|de lecture|de lectura|di lettura"
    r"|leestijd|de leitura)$",
    r"^(?:lesezeit|reading time|temps de lecture|tiempo de lectura|tempo di lettura|leestijd|tempo de leitura)"
    r"\s*:?\s*\d+\s*min\w*\.?$",
    r"^\d{1,2}:\d{2}\s*min\.*\s*(?:verfügbar bis\b.*)?$",
    rf"^(?:{METADATA_PREFIXES})\s*:?$",
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
METADATA_MAX_WORDS = 8
# A list bullet in front of a line ("- Veröffentlicht am ...").
BULLET_RE = re.compile(r"^[-–•*·]\s+")
# A dateline standing alone as the first paragraph ("NEW DELHI:", "Berlin.", "Madrid-").
DATELINE_RE = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s[A-ZÀ-Þ][\w'’.-]*){0,2}\s*[:.–—-]$")
# The signature line of an embedded tweet ("— Jane Doe (@jdoe) July 18, 2024") and its photo link.
TWEET_LINE_RE = re.compile(
    r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2},? \d{4}$|pic\.twitter\.com/\w+\s*$"
)
# A short image caption ending in its credit ("The harbour at night. © AFP / Jane Doe").
CAPTION_CREDIT_RE = re.compile(
    r"\S.*\s©\s*[\w .&/-]{2,40}$"
    # "… sentence.DPA / Jane Doe": an agency credit glued to the end of the caption
    r"|\S.*[^\W\d_][.!?]\s?[A-Z]{2,}[\w.-]*\s*/\s*[\w.' -]{2,40}$"
)
CAPTION_MAX_WORDS = 25
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


# Searched in the lower-cased paragraph (half the cost of IGNORECASE): phrases are lower case.
TEXT_PATTERNS_ANYWHERE: dict[str, re.Pattern[str]] = {
    kind: re.compile("|".join(f"(?:{p})" for p in phrases))
    for kind, phrases in TEXT_RULES_ANYWHERE.items()
}


def _start_regex(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """The anchored phrases of ``kinds`` (every language) as one regex, the kind as group name."""
    return re.compile(
        r"^\W*(?:"
        + "|".join(f"(?P<{kind}>" + "|".join(f"(?:{p})" for group in TEXT_RULES[kind].values()
                                             for p in group) + ")" for kind in kinds)
        + ")",
        re.IGNORECASE,
    )


# Alternatives are tried in kind order, as a per-kind loop would, but a paragraph is matched once.
TEXT_START_RE = _start_regex(tuple(TEXT_RULES))

# Consent boxes for embedded content and cookie notices explain themselves at length: their
# anchored phrases are also matched at the start of paragraphs up to this long.
LONG_BOILERPLATE_KINDS = ("embed", "cookie")
LONG_BOILERPLATE_MAX_WORDS = 100
LONG_TEXT_START_RE = _start_regex(LONG_BOILERPLATE_KINDS)

# --- Credit lines ----------------------------------------------------------------------------------
# News agencies and wire services, as they are printed in credit lines.
AGENCIES = (
    r"AP|Associated Press|AFP|Agence France-Presse|Reuters|dpa|DPA|Deutsche Presse-Agentur|KNA|epd"
    r"|sid|SID|APA|ANSA|EFE|Europa Press|ANP|Belga|Lusa|PA|Press Association|Bloomberg|UPI|AAP"
    r"|CNA|Xinhua|Kyodo|Yonhap|TASS|Interfax|Ritzau|NTB|TT|STT|Keystone-SDA|SDA|ATS|CTK|PAP"
    r"|MTI|BTA|Anadolu|France 24|CNN Wire|Wire Services|wire services|agencies|Agenturen"
    r"|agences|agencias|agenzie|agências"
)
_CREDIT_NAMES = r"(?-i:[A-Z][\w'’.-]+(?:(?:,\s*|\s+(?:and|&)\s+|\s+)[A-Z][\w'’.-]+){0,7})"
_CREDIT_PLACE = r"(?-i:[A-Z][\w'’.-]+(?:,?\s+[A-Z][\w'’.-]+){0,3})"
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
    # "Jane Doe reported from Kyiv, Ukraine, and John Roe from Moscow." (AP, New York Times): the
    # whole line is names and places; "Al Jazeera reported from Gaza that ..." is the story's
    rf"^{_CREDIT_NAMES}\s+reported from\s+{_CREDIT_PLACE}"
    rf"(?:,?\s+and\s+{_CREDIT_NAMES}\s+from\s+{_CREDIT_PLACE})*(?:\.?$|\.\s)",
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

# A "[read more]" link printed at the end of a paragraph (trimmed, the paragraph stays).
READ_MORE_TAIL_RE = re.compile(
    r"\s*\[\s*(?:(?:czytaj )?(?:więcej|dalej)|read more|more|weiterlesen|mehr|weiter|lire la suite|la suite"
    r"|leer más|seguir leyendo|leggi (?:tutto|di più)|lees meer|leia mais)\s*\]\s*$",
    re.IGNORECASE,
)
