"""Actor mentions from spaCy's PERSON and ORG entities (and a capital that acts for its
country: 'Pyongyang said'): each entity cut into names at line breaks and list separators, an
organisation's name widened over connectors spaCy cut it at, titles split off as the role, and
names that are no actor's dropped (actor_not_names.py)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.actor_context import EntityContext, PlaceTest, is_subject
from newsfacts.extract.actor_groups import Mention
from newsfacts.extract.actor_not_names import (
    after_title_the,
    kin_of,
    no_actor_name,
    no_persons_words,
    written_as_a_name,
)
from newsfacts.extract.actor_sources import demonym
from newsfacts.extract.actor_titles import (
    role_text,
    split_title,
    title_before,
    without_postnominals,
    written_form,
)
from newsfacts.extract.common import doc_text
from newsfacts.extract.names import (
    Lexicon,
    breaks_name,
    clean_name,
    countries_named,
    known,
    lower_words,
    name_pieces,
    norm,
    person_surnames,
    type_from_cues,
)
from newsfacts.gazetteer import Gazetteer


def entity_mentions(
    doc: Doc, lex: Lexicon, places: tuple[Gazetteer, PlaceTest] | None
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The mentions spaCy's entities make, and the spans of names found to be things that are no
    actors (works, events, laws), which no later rule takes for a form of an actor's name."""
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    context = EntityContext(
        doc,
        lex,
        places,
        countries_named(doc, lex),
        person_surnames(doc),
        {t.text for ent in persons for t in ent if t.is_title},
        {norm(ent.text) for ent in persons},
        lower_words(doc),
    )
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE"):
            continue
        for tokens in name_pieces(doc, ent.start, ent.end, lex, person=ent.label_ == "PERSON"):
            if ent.label_ == "ORG" and _ends_the_entity(doc, tokens, ent.end, lex):
                tokens = _widen_organisation(doc, tokens, lex)
            mention = _entity_mention(context, ent, tokens)
            if mention is not None:
                out.append(mention)
    return out, context.things


def _ends_the_entity(doc: Doc, tokens: list[Token], end: int, lex: Lexicon) -> bool:
    """The name ends where spaCy's entity does, or before a connector the entity ended on."""
    words = lex.words["widening_connectors"] | lex.words["widening_joiners"]
    return all(t.lower_ in words for t in doc[tokens[-1].i + 1 : end])


def _widen_organisation(doc: Doc, tokens: list[Token], lex: Lexicon) -> list[Token]:
    """An organisation's name spaCy cut at a connector ('Webber Douglas Academy' + 'of Dramatic
    Art', 'Institute of History and Philology' + 'of Academia Sinica'): the name goes on over
    'of', 'for' and capitalised words no other entity holds, where it
    names a body (an organisation's cue word). Past an 'of' or 'for' it goes on over 'and'
    where the words after it are joined to the name's last word ('Centre for Disarmament and
    Non-Proliferation', 'Centre for Internet and Society'), and into the next entity where
    spaCy's own entity ended on the connector ('Institute of History and Philology of' +
    'Academia Sinica')."""
    if not type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return tokens
    connectors, joiners = lex.words["widening_connectors"], lex.words["widening_joiners"]
    out = list(tokens)
    k = tokens[-1].i + 1
    while k + 1 < len(doc) and (
        doc[k].lower_ in connectors
        or (doc[k].lower_ in joiners and any(t.lower_ in connectors for t in out[1:]))
    ):
        if "\n" in doc[k - 1].whitespace_ or "\n" in doc[k].whitespace_:
            break
        joined = doc[k].lower_ in joiners
        into_entity = joined or doc[k].ent_iob_ == "I"  # the connector was inside spaCy's entity
        j = k + 1
        while (
            j < len(doc)
            and (doc[j].ent_iob_ == "O" or (into_entity and doc[j].ent_type_ == "ORG"))
            and _capitalised_word(doc[j])
            and not breaks_name(doc[j])
        ):
            j += 1
            if "\n" in doc[j - 1].whitespace_:
                break
        if j == k + 1 or (
            joined and not any(t.dep_ == "conj" and t.head.i == out[-1].i for t in doc[k + 1 : j])
        ):
            break
        out += list(doc[k:j])
        k = j
    return out


