"""Text -> quotes: statements in quotation marks, reported speech, and scare quotes.

A row is one statement: what one speaker said at one place in the text. How it is found:
1. Quotation marks are paired by a scanner over the raw text, one paragraph at a time
   (straight, curly and angle marks, the two apostrophes some papers print for a double mark;
   nested marks; an unclosed mark ends at its paragraph).
2. Reporting cues come from the dependency parse: a verb listed in
   ``newsfacts/lexicons/reporting.toml`` (``said``, ``warned``, ``mocked``, ...) with the content its
   entry allows (a clause, an object, an infinitive, or a preposition's phrase), a source phrase
   (``according to X``), a dash before a name (``"..." -- Name``), a speaker's label
   (``WALLACE: ...``), and in a headline a verb the parser took for a name (``Governor Warns ...``).
3. A quoted passage next to a cue (``"...," she said`` / ``he told reporters: "..."``) or inside
   a cue's clause is direct speech by the cue's speaker. A quote interrupted by its attribution
   (``"A," she said. "B."``) is one statement of two segments; quoted words inside reported speech
   (``said the plan was "dead on arrival"``) are part of that indirect statement,
   and so is a clause split by its cue (``The plan, she said, would fail``). An unattributed
   passage continues the previous speaker's words when it is long; a short one, or a title of a
   show, book or slogan, is a scare quote.
4. The speaker is the cue's subject, resolved by ``newsfacts.extract.speakers``.
Steps 1 and 2 are quote_marks.py and quote_cues.py (their words: quote_lexicon.py); this module
builds the statements and their rows.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsfacts.extract.common import doc_text, sentence_at, sentence_bounds
from newsfacts.extract.quote_cues import (
    content_bounds,
    cue_kinds,
    extent_end,
    has_verb,
    interposed_content,
    naive_lemmas,
    noun_content,
    question_put,
    relative_content,
    reported_content,
    reports_words,
    requested_act,
    source_phrase_at,
    split_content,
)
from newsfacts.extract.quote_lexicon import lexicon
from newsfacts.extract.quote_marks import (
    CharRanges,
    Quoted,
    QuotedRegions,
    find_quoted,
    markup_tags,
    trimmed,
    without_markup,
)
from newsfacts.extract.speakers import SpeakerResolver, one_line, subject_of, written_name

# Segments of one statement joined for the `words` column: the attribution between them is left
# out, as an editor marks a cut.
SEGMENT_JOINER = " \u2026 "


# --- rows ---------------------------------------------------------------------------------------


@dataclass
class Attribution:
    cue: str | None
    speaker: str | None
    actor_id: str | None
    char: int  # where the cue is, for ordering and for telling two statements apart
    inherited: bool = False  # attributed only by its place after the speaker's words
    governed_by: Token | None = None  # the reporting verb the quoted words depend on, if so
    cue_token: Token | None = None  # the cue verb, when a verb attributes it
    mention: str | None = None  # the speaker as written at the cue ('Mr. Walker', 'she')
    subject: Token | None = None  # else the token it is read from, when the row is written


@dataclass
class Statement:
    """One row being built: the segments of one speaker's words and how they are attributed."""

    segments: list[tuple[int, int]]
    kind: str
    att: Attribution | None
    quoted: list[Quoted] = field(default_factory=list)  # its passages in quotation marks
    title: bool = False  # the title of a show, a book, a slogan

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def _sentence_around(doc: Doc, text: str, start: int, end: int) -> str:
    first = sentence_at(doc, start)
    last = sentence_at(doc, max(start, end - 1))
    s, _ = sentence_bounds(first)
    _, e = sentence_bounds(last)
    return text[min(s, start) : max(e, end)]


def _row(doc: Doc, text: str, st: Statement, speakers: SpeakerResolver) -> dict:
    att = st.att
    # a speaker (or its mention) made of nothing but control characters is none
    speaker = one_line(att.speaker) if att is not None and att.speaker else None
    mention = None
    if att is not None and speaker:
        mention = att.mention or (speakers.mention(att.subject) if att.subject is not None else None)
        mention = one_line(mention) if mention else None
    return {
        "text": text[st.start : st.end],
        "start": st.start,
        "end": st.end,
        "segments": "; ".join(f"{s}-{e}" for s, e in st.segments),
        "words": SEGMENT_JOINER.join(text[s:e] for s, e in st.segments),
        "kind": st.kind,
        "speaker": speaker or None,
        "speaker_actor_id": att.actor_id if att and speaker else None,
        "speaker_mention": mention or None,
        "cue": att.cue if att else None,
        "sentence": _sentence_around(doc, text, st.start, st.end),
    }


