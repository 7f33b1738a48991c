"""Reporting cues in the dependency parse and the content each reports: a verb of
lexicons/reporting.toml with the content its entry allows (a clause, an object, an infinitive, a
preposition's phrase), a source phrase ('according to X'), a noun of saying ('her claim that
...'), a clause split by its cue ('The plan, she said, would fail') and an attribution set
between commas inside its clause."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span, Token

from newsfacts.extract.common import has_subject
from newsfacts.extract.quote_lexicon import lexicon
from newsfacts.extract.quote_marks import trimmed


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def cue_kinds(token: Token) -> frozenset[str] | None:
    """The content kinds a reporting verb allows, or None when the token is not one."""
    if token.pos_ not in ("VERB", "AUX") or _is_passive(token):
        return None
    if (
        token.tag_ == "VBN"
        and token.dep_ in ("acl", "advcl")
        and not any(c.dep_ in ("aux", "nsubj") for c in token.children)
    ):
        return None  # a passive participle: 'veterans invited to speak', 'Asked whether ..., she said
    lex = lexicon()
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prt" and (lemma, child.lower_) in lex.phrasal_verbs:
            return lex.phrasal_verbs[(lemma, child.lower_)]
    kinds = lex.verbs.get(lemma)
    if kinds is None:  # the small model's lemmatiser slips ('rates' -> 'rat')
        kinds = next((lex.verbs[f] for f in naive_lemmas(token.lower_) if f in lex.verbs), None)
    return kinds


def question_put(token: Token) -> tuple[int, int, str] | None:
    """The question put to someone by an asker the text does not name: a verb of asking in the
    passive or as a participle without a subject of its own ('Asked whether the plan would
    pass, she said ...', 'when asked about the vote', 'he was asked what went wrong'). Its
    'if', 'whether' or wh- clause, or its 'about' phrase: (start, end, cue)."""
    lex = lexicon()
    if token.pos_ != "VERB" or token.tag_ != "VBN" or token.lemma_.lower() not in lex.question_verbs:
        return None
    passive = _is_passive(token)
    bare = token.dep_ in ("acl", "advcl") and not any(c.dep_ in ("aux", "nsubj") for c in token.children)
    if not (passive or bare):
        return None
    return reported_content(token, lex.question_put)


def requested_act(token: Token) -> bool:
    """A reporting verb in the infinitive another reporting verb asks for or promises ('called on
    the mayor to apologize for ...', 'urged him to explain the cuts'): what is asked is part of
    that verb's content, not yet a statement of its own."""
    head = token.head
    if token.dep_ != "xcomp" or not _has_to(token) or head is token:
        return False
    kinds = cue_kinds(head)
    if not kinds:
        return False
    content = reported_content(head, kinds)
    return content is not None and content[0] <= token.idx < content[1]


def reports_words(token: Token) -> bool:
    """A reporting verb whose content may be words it governs, not only a quotation beside it
    ('continued' attributes '"...," she continued', never 'continued to be used as "shields"')."""
    return bool((cue_kinds(token) or frozenset()) - {"quote"})


def naive_lemmas(word: str) -> list[str]:
    """Base forms a regular English verb form may have: 'rates' -> 'rate', 'urged' -> 'urge'."""
    forms = []
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + repl
            forms.append(stem)
            if not repl and len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # a doubled consonant: 'slammed' -> 'slam'
    return forms


@lru_cache(maxsize=1)
def _source_phrase_starts() -> frozenset[str]:
    return frozenset(words[0] for words in lexicon().source_phrases if words)


def source_phrase_at(token: Token) -> Span | None:
    """'according to' (or another source phrase) starting at this token."""
    if token.lower_ not in _source_phrase_starts():
        return None  # most tokens: no phrase starts with them
    doc = token.doc
    for words in lexicon().source_phrases:
        end = token.i + len(words)
        if end <= len(doc) and all(doc[token.i + k].lower_ == w for k, w in enumerate(words)):
            return doc[token.i : end]
    return None


def content_bounds(tokens_start: Token, tokens_end: Token) -> tuple[int, int] | None:
    """Token range -> character range, without edge punctuation. A leading 'that' stays: it is
    part of the reported clause, as annotators of attribution mark it ('said that the plan
    failed')."""
    doc = tokens_start.doc
    marks = lexicon().quote_characters
    tokens_end = _before_name_aside(tokens_start, tokens_end)
    i, j = tokens_start.i, tokens_end.i
    while i <= j and ((doc[i].is_punct and doc[i].text not in marks) or doc[i].is_space):
        i += 1
    while j >= i and ((doc[j].is_punct and doc[j].text not in marks) or doc[j].is_space):
        j -= 1
    if j < i:
        return None
    # Doc.text is rebuilt on every access: work on the span's own text
    base, text = doc[i].idx, doc[i : j + 1].text
    start, end = 0, len(text)
    # a quotation mark at one edge whose partner is outside the content is dropped
    n_marks = sum(text.count(c) for c in '"\u201c\u201d')
    if n_marks % 2 and text[start] in '"\u201c':
        start += 1
    elif n_marks % 2 and text[end - 1] in '"\u201d':
        end -= 1
    start, end = trimmed(text, start, end)
    return (base + start, base + end) if end > start else None


# tokens of the content before a name's aside for the aside to be cut (three, as 'it would be
# Trump'; with fewer the name is most of what is reported)
_NAME_ASIDE_MIN_WORDS = 3


def _before_name_aside(start: Token, end: Token) -> Token:
    """The content's end short of a relative clause set off by a comma on a person's name that
    closes it ('praised the work of Ana Ruiz, who ran the agency until 2019'): the writer's aside
    telling the reader who the person is, not the speaker's words. Kept when the name is the
    content's own phrase or most of it ('praised Senator Ruiz, who had stepped down', 'echoed
    Ruiz, who had said the same'): there the clause is part of what is reported; and when the
    clause quotes words, which may be the speaker's."""
    doc = end.doc
    j = end.i
    while j > start.i and (doc[j].is_punct or doc[j].is_space):
        j -= 1
    token = doc[j]
    while token.dep_ != "ROOT" and token.i >= start.i:
        if token.dep_ == "relcl":
            first = token.left_edge
            name = token.head
            if (
                token.right_edge.i == j
                and first.lower_ in lexicon().name_aside_relatives
                and first.i - 1 - start.i >= _NAME_ASIDE_MIN_WORDS
                and doc[first.i - 1].text == ","
                and name.pos_ == "PROPN"
                and name.ent_type_ == "PERSON"
                and min([name.i] + [c.left_edge.i for c in name.lefts]) > start.i
                and not any(t.text in lexicon().quote_characters for t in doc[first.i : j + 1])
            ):
                return doc[first.i - 2]
            return end
        token = token.head
    return end


def _right_children(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    return [c for c in verb.rights if c.dep_ in deps]


def extent_end(verb: Token, first: Token) -> Token:
    """The last token of what a verb reports, from one of its right-hand children on: the
    parser of a small model often hangs a clause's tail on the verb itself, so every later
    child counts, up to one that is a report of its own ('..., adding that ...')."""
    end = _own_end(verb, first)
    for child in verb.rights:
        if child.i <= first.i or child.dep_ in ("punct", "cc"):
            continue
        # an infinitive is what the verb asks for or promises, never a report of its own
        # ('called on X to apologize for ...', 'urged Y to tell the truth')
        own = _reports(child) and not (child.dep_ == "xcomp" and _has_to(child))
        if child.dep_ == "parataxis" or own or source_phrase_at(child) is not None:
            break  # a report of its own ('..., adding that ...', '..., according to X')
        if _occasion_clause(child):
            break  # when it was said ('..., while the crowd waited outside')
        if child.right_edge.i > end.i:
            end = child.right_edge
    return end


def _occasion_clause(child: Token) -> bool:
    """A clause of the cue's own, opened by a mark of time and with its own subject, tells when
    the words were said, not what ('urged calm while the protesters gathered outside', 'praised
    the plan when the council met'): a content drawn to the verb's extent stops before it. Not
    'as' (a comparison, 'just as they did', is part of the claim) nor 'after' (the gold keeps
    the occasion of a call: 'called for a ban after the attack')."""
    if child.dep_ != "advcl":
        return False
    marks = [c for c in child.children if c.dep_ == "mark" and c.i < child.i]
    return bool(marks) and marks[0].lower_ in lexicon().occasion_marks and has_subject(child)


def _no_subject(verb: Token) -> bool:
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _own_end(verb: Token, head: Token) -> Token:
    """The last token of a content's head phrase, short of a verb of stating coordinated with it
    that has no subject of its own and the cue's own form: the speaker's next statement, which
    the small model hangs on the reported clause ('said the tax was unfair and called it a
    burden', 'says the ferry will run, but warns of delays'). Verbs of thinking and a verb in
    another form stay in the content ('said she was tired and hoped to rest', 'urged them to
    vote and pledge their support')."""
    doc = head.doc
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.ent_type_ == "PERSON" for c in head.children):
        return head.right_edge  # 'said Ana Ruiz met her and called ...': the verb may be Ruiz's
    for child in head.rights:
        if (
            child.dep_ == "conj"
            and child.pos_ == "VERB"
            and _no_subject(child)
            and child.lemma_.lower() in lexicon().next_statement_verbs
            and child.tag_ == verb.tag_
            and cue_kinds(child)
        ):
            k = child.left_edge.i - 1
            while k > head.i and (doc[k].dep_ == "cc" or doc[k].is_punct or doc[k].is_space):
                k -= 1
            return doc[k]
    return head.right_edge


def _to_punctuation(token: Token) -> Token:
    """The last token before the next comma or sentence end: the content of a preposition the
    parser left without an object ('calling on X not to ...' misread)."""
    sent_end = token.sent.end
    k = token.i + 1
    while k < sent_end - 1 and not (token.doc[k + 1].is_punct and token.doc[k + 1].text in ",;."):
        k += 1
    return token.doc[min(k, sent_end - 1)]


def _reports(token: Token) -> bool:
    kinds = cue_kinds(token)
    return kinds is not None and bool(kinds) and reported_content(token, kinds) is not None


def reported_content(verb: Token, kinds: frozenset[str]) -> tuple[int, int, str] | None:
    """(start, end, cue) of what a reporting verb reports, by the kinds its entry allows."""
    if "clause" in kinds and (span := _clause_span(verb) or _question_span(verb)) is not None:
        bounds = content_bounds(*span)
        return (*bounds, verb.text) if bounds else None
    objects = _right_children(verb, ("dobj", "dative"))
    if "complement" in kinds and objects:
        complement = _object_complement(verb, objects[0])
        if complement is not None:
            bounds = content_bounds(objects[0].left_edge, extent_end(verb, complement))
            return (*bounds, verb.text) if bounds else None
    for prep in _right_children(verb, ("prep",)):
        # an entry's "to" is the infinitive ('urged X to leave'); the preposition is "to_phrase"
        allowed = "to_phrase" in kinds if prep.lower_ == "to" else prep.lower_ in kinds
        if allowed and prep.i + 1 < len(prep.doc):
            first = objects[0] if objects and objects[0].i < prep.i else None
            start = first.left_edge if first is not None else prep.doc[prep.i + 1]
            has_object = any(c.dep_ in ("pobj", "pcomp") for c in prep.children)
            after = prep.doc[prep.i + 1]
            if not has_object and (after.is_punct or after.pos_ == "CCONJ"):
                continue  # a stranded preposition: 'the cards they never asked for, or ...'
            end = extent_end(verb, prep) if has_object else _to_punctuation(prep)
            bounds = content_bounds(start, end)
            # a phrasal verb's particle is part of the cue ('lashed out at', 'called out ... for')
            particle = next((f" {c.text}" for c in verb.children if c.dep_ == "prt"), "")
            return (*bounds, f"{verb.text}{particle} {prep.text}") if bounds else None
    marked = _clause_after_mark(verb, kinds)
    if marked is not None:
        return marked
    if "to" in kinds:
        xcomp = next((x for x in _right_children(verb, ("xcomp",)) if _has_to(x)), None)
        if xcomp is not None:
            first = objects[0] if objects and objects[0].i < xcomp.i else xcomp
            bounds = content_bounds(first.left_edge, extent_end(verb, xcomp))
            return (*bounds, verb.text) if bounds else None
    return _object_content(verb, objects) if "object" in kinds else None


def _object_content(verb: Token, objects: list[Token]) -> tuple[int, int, str] | None:
    """What a verb whose entry allows an object reports: the object and the rest of the verb's
    right-hand phrase, a gerund clause or a one-word answer."""
    if objects:
        bounds = content_bounds(objects[0].left_edge, extent_end(verb, objects[0]))
        return (*bounds, verb.text) if bounds else None
    gerund = next((x for x in _right_children(verb, ("xcomp",)) if x.tag_ == "VBG"), None)
    if gerund is not None and not _has_to(gerund):
        # a gerund clause is the verb's object ('reported spending $2 million', 'admitted
        # using the car', 'proposes doing away with the mandate'); the parser calls it xcomp
        bounds = content_bounds(gerund.left_edge, extent_end(verb, gerund))
        return (*bounds, verb.text) if bounds else None
    answer = next((c for c in _right_children(verb, ("intj",)) if c.i == verb.i + 1), None)
    if answer is not None:
        # a one-word answer the parser reads as an interjection ('said no', 'said yes')
        bounds = content_bounds(answer, answer)
        return (*bounds, verb.text) if bounds else None
    return None


def noun_content(noun: Token) -> tuple[int, int] | None:
    """What a noun of saying reports: its 'that' clause ('claim that the vote was rigged', not
    the relative 'claim that he made'), or for a noun of promising its infinitive ('promise to
    cut taxes')."""
    lex = lexicon()
    word = noun.lower_
    if word not in lex.noun_cues_that and word not in lex.noun_cues_to:
        return None
    for clause in noun.rights:
        if clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        first = clause.left_edge
        that = first.lower_ == "that" and first.dep_ == "mark" and word in lex.noun_cues_that
        if that or (word in lex.noun_cues_to and _has_to(clause) and first.lower_ == "to"):
            return content_bounds(first, clause.right_edge)
    return None


def _clause_after_mark(verb: Token, kinds: frozenset[str]) -> tuple[int, int, str] | None:
    """'called for all candidates to publish their plans': the small model reads the preposition
    of the verb's entry as the mark of a clause ('for X to Y'); what follows it is the content."""
    for clause in _right_children(verb, ("advcl",)):
        mark = clause.left_edge
        if mark.dep_ == "mark" and mark.head.i == clause.i and mark.lower_ in kinds and mark.lower_ != "to":
            if mark.i + 1 > clause.right_edge.i:
                return None
            bounds = content_bounds(mark.doc[mark.i + 1], clause.right_edge)
            return (*bounds, f"{verb.text} {mark.text}") if bounds else None
    return None


def _object_complement(verb: Token, obj: Token) -> Token | None:
    """What a verb of naming says its object is ('called the plan a disaster', 'called the
    charges unsubstantiated', 'called him "a liar"'): the object's predicate, after it. A bare
    name is no statement ('They called the dog Rex')."""
    found = next((c for c in verb.rights if c.dep_ == "oprd" and c.i > obj.i), None)
    if found is None:  # the small model's misparse: the predicate hung on the object
        found = next((c for c in obj.rights if c.dep_ in ("dobj", "attr", "oprd")), None)
    if found is None:
        return None
    quoted = any(t.text in lexicon().quote_characters for t in found.subtree)
    if found.pos_ == "PROPN" and not quoted:
        return None
    return found


def _question_span(verb: Token) -> tuple[Token, Token] | None:
    """The question a verb of asking reports when the parser took it for an adverbial clause
    ('asked the workers if they planned to vote'): from its 'if' or 'whether' on."""
    lex = lexicon()
    if verb.lemma_.lower() not in lex.question_verbs:
        return None
    for clause in _right_children(verb, ("advcl",)):
        mark = clause.left_edge
        if mark.lower_ in lex.question_marks and mark.dep_ == "mark" and mark.head.i == clause.i:
            return mark, extent_end(verb, clause)
    return None


def _clause_span(verb: Token) -> tuple[Token, Token] | None:
    """The first and last token of the clause a verb reports: its clausal complement (to the
    verb's extent when it follows the verb), or what the small model misparses as a bare verb
    phrase ('said legalizing it could ...')."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    right = [c for c in clauses if c.i > verb.i]
    if right:
        return right[0].left_edge, extent_end(verb, right[0])
    trailing = _before_trailing_cue(verb)
    if trailing is not None:
        return trailing
    if clauses:
        return clauses[0].left_edge, clauses[0].right_edge
    bare = next((x for x in _right_children(verb, ("xcomp",)) if not _has_to(x)), None)
    if bare is not None and any(c.dep_ == "ccomp" for c in bare.children):
        return bare.left_edge, extent_end(verb, bare)
    return None


# what may follow a cue that ends its sentence ('..., the source said on Monday in an interview.')
_TRAILING_CUE_DEPS = frozenset({"nsubj", "punct", "npadvmod", "prep", "advmod", "dative"})


def _before_trailing_cue(verb: Token) -> tuple[Token, Token] | None:
    """The clause before a cue that ends its sentence after a comma ('The plant is hanging on,
    but imports hurt it, said its chief executive.'; '..., the source added.'): what the
    sentence says up to the comma, every clause of it, whatever the parser hung on the verb
    (a conjunct, a clause of one conjunct only)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or verb.dep_ not in ("ROOT", "conj", "ccomp", "parataxis"):
        return None
    sent, doc = verb.sent, verb.doc
    first = min(verb.i, subject.left_edge.i)
    if first - 2 <= sent.start or doc[first - 1].text != ",":
        return None
    if any(c.i > verb.i and c.dep_ not in _TRAILING_CUE_DEPS for c in verb.children):
        return None
    if verb.right_edge.i < sent.end - 2 or (verb.dep_ != "ROOT" and verb.head.i > verb.i):
        return None
    marks = lexicon().quote_characters
    if any(t.text in marks for t in doc[verb.i : sent.end]):
        return None  # '..., she declared: "..."': the quotation is what she said
    start = sent.start
    for k in range(first - 2, sent.start, -1):
        if doc[k].text in (";", ":"):
            start = k + 1
            break
    if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[start : first - 1]):
        return None  # 'In a speech last July, X said ...': no clause before the comma
    return doc[start], doc[first - 2]


def relative_content(verb: Token) -> list[tuple[int, int]] | None:
    """A cue inside the relative clause it reports ('a rule that she said would fail', 'the
    cuts, which critics say hurt schools', 'what he said is growing demand'): the parser makes
    the relative word the subject of the reported clause, which starts before the speaker. The
    content is the relative word and the clause after the cue, as two segments."""
    if verb.dep_ not in ("relcl", "pcomp", "acl"):
        return None
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    word = clause.left_edge
    if word.i >= verb.i:
        # or the parser hung the relative word on the cue, leaving the clause without a subject
        # ('what she said is a growing demand': 'what' the object of 'said')
        word = next((c for c in verb.lefts if c.dep_ == "dobj"), word)
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            return None
    if word.i >= verb.i or word.tag_ not in ("WDT", "WP"):
        return None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if subject is None or not word.i < subject.left_edge.i:
        return None
    if any(t.i != word.i and t.i < subject.left_edge.i for t in clause.subtree):
        return None  # more of the clause before the speaker than its relative word
    first = content_bounds(word, word)
    rest = content_bounds(verb.doc[verb.i + 1], extent_end(verb, clause))
    return [first, rest] if first and rest else None


def has_verb(tokens: Iterable[Token]) -> bool:
    """Words that say something: a verb or auxiliary among them ('Okafor: 1,204.' has none)."""
    return any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _as_clause(verb: Token) -> bool:
    """A cue in an 'as' clause ('As the minister said, the dam was never inspected'; 'The dam,
    as she pointed out, was never inspected'): the clause it hangs on is what was said."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in lexicon().as_marks and c.i < verb.i for c in verb.children
    )


def split_content(verb: Token) -> list[tuple[int, int]] | None:
    """A clause interrupted by its cue ('The plan, she said, would fail'): the clause the cue
    hangs on, without the cue and its speaker, as one or two segments."""
    head = verb.head
    if verb.dep_ == "parataxis" and head.dep_ in ("nsubj", "nsubjpass") and head.head.i > verb.i:
        head = head.head  # hung on the clause's subject ('The difference now, she said, is ...')
    if (
        not (verb.dep_ == "parataxis" or _as_clause(verb))
        or head.pos_ not in ("VERB", "AUX")
        or head.i == verb.i
    ):
        return None
    inner = verb.left_edge.i, verb.right_edge.i
    doc = verb.doc
    segments = []
    if head.left_edge.i < inner[0]:
        bounds = content_bounds(head.left_edge, doc[inner[0] - 1])
        if bounds:
            segments.append(bounds)
    if inner[1] < head.right_edge.i:
        bounds = content_bounds(doc[inner[1] + 1], head.right_edge)
        if bounds:
            segments.append(bounds)
    # a cue after the whole clause ('..., Graham said, since ...') still splits it; a cue with
    # nothing reported on one side and little on the other is no statement
    return segments if segments and sum(e - s for s, e in segments) >= 12 else None


# what the words of an attribution interposed in its clause may hang on: its speaker, the verb's
# auxiliaries, adverbs, time nouns and prepositional phrases ('the agency said in a report')
_INTERPOSED_DEPS = frozenset(
    {"nsubj", "punct", "npadvmod", "prep", "advmod", "dative", "dobj", "aux", "neg", "compound"}
)


def _attribution_between_commas(verb: Token, subject: Token) -> tuple[int, int] | None:
    """The first and last token of an attribution set between two commas inside its sentence
    (its subject's and its verb's words and their modifiers), or None."""
    doc, sent = verb.doc, verb.sent
    first = min(subject.left_edge.i, verb.i)
    last = max(subject.right_edge.i, verb.i)
    for child in verb.rights:
        if child.dep_ in _INTERPOSED_DEPS and child.text != "," and child.left_edge.i == last + 1:
            last = child.right_edge.i
    if first - 2 <= sent.start or last + 3 >= sent.end:
        return None
    if doc[first - 1].text != "," or doc[last + 1].text != ",":
        return None
    inner = range(first, last + 1)
    if any(t.i != verb.i and t.head.i not in inner and t.i != subject.i for t in doc[first : last + 1]):
        return None  # a word of the attribution hangs outside it: the commas bound something else
    return first, last


def _own_words_after(verb: Token, after: Token) -> bool:
    """What follows an attribution's closing comma is a statement or act of its own: a
    quotation ('..., she said, "B."', ", he said, ''I hope not.''"), a cue ('..., he said,
    adding that ...'), a participle of the cue ('..., she said, citing ...')."""
    marks = lexicon().quote_characters
    nxt = after.doc[after.i + 1] if after.i + 1 < len(after.doc) else after
    if after.text[:1] in marks or nxt.text[:1] in marks or cue_kinds(after) is not None:
        return True
    # a participle the parser reads as a preposition ('..., the paper said, including ...')
    # goes on with the clause before the attribution
    return after.tag_ in ("VBG", "VBN") and after.head.i == verb.i and after.dep_ != "prep"


def _phrase_torn_off(verb: Token, left: Span, right: Span) -> bool:
    """What follows the attribution is one verbless phrase the parser hung on the cue although
    it finishes the clause before it ('The deal was delayed, she said, by a strike'): a
    preposition the lexicon lists as one that cannot tell how the words were said ('said, in
    a statement' can), running to the sentence's end; 'by' only after a passive ('said, by
    phone' is the cue's own)."""
    first = right[0]
    if first.head.i != verb.i or first.dep_ != "prep" or len(right) < 4:
        return False
    if first.lower_ not in lexicon().continuing_prepositions:
        return False
    if first.lower_ == "by" and not any(t.dep_ in ("nsubjpass", "auxpass") for t in left):
        return False
    return all(t.i == first.i or first.left_edge.i <= t.i <= first.right_edge.i or t.is_punct for t in right)


def interposed_content(verb: Token) -> list[tuple[int, int]] | None:
    """A clause that goes on after an attribution set between commas inside it ('The first
    group paid 9 percent, the agency said in a report, and the second paid 1 percent'; 'Though
    the talks were slow, Ms. Alvarez said, a deal is near'): the sentence on both sides of the
    attribution, when each side says something (has a verb) and the attribution is only its
    speaker, its verb and their modifiers."""
    # the parser may make the attribution the complement of the clause it interrupts ('These
    # workers, she explained, were well paid': 'explained' a ccomp of 'paid')
    inverted = verb.dep_ == "ccomp" and verb.head.i > verb.i
    if verb.dep_ not in ("ROOT", "parataxis") and not inverted:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ == "mark" for c in verb.children):
        return None
    found = _attribution_between_commas(verb, subject)
    if found is None:
        return None
    first, last = found
    doc, sent = verb.doc, verb.sent
    if _own_words_after(verb, doc[last + 2]):
        return None
    start = next((k + 1 for k in range(first - 2, sent.start, -1) if doc[k].text in (";", ":")), sent.start)
    clause = verb if verb.dep_ == "ROOT" else verb.head
    if start < clause.left_edge.i:
        return None  # 'She met them - all of whom, she said, needed help': the clause starts later
    left, right = doc[start : first - 1], doc[last + 2 : sent.end]
    if inverted:
        # the clause's verb is after the attribution; before it, its subject or a phrase of it
        head = verb.head
        if not (last + 1 < head.i < sent.end) or not has_verb(right) or cue_kinds(head) is not None:
            return None  # '..., up from 90, the paper reported': the cue is the later verb
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > last for c in head.children):
            return None  # the later verb has a subject of its own: a clause of its own
    elif not (has_verb(left) and (has_verb(right) or _phrase_torn_off(verb, left, right))):
        return None
    elif not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in left):
        return None  # 'To grasp the dispute, she said, one should ...': no clause of its own before
    segments = [content_bounds(left[0], left[-1]), content_bounds(right[0], right[-1])]
    return [b for b in segments if b is not None] if all(segments) else None