def _capitalised_word(token: Token) -> bool:
    if token.text in "-\u2010\u2011":
        return not token.whitespace_ and not token.nbor(-1).whitespace_  # 'Non-Proliferation'
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and token.text[:1].isupper()


def _entity_mention(c: EntityContext, ent: Span, tokens: list[Token]) -> Mention | None:
    """The mention a name in a spaCy entity makes, or None when it is no actor's name."""
    lex, doc = c.lex, c.doc
    before = title_before(doc, tokens[0].i, lex, honorifics_only=ent.label_ != "PERSON")
    tokens, role_tokens = split_title(tokens, lex, ent.label_ == "PERSON" or bool(before))
    if not tokens:
        return None
    role_tokens = before + role_tokens
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = clean_name(doc_text(doc)[start:end])
    if not any(ch.isalpha() for ch in surface):
        return None
    entry = known(lex, surface)
    if entry is None and is_subject(ent.root, lex) and ent.root.head.lemma_ != "be":
        code = lex.capitals.get(norm(surface)) if surface not in c.surnames else None
        if code:  # 'Pyongyang said', 'Washington warned': the country's government (not 'Raphael Warsaw')
            return Mention(start, end, lex.countries[code], "government", "entity")
    if ent.label_ == "GPE":
        return None  # a country acting is found from the lexicon; other GPEs are places
    body = _a_form_of_a_body(lex, tokens, surface, start, end) if entry is None else None
    if body is not None:
        return body
    if entry is not None:
        return Mention(start, end, entry.canonical, entry.type, "entity", entry.country)
    if no_actor_name(c, ent.label_, tokens, surface, titled=bool(role_tokens)):
        return None
    role = role_text(role_tokens, lex)
    generic = _common_words(c, tokens, ent.label_)
    named_body = generic and written_as_a_name(doc, tokens, lex)
    cue_head = len(tokens) > 1 and type_from_cues(lex, tokens[-1].text, default="")
    person = (ent.label_ == "PERSON" and not cue_head) or _person_like(c, tokens, surface, role_tokens)
    if person and (_SPACED_INITIALS.match(surface) or no_persons_words(tokens, lex)):
        return None  # 'S. F.' of a city, 'H. R. 1280' of a bill, 'Professors': no one's name
    if person and not any(t.is_digit for t in tokens):  # 'YouTube Rewind 2013' is no person
        written_end = end
        tokens = without_postnominals(tokens)
        end = tokens[-1].idx + len(tokens[-1].text)
        surface = clean_name(doc_text(doc)[start:end])
        written = written_form(doc, role_tokens, start, written_end)
        sexes = {lex.titles.sex(t.text) for t in role_tokens} - {""}
        sex = sexes.pop() if len(sexes) == 1 else ""  # 'Mr. and Mrs. Khan' is a couple: neither
        last = role_tokens[-1:]
        title = clean_name(
            " ".join(
                t.text + ("." if t.nbor(1).text == "." else "") for t in last if lex.titles.is_title(t.text)
            )
        )
        return Mention(
            start,
            end,
            surface,
            "person",
            "entity",
            role=role,
            sex=sex,
            generic=generic,
            title=title,
            written=written if written != surface else "",
        )
    actor_type = type_from_cues(lex, surface)
    canonical = surface
    owner = _possessor_country(doc, tokens[0].i, lex)
    if owner and actor_type in ("government", "security_force"):
        canonical = f"{demonym(lex, owner)} {surface}"  # one id per country's ministry
    return Mention(start, end, canonical, actor_type, "entity", generic=generic, named_body=named_body)


