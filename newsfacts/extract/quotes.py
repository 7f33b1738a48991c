"""Text -> quotes: direct speech in quotation marks, and reported speech.

First version: a sentence whose verb is a reporting verb ('said', 'warned', 'called for') or
that opens with 'according to', with the subject as speaker; quoted passages as direct quotes.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.extract.common import sentence_bounds, sentence_text

CUE_VERBS = {"say", "tell", "warn", "call", "acknowledge", "announce", "state", "add", "claim",
             "report", "urge", "accuse", "deny", "confirm", "insist", "believe", "criticise"}
_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")


def extract_quotes(doc: Doc, actors=None) -> list[dict]:
    rows = []
    for sent in doc.sents:
        s_start, s_end = sentence_bounds(sent)
        if s_end <= s_start:
            continue
        sentence = sentence_text(sent)
        cue, speaker = None, None
        for token in sent:
            if token.pos_ == "VERB" and token.lemma_.lower() in CUE_VERBS:
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    subj = subjects[0]
                    speaker = doc[subj.left_edge.i: subj.right_edge.i + 1].text
                    cue = token.text
                    break
        if cue is None and sentence.lower().startswith("according to"):
            cue = "according to"
            m = re.match(r"according to ([^,]+),", sentence, re.I)
            speaker = m.group(1) if m else None
        for m in _QUOTED.finditer(doc.text, s_start, s_end):
            kind = "direct" if cue else "scare"
            rows.append({"text": m.group(1), "start": m.start(1), "end": m.end(1), "kind": kind,
                         "speaker": speaker if kind == "direct" else None, "speaker_actor_id": None,
                         "cue": cue if kind == "direct" else None, "sentence": sentence})
        if cue and not any(r["start"] >= s_start and r["kind"] == "direct" for r in rows):
            rows.append({"text": sentence, "start": s_start, "end": s_end, "kind": "indirect",
                         "speaker": speaker, "speaker_actor_id": None, "cue": cue,
                         "sentence": sentence})
    return rows
