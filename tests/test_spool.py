"""Ingest streamed into a spool: the run keeps each document's metadata, its text waits on disk.

The spooled documents must be the scanned ones exactly (rows, order, duplicates, rejects), and
hold no text in memory; the inputs' key must not depend on where the texts are."""

from __future__ import annotations

import dataclasses
import json
import threading

from newsfacts import ingest
from newsfacts.publish.fingerprint import inputs_key
from newsfacts.spool import Corpus, Spool

ARTICLES = {
    "a.txt": "Officials said 12 people were killed in Mosul on Monday.\n",
    "b.txt": "Aid groups said 3,000 families fled Tal Afar, a town west of Mosul — “we walked for days”.\n",
    "c/d.txt": "Police said two people were injured in Kirkuk on Tuesday. Ünïcode ✓ survives.\n",
    "dup.txt": "Officials said 12 people were killed in Mosul on Monday.\n",  # the same bytes as a.txt
    "empty.txt": "",
}


def write(folder, articles=ARTICLES):
    for name, text in articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "b.meta.json").write_text(json.dumps({"title": "Families flee", "published": "2016-11-02"}))
    return folder


def test_spooled_documents_are_the_scanned_ones_without_their_texts_in_memory(tmp_path):
    seeds = write(tmp_path)
    documents, rejects = ingest.scan(seeds)
    corpus = Corpus.read(ingest.stream(seeds))
    assert [d.row() for d in corpus.documents] == [d.row() for d in documents]
    assert [d.text for d in corpus.documents] == [d.text for d in documents]
    assert corpus.rejects == rejects
    assert {r.path for r in rejects} == {"dup.txt", "empty.txt"}
    assert all(d.meta.text == "" for d in corpus.documents)  # nothing but metadata held
    assert corpus.spool.size == sum(len(d.text.encode()) for d in documents)
    assert [d.metadata_row() for d in corpus.documents] == [d.metadata_row() for d in documents]
    assert "text" not in corpus.documents[0].metadata_row()


def test_the_inputs_key_is_the_same_with_texts_spooled_or_in_memory(tmp_path):
    seeds = write(tmp_path)
    documents, rejects = ingest.scan(seeds)
    corpus = Corpus.read(ingest.stream(seeds))
    model = {"name": "en_core_web_sm", "version": "3.8.0"}
    assert inputs_key(corpus.documents, corpus.rejects, model) == inputs_key(documents, rejects, model)
    # ... and the key sees a change of any document's metadata or of the rejects
    assert inputs_key(documents[1:], rejects, model) != inputs_key(documents, rejects, model)
    assert inputs_key(documents, rejects[1:], model) != inputs_key(documents, rejects, model)


def test_texts_read_back_from_many_threads_are_the_texts_written(tmp_path):
    spool = Spool(tmp_path)
    texts = [f"Text {i}: {'é' * (i % 7)} {'word ' * (i % 50)}" for i in range(500)]
    documents = ingest.scan(write(tmp_path / "seeds"))[0]
    template = documents[0]
    spooled = [spool.add(dataclasses.replace(template, text=t)) for t in texts]
    seen: dict[int, list[str]] = {}

    def read(n):
        seen[n] = [d.text for d in spooled]

    threads = [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(got == texts for got in seen.values())
    assert [d.n_chars for d in spooled] == [len(t) for t in texts]
    assert list(tmp_path.glob("newsfacts-texts-*")) == []  # unlinked: nothing to clean up
    spool.close()


def test_a_text_holding_a_lone_surrogate_fares_as_in_a_scan(tmp_path):  # (ingest rejects it today)
    text = "Officials said 12 people were killed in Mosul on Monday. \\ud800 An odd escape.\n" * 5
    line = '{"title": "Odd", "text": "' + text.replace("\n", "\\n") + '"}\n'
    (tmp_path / "export.jsonl").write_text(line, encoding="utf-8")
    documents, rejects = ingest.scan(tmp_path)
    corpus = Corpus.read(ingest.stream(tmp_path))
    assert [d.text for d in corpus.documents] == [d.text for d in documents]
    assert corpus.rejects == rejects
