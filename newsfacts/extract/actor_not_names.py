"""Names spaCy calls a person's or an organisation's that are no actor's: titles alone, works
(films, books, laws, awards), events, storms, diseases, schools' and buildings' names, places
(the places extractor's test, handed in), and common words written as names."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsfacts.extract.actor_context import EntityContext, is_subject
from newsfacts.extract.names import Lexicon, breaks_name, norm, type_from_cues
from newsfacts.gazetteer import Gazetteer, fold


def no_persons_words(tokens: list[Token], lex: Lexicon) -> bool:
    """Words spaCy called a person's that are no one's name: a gerund opening it ('Browsing the
    catalog', 'Closing Loopholes and ...'), or one plural of a title or an occupation ('Ivy
    League elites and Professors')."""
    first = tokens[0]
    if first.tag_ == "VBG" and first.pos_ == "VERB":
        return True
    if len(tokens) != 1 or first.tag_ not in ("NNS", "NNPS") or not first.lower_.endswith("s"):
        return False
    singular = first.lower_[:-1]
    titles = lex.titles
    return titles.is_title(singular) or singular in titles.occupations or singular in titles.role_nouns


def no_actor_name(
    c: EntityContext, label: str, tokens: list[Token], surface: str, titled: bool = False
) -> bool:
    """A name that is no actor's: only titles ('Madam Speaker', 'Earl of Clare'), a suffix
    ('Jr.'), a thing that does not act, a work, a place (never a name after a person's title:
    'Senator Hatfield')."""
    lex, doc = c.lex, c.doc
    words = [t for t in tokens if not t.like_num and not re.fullmatch(r"\d+(st|nd|rd|th)", t.lower_)]
    ordinal = len(words) < len(tokens)
    titles = lex.titles

    def title(t: Token) -> bool:
        return titles.is_title(t.text) or (t.lower_ in titles.nobility and (ordinal or len(words) > 2))

    if not words or all(title(t) or t.lower_ in titles.joiners for t in words):
        return True  # 'State' of 'Secretary of State', '1st Earl'
    if len(words) > 2 and title(words[0]) and words[1].lower_ == "of":
        return True  # 'Earl of Clare', 'Chair of the Judiciary Committee': a title, not a name
    if len(tokens) == 1 and tokens[0].lower_.rstrip(".") in lex.words["name_suffixes"]:
        return True
    if (
        not_an_actor(lex, [t.text for t in tokens])
        or _names_a_work(doc, tokens, lex, label)
        or _in_a_longer_name(doc, tokens, lex)  # 'George Floyd Justice' of the '... in Policing Act'
    ):
        c.things.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)))
        return True
    if any(t.lower_ in lex.words["case_separators"] for t in tokens[1:-1]):
        return True  # 'Brown v. Board of Education': a court case
    if label != "PERSON" and (tokens[-1].pos_ == "ADJ" or _ends_in_a_common_noun(lex, tokens)):
        return True  # 'Euro-Atlantic', 'Biblical', 'Rector of the university': a name ends in a name
    if c.places is None or surface in c.surnames or titled or norm(surface) in lex.words["institutions"]:
        return False  # 'in the Congress' is the body, whatever town the gazetteer calls Congress
    if kin_of(doc, tokens[0].i, lex) or written_as_a_name(doc, tokens, lex) or _a_school(lex, tokens):
        return False  # 'the son of Riley', 'submitted to the Academy', 'attend the University of
        # Texas': whatever town has the name
    gazetteer, is_place = c.places
    if _a_places_part(c, tokens, gazetteer):
        return True  # 'born in Exeter, Devon', '― Amina Yusuf, Kano': a place, not a person
    if label == "ORG" and _owns_or_does(doc[tokens[0].i : tokens[-1].i + 1].root):
        return False  # "Google's response", 'support by Google': a body, whatever town has the name
    return is_place(doc, gazetteer, tokens, surface, c.countries) or (
        label == "ORG" and _one_word_town(c, tokens, gazetteer, surface)
    )


