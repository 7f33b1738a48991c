"""Names of actors spaCy did not label, found from what the document says elsewhere.

- A person's fuller name: a run of capitalised proper nouns that ends in the surname of a person
  the document names ('Dame Zaha Mohammad Hadid DBE' beside 'Zaha Hadid', 'Jared Tristan
  Padalecki' in a biography's first sentence that spaCy left unlabelled). The titles before it
  and the honours after it are not part of the name, but the form as written is kept as an
  alias.
- An unlabelled proper noun that is the subject of a reporting verb ('Xi Jinping said').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy
from spacy.attrs import DEP, ENT_IOB, LOWER, ORTH, POS, TAG
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from newsfacts.extract.actor_groups import Mention
from newsfacts.extract.common import doc_text
from newsfacts.extract.names import Lexicon, breaks_name, clean_name, lower_words, type_from_cues

# entities a person's name is never part of ('In March Padalecki ...', 'Texan Ted Cruz')
_NOT_NAMES = frozenset({"DATE", "TIME", "GPE", "NORP", "LOC", "FAC", "CARDINAL", "ORDINAL", "EVENT"})


def _name_word(token: Token, lex: Lexicon) -> bool:
    """A word a person's name may be made of: a capitalised proper noun, an initial, a particle,
    the hyphen of a hyphenated name ('Bastien-Lepage')."""
    if token.ent_type_ in _NOT_NAMES:
        return False
    if token.text in "-\u2010\u2011" and len(token.text) == 1:
        return not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_
    if token.lower_ in lex.words["name_particles"] and token.is_lower:
        return True
    if token.text[:1].isupper() and token.pos_ == "PROPN":
        return True
    return len(token.text) == 2 and token.text[1] == "." and token.text[0].isupper()


def _honours(token: Token) -> bool:
    return token.is_upper and token.is_alpha and 2 <= len(token.text) <= 4


def fuller_person_names(doc: Doc, lex: Lexicon, persons: list[Mention]) -> list[Mention]:
    """Runs of name words ending in the surname of a person of ``persons`` (a name of two or more
    words), with no other name word after it but honours: the same person's fuller name or a
    relative's, where spaCy labelled neither."""
    text = doc_text(doc)
    surnames: dict[str, set[str]] = {}  # surname -> the given names of the persons who bear it
    for m in persons:
        words = text[m.start : m.end].split()
        if len(words) > 1 and len(words[-1]) > 2 and words[-1][0].isupper():
            surnames.setdefault(words[-1], set()).add(words[0])
    if not surnames:
        return []
    out = []
    seen: set[int] = set()
    orths = doc.to_array([ORTH])
    wanted = numpy.array([doc.vocab.strings[w] for w in surnames], dtype=orths.dtype)
    for k in numpy.isin(orths, wanted).nonzero()[0]:
        if k == 0 or not _run_word(doc[int(k) - 1], lex):
            continue  # a surname alone: no fuller name ends here
        first, last = _run_around(doc, int(k), lex)
        if first in seen:
            continue
        seen.add(first)
        mention = _fuller_name(list(doc[first:last]), surnames, lex, text)
        if mention is not None:
            out.append(mention)
    return out


def _run_word(token: Token, lex: Lexicon) -> bool:
    return _name_word(token, lex) or lex.titles.is_title(token.text) or token.text == "."


def _run_around(doc: Doc, k: int, lex: Lexicon) -> tuple[int, int]:
    """The run of name words, titles and full stops of initials around token k, on its line,
    never across a token a name never runs across."""
    first = k
    while (
        first > 0
        and _run_word(doc[first - 1], lex)
        and not breaks_name(doc[first])
        and not breaks_name(doc[first - 1])
        and "\n" not in doc[first - 1].whitespace_
    ):
        first -= 1
    while first < k and (doc[first].text == "." or not _run_word(doc[first], lex)):
        first += 1
    last = k + 1
    while last < len(doc) and "\n" not in doc[last - 1].whitespace_ and _run_word(doc[last], lex):
        if breaks_name(doc[last]):
            break
        last += 1
    return first, last