class QuoteExtractor:
    def __init__(self, doc: Doc, actors=None):
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text is rebuilt on every access
        tags = markup_tags(self.text)
        self.markup = CharRanges(tags)  # a cue there is a tag's name, not a verb
        self.quoted = find_quoted(without_markup(self.text, tags))
        self.regions = QuotedRegions(self.quoted)
        self.speakers = SpeakerResolver(doc, actors, self.regions)
        self.paragraph_of = _paragraph_index(self.text)
        self.headline_end = _headline_end(self.text)

    def run(self) -> list[dict]:
        reported = self.reported_statements()
        direct = self.direct_statements(reported)
        direct = _joined_segments(self, direct)
        reported, direct = _quoted_in_reported(self, reported, direct)
        labelled = self.labelled_paragraphs()
        statements, starts = [], set()
        for st in sorted(labelled + direct + reported, key=lambda r: (r.start, r.kind != "direct")):
            if st.start not in starts:
                starts.add(st.start)
                statements.append(st)
        return [_row(self.doc, self.text, st, self.speakers) for st in statements]

    # reported speech

    def reported_statements(self) -> list[Statement]:
        found = []
        for token in self.doc:
            if self.regions.holds(token.idx) or self.markup.holds(token.idx):
                continue
            kinds = cue_kinds(token)
            if kinds and requested_act(token):
                continue
            if kinds:
                st = self._verb_statement(token, kinds)
            elif (phrase := source_phrase_at(token)) is not None:
                st = self._source_phrase_statement(phrase)
            elif token.pos_ == "NOUN" and (content := noun_content(token)) is not None:
                st = self._noun_statement(token, content)
            elif (question := question_put(token)) is not None:
                st = self._question_statement(token, question)
            else:
                continue
            if st is not None and not self._mostly_quoted(st):
                found.append(st)
        found.extend(self._headline_statements(found))
        return _drop_overlapping_source_rows(self.doc, found)

    def _mostly_quoted(self, st: Statement) -> bool:
        length = sum(e - s for s, e in st.segments)
        quoted = sum(self.regions.covered(s, e) for s, e in st.segments)
        return quoted > _MOSTLY_QUOTED * length

    def _verb_statement(self, verb: Token, kinds: frozenset[str]) -> Statement | None:
        content = reported_content(verb, kinds)
        if "clause" in kinds and (interposed := interposed_content(verb)) is not None:
            segments, cue = interposed, verb.text
        elif "clause" in kinds and (relative := relative_content(verb)) is not None:
            segments, cue = relative, verb.text
        elif content is not None:
            segments, cue = [(content[0], content[1])], content[2]
        elif "clause" in kinds and (split := split_content(verb)) is not None:
            segments, cue = split, verb.text
        else:
            return None
        subject = subject_of(verb, self.regions.holds)
        if subject is None:
            return None
        if any(s <= subject.idx < e for s, e in segments):  # the 'subject' is inside: a misparse
            return None
        speaker, actor_id = self.speakers.resolve(subject)
        if speaker is None:
            return None
        att = Attribution(cue, speaker, actor_id, verb.idx, subject=subject)
        return Statement(segments, "indirect", att)

    def _source_phrase_statement(self, phrase: Span) -> Statement | None:
        last = phrase[-1]
        source = next((c for c in last.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        bounds = _clause_beside(phrase, source)
        if bounds is None:
            return None
        speaker, actor_id = self.speakers.resolve(source)
        if speaker is None:
            return None
        att = Attribution(phrase.text.lower(), speaker, actor_id, phrase.start_char, subject=source)
        return Statement([bounds], "indirect", att)

    def _question_statement(self, verb: Token, question: tuple[int, int, str]) -> Statement:
        """A question put by its passive's agent ('asked by a reporter whether ...'), else by
        someone the text does not name: a row without a speaker."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        asker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        speaker, actor_id = self.speakers.resolve(asker) if asker is not None else (None, None)
        att = Attribution(question[2], speaker, actor_id, verb.idx, subject=asker if speaker else None)
        return Statement([question[:2]], "indirect", att)

    def _noun_statement(self, noun: Token, content: tuple[int, int]) -> Statement | None:
        """'the mayor's warning that the dam could fail': the possessor says the clause."""
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or self.regions.holds(owner.idx):
            return None
        speaker, actor_id = self.speakers.resolve(owner)
        if speaker is None:
            return None
        # the possessor's phrase may run on to the noun it owns ("Ana Ruiz's claim")
        speaker = re.split(r"['\u2019]s\b", speaker)[0].strip() or speaker
        mention = re.split(r"['\u2019]s\b", self.speakers.mention(owner))[0].strip() or None
        att = Attribution(noun.text, speaker, actor_id, noun.idx, mention=mention, subject=owner)
        return Statement([content], "indirect", att)

    # headlines

    def _headline_statements(self, found: list[Statement]) -> list[Statement]:
        """A headline's statement the parse missed: 'Name: what they said', 'Governor Warns
        Budget Cuts Would Close Schools', 'Schools Will Close, Governor Says'."""
        end = self.headline_end
        if not end:
            return []
        head = self._tokens_between(0, end)
        inside = [st for st in found if st.start < end]
        if inside:
            # a title-case headline's words after a person's label the parser read as a
            # statement of their own ('Okafor: Audit Report Shows Missing Funds', its verb
            # taken for a name): the label's person said them
            st = _headline_colon(self, head)
            colon = next((t.i for t in head if t.text == ":"), head.end)
            person = any(t.ent_type_ == "PERSON" for t in head.doc[head.start : colon])
            if st is None or not person or any(s.start < st.start for s in inside):
                return []
            for s in inside:
                found.remove(s)
            return [st]
        st = _headline_colon(self, head) or _headline_verb(self, head)
        return [st] if st is not None else []

    # direct speech

    def direct_statements(self, reported: list[Statement]) -> list[Statement]:
        out = []
        previous: Statement | None = None
        before: Quoted | None = None
        for q in self.quoted:
            before, last_q = q, before
            label = self._label(q)
            if label is not None:
                st = Statement([(label[0], q.end)], "direct", label[1], [q])
            else:
                att = self.attribution(q)
                kind = "direct"
                if att is None:
                    if self._is_phrase(q) or self._is_title(q) or self._is_credited(q, last_q):
                        kind = "scare"
                    else:
                        att = self._inherited(q, previous, reported)
                        if att is None and self._is_short(q):
                            kind = "scare"
                elif self._is_title(q):
                    kind, att = "scare", None
                elif (verb := self._holding_verb(q, att)) is not None and (
                    bounds := self._governed_content(q, verb)
                ):
                    # its speaker lends itself to the unattributed passages after it
                    previous = Statement([bounds], "indirect", att, [q])
                    out.append(previous)
                    continue
                elif self._is_fragment(q):
                    kind, att = "scare", None
                st = Statement(
                    [(q.start, q.end)], kind, att, [q], title=kind == "scare" and self._is_title(q)
                )
            out.append(st)
            if st.kind == "direct":
                previous = st
        return out

    def labelled_paragraphs(self) -> list[Statement]:
        """A transcript's paragraph opened by its speaker's label ('MENSAH: We will ...', 'Ms.
        Mensah: We will ...'): the rest of the paragraph is the speaker's words. A label in
        capitals is a speaker unless the lexicon lists it as a heading ('UPDATE:'); one in
        title case only when it names a person or an actor of the article."""
        out = []
        lex = lexicon()
        for m in _PARAGRAPH_LABEL.finditer(self.text):
            label = m.group(1)
            if m.start(1) < self.headline_end or label.lower().rstrip(".") in lex.label_headings:
                continue
            end = self._paragraph_end(m.end())
            start, end = trimmed(self.text, m.end(), end)
            if end <= start or self.regions.holds(start):
                continue  # '"MENSAH: ...' is the quoted passage's label
            if not has_verb(self._tokens_between(start, end)):
                continue  # 'Okafor: 1,204.' -- a table's row, not words said
            speaker, actor_id = self.speakers.name_at(m.start(1), m.end(1), written_name(label))
            if not label.isupper():
                span = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
                person = span is not None and any(t.ent_type_ == "PERSON" for t in span)
                if actor_id is None and not person:
                    continue
            att = Attribution(":", speaker, actor_id, m.end(1), mention=one_line(label))
            out.append(Statement([(start, end)], "direct", att))
        return out

    def _label(self, q: Quoted) -> tuple[int, Attribution] | None:
        """A transcript's speaker label opening a quoted passage: '"PENCE: We will ...'."""
        m = _LABEL.match(self.text, q.start, q.end)
        if m is None or m.end() >= q.end:
            return None
        written = m.group(1).strip()
        speaker, actor_id = self.speakers.name_at(m.start(1), m.end(1), written)
        return m.end(), Attribution(":", speaker, actor_id, m.end(1), mention=one_line(written))

    def _is_credited(self, q: Quoted, last: Quoted | None) -> bool:
        """A work's title credited to its author ('"Fares to rise," by the Herald's Jo Lin'), or
        the passage after that credit's colon (its story's text, as a digest cites it): what a
        paper printed, no one's statement."""
        after = self.text[q.outer_end : q.outer_end + 40]
        m = re.match(r"\s*,?\s*(\w+)\s+\S", after)
        if m is not None and m.group(1).lower() in lexicon().title_credit:
            return True
        if last is None or self.paragraph_of(last.open_at) != self.paragraph_of(q.open_at):
            return False
        between = self.text[last.outer_end : q.open_at]
        return self._is_credited(last, None) and re.fullmatch(r"[^.!?\n]*:\s*", between) is not None

    def _is_fragment(self, q: Quoted) -> bool:
        """A few lower-case words in quotation marks inside a sentence ('a "brazen breach" of
        the rules') that no verb's content holds: the writer's borrowing, not a statement."""
        words = self.text[q.start : q.end]
        return words[:1].islower() and self._is_phrase(q) and not q.opens_paragraph

    def _is_phrase(self, q: Quoted) -> bool:
        """A short quoted phrase without a clause's end: a term, a scare quote."""
        text = self.text[q.start : q.end]
        return len(text.split()) <= lexicon().scare_max_words and not re.search(r"[.!?]$", text)

    def _is_short(self, q: Quoted) -> bool:
        """A few words in quotation marks, even a whole sentence ('"Who cares?"'): with nobody
        reported as saying them, the writer's borrowing (a slogan, a chant, a scare quote)."""
        return len(self.text[q.start : q.end].split()) <= lexicon().scare_max_words

    def _is_title(self, q: Quoted) -> bool:
        """The title of a show, a book, a film or a slogan: every word capitalised (small words
        aside), no sentence's end, after a word that introduces one ('on CBS's "Face the
        Nation"', 'her memoir "Hard Choices"') or a possessive; never in a headline, where every
        word is capitalised."""
        lex = lexicon()
        text = self.text[q.start : q.end].rstrip(".,")  # 'her documentary "13th."'
        tokens = text.split()
        if not tokens or len(tokens) > lex.title_max_words or re.search(r"[.!?;]", text):
            return False
        if q.start < self.headline_end:
            return False
        if not all(t[:1].isupper() or t[:1].isdigit() or t.lower() in lex.title_minor_words for t in tokens):
            return False
        if not tokens[0][:1].isupper() and not tokens[0][:1].isdigit():
            return False
        if self._names_a_noun(q):
            return True  # 'the "Clean Harbour" campaign', 'a "Night Ferry" star'
        before = self.text[max(0, q.open_at - 40) : q.open_at].split()
        if not before:
            return False
        last = before[-1].lower().rstrip(",")
        return last in lex.title_cues or last.endswith(("'s", "\u2019s"))

    def _names_a_noun(self, q: Quoted) -> bool:
        """A title-case passage right before a lower-case noun it names ('the "Clean Harbour"
        campaign'): part of a noun phrase, no statement."""
        if q.close_at is None or self.text[q.close_at - 1 : q.close_at] == ",":
            return False
        span = self.doc.char_span(q.close_at, q.outer_end, alignment_mode="expand")
        if span is None or not len(span) or span[-1].i + 1 >= len(self.doc):
            return False
        nxt = self.doc[span[-1].i + 1]
        return nxt.idx >= q.outer_end and nxt.text[:1].islower() and nxt.pos_ == "NOUN"

    def _inherited(self, q: Quoted, previous: Statement | None, reported: list[Statement]):
        """An unattributed passage continues the last speaker of its paragraph, or of the
        paragraph before when it opens its own (newspapers quote on over paragraphs)."""
        para = self.paragraph_of(q.open_at)
        candidates = [r for r in reported if r.start < q.open_at and r.att and r.att.speaker]
        if previous is not None and previous.att and previous.att.speaker:
            candidates.append(previous)
        candidates.sort(key=lambda r: r.start)
        for st in reversed(candidates):
            assert st.att is not None
            st_para = self.paragraph_of(st.start)
            inherited = st is previous  # the passage before this one, in the paragraph before
            if st_para == para or (q.opens_paragraph and st_para == para - 1 and inherited):
                cue = st.att.cue if inherited and st_para != para else None
                att = st.att
                return Attribution(
                    cue,
                    att.speaker,
                    att.actor_id,
                    att.char,
                    inherited=True,
                    mention=att.mention,
                    subject=att.subject,
                )
            break
        return None

    def attribution(self, q: Quoted) -> Attribution | None:
        """The cue a quoted passage is attributed by: next to it, or governing it."""
        dash = self._dash_after(q)
        if dash is not None:
            return dash
        after = self._cue_after(q)
        before = self._cue_before(q)
        ends_with_comma = "," in self.text[q.end : q.outer_end + 1]
        order = [after, before] if ends_with_comma or before is None else [before, after]
        for cue in order:
            if cue is not None:
                att = self._attribute(cue)
                if att is not None:
                    return att
        governing = self._governing_cue(q)
        att = self._attribute(governing) if governing is not None else None
        if att is not None:
            att.governed_by = governing
            return att
        return self._colon_before(q) or self._paragraph_colon_before(q)

    def _paragraph_colon_before(self, q: Quoted) -> Attribution | None:
        """A paragraph that opens with a quotation after one ending in a colon is what that
        colon introduces: 'The minister continued:' / '"We will not sign."'. The cue is the
        reporting word of the colon's sentence nearest the colon ('made the following
        comment:'), else the colon after a clause whose named or pronoun subject speaks."""
        if not q.opens_paragraph:
            return None
        p_start = self._paragraph_start(q.open_at)
        prev_end = len(self.text[:p_start].rstrip())
        if prev_end == 0 or self.text[prev_end - 1] != ":":
            return None
        sentence = sentence_at(self.doc, prev_end - 1)
        start = max(sentence.start_char, self._paragraph_start(prev_end - 1))
        before = self._tokens_between(start, prev_end)
        if len(before) < 2 or any(self.regions.holds(t.idx) for t in before):
            return None
        cues = [t for t in before if self._is_cue(t)]
        att = self._attribute(cues[-1]) if cues else None
        if att is not None and att.speaker is not None:
            return att
        return self._clause_before_colon(before)

    def _colon_before(self, q: Quoted) -> Attribution | None:
        """A colon that introduces the quotation, after a name ('Okafor: "We will win."') or
        after a clause whose subject is a speaker ('She turned to the crowd: "..."')."""
        sentence = sentence_at(self.doc, q.open_at)
        before = self._tokens_between(max(sentence.start_char, self._paragraph_start(q.open_at)), q.open_at)
        if len(before) < 2 or before[-1].text != ":" or any(self.regions.holds(t.idx) for t in before):
            return None
        lex = lexicon()
        bare = _bare_label(before[:-1])
        for name in [before[:-1]] if bare is None or len(bare) == len(before) - 1 else [bare, before[:-1]]:
            if not (
                len(name) <= 6
                and name[0].text[:1].isupper()
                and all(t.text[:1].isupper() or t.lower_ in lex.title_minor_words for t in name if t.is_alpha)
            ):
                continue
            written = written_name(name.text)
            speaker, actor_id = self.speakers.name_at(name.start_char, name.end_char, written)
            if actor_id is not None or any(t.ent_type_ in ("PERSON", "ORG") for t in name):
                return Attribution(":", speaker, actor_id, before[-1].idx, mention=one_line(name.text))
            if name is not bare:
                return None
        return self._clause_before_colon(before)

    def _clause_before_colon(self, before: Span) -> Attribution | None:
        """The colon ending ``before`` (its last token), after a clause whose named or pronoun
        subject is the speaker ('She turned to the crowd:')."""
        verb = before[-2]  # the highest word before the colon: the parser may hang it on the quote
        while verb.head.i < before[-1].i and verb.head.i != verb.i:
            verb = verb.head
        subject = subject_of(verb, self.regions.holds) if verb.pos_ in ("VERB", "AUX") else None
        if subject is None or subject.i > before[-1].i or subject.pos_ not in ("PROPN", "PRON"):
            return None
        resolved, resolved_id = self.speakers.resolve(subject)
        if not resolved:
            return None
        return Attribution(":", resolved, resolved_id, before[-1].idx, subject=subject)

    def _holding_verb(self, q: Quoted, att: Attribution) -> Token | None:
        """The reporting verb whose content holds the quoted words, when they are not a
        statement of their own: words it governs ('said the plan was "a betrayal"'), or a phrase
        after it that is no sentence ('saying Clinton used her "as a paragon of virtue."')."""
        if att.governed_by is not None:
            return att.governed_by
        verb = att.cue_token
        if verb is None or verb.idx > q.open_at or not reports_words(verb):
            return None
        words = self.text[q.start : q.end]
        partial = words[:1].islower() or self._is_phrase(q)
        return verb if partial and self.text[verb.idx : q.open_at].strip()[-1:] not in (":", ",") else None

    def _governed_content(self, q: Quoted, verb: Token) -> tuple[int, int] | None:
        """What a verb that governs quoted words reports, when it holds them: 'called the
        senator "a nasty guy"' -> 'the senator "a nasty guy"'."""
        rights = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "nsubj", "advmod", "conj")]
        if not rights:
            return None
        bounds = content_bounds(rights[0].left_edge, extent_end(verb, rights[0]))
        # the quoted words' own full stop may lie past the content's end ('called him "a
        # third-rate planner."'): the words, not their last mark, must be held
        words_end = q.start + len(self.text[q.start : q.end].rstrip(".,;:!?"))
        if rights[0].dep_ not in _HELD_BY:
            words_end = q.end  # a phrase after the verb ('told the crowd in Ohio ...'): as before
        if bounds is None or not (bounds[0] <= q.start and words_end <= bounds[1]):
            return None
        return bounds[0], max(bounds[1], q.outer_end) if words_end == bounds[1] else bounds[1]

    def _dash_after(self, q: Quoted) -> Attribution | None:
        """'"..." -- Amina Diallo': a dash after the closing mark and a name to the line's end."""
        if q.close_at is None:
            return None
        m = _dash_name().match(self.text, q.outer_end)
        if m is None or m.group(1) not in lexicon().dashes:
            return None
        written = m.group(2).strip()
        speaker, actor_id = self.speakers.name_at(m.start(2), m.end(2), written)
        return Attribution(m.group(1), speaker, actor_id, m.start(1), mention=_without_full_stop(written))

    def _attribute(self, cue: Token) -> Attribution | None:
        phrase = source_phrase_at(cue)
        if phrase is not None:
            source = next((c for c in phrase[-1].children if c.dep_ == "pobj"), None)
            if source is None:
                return None
            speaker, actor_id = self.speakers.resolve(source)
            return Attribution(phrase.text.lower(), speaker, actor_id, cue.idx, subject=source)
        subject = subject_of(cue, self.regions.holds)
        if subject is None:  # 'the so-called "red zone"': a verb nobody speaks through
            return None
        speaker, actor_id = self.speakers.resolve(subject)
        return Attribution(cue.text, speaker, actor_id, cue.idx, cue_token=cue, subject=subject)

    def _tokens_between(self, start: int, end: int) -> Span:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return span if span is not None else self.doc[0:0]

    def _is_cue(self, token: Token) -> bool:
        return not self.regions.holds(token.idx) and (
            cue_kinds(token) is not None or source_phrase_at(token) is not None
        )

    def _quiet_gap(self, gap: Span | list[Token], max_words: int = 10) -> bool:
        """Between a quote and its cue there is only the speaker, punctuation, an object
        ('told reporters'), an adverb: no other verb, no other quote."""
        words = [t for t in gap if not t.is_punct and not t.is_space]
        if len(words) > max_words:
            return False
        return not any(t.pos_ in ("VERB", "AUX") or self.regions.holds(t.idx) for t in gap)

    def _cue_after(self, q: Quoted) -> Token | None:
        p_end = self._paragraph_end(q.open_at)
        tail = self._tokens_between(q.outer_end, p_end)
        for k, token in enumerate(tail):
            if self.regions.holds(token.idx):
                return None
            if self._is_cue(token):
                return token if self._quiet_gap(tail[:k]) else None
            if token.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _cue_before(self, q: Quoted) -> Token | None:
        p_start = self._paragraph_start(q.open_at)
        head = self._tokens_between(p_start, q.open_at)
        for k in range(len(head) - 1, -1, -1):
            token = head[k]
            if self.regions.holds(token.idx):
                return None
            if self._is_cue(token):
                gap = [t for t in head[k + 1 :] if t.dep_ not in ("dative", "dobj")]
                return token if self._quiet_gap(gap) else None
            if token.lower_ == "to" and k > 0 and source_phrase_at(head[k - 1]) is not None:
                continue
            if token.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _governing_cue(self, q: Quoted) -> Token | None:
        """A reporting verb outside the quote that the quoted words depend on ('he said the
        plan was "a betrayal"')."""
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        for token in span:
            node, hops = token.head, 0
            while hops < 4 and node.i != node.head.i and q.open_at <= node.idx < q.outer_end:
                node, hops = node.head, hops + 1
            while hops < 4:
                if not self.regions.holds(node.idx) and reports_words(node):
                    return node
                if node.i == node.head.i:
                    break
                node, hops = node.head, hops + 1
        return None

    def _paragraph_start(self, char: int) -> int:
        return self.text.rfind("\n", 0, char) + 1

    def _paragraph_end(self, char: int) -> int:
        end = self.text.find("\n", char)
        return len(self.text) if end < 0 else end