def _one_word_town(c: EntityContext, tokens: list[Token], gazetteer: Gazetteer, surface: str) -> bool:
    """One word spaCy calls an organisation that the gazetteer knows as a city or region, no cue
    makes an organisation and no person of the document bears ('Thrace'); persons keep their
    place-like names ('Anna Lyon')."""
    lex, word = c.lex, tokens[0]
    return (
        not after_title_the(c.doc, word.i)
        and len(tokens) == 1
        and word.lower_ not in lex.words["generic_names"]
        and word.lower_ not in lex.words["institutions"]
        and word.text not in c.person_words
        and not type_from_cues(lex, surface, default="")
        and any(p.kind in ("country", "region", "city") for p in gazetteer.lookup(surface)[:3])
    )


def _a_places_part(c: EntityContext, tokens: list[Token], gazetteer: Gazetteer) -> bool:
    """One word the gazetteer knows as a country, region or town, written after a comma where
    addresses put a place: after a place ('born in Exeter, Devon', 'in Kibbutz Kinneret,
    Tiberias') or after a person at the end of a line, as a letter or a reader's comment is
    signed ('― Amina Yusuf, Kano'); or the territory of a title ('1st Earl of Snowdon'). A word
    of a person's full name in the document stays that person's ('Lincoln' beside 'Abraham
    Lincoln'), and so does one that owns or does something ('on Obama, Obama's adviser')."""
    doc, lex = c.doc, c.lex
    word = tokens[0]
    if len(tokens) != 1 or word.i < 2 or word.text in c.surnames:
        return False
    before = doc[word.i - 1]
    territory = before.lower_ == "of" and doc[word.i - 2].lower_ in lex.titles.nobility
    if territory:
        return True
    key = fold(word.text)
    if (
        before.text != ","
        or word.dep_ == "poss"
        or is_subject(word, lex)
        or not any(fold(p.name) == key and p.kind != "site" for p in gazetteer.lookup(word.text)[:3])
    ):
        return False
    anchor = doc[word.i - 2]
    if anchor.ent_type_ in ("GPE", "LOC", "FAC") or (
        word.dep_ == "appos"
        and word.head.dep_ == "pobj"
        and word.head.head.lower_ in lex.words["locative_prepositions"]
    ):
        return True
    line_end = word.i + 1 == len(doc) or "\n" in word.whitespace_ or doc[word.i + 1].is_space
    return line_end and anchor.ent_type_ == "PERSON"


def _a_school(lex: Lexicon, tokens: list[Token]) -> bool:
    """A name of several words with a school's cue word ('University of Texas', 'Ohio State
    University'): a body, even where a town or an airport has the name."""
    return len(tokens) > 1 and any(t.lower_ in lex.words["school_words"] for t in tokens)


def _ends_in_a_common_noun(lex: Lexicon, tokens: list[Token]) -> bool:
    """'Rector of the university': a common noun after 'of the', no body's name (not
    'Republican party', 'House of Commons trade committee': a body's cue word may be lower case)."""
    return (
        len(tokens) > 3
        and tokens[-1].is_lower
        and tokens[-1].pos_ == "NOUN"
        and tokens[-2].lower_ in lex.words["determiners"]
        and tokens[-3].lower_ in lex.words["widening_connectors"]
    )


def _owns_or_does(root: Token) -> bool:
    """A name that owns something or is the agent of a passive: what a body does, not a place."""
    return root.dep_ in ("poss", "agent") or (root.dep_ == "pobj" and root.head.lower_ == "by")


def written_as_a_name(doc: Doc, tokens: list[Token], lex: Lexicon) -> bool:
    """One common noun written as a proper noun after 'the' or 'this' inside a sentence
    ('submitted to the Academy', 'upon this Assembly', 'the Church was persecuted'): the name of
    the body the text is about, not a common word ('the Society' of a heading is written so
    only at a line's start)."""
    word = tokens[0]
    if word.lower_ not in lex.words["generic_names"] and word.lower_ not in lex.words["institutions"]:
        return False  # 'the World', 'the Property': a common word, not a body's noun
    if len(tokens) != 1 or word.i < 1 or word.tag_ != "NNP" or not word.text[:1].isupper():
        return False
    before = doc[word.i - 1]
    return (
        before.lower_ in lex.words["body_determiners"] and before.text.islower() and not before.is_sent_start
    )


def after_title_the(doc: Doc, first: int) -> bool:
    """'The Hill', 'The Times' in mid-sentence: 'The' is part of a title of its own."""
    return first > 0 and doc[first - 1].text == "The" and not doc[first - 1].is_sent_start