def _fuller_name(run: list[Token], surnames: dict[str, set[str]], lex: Lexicon, text: str) -> Mention | None:
    """The name in a run of name words: from a given name of a person of that surname to the
    surname, with nothing but honours after it."""
    while run and run[-1].text == ".":
        run = run[:-1]  # the sentence's full stop
    ends = [k for k, t in enumerate(run) if t.text in surnames]
    if not ends:
        return None
    last = ends[-1]
    if any(not (_honours(t) or t.text == ".") for t in run[last + 1 :]):
        return None  # 'Padalecki Foundation': the surname names something else
    given = surnames[run[last].text]
    first = next((k for k in range(last) if run[k].text in given), None)
    if first is None or last - first < 1:
        return None
    name = run[first : last + 1]
    if any(t.text == "." and len(t.nbor(-1).text) > 1 for t in name):
        return None  # 'Johann II. Daniel Bernoulli': two names, not one
    start, end = name[0].idx, name[-1].idx + len(name[-1].text)
    canonical = clean_name(text[start:end])
    title = [t for t in run[:first] if t.text != "." and lex.titles.is_title(t.text)]
    written_end = run[-1].idx + len(run[-1].text)
    written_start = title[0].idx if title else start
    written = clean_name(text[written_start:written_end]) if (title or written_end > end) else ""
    sex = next((lex.titles.sex(t.text) for t in title if lex.titles.sex(t.text)), "")
    return Mention(start, end, canonical, "person", "entity", sex=sex, written=written)


def born_names(doc: Doc, lex: Lexicon) -> list[Mention]:
    """A run of two or more name words before a bracket that gives a birth ('Brock Wyatt Holt
    (born June 11, 1988)', 'Amina Yusuf (b. 1961)'): a person's full name, the way biographies
    and obituaries open, whatever spaCy labelled it. Titles before it are not part of the name."""
    births = lex.words["birth_words"]
    text = doc_text(doc)
    lower = lower_words(doc)
    out = []
    for token in _tokens_of(doc, ("(",)):
        if not 0 < token.i < len(doc) - 1:
            continue
        if token.nbor(1).lower_ not in births or not _name_word(token.nbor(-1), lex):
            continue
        given = next((t for t in doc[token.i + 2 : token.i + 4] if t.pos_ != "ADP"), None)
        if given is None or not (given.like_num or given.ent_type_ == "DATE" or given.text[:1].isupper()):
            continue  # 'born of a merger': no date, place or name of a birth
        first, last = _run_around(doc, token.i - 1, lex)
        while first > 0 and _capitalised_word(doc[first - 1], lower):
            first -= 1  # 'Tanner' of 'Tanner Reed Colt', a word spaCy took for a noun
        words = list(doc[first:last])
        while words and (lex.titles.is_title(words[0].text) or words[0].text == "."):
            words.pop(0)
        while len(words) > 2 and _honours(words[-1]):
            words.pop()  # 'Dame Ngozi Adaeze Okonkwo DBE': the honours are no part of the name
        if len(words) < 2 or not all(_name_word(t, lex) or _capitalised_word(t, lower) for t in words):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        name = clean_name(text[start:end])
        written = clean_name(text[doc[first].idx : doc[last - 1].idx + len(doc[last - 1].text)])
        if not type_from_cues(lex, name, default=""):  # 'Acme Holdings (born of a merger)'
            out.append(
                Mention(start, end, name, "person", "entity", written=written if written != name else "")
            )
    return out


