"""Step 3 of reading a figure: the parse around a number.

A few tokens of the dependency parse give what the number counts (the noun it modifies, or
"of" what) and its category: from the governing verb or adjective ("killed", "were hurt",
"forced to leave", "held hostage", "people trapped"), across active and passive voice, then
from a measure noun ("a death toll of 50") or the counted noun itself.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import doc_text
from newsfacts.extract.figure_amounts import Amount
from newsfacts.extract.figure_lexicon import Lexicon, lexicon

THING_CATEGORIES = ("territory", "money")  # a counted thing beats the verb that acts on it


class DocView:
    """Cheap lookups on one parsed document: token at a character, entity of a token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token on each call: read it once
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []  # no Token objects
        self.entity_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity_of[i] = ent

    def token_at(self, char: int) -> Token | None:
        i = bisect_right(self.starts, char) - 1
        return self.doc[i] if i >= 0 else None

    def tokens(self, start: int, end: int) -> list[Token]:
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return [self.doc[i] for i in range(max(first, 0), last + 1)] if last >= 0 else []


def number_root(tokens: list[Token]) -> Token | None:
    """The token of a span whose head lies outside it (the last one, if several)."""
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return roots[-1] if roots else (tokens[-1] if tokens else None)


def is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN")


def counted_noun(root: Token, core: list[Token], unit: str | None) -> Token | None:
    """The noun the number counts: its head ('36 shells'), 'of' what ('dozens of locals'),
    or the noun just after it when the parse went astray ('1,000 IS gunmen')."""
    head = root.head
    last = core[-1]
    if (
        root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
        and head.i > last.i
        and is_noun(head)
        and head.lower_ not in lexicon().syntax["percent_nouns"]
    ):
        if unit and head.i == last.i + 1 and not head.is_alpha:
            return of_object(head)
        return head if not unit else (of_object(head) or None)
    owned = of_object(root)
    if owned is not None:
        return owned
    if unit:
        return of_object(head) if head.i > last.i else None
    if root.dep_ == "nummod" and head.i > last.i:
        for token in root.doc[last.i + 1 : min(last.i + 5, len(root.doc))]:
            if token.is_upper and token.is_alpha:
                continue  # an acronym the tagger took for a verb: '1,000 IS gunmen'
            if token.is_punct or token.pos_ in ("ADP", "DET", "AUX", "CCONJ", "PRON"):
                break
            if is_noun(token) and (token.i + 1 >= len(root.doc) or not is_noun(root.doc[token.i + 1])):
                return token
    return None


def of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and is_noun(grandchild):
                    return grandchild
    return None


def counted_text(doc: Doc, noun: Token | None, core: list[Token], end: int) -> str | None:
    if noun is None:
        return None
    if noun.i > core[-1].i and noun.i - core[-1].i <= 5 and noun.head.lower_ != "of":
        first = core[-1].i + 1
        while first < noun.i and doc[first].idx < end:
            first += 1  # past a trailing qualifier: '500 or more workers'
    else:
        first = noun.left_edge.i
        if noun.idx >= end:
            while first < noun.i and doc[first].idx < end:
                first += 1  # the figure itself is not what it counts: 'of about 50,000 soldiers'
        while first < noun.i and doc[first].pos_ in ("DET", "PRON", "ADP", "NUM", "PUNCT"):
            first += 1
    words = doc[first : noun.i + 1]
    text = words.text.strip(" -")
    return text or None


def _keys(token: Token) -> list[str]:
    """Lexicon keys for a token: '<compound> <lemma>' and '<lemma> <particle>' first."""
    lemma = token.lemma_.lower()
    keys = []
    for child in token.children:
        if child.dep_ == "compound" and child.i == token.i - 1:
            keys.append(f"{child.lemma_.lower()} {lemma}")
        elif child.dep_ == "prt":
            keys.append(f"{lemma} {child.lower_}")
    keys += [lemma, token.lower_]
    return keys


def _lookup(token: Token | None, role: str) -> str | None:
    if token is None:
        return None
    table = lexicon().roles[role]
    return next((table[k] for k in _keys(token) if k in table), None)