def kin_of(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the son of Riley', 'the widow of Amadou': a name after a kin noun and 'of'."""
    return first >= 2 and doc[first - 1].lower_ == "of" and doc[first - 2].lower_ in lex.words["kin_nouns"]


def not_an_actor(lex: Lexicon, words: list[str]) -> bool:
    """A name of a thing that does not act: 'Cannes Film Festival Award for Best Actress',
    'NATO Istanbul Summit', 'Cyclone Phailin', 'COVID-19'."""
    lowered = [w.lower() for w in words if w]
    if not lowered:
        return True
    head, cut = lowered, ""
    for k, w in enumerate(lowered):
        if k and w in lex.words["connectors"] and w not in lex.words["determiners"]:
            head, cut = lowered[:k], w
            break
    heads = lex.words["not_actor_heads"]
    if head[-1] in heads:
        return not (cut == "of" and head[-1] in lex.words["bodies_before_of"])
    if lowered[-1] in heads and not type_from_cues(lex, " ".join(head), default=""):
        return True  # 'Justice Against Sponsors of Terrorism Act', not 'Department of Linguistics'
    if len(lowered) > 1 and (
        lowered[0] in lex.words["storm_words"] or lowered[0] in lex.words["heads_first"]
    ):
        return True  # 'Cyclone Phailin'; 'Hôpital Cochin', 'Estadio Azteca': a place, not a body
    return " ".join(lowered) in lex.words["diseases"] or lowered[0] in lex.words["diseases"]


def _in_a_longer_name(doc: Doc, tokens: list[Token], lex: Lexicon) -> bool:
    """A name spaCy cut short of the capitalised words that follow it, whose last word is the
    head of a thing that is no actor: a law, an award, a building, a plan."""
    connectors = lex.words["connectors"]
    last = None
    locative = False  # the run went on over 'in' or 'at', or into another entity
    k = tokens[-1].i + 1
    while k < min(len(doc), tokens[-1].i + 8) and "\n" not in doc[k - 1].whitespace_:
        token = doc[k]
        if breaks_name(token) or token.tag_ in ("VBZ", "VBD", "MD"):
            break
        if token.is_title and token.pos_ in ("PROPN", "NOUN"):
            last = token
        elif not (token.lower_ in connectors and k + 1 < len(doc) and doc[k + 1].is_title):
            break
        else:  # over 'in' or 'at', or into another entity: another name unless a law's
            locative = (
                locative or token.lower_ in lex.words["locative_prepositions"] or doc[k + 1].ent_iob_ == "B"
            )
        k += 1
    if last is None:
        return False
    if locative:  # 'Frank Sinatra at Carnegie Hall', 'Bell in Men of Mathematics': another name,
        return last.lower_ in lex.words["law_heads"]  # but 'George Floyd Justice in Policing Act'
    return last.lower_ in lex.words["not_actor_heads"]


def _names_a_work(doc: Doc, tokens: list[Token], lex: Lexicon, label: str) -> bool:
    """The title of a work: after 'the film', 'his novel', 'films including' or 'starred in',
    before a year in brackets ('Jules et Jim (1962)'; a person's years are a range or 'born'),
    a character played, what someone composed or wrote, a title in quotation marks, a name in
    brackets after a person's ('Fassbinder (Querelle)'), or one listed with a work ('Stoker
    (2013), Belle (2013)')."""
    first, last = tokens[0].i, tokens[-1].i
    if last + 1 < len(doc) and doc[last + 1].tag_ == "POS":
        return False  # "films like Woody Allen's Match Point": the work's maker
    if (
        _after_work_noun(doc, first, lex)
        or _before_a_year(doc, last, label)
        or _played_as(doc, first, lex)
        or _in_a_laws_title(doc, first, lex)
    ):
        return True
    if type_from_cues(lex, " ".join(t.text for t in tokens), default=""):
        return False  # '"The Wall Street Journal" wrote', 'directed the Institute'
    if _quoted(doc, first, last, lex) or _bracketed_after_a_person(doc, first, last):
        return True
    root = doc[first : last + 1].root
    owned = first > 0 and doc[first - 1].lower_ in lex.words["possessive_words"]
    if (
        (label != "PERSON" or owned)
        and root.dep_ == "dobj"
        and root.head.lemma_.lower() in lex.words["creating_verbs"]
    ):
        return True  # 'composed Rusalka', 'wrote The Tempest', 'wrote his Dumky Trio'
    if (
        first > 1
        and doc[first - 1].lower_ == "in"
        and doc[first - 2].lemma_.lower() in lex.words["work_verbs"]
    ):
        return True  # 'starred in Watchmen'
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "in"
        and root.head.head.lemma_.lower() in lex.words["work_verbs"]
    ):
        return True  # 'starred opposite Elisha Cuthbert in House of Wax'
    return root.dep_ == "conj" and _a_work_at(doc, root.head, lex)


