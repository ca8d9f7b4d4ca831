"""Language: of the text, with html lang as fallback and tie-breaker."""

from __future__ import annotations

from array import array

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from pipelines import language
from pipelines.document import parse_document
from pipelines.language import MAX_TEXT_CHARS, detect_language, page_language

GERMAN = "Der Stadtrat hat am Montag den Bau eines neuen Fährterminals beschlossen. " * 4
ENGLISH = "The council voted on Monday to approve a new ferry terminal on the quay. " * 4


def _doc(lang: str | None):
    attr = f' lang="{lang}"' if lang else ""
    return parse_document(f"<html{attr}><body><p>x</p></body></html>", "https://x.example/")


def test_text_decides() -> None:
    assert detect_language(_doc("en"), GERMAN) == "de"
    assert detect_language(_doc(None), ENGLISH) == "en"


def test_short_text_falls_back_to_html_lang() -> None:
    assert detect_language(_doc("fr-FR"), "Bonjour") == "fr"
    assert detect_language(_doc(None), "Bonjour") is None


def test_page_language_normalised() -> None:
    assert page_language(_doc("pt_BR")) == "pt"
    assert page_language(_doc("x-klingon-long")) is None


def test_only_the_opening_of_a_long_text_is_classified() -> None:
    """A German story quoting English at length further down stays German."""
    text = GERMAN * 3 + ENGLISH * 10
    assert len(GERMAN * 3) >= MAX_TEXT_CHARS
    assert detect_language(_doc(None), text) == "de"
    assert detect_language(_doc(None), ENGLISH * 10 + GERMAN * 3) == "en"


def test_compact_identifier_gives_py3langids_scores() -> None:
    # the per-state tables as arrays (no int objects whose counts the workers would write)
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    compact = language._identifier()
    assert isinstance(compact._rowbase, array)  # type: ignore[attr-defined]
    assert isinstance(compact.tk_output, array)
    assert isinstance(plain._rowbase, list)  # type: ignore[attr-defined]
    french = "Le conseil municipal a voté lundi la construction d'un nouveau terminal. " * 4
    for text in (GERMAN, ENGLISH, french, "Bonjour", "", "1234 5678"):
        assert compact.classify(text) == plain.classify(text)