def _without_full_stop(written: str) -> str:
    """A name that ends its line without the sentence's full stop ('Carla Ruiz.' -> 'Carla
    Ruiz'); an initial's or an abbreviation's stays ('John Smith Jr.')."""
    name = one_line(written)
    last = name.split()[-1] if name else ""
    return name[:-1] if last.endswith(".") and sum(c.isalpha() for c in last) >= 4 else name


@lru_cache(maxsize=1)
def _dash_name() -> re.Pattern:
    """A dash and a name after a closing quotation mark, to the end of the line: '" -- Amina
    Diallo' (the dashes and the name particles from the lexicon)."""
    lex = lexicon()
    dashes = "|".join(re.escape(d) for d in sorted(lex.dashes, key=len, reverse=True))
    particles = "|".join(re.escape(p) for p in sorted(lex.name_particles))
    word = r"[A-Z][\w.'\u2019-]*"
    return re.compile(
        rf"[^\S\n]*({dashes})[^\S\n]*((?:{word})(?:[^\S\n]+(?:{word}|{particles})){{0,4}})"
        r"[^\S\n]*(?:[,(.][^\n]*)?$",
        re.M,
    )


# A speaker's label opening a paragraph: capitals, or a name in title case (initials, titles)
_PARAGRAPH_LABEL = re.compile(
    r"^[ \t]*((?:[A-Z][\w.'\u2019-]*)(?:[ \t]+[A-Z][\w.'\u2019-]*){0,2}):[ \t]+(?=\S)", re.M
)
# A transcript's speaker label opening a quoted passage: capitals and a colon ('PENCE:', 'MR. LEE:')
_LABEL = re.compile(r"((?:[A-Z][A-Z.'\u2019-]+)(?:[ \t]+[A-Z][A-Z.'\u2019-]+){0,3}):[ \t]+")