def _in_a_laws_title(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the Treaty on the Non-Proliferation of Nuclear Weapons', 'the Convention on the Rights
    of the Child': what a law or a treaty is on is part of its title ('an Act of Parliament' is
    not read: 'of' names who made it)."""
    i = first - 1
    if i >= 0 and doc[i].lower_ in lex.words["determiners"]:
        i -= 1
    return (
        i >= 1
        and doc[i].lower_ == "on"
        and doc[i - 1].lower_ in lex.words["law_heads"]
        and doc[i - 1].is_title
    )


def _after_work_noun(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'the film Match Point', 'the comedy Cheaper by the Dozen', 'films, including Silent
    Witness', 'novels such as Beloved'."""
    nouns = lex.words["work_nouns"]
    i = first - 1
    if i > 0 and doc[i].text == "The":
        i -= 1  # 'the play The Tempest': the title's own article
    if i >= 0 and doc[i].lower_ in nouns:
        return True
    if i >= 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "such":
        i -= 1
    if i >= 0 and doc[i].lower_ in lex.words["list_openers"]:
        i -= 1
        while i >= 0 and doc[i].text == ",":
            i -= 1
        return i >= 0 and doc[i].lower_ in nouns
    return False


def _before_a_year(doc: Doc, last: int, label: str) -> bool:
    """'Jules et Jim (1962)'; a person only before a year alone in its brackets ('Stoker (2013)',
    not 'Jane Doe (1950 – 2010)')."""
    after = doc[last + 1 : last + 4]
    if len(after) < 2 or after[0].text != "(" or not re.fullmatch(r"(1[89]|20)\d\d", after[1].text):
        return False
    return label != "PERSON" or (len(after) == 3 and after[2].text == ")")


def _bracketed_after_a_person(doc: Doc, first: int, last: int) -> bool:
    """'Rainer Werner Fassbinder (Querelle)': a person's work in brackets after the name; never an
    acronym ('Mohammed bin Salman (MBS)')."""
    if first < 2 or last + 1 >= len(doc) or doc[first - 1].text != "(" or doc[last + 1].text != ")":
        return False
    return doc[first - 2].ent_type_ == "PERSON" and not all(t.is_upper for t in doc[first : last + 1])


def _a_work_at(doc: Doc, token: Token, lex: Lexicon) -> bool:
    """Is the name at ``token`` (the first of two conjoined names) a work?"""
    if token.ent_type_ == "WORK_OF_ART":
        return True
    if token.ent_iob_ == "O":
        return False
    first = token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = token.i
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return _after_work_noun(doc, first, lex) or _before_a_year(doc, last, token.ent_type_)


_OPENING_QUOTES = frozenset("\"“‘'«")


_CLOSING_QUOTES = frozenset("\"”’'»")


def _quoted(doc: Doc, first: int, last: int, lex: Lexicon) -> bool:
    """A name that is the whole of a quotation ('the painting "Joan of Arc"'): a title."""
    i = first - 1
    if i >= 0 and doc[i].lower_ in lex.words["determiners"]:
        i -= 1
    if i < 0 or last + 1 >= len(doc):
        return False
    opening, closing = doc[i], doc[last + 1]
    return (
        opening.text in _OPENING_QUOTES
        and not opening.whitespace_  # a quote that opens is joined to the word after it
        and not doc[last].whitespace_
        and closing.text[:1] in _CLOSING_QUOTES
        and doc[first : last + 1].root.dep_ not in ("nsubj", "nsubjpass", "agent")  # '"The Journal" wrote'
    )


def _played_as(doc: Doc, first: int, lex: Lexicon) -> bool:
    """'appeared in Cry Wolf as Tom', 'was cast as Sam Winchester': a character played."""
    if first == 0 or doc[first - 1].lower_ != "as":
        return False
    head = doc[first - 1].head
    for _ in range(4):
        if head.lemma_.lower() in lex.words["playing_verbs"]:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False
