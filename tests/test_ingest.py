"""A seeds folder -> documents and rejects: every bad file gets a reason, good files still pass.

Text articles and what every format shares (ids, sidecars, the seeds given as one file, the
stream's order); each other format has its own test_ingest_FORMAT.py, and the hostile inputs of
issue 12 section 3 (FIFOs, devices, links, deep trees, long names, typed sidecars, control
characters) are in test_ingest_hostile.py."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from newsfacts import ingest

GOOD = "Officials said 12 people were killed in Mosul on Monday.\n"


def scan_one(tmp_path, name: str, data: bytes):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    documents, rejects = ingest.scan(tmp_path)
    return documents, rejects


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n   ", "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("archive.zip", b"PK\x03\x04\x14\x00", "not an article"),
        ("nul.txt", b"Some text\x00with a NUL", "NUL"),
        ("random.txt", bytes(range(128, 256)) * 4, "not UTF-8"),
        ("notes.docx", b"whatever", "not an article"),
    ],
)
def test_bad_file_is_rejected_with_its_reason_and_good_files_still_pass(tmp_path, name, data, reason):
    documents, rejects = scan_one(tmp_path, name, data)
    assert [d.path for d in documents] == ["good.txt"]
    assert [r.path for r in rejects] == [name]
    assert reason in rejects[0].reason
    assert name in rejects[0].message()


def test_latin1_text_is_decoded_and_said_so(tmp_path):
    latin = "The caf\xe9 in Bogot\xe1 has closed.".encode("cp1252")
    documents, rejects = scan_one(tmp_path, "latin1.txt", latin)
    latin = next(d for d in documents if d.path == "latin1.txt")
    assert latin.text == "The café in Bogotá has closed."
    assert any("Latin-1" in note for note in latin.notes)
    assert rejects == []


def test_utf16_with_bom_is_decoded(tmp_path):
    utf16 = codecs.BOM_UTF16_LE + "Aid reached 300 families.".encode("utf-16-le")
    documents, _ = scan_one(tmp_path, "utf16.txt", utf16)
    assert next(d for d in documents if d.path == "utf16.txt").text == "Aid reached 300 families."


def test_utf8_bom_and_crlf_are_normalised(tmp_path):
    documents, _ = scan_one(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"Title\r\n\r\nBody text.\r\n")
    assert next(d for d in documents if d.path == "bom.txt").text == "Title\n\nBody text.\n"


def test_same_text_under_two_names_is_one_document_and_the_duplicate_is_reported(tmp_path):
    documents, rejects = scan_one(tmp_path, "copy.txt", GOOD.encode())
    assert [d.path for d in documents] == ["copy.txt"]
    assert rejects[0].path == "good.txt" and "duplicate of copy.txt" in rejects[0].reason


def test_symlink_outside_the_seeds_folder_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD)
    outside = tmp_path / "secret.txt"
    outside.write_text("Not an article of ours.")
    (seeds / "link.txt").symlink_to(outside)
    documents, rejects = ingest.scan(seeds)
    assert [d.path for d in documents] == ["good.txt"]
    assert rejects[0].path == "link.txt" and "outside the seeds folder" in rejects[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_rejected(tmp_path):
    (tmp_path / "locked.txt").write_text(GOOD)
    (tmp_path / "locked.txt").chmod(0)
    _, rejects = ingest.scan(tmp_path)
    assert "cannot read" in rejects[0].reason


def test_nested_folders_and_odd_names_get_stable_ids(tmp_path):
    (tmp_path / "africa" / "sahel").mkdir(parents=True)
    (tmp_path / "africa" / "sahel" / "Mali Attack – Ménaka.txt").write_text(GOOD)
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == []
    assert documents[0].path == "africa/sahel/Mali Attack – Ménaka.txt"
    assert documents[0].doc_id == "africa/sahel/mali-attack-menaka"
    assert ingest.scan(tmp_path)[0][0].doc_id == documents[0].doc_id


def test_sidecar_metadata_fills_title_date_source_and_licence(tmp_path):
    (tmp_path / "story.txt").write_text("Headline here\n\nBody with 3 numbers.\n")
    (tmp_path / "story.meta.json").write_text(
        json.dumps(
            {
                "title": "A better title",
                "published": "2015-05-18",
                "source_url": "https://example.org/story",
                "licence": "CC-BY-2.5",
            }
        )
    )
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == [] and len(documents) == 1
    doc = documents[0]
    assert (doc.title, doc.published, doc.source_url, doc.licence) == (
        "A better title",
        "2015-05-18",
        "https://example.org/story",
        "CC-BY-2.5",
    )


def test_bad_sidecar_rejects_its_article_with_the_reason(tmp_path):
    (tmp_path / "story.txt").write_text(GOOD)
    (tmp_path / "story.meta.json").write_text('{"published": "last Tuesday"}')
    documents, rejects = ingest.scan(tmp_path)
    assert documents == [] and "published='last Tuesday'" in rejects[0].reason


def test_title_defaults_to_the_first_line_and_counts_are_right(tmp_path):
    (tmp_path / "a.txt").write_text("  “Sorrowful picture” in Mosul\n\nTwo words.\n")
    doc = ingest.scan(tmp_path)[0][0]
    assert doc.title == "“Sorrowful picture” in Mosul"
    assert doc.n_chars == len(doc.text) and doc.n_words == 6
    assert len(doc.sha256) == 64


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="seeds folder not found"):
        ingest.scan(tmp_path / "nope")


@pytest.mark.parametrize(
    "relpath, doc_id",
    [
        ("ünïcödé näme.txt", "unicode-name"),
        ("Москва.txt", "moskva"),
        ("Київ.txt", "kiiv"),
        ("Region/Sub Folder/Report (final).md", "region/sub-folder/report-final"),
        ("2016-11-mosul-sorrowful-picture.txt", "2016-11-mosul-sorrowful-picture"),
        ("report.v2.txt", "report-v2"),
        ("README", "readme"),
        ("pages/ID.html.gz", "pages/id"),
        ("crawl/CC-NEWS-2024.warc.gz", "crawl/cc-news-2024"),
    ],
)
def test_document_ids_are_ascii_slugs_of_each_part_of_the_path(relpath, doc_id):
    assert ingest.doc_id_for(relpath) == doc_id


def test_two_cyrillic_names_give_two_documents(tmp_path):
    (tmp_path / "Москва.txt").write_text("Officials said 12 people were killed in Moscow.\n")
    (tmp_path / "Київ.txt").write_text("Officials said 30 people were injured in Kyiv.\n")
    documents, rejects = ingest.scan(tmp_path)
    assert rejects == []
    assert sorted(d.doc_id for d in documents) == ["kiiv", "moskva"]


def test_names_with_nothing_to_transliterate_stay_apart(tmp_path):
    first, second = ingest.doc_id_for("🙂.txt"), ingest.doc_id_for("🙃.txt")
    assert first != second and first.startswith("d-") and len(first) == len("d-") + 8


def test_record_ids_name_the_file_and_the_record():
    assert (
        ingest.record_id_for("crawl/cc-news.warc.gz", "https://www.bbc.com/news/world-12345?x=1")
        == "crawl/cc-news/www-bbc-com-news-world-12345-x-1"
    )
    assert ingest.record_id_for("export.jsonl", "line 12") == "export/line-12"
    long = "https://example.org/" + "a-very-long-slug-" * 40
    other = long + "b"
    assert len(ingest.record_id_for("f.warc", long)) < 140
    assert ingest.record_id_for("f.warc", long) != ingest.record_id_for("f.warc", other)


def test_seeds_may_be_one_file(tmp_path):
    (tmp_path / "story.txt").write_text(GOOD)
    (tmp_path / "story.meta.json").write_text('{"title": "Twelve killed"}')
    (tmp_path / "other.txt").write_text("Another article about 3 boats.\n")
    documents, rejects = ingest.scan(tmp_path / "story.txt")
    assert rejects == [] and [(d.doc_id, d.path, d.title) for d in documents] == [
        ("story", "story.txt", "Twelve killed")
    ]


def test_the_stream_gives_the_scan_in_the_same_fixed_order(tmp_path):
    for name in ["b.txt", "a/z.txt", "a/y.txt", "c.zip", "a-b.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}: officials counted 5 boats.\n")
    items = list(ingest.stream(tmp_path))
    documents, rejects = ingest.scan(tmp_path)
    assert [i for i in items if isinstance(i, ingest.Document)] == documents
    assert [i for i in items if isinstance(i, ingest.Reject)] == rejects
    assert [i.path for i in items] == ["a/y.txt", "a/z.txt", "a-b.txt", "b.txt", "c.zip"]
    assert [i.path for i in ingest.stream(tmp_path)] == [i.path for i in items]


def test_documents_and_rejects_rows_have_the_schema_columns(tmp_path):
    import schemas

    documents, rejects = scan_one(tmp_path, "empty.txt", b"")
    assert list(documents[0].row()) == list(schemas.TABLES["documents"].to_schema().columns)
    assert list(rejects[0].row()) == list(schemas.TABLES["rejects"].to_schema().columns)
    assert documents[0].format == "text" and documents[0].record is None


def test_an_english_article_gets_its_language_and_a_short_text_none(tmp_path):
    long = (
        "Heavy monsoon rains have displaced more than 20,000 people in the Sylhet region of "
        "Bangladesh, officials said on Tuesday, and the water is still rising in the villages "
        "along the river, where at least 12 people were killed and about 300 injured. Relief "
        "workers said that food and clean water were running short.\n"
    )
    documents, _ = scan_one(tmp_path, "floods.txt", long.encode())
    by_path = {d.path: d for d in documents}
    assert by_path["floods.txt"].language == "en"
    assert by_path["good.txt"].language is None  # one sentence: too short to tell


def test_without_a_date_given_the_article_s_own_dateline_is_used(tmp_path):
    (tmp_path / "wire.txt").write_text(
        "Floods in Sylhet\n\nDHAKA, June 21, 2022 (Reuters) - Rains displaced 20,000 people.\n"
    )
    [doc], _ = ingest.scan(tmp_path)
    assert (doc.published, doc.published_source) == ("2022-06-21", "text")


def test_the_language_model_is_let_go_once_the_seeds_are_read(tmp_path, monkeypatch):
    from newsfacts.ingest import language

    # a cache of its own: languages told before (language.Told) are not asked of the model again
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(tmp_path / "cache"))

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "floods.txt").write_text(
        "Heavy monsoon rains have displaced more than 20,000 people in the Sylhet region of "
        "Bangladesh, officials said on Tuesday, and the water is still rising in the villages "
        "along the river, where at least 12 people were killed and about 300 injured.\n" * 2
    )
    stream = ingest.stream(seeds)
    next(stream)
    assert language.identifier.cache_info().currsize == 1  # loaded for the check
    assert list(stream) == []
    assert language.identifier.cache_info().currsize == 0