def _bare_label(name: Span) -> Span | None:
    """A colon label's name without a presentative before it or its occasion after it ('Here's
    Okafor in 2004: "..."', 'Okafor, in an interview: "..."', 'Okafor at the rally: "..."'):
    'Okafor'. None when nothing is left."""
    lex = lexicon()
    words = [t.lower_.replace("\u2019", "'") for t in name]
    for opening in lex.label_presentatives:
        if len(words) > len(opening) and tuple(words[: len(opening)]) == opening:
            name = name[len(opening) :]
            break
    cut = next((t.i for t in name[1:] if t.lower_ in lex.label_settings), None)
    if cut is not None:
        name = name.doc[name.start : cut - (name.doc[cut - 1].text == ",")]
    return name if len(name) else None


def _headline_end(text: str) -> int:
    """The end of the article's headline: its first line, when it is short and no paragraph of
    running text (a line of several sentences is not a headline). 0 when there is none."""
    end = text.find("\n")
    if end <= 0:
        return 0
    line = text[:end].rstrip()
    if len(line) > lexicon().headline_max_chars or re.search(r"[.!?]\s+[A-Z]", line):
        return 0
    return len(line)


# A verb's first right-hand child after which quoted words ending with their own full stop are
# still the verb's content: its object ('called him "a third-rate planner."'). Measured wider
# (a clause, a complement) it lowered speaker accuracy on PolNeAR train.
_HELD_BY = frozenset({"dobj", "oprd"})


