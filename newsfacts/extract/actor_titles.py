"""People's titles and roles around a name: the title spaCy's entity holds or the text writes
just before it ('Gen.', 'Foreign Minister', 'ministry spokeswoman'), kept as the role and never
as part of the name; the role after a comma (', STC Country Director in Iraq'); the name as
written with its title, kept as an alias. Words from lexicons/titles.toml."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsfacts.extract.common import doc_text
from newsfacts.extract.names import Lexicon, clean_name, type_from_cues


def split_title(tokens: list[Token], lex: Lexicon, person: bool) -> tuple[list[Token], list[Token]]:
    """('President', 'Andres', ...) -> the name and the title before it ('Gen.', 'Dr.', 'Foreign
    Minister'); trailing role nouns ('Crivellaro spokesman') are dropped. An organisation's
    name keeps its first words unless a form of address or an office opens it ('Mr. Haddad')."""
    titles = lex.titles
    role: list[Token] = []
    opens_person = (
        bool(tokens)
        and (tokens[0].lower_ in titles.honorifics or tokens[0].lower_ in titles.offices)
        and not type_from_cues(lex, " ".join(t.text for t in tokens), default="")
    )  # 'Mr. Haddad' spaCy called an organisation, but not 'General Assembly', 'Justice Department'
    if person and len(tokens) > 2 and tokens[0].lower_ in titles.occupations and tokens[1].is_title:
        role.append(tokens.pop(0))  # 'Mathematician Hermann Weyl' at the start of a sentence
    if person or opens_person:
        while len(tokens) > 1 and (
            titles.is_title(tokens[0].text)
            or tokens[0].text in "-\u2010\u2011"
            or (role and tokens[0].lower_ in titles.joiners)
        ):
            role.append(tokens.pop(0))
    while len(tokens) > 1 and tokens[-1].lower_ in titles.role_nouns:
        tokens = tokens[:-1]
    if role and not person and not (len(tokens) <= 3 and all(t.is_title or t.is_upper for t in tokens)):
        return role + tokens, []  # not a person's name after all: the organisation's whole name
    if not role and not person:
        return _person_after_title(tokens, lex)
    return tokens, role


def _person_after_title(tokens: list[Token], lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """'Manitoba Premier Brian Pallister', 'Sizzler Australia Managing Director Bo Ryan' in one
    entity spaCy called an organisation: the person's name after the office, the rest the role."""
    titles = lex.titles
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ not in titles.offices or not tokens[k].is_title:
            continue
        if tokens[k - 1].lower_ in lex.words["connectors"]:
            return tokens, []  # 'Society for General Systems Research': a word of the name
        end = k
        while end + 1 < len(tokens) and titles.is_title(tokens[end + 1].text):
            end += 1
        name = tokens[end + 1 :]
        if 2 <= len(name) <= 4 and all(t.is_title for t in name):
            return name, tokens[: end + 1]
        return tokens, []
    return tokens, []


def title_before(doc: Doc, first: int, lex: Lexicon, honorifics_only: bool = False) -> list[Token]:
    """The title written just before a name and outside spaCy's entity: 'Mrs.' of 'Mrs. Lee',
    'Gen.' of 'Gen. Abdel Fattah al-Burhan', 'spokeswoman' of 'ministry spokeswoman Maria
    Zakharova', 'European Commission President' -> 'President'. Before a name spaCy did not call
    a person, only a form of address ('Mme. Diallo') makes it a person's."""
    titles = lex.titles
    dashes = "-\u2010\u2011"

    def in_title(j: int) -> bool:
        t = doc[j]
        if titles.is_title(t.text):
            return t.text[:1].isupper() or t.lower_ in titles.offices
        after_title = j > 0 and titles.is_title(doc[j - 1].text)
        if (
            t.text == "."
            and doc[j + 1].is_sent_start
            and not _abbreviated(doc[j - 1].lower_, titles.honorifics)
        ):
            return False  # 'a Polish officer. Kowalski served': a sentence's end, no title's dot
        return after_title and (t.lower_ in titles.joiners or t.text in dashes or t.text == ".")

    j = first - 1
    while j >= 0 and in_title(j) and "\n" not in doc[j].whitespace_:
        j -= 1
    words = list(doc[j + 1 : first])
    while words and (words[0].lower_ in titles.joiners or words[0].text in dashes or words[0].text == "."):
        words.pop(0)
    words = [t for t in words if t.text != "."]
    if honorifics_only and not any(t.lower_ in titles.honorifics for t in words):
        return []
    return words


def _abbreviated(word: str, honorifics: dict[str, str]) -> bool:
    """'Mme' before its dot: a form of address, whose dot ends no sentence."""
    return word in honorifics or f"{word}." in honorifics


def written_form(doc: Doc, role_tokens: list[Token], start: int, end: int) -> str:
    """The name as the text writes it with the title just before it and the honours after it
    ('Speaker Nancy Pelosi', 'Dame Zaha Hadid DBE'): a form of the name, kept as an alias."""
    text = doc_text(doc)
    first = start
    for token in reversed(role_tokens):
        gap = text[token.idx + len(token.text) : first]
        if token.idx >= first or gap.strip(" .") or "\n" in gap or not token.text[:1].isupper():
            break  # 'Speaker Nancy Pelosi', not 'director Louis Malle'
        if token.tag_ in ("NNS", "NNPS"):
            break  # 'Senators Grassley and Feinstein': a title of two people
        first = token.idx
    written = clean_name(text[first:end])
    if written.endswith(".") and not text[start:end].endswith("."):
        written = written[:-1]  # the sentence's full stop
    return written


def role_text(role_tokens: list[Token], lex: Lexicon) -> str | None:
    """The title as the text writes it, unless it is only a form of address ('Mr.')."""
    words = [t for t in role_tokens if t.lower_ not in lex.titles.address]
    if not words:
        return None
    text = " ".join(t.text for t in words).replace(" - ", "-")
    return clean_name(text) or None


def without_postnominals(tokens: list[Token]) -> list[Token]:
    """'Zaha Hadid DBE RA' -> 'Zaha Hadid': letters of honours after a person's name; and the
    place a family is 'of' after a given name and a surname ('Patrick Leopold Gordon of
    Auchleuchries' -> 'Patrick Leopold Gordon'; 'Hilary of Poitiers' has no other name)."""
    while len(tokens) > 2 and tokens[-1].is_upper and 2 <= len(tokens[-1].text) <= 4 and tokens[-1].is_alpha:
        tokens = tokens[:-1]
    of = next((k for k, t in enumerate(tokens) if t.lower_ == "of"), None)
    if (
        of is not None
        and of >= 2
        and of + 1 < len(tokens)
        and all(t.text[:1].isupper() and t.is_alpha for t in tokens[:of])
        and all(t.text[:1].isupper() for t in tokens[of + 1 :])
    ):
        tokens = tokens[:of]
    return tokens


def role_after(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """', STC Country Director in Iraq' after a person's name: the role it gives."""
    span = doc.char_span(end, min(len(doc_text(doc)), end + 1), alignment_mode="expand")
    if span is None or not len(span) or span[0].text != ",":
        return _role_before(doc, end, lex)
    words = []
    for token in doc[span[0].i + 1 : span[0].i + 12]:
        if token.text in (",", ".", ";", ":", '"', "“", "”", "(") or token.pos_ in ("VERB", "AUX", "CCONJ"):
            break
        if token.tag_ in ("WP", "WP$", "WDT"):  # 'who', 'whose': a clause, not the role
            break
        if token.is_space:
            break  # a role, like a name, never runs across a line break
        words.append(token)
        if "\n" in token.whitespace_:
            break
    while words and words[0].lower_ in lex.words["determiners"]:
        words.pop(0)
    if words and any(w.lower_ in lex.titles.role_nouns for w in words):
        return clean_name(doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]) or None
    return _role_before(doc, end, lex)


def _role_before(doc: Doc, end: int, lex: Lexicon) -> str | None:
    """'Malaysia's Prime Minister, Najib Razak' / 'Prime Minister Najib Razak'."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    i = span[0].i
    while (i > 0 and doc[i - 1].ent_iob_ == "I") or (i > 0 and doc[i].ent_iob_ == "I"):
        i -= 1
    j = i - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    words: list[Token] = []
    while (
        j >= 0
        and "\n" not in doc[j].whitespace_
        and not doc[j].is_space
        and (
            doc[j].text == "-"
            or (
                (lex.titles.is_title(doc[j].text) or doc[j].lower_ in lex.titles.joiners)
                and (doc[j].text[0].isupper() or doc[j].lower_ in lex.titles.joiners)
            )
        )
    ):
        words.insert(0, doc[j])
        j -= 1
    while words and (words[0].lower_ in lex.titles.joiners or words[0].text == "-"):
        words.pop(0)
    if words and any(w.lower_ in lex.titles.role_nouns for w in words):
        return clean_name(doc_text(doc)[words[0].idx : words[-1].idx + len(words[-1].text)]) or None
    return None