def _a_form_of_a_body(
    lex: Lexicon, tokens: list[Token], surface: str, start: int, end: int
) -> Mention | None:
    """'the Government of the Republic of Albania' is Albania's government; 'the 117th
    Congress', 'the 20th Knesset' are the body in one of its terms, one row with it."""
    code = _government_of(lex, surface)
    if code:
        return Mention(start, end, lex.countries[code], "government", "entity")
    if (
        len(tokens) == 2
        and _ORDINAL.fullmatch(tokens[0].lower_)
        and tokens[1].lower_ in lex.words["institutions"]
    ):
        return Mention(start, end, tokens[1].text, type_from_cues(lex, tokens[1].text), "entity")
    return None


def _government_of(lex: Lexicon, surface: str) -> str | None:
    """'Government of Kenya', 'Government of the Republic of Albania', 'Government of the
    Federal Democratic Republic of Ethiopia' -> the country's code; the state's own name before
    its last 'of' may be anything ('Government of National Unity' names no country)."""
    words = surface.split()
    if len(words) < 3 or words[0].lower() not in lex.words["government_nouns"] or words[1] != "of":
        return None
    rest = words[2:]
    tails = [rest] + [rest[k + 1 :] for k, w in enumerate(rest) if w == "of"]
    return next(
        (lex.country_names[norm(" ".join(t))] for t in tails if norm(" ".join(t)) in lex.country_names), None
    )


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


_SPACED_INITIALS = re.compile(r"^[A-Z]\.(?: [A-Z]\.)+(?: \d+)?$")  # 'S. F.', 'H. R. 1280'


def _common_words(c: EntityContext, tokens: list[Token], label: str) -> bool:
    """A name made of common words ('Career', 'Frame Semantics', 'Peace and Security'): one
    common noun of the lexicon, or, for a name spaCy does not call a person, words the document
    also writes in lower case, none an organisation's cue. Such a name is kept only as the short
    form of a longer actor's name ('the Society' of 'Society of the Cincinnati')."""
    lex, doc = c.lex, c.doc
    if after_title_the(doc, tokens[0].i):
        return False
    if len(tokens) == 1 and tokens[0].lower_ in lex.words["generic_names"]:
        return True
    words = [t for t in tokens if t.lower_ not in lex.words["connectors"]]
    if not words or any(t.is_upper or not t.is_alpha for t in words):
        return False
    if label == "PERSON" and len(words) > 1:
        return False
    if type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return False
    return all(t.lower_ in c.lower_words for t in words)


def _person_like(c: EntityContext, tokens: list[Token], surface: str, role_tokens: list[Token]) -> bool:
    """An entity spaCy called an organisation that is a person's name: it follows a person's
    title, a role, an occupation, a kin or companion noun ('WFP spokeswoman Leni Kinzli', 'his
    friend Honoré Marchand'), spaCy calls the same name a person
    elsewhere in the document, or it is two to four capitalised words, none an organisation's
    cue, whose words spaCy took for a person's elsewhere ('Jean Cocteau' beside 'Cocteau')."""
    if role_tokens:
        return True
    lex, doc = c.lex, c.doc
    if type_from_cues(lex, surface, default="") or any(
        t.lower_ in lex.words["generic_names"] or t.lower_ in lex.words["connectors"] for t in tokens
    ):
        return False
    if norm(surface) in c.person_names or kin_of(doc, tokens[0].i, lex):
        return True
    before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
    names_only = 2 <= len(tokens) <= 4 and all(t.is_title or "-" in t.text for t in tokens)
    if names_only and before in (
        lex.titles.role_nouns | lex.titles.occupations | lex.words["kin_nouns"] | lex.words["companion_nouns"]
    ):
        return True  # 'his friend Honoré Marchand', 'the statistician Anouk Verbeek'
    return names_only and any(t.text in c.person_words or t.text in c.surnames for t in tokens)


def _possessor_country(doc: Doc, first: int, lex: Lexicon) -> str | None:
    """'Russia's Defence Ministry' -> RU."""
    if first < 2 or not re.fullmatch(r"['’]s", doc[first - 1].text):
        return None
    for width in (1, 2, 3):
        if first - 1 - width < 0:
            break
        owner = doc[first - 1 - width : first - 1].text
        code = lex.country_names.get(norm(owner)) or (
            lex.acronyms[owner].country if owner in lex.acronyms else None
        )
        if code:
            return code
    return None