# Words in title case after a source's label in a headline, at least: a subject, a verb and
# what it does ('Poll: Voters Abandon Party')
_TITLED_MIN_WORDS = 3


def _headline_colon(ex: QuoteExtractor, head: Span) -> Statement | None:
    """'Sanders: Clinton needs a plan' -- a named speaker, a colon, their words."""
    colon = next((t for t in head if t.text == ":"), None)
    if colon is None or colon.i - head.start > 5 or colon.i + 1 >= head.end:
        return None
    name = head.doc[head.start : colon.i]
    lex = lexicon()
    # the speaker's audience or occasion after the name ('Mayor to unions: ...', 'Lee at
    # rally: ...'): the name is what comes before the preposition
    cut = next((t.i for t in name if t.i > name.start and t.lower_ in lex.headline_settings), None)
    if cut is not None:
        name = head.doc[name.start : cut]
    # a source noun may close the name in lower case ('Union camp: ...', 'IG report: ...')
    capitalised = [t for t in name if t.is_alpha]
    if capitalised and capitalised[-1].lower_ in lex.headline_sources and len(capitalised) > 1:
        capitalised = capitalised[:-1]
    if not name or not all(t.text[:1].isupper() for t in capitalised):
        return None
    speaker, actor_id = ex.speakers.name_at(name.start_char, name.end_char, written_name(name.text))
    named = any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name)
    # a headline's speaker the small model leaves unlabelled ('Okafor: ...'): a proper name
    # that the article names as an actor, or a proper name before words with a verb
    proper = all(t.tag_ in ("NNP", "NNPS") for t in name if t.is_alpha)
    said = has_verb(head.doc[colon.i + 1 : head.end])
    # a source named by its noun ('Poll: ...', 'Experts: ...'), saying something; in title
    # case the parser may tag no verb ('Poll: Voters Abandon Party'), so words in title case
    # count as a statement when there are enough of them to hold one and they open, as a
    # headline's clause does, without an article ('Experts: The Year of the Flood' is a title)
    words = [t for t in head.doc[colon.i + 1 : head.end] if t.is_alpha]
    titled = (
        len(words) >= _TITLED_MIN_WORDS
        and words[0].tag_ != "DT"
        and all(t.text[:1].isupper() or t.lower_ in lex.title_minor_words for t in words)
    )
    source = name[-1].lower_ in lex.headline_sources and (said or titled)
    if not (named or actor_id is not None or (proper and said) or source):
        return None
    bounds = content_bounds(head.doc[colon.i + 1], head[-1])
    if bounds is None:
        return None
    att = Attribution(":", speaker, actor_id, colon.idx, mention=one_line(name.text))
    return Statement([bounds], "indirect", att)