def _is_passive(verb: Token) -> bool:
    """'were killed', 'killed' as a bare participle: the subject is the patient."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    return verb.tag_ == "VBN" and not has_perfect


def _complement_category(verb: Token) -> str | None:
    """'held hostage', 'went missing', 'left homeless', 'fall into homelessness', 'in need',
    'forced to leave': the category of what completes the verb."""
    for child in verb.children:
        if child.dep_ in ("acomp", "oprd", "attr", "xcomp", "ccomp", "advcl"):
            if child.dep_ in ("ccomp", "advcl") and child.pos_ != "ADJ":
                continue
            found = _lookup(child, "complements") or _lookup(child, "verbs") or _lookup(child, "intransitive")
            if found:
                return found
            if child.dep_ == "xcomp":
                deeper = _complement_category(child)
                if deeper:
                    return deeper
        elif child.dep_ == "prep" and child.lower_ in lexicon().syntax["complement_prepositions"]:
            for pobj in child.children:
                found = _lookup(pobj, "complements") if pobj.dep_ == "pobj" else None
                if found:
                    return found
    return None


def _modifier_category(anchor: Token) -> str | None:
    """'people killed', 'children trapped', 'displaced families', 'people who fled'."""
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.i != anchor.i:
            active = (child.dep_ == "acl" and child.tag_ == "VBG") or (
                child.dep_ == "relcl" and not _is_passive(child)
            )
            if active:  # 'people fleeing', 'people who fled': the subject is counted
                found = _lookup(child, "intransitive") or _complement_category(child)
            else:
                found = (
                    _lookup(child, "verbs") or _lookup(child, "complements") or _complement_category(child)
                )
            if found:
                return found
    return None


def _role_category(anchor: Token) -> str | None:
    """The category the governing verb or adjective gives the anchor, by its relation."""
    head, dep = anchor.head, anchor.dep_
    if head.i == anchor.i:
        return None
    if dep in ("dobj", "nsubjpass", "oprd") or (dep == "nsubj" and _is_passive(head)):
        return _complement_category(head) or _lookup(head, "verbs")
    if dep == "nsubj":  # 'are missing', 'were dead': the predicate word may head the clause
        return _complement_category(head) or _lookup(head, "intransitive") or _lookup(head, "complements")
    if dep == "attr":
        return _complement_category(head)
    if dep in ("conj", "appos"):
        return _modifier_category(head) or _role_category(head)
    return None


def _may_be_people(noun: Token, noun_category: str | None, lex: Lexicon) -> bool:
    """Could the counted noun be people? Yes for the category nouns ('troops', 'refugees'),
    the people nouns ('people', 'civilians'), names and nationalities; no for other things."""
    if noun_category is not None or noun.lemma_.lower() in lex.people_nouns:
        return True
    return noun.pos_ == "PROPN" or noun.ent_type_ in ("NORP", "PERSON", "ORG")


def _climb_category(anchor: Token) -> str | None:
    """A few steps up the tree, for parses that hang the number off the wrong word
    ('killed nearly 1,000 IS gunmen' parsed with 'IS' as a verb)."""
    token = anchor
    for _ in range(3):
        if token.dep_ in ("nsubj", "ROOT", "pobj", "prep", "advcl", "conj") or token.head.i == token.i:
            return None
        token = token.head
        found = _lookup(token, "verbs") if token.pos_ in ("VERB", "AUX") else None
        if found:
            return found
    return None


def _measure_category(root: Token, lex: Lexicon) -> str | None:
    """'a death toll of 50', 'a population of 2 million', 'the toll rose to 50',
    'a city of 2 million', 'home to 2 million people'."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in lex.syntax["measure_prepositions"]:
        owner = head.head
        key = next((k for k in _keys(owner) if k in lex.measure_nouns), None)
        if key:
            return lex.measure_nouns[key]
        if owner.lemma_.lower() in lex.settlements:
            return "population"
    verb = head.head if root.dep_ == "pobj" else head
    if root.dep_ in ("pobj", "dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        for child in verb.children:
            if child.dep_ == "nsubj":
                key = next((k for k in _keys(child) if k in lex.measure_nouns), None)
                if key:
                    return lex.measure_nouns[key]
    return None


def _population_category(anchor: Token, lex: Lexicon) -> str | None:
    """'there are 21,000 people in the city': people located and nothing else said."""
    if anchor.lemma_.lower() not in lex.people_nouns:
        return None
    head = anchor.head
    if head.lemma_ == "be" and any(c.dep_ == "expl" for c in head.children):
        return "population"
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in prep.children:
                if pobj.lemma_.lower() in lex.settlements and head.lemma_ == "be":
                    return "population"
    return None


def category_of(amount: Amount, root: Token, noun: Token | None, lex: Lexicon) -> str:
    if amount.unit_category and amount.unit_category != "money":
        return amount.unit_category
    if amount.unit_category == "money":
        return "money"
    noun_category = _lookup(noun, "nouns")
    if noun_category in THING_CATEGORIES:
        return noun_category
    anchors = [noun, root] if noun is not None and noun.i != root.i else [root]
    for anchor in anchors:
        found = _modifier_category(anchor) or _role_category(anchor)
        if found == "forces" and noun is not None and not _may_be_people(noun, noun_category, lex):
            found = None  # 'sent 12 ambulances', 'deployed 40 tanks': equipment, not troops
        if found:
            return found
    found = (
        _measure_category(root, lex)
        or (noun is not None and _measure_category(noun, lex))
        or _climb_category(root)
    )
    if found == "forces" and noun is not None and not _may_be_people(noun, noun_category, lex):
        found = None
    if found:
        return found
    if noun_category:
        return noun_category
    if amount.unit == "percent":
        return "other"
    return (_population_category(noun, lex) if noun is not None else None) or "other"