def named_after_a_person_noun(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Two to four capitalised proper nouns spaCy left unlabelled, right after a noun only people
    are: an occupation or role of titles.toml, a kin noun, a companion noun ('his friend Auguste
    Moreau', 'Israeli mathematician and writer Aner Levi'): a person's name."""
    nouns = (
        lex.titles.occupations | lex.titles.role_nouns | lex.words["kin_nouns"] | lex.words["companion_nouns"]
    )
    text = doc_text(doc)
    out = []
    done = 0
    for before in _tokens_of(doc, nouns):
        k = before.i + 1
        if k <= done or k >= len(doc):
            continue
        token = doc[k]
        if not (before.is_lower and _unlabelled_name_word(token)):
            continue
        last = k + 1
        while (
            last < len(doc)
            and last - k < 4
            and "\n" not in doc[last - 1].whitespace_
            and _unlabelled_name_word(doc[last])
        ):
            last += 1
        if last - k >= 2 and (last == len(doc) or not _unlabelled_name_word(doc[last])):
            start, end = token.idx, doc[last - 1].idx + len(doc[last - 1].text)
            name = clean_name(text[start:end])
            if not type_from_cues(lex, name, default=""):
                out.append(Mention(start, end, name, "person", "entity"))
        done = last
    return out


def _tokens_of(doc: Doc, words: Iterable[str]) -> list[Token]:
    """The tokens whose text or lower-case form is one of ``words``, found on the document's
    arrays (one pass in numpy, not one Python step per token)."""
    if not len(doc):
        return []
    arrays = doc.to_array([ORTH, LOWER])
    wanted = numpy.array([doc.vocab.strings[w] for w in words], dtype=arrays.dtype)
    hits = numpy.isin(arrays[:, 0], wanted) | numpy.isin(arrays[:, 1], wanted)
    return [doc[int(i)] for i in hits.nonzero()[0]]


def _unlabelled_name_word(token: Token) -> bool:
    return (
        token.ent_iob_ == "O"
        and token.pos_ == "PROPN"
        and token.is_alpha
        and token.text[:1].isupper()
        and not token.is_upper
        and not breaks_name(token)
    )


def capitals_names(doc: Doc, lex: Lexicon, persons: list[Mention]) -> list[Mention]:
    """A given name and a surname in capitals, as transcripts write people ('that RAFAEL
    OKORO, born ...'), where the surname alone in capitals is a person of ``persons`` ('Senator
    OKORO') and spaCy did not label the whole name."""
    text = doc_text(doc)
    surnames = {text[m.start : m.end] for m in persons if " " not in text[m.start : m.end]}
    surnames = {s for s in surnames if s.isupper() and s.isalpha() and len(s) > 2}
    if not surnames:
        return []
    out = []
    for token in _tokens_of(doc, surnames):
        if token.i == 0:
            continue
        given = token.nbor(-1)
        if (
            token.text in surnames
            and given.is_upper
            and given.is_alpha
            and len(given.text) > 1
            and "\n" not in given.whitespace_
            and given.ent_type_ in ("", "PERSON")
            and not lex.titles.is_title(given.text)
            and not lex.titles.is_title(given.text.title())
            and (given.i == 0 or not doc[given.i - 1].is_upper)
        ):
            out.append(
                Mention(
                    given.idx, token.idx + len(token.text), f"{given.text} {token.text}", "person", "entity"
                )
            )
    return out


_NAME = r"[A-Z][\w'’-]+"
# 'Austen, Jane. Pride and Prejudice', 'Marx, Karl and Engels, Friedrich. The Communist Manifesto'
_INVERTED = re.compile(rf"(?m)^({_NAME}), ({_NAME}(?: {_NAME}){{0,2}})(?=\.\s| and {_NAME}, )")
_INVERTED_NEXT = re.compile(rf" and ({_NAME}), ({_NAME}(?: {_NAME}){{0,2}})(?=\.\s)")


def inverted_names(doc: Doc, lex: Lexicon, is_place: Callable[[str], bool] | None = None) -> list[Mention]:
    """A person written surname first at the start of a line, as book lists and bibliographies
    write authors ('Achebe, Chinua. Things Fall Apart'): the person 'Chinua Achebe', whose
    surname and given name as written are two mentions of that one name. Never a town and its
    country or region ('Kano, Nigeria.'; ``is_place`` tells them), letters ('Washington, DC.')
    or a sentence's opening word before a titled name ('Moreover, Mr. Clarke said': the title's
    dot is no end of a name)."""
    place = is_place or (lambda name: False)
    text = doc_text(doc)
    out = []
    for m in _INVERTED.finditer(text):
        pairs = [m]
        nxt = _INVERTED_NEXT.match(text, m.end())
        if nxt is not None:
            pairs.append(nxt)
        for pair in pairs:
            if pair.group(1).isupper() or pair.group(2).isupper() or place(pair.group(2)):
                continue  # 'Kano, Nigeria.': a town and its country ('London, Jack' is an author)
            if lex.titles.is_title(pair.group(2).split()[-1]):
                continue  # 'Still, Mr. Clarke', 'Ultimately, Gen. Osei': a title, no given name
            canonical = f"{pair.group(2)} {pair.group(1)}"
            for k in (1, 2):
                out.append(Mention(pair.start(k), pair.end(k), canonical, "person", "entity"))
    return out


def _capitalised_word(token: Token, lower: frozenset[str]) -> bool:
    """A capitalised word the document never writes in lower case, on the name's line."""
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not token.is_upper
        and token.lower_ not in lower
        and "\n" not in token.whitespace_
        and not breaks_name(token)
    )


def speaking_names(doc: Doc, lex: Lexicon, verbs: frozenset[str], found: list[Mention]) -> list[Mention]:
    """A capitalised proper noun spaCy left unlabelled that says or tells something ('Xi Jinping
    said', 'Wikinews spoke with ...'): an actor. Two words or more, or a title before it, make a
    person; one word alone is an organisation until grouping finds it a person's surname. A name
    that ``found`` (the mentions found so far) holds keeps the type it has there."""
    typed = {m.canonical: m.type for m in found}
    lower = lower_words(doc)
    text = doc_text(doc)
    out = []
    for token, verb in _unlabelled_proper_subjects(doc):
        if not (
            token.text[:1].isupper()
            and verb.lemma_.lower() in verbs
            and token.lower_ not in lower
            and not any(child.dep_ == "det" and not _title_article(child) for child in token.children)
        ):
            continue
        first = token.i
        while first > 0 and _name_part(doc[first - 1], token, lex):
            first -= 1
        given = _person_before(doc, first, token)
        if given is not None:
            first = given  # 'Senator Amara Obi said' that spaCy labelled 'Amara' alone: one person
        words = list(doc[first : token.i + 1])
        title = []
        while words and lex.titles.is_title(words[0].text):
            title.append(words.pop(0))
        if not words or any(lex.titles.is_title(t.text) for t in words):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        name = clean_name(text[start:end])
        person = len(words) > 1 or bool(title) or given is not None
        actor_type = "person" if person else "organisation"
        actor_type = typed.get(name) or type_from_cues(lex, name, default="") or actor_type
        out.append(Mention(start, end, name, actor_type, "entity"))
    return out


def _title_article(token: Token) -> bool:
    """'The' in capitals inside a sentence ('How The Onion writes'): part of a title of its own."""
    return token.text == "The" and not token.is_sent_start and token.i > 0 and not token.nbor(-1).is_space


def _person_before(doc: Doc, first: int, head: Token) -> int | None:
    """The start of a PERSON entity that ends just before ``first`` and whose last word is a
    part of the same name ('Amara' of 'Amara Obi said'), else None."""
    if first == 0:
        return None
    before = doc[first - 1]
    if before.ent_type_ != "PERSON" or before.head.i != head.i or before.dep_ not in ("compound", "flat"):
        return None
    start = first - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return start


def _unlabelled_proper_subjects(doc: Doc) -> list[tuple[Token, Token]]:
    """Proper nouns outside any entity that are the subject of their clause, with the verb,
    found on the document's arrays (one pass in numpy, not one Python step per token). A
    headline's subject the parser took for a noun's modifier counts too, where the word after
    it is tagged a verb of the present or past ('Wikinews interviews Amara Obi', 'Ngozi Says')."""
    if not len(doc):
        return []
    arrays = doc.to_array([DEP, POS, ENT_IOB, TAG])
    nsubj, compound = doc.vocab.strings["nsubj"], doc.vocab.strings["compound"]
    outside = (arrays[:, 1] == PROPN) & (arrays[:, 2] == 2)  # 2: outside any entity
    found = [(doc[int(i)], doc[int(i)].head) for i in (outside & (arrays[:, 0] == nsubj)).nonzero()[0]]
    verb_tags = {doc.vocab.strings["VBZ"], doc.vocab.strings["VBD"]}
    for i in (outside[:-1] & (arrays[:-1, 0] == compound)).nonzero()[0]:
        i = int(i)
        if int(arrays[i + 1, 3]) in verb_tags and not doc[i].whitespace_.count("\n"):
            found.append((doc[i], doc[i + 1]))
    return found


def _name_part(token: Token, head: Token, lex: Lexicon) -> bool:
    """A word of the same name before its last word ('Xi' of 'Xi Jinping')."""
    return (
        token.head.i == head.i
        and token.dep_ in ("compound", "flat")
        and token.ent_iob_ == "O"
        and token.text[:1].isupper()
        and (token.pos_ == "PROPN" or lex.titles.is_title(token.text))
        and not breaks_name(token)
    )


def named_bodies(doc: Doc, lex: Lexicon) -> list[Mention]:
    """An institution's noun spaCy left unlabelled, written as a name after 'the' or 'this'
    inside a sentence and standing alone ('the direction of the Government', 'the new
    Administration'; `[words] institutions`, `generic_names`): the body the text is about."""
    determiners = lex.words["body_determiners"]
    nouns = lex.words["institutions"] | lex.words["generic_names"]
    out = []
    for token in _tokens_of(doc, {w.capitalize() for w in nouns if " " not in w}):
        k = token.i
        if not _unlabelled_name_word(token) or token.tag_ != "NNP" or k < 1:
            continue
        before = doc[k - 1] if doc[k - 1].pos_ != "ADJ" or k < 2 else doc[k - 2]  # 'the new Administration'
        if before.lower_ not in determiners or not before.is_lower or before.is_sent_start:
            continue
        after = doc[k + 1] if k + 1 < len(doc) else None
        if after is not None and (after.text[:1].isupper() or after.lower_ in lex.words["connectors"]):
            continue  # part of a longer name ('the Government of Albania', 'the Union Jack')
        if token.lower_ in lex.words["office_nouns"] and not (
            token.dep_ in lex.words["acting_relations"] and token.head.lemma_ != "be"
        ):
            continue  # 'his use of the Presidency': the office, unless it acts ('the Presidency said')
        name = token.text
        out.append(
            Mention(
                token.idx,
                token.idx + len(name),
                name,
                type_from_cues(lex, name),
                "entity",
                generic=True,
                named_body=True,
            )
        )
    return out