def _headline_verb(ex: QuoteExtractor, head: Span) -> Statement | None:
    """'Governor Warns Budget Cuts Would Close Schools' / 'Cuts Would Close Schools, Governor
    Says': in title case the parser takes the verb for a name; a reporting verb's form after a
    name (at the start, or after a comma at the end) splits speaker and words."""
    lex = lexicon()
    tokens = list(head)
    for k in range(1, len(tokens)):
        token, low = tokens[k], tokens[k].lower_
        kinds = lex.verbs.get(low) or next((lex.verbs[f] for f in naive_lemmas(low) if f in lex.verbs), None)
        if not kinds or not low.endswith("s"):
            continue  # a headline's verb is in the present: 'Warns', 'Says'
        last = all(t.is_punct for t in tokens[k + 1 :])
        comma = max((j for j in range(k) if tokens[j].text == ","), default=-1)
        cue = token.text
        if "clause" not in kinds:
            # a verb of another content in title case, taken for a name ('Mayor Slams Budget
            # Plan', 'Mayor Calls On Council To Resign'): what its entry allows after it
            if last or token.tag_ not in ("NNP", "NNPS") or k + 2 >= len(tokens):
                continue
            after = tokens[k + 1].lower_
            if after in kinds or (after == "to" and "to_phrase" in kinds):
                cue, k_first = f"{token.text} {tokens[k + 1].text}", k + 2
            elif ("object" in kinds or "complement" in kinds) and not tokens[k + 1].is_punct:
                k_first = k + 1
            else:
                continue
            name, first, final = tokens[comma + 1 : k], tokens[k_first], tokens[-1]
        elif last and comma > 0:
            name, first, final = tokens[comma + 1 : k], tokens[0], tokens[comma - 1]
        elif not last:
            # a phrase may open the headline before the name ('Railing Against Cuts, Mayor
            # Vows To ...')
            name, first, final = tokens[comma + 1 : k], tokens[k + 1], tokens[-1]
        else:
            continue
        bounds = content_bounds(first, final)
        if bounds is None or not name or len(name) > 5 or not name[0].text[:1].isupper():
            continue
        start, end = name[0].idx, name[-1].idx + len(name[-1].text)
        written = written_name(ex.text[start:end])
        speaker, actor_id = ex.speakers.name_at(start, end, written)
        att = Attribution(cue, speaker, actor_id, token.idx, mention=one_line(ex.text[start:end]))
        return Statement([bounds], "indirect", att)
    return None


def _joined_segments(ex: QuoteExtractor, direct: list[Statement]) -> list[Statement]:
    """'"A," she said. "B."': a quote interrupted by its attribution is one statement. A passage
    joins the one before when both are direct, in one paragraph, a short attribution apart (a
    show's title in it aside: 'he said on "Morning Joe."'), and attributed by the same cue or
    only by following the first (not by a cue of its own: 'she said, adding: "B."'); or when
    one cue before both attributes them over a paragraph break."""
    out: list[Statement] = []
    for st in direct:
        found = _previous_direct(out, st)
        if found is not None and (_continues_paragraph(ex.text, found, st) or _same_statement(ex, found, st)):
            found.segments.extend(st.segments)
            found.quoted.extend(st.quoted)
            continue
        out.append(st)
    return out


def _previous_direct(out: list[Statement], st: Statement) -> Statement | None:
    """The last direct statement before `st`, past the scare quotes (titles) in between."""
    for r in reversed(out):
        if r.kind == "direct":
            return r
        if r.kind != "scare":
            return None
    return None


def _same_statement(ex: QuoteExtractor, last: Statement, st: Statement) -> bool:
    if st.kind != "direct" or last.att is None or st.att is None:
        return False
    gap = ex.text[last.quoted[-1].outer_end : st.quoted[0].open_at]
    if st.att.char == last.att.char and last.att.char < last.start and not gap.strip():
        return True  # 'she said:\n\n"A."\n\n"B."' -- one cue before both
    # a passage with a cue of its own is a statement of its own, even when its cue hangs on the
    # first ('"A," she said, adding: "B."': she said A, and added B)
    same_cue = st.att.char == last.att.char or (st.att.speaker == last.att.speaker and st.att.inherited)
    return (
        same_cue
        and last.end <= last.att.char < st.start
        and len(gap) <= _SEGMENT_GAP
        and "\n" not in ex.text[last.end : st.start]
        and _only_attribution(ex, last.quoted[-1].outer_end, st.quoted[0].open_at)
    )


def _continues_paragraph(text: str, last: Statement, st: Statement) -> bool:
    """A quotation that runs on over paragraphs, as newspapers print it: the paragraph ends
    without a closing mark and the next one opens with a mark ('"We will rebuild.\n\n"Every
    school will open.'); the next passage has no cue of its own."""
    before, after = last.quoted[-1], st.quoted[0]
    return (
        last.kind == "direct"
        and st.kind == "direct"
        and before.close_at is None
        and after.opens_paragraph
        and st.att is not None
        and st.att.inherited
        and last.att is not None
        and st.att.speaker == last.att.speaker
        and not text[before.end : after.open_at].strip()
    )


def _only_attribution(ex: QuoteExtractor, start: int, end: int) -> bool:
    """Between two segments of one statement is its attribution alone: no semicolon, no 'and'
    or 'but' that joins another clause to the cue's ('"A," she said, but later she wrote, "B."');
    an 'and' inside the speaker's description ('president and chief executive of ...', 'who
    was raised in Lagos and lives in Accra') is part of it."""
    return not any(
        t.text == ";" or (t.pos_ == "CCONJ" and (t.head.dep_ == "ROOT" or reports_words(t.head)))
        for t in ex._tokens_between(start, end)
    )


_SEGMENT_GAP = 400
# A reported statement whose content is this much in quotation marks is the direct quote's
# attribution ('she said: "..."'), not a statement of its own
_MOSTLY_QUOTED = 0.75  # characters of attribution between two segments of one statement


def _quoted_in_reported(
    ex: QuoteExtractor, reported: list[Statement], direct: list[Statement]
) -> tuple[list[Statement], list[Statement]]:
    """Quoted words inside reported speech ('said the plan was "dead on arrival."') are part of
    that indirect statement, up to their closing mark, and no row of their own."""
    kept = []
    for st in direct:
        q = st.quoted[0]
        found = next(
            (
                (r, k)
                for r in reported
                for k, (s, e) in enumerate(r.segments)
                if s <= q.start < e and (q.end <= e or not ex.text[e : q.end].strip(".,!?;:"))
            ),
            None,
        )
        if found is not None and st.title:
            holder, k = found  # a title the clause starts with is not the speaker's words
            s, e = holder.segments[k]
            if s >= q.open_at - 1:
                rest = re.match(r"[\s,]*(?:that\s+)?", ex.text[q.outer_end : e])
                start = q.outer_end + (rest.end() if rest else 0)
                if start < e:
                    holder.segments[k] = (start, e)
        elif found is not None and len(st.segments) == 1:
            holder, k = found
            assert holder.att is not None
            if st.att is None or st.att.char == holder.att.char or st.att.speaker == holder.att.speaker:
                s, e = holder.segments[k]
                holder.segments[k] = (s, max(e, q.outer_end))
                continue
        kept.append(st)
    return reported, kept


def _paragraph_index(text: str):
    breaks = [m.start() for m in re.finditer(r"\n\s*\n|\n", text)]
    return lambda char: bisect.bisect_right(breaks, char)


def _clause_beside(phrase: Span, source: Token) -> tuple[int, int] | None:
    """The clause an 'according to X' phrase is attached to, without the phrase itself;
    for a relative clause, the noun phrase it describes ('a policy which, according to X, ...')."""
    doc = phrase.doc
    head = phrase[0].head
    while head.pos_ not in ("VERB", "AUX") and head.i != head.head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return _sentence_beside(phrase, source)
    phrase_end = source.right_edge.i
    if head.dep_ == "relcl":
        return content_bounds(head.head.left_edge, head.right_edge)
    left, right = head.left_edge.i, head.right_edge.i
    if phrase[0].i <= left:
        subject = next(
            (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > phrase_end), None
        )
        first = subject.left_edge if subject is not None else doc[min(phrase_end + 1, right)]
        return content_bounds(first, doc[right])
    if phrase[0].i > head.i:
        sent = phrase[0].sent
        ends_sentence = all(t.is_punct or t.is_space for t in doc[phrase_end + 1 : sent.end])
        if ends_sentence and phrase[0].i > sent.start and doc[phrase[0].i - 1].text == ",":
            # '..., according to X.' closing its sentence reports all of it, every clause
            # ('A rose, B fell and C held, according to the count'), as a trailing cue does
            left = min(left, sent.start)
        return content_bounds(doc[left], doc[max(left, phrase[0].i - 1)])
    return content_bounds(doc[left], doc[right])


def _sentence_beside(phrase: Span, source: Token) -> tuple[int, int] | None:
    """What a source phrase that opens or closes its sentence reports when the parser hung it
    on no verb (a sentence misread as a noun phrase: 'The union, which backed the bill, spent
    $300,000 on ads, according to X.'): the rest of the sentence beyond the comma beside the
    phrase, when it holds a verb."""
    doc, sent = phrase.doc, phrase[0].sent
    end = source.right_edge.i
    if phrase[0].i > sent.start + 1 and doc[phrase[0].i - 1].text == ",":
        if not all(t.is_punct or t.is_space for t in doc[end + 1 : sent.end]):
            return None
        first, last = doc[sent.start], doc[phrase[0].i - 2]
    elif phrase[0].i == sent.start and end + 2 < sent.end and doc[end + 1].text == ",":
        first, last = doc[end + 2], doc[sent.end - 1]
    else:
        return None
    if not has_verb(doc[first.i : last.i + 1]):
        return None
    return content_bounds(first, last)


def _drop_overlapping_source_rows(doc: Doc, found: list[Statement]) -> list[Statement]:
    """A clause whose own verb reports it ('According to X, Y believes that ...') keeps the
    verb's row, whose content is tighter. A reporting verb deeper in the clause ('According to
    police, officers saw him run, and they ordered him to stop') leaves the source its clause:
    the source phrase does not modify that verb."""
    sources = _source_cues()
    verbs = [r for r in found if r.att is None or r.att.cue not in sources]
    kept = []
    for st in found:
        if st.att is not None and st.att.cue in sources:
            phrase = _token_at(doc, st.att.char)
            if any(
                min(v.end, st.end) - max(v.start, st.start) > 0
                and (phrase is None or v.att is None or _token_at(doc, v.att.char) in (phrase.head, None))
                for v in verbs
            ):
                continue
        kept.append(st)
    return kept


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@lru_cache(maxsize=1)
def _source_cues() -> frozenset[str]:
    return frozenset(" ".join(p) for p in lexicon().source_phrases)


def extract_quotes(doc: Doc, actors=None) -> list[dict]:
    """Quote rows of one parsed document: text, start, end, segments, words, kind, speaker,
    speaker_actor_id, cue, sentence (doc_id and quote_id are the caller's)."""
    if not doc_text(doc).strip():
        return []
    return QuoteExtractor(doc, actors).run()
