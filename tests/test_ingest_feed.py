"""RSS and Atom feeds: each item with full content is an article; a summary-only item is reported;
an entity bomb is refused in milliseconds."""

from __future__ import annotations

import resource
import time

from test_ingest_html import PARAGRAPHS

from newsfacts import ingest

CONTENT = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Daily Example: Asia</title><link>https://news.example.org/asia</link>
<description>Asia news</description>
<item>
  <title>Floods displace 20,000 in Bangladesh</title>
  <link>https://news.example.org/asia/floods-sylhet</link>
  <guid>https://news.example.org/?p=101</guid>
  <dc:creator>Anika Rahman</dc:creator>
  <pubDate>Tue, 21 Jun 2022 08:30:00 +0000</pubDate>
  <description>Heavy rains displaced 20,000 people.</description>
  <content:encoded><![CDATA[{CONTENT}<script>alert(1)</script>]]></content:encoded>
</item>
<item>
  <title>Markets close higher</title>
  <link>https://news.example.org/business/markets</link>
  <pubDate>Tue, 21 Jun 2022 17:00:00 +0000</pubDate>
  <description>Shares rose on Tuesday as investors weighed new figures on inflation.</description>
</item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example wire</title><id>urn:example:wire</id><updated>2022-06-22T10:00:00Z</updated>
  <entry>
    <title>Relief reaches Sylhet</title>
    <id>urn:example:wire:2001</id>
    <updated>2022-06-22T10:00:00Z</updated>
    <author><name>Wire staff</name></author>
    <content type="html">{CONTENT.replace("<", "&lt;").replace(">", "&gt;")}</content>
  </entry>
</feed>
"""


def billion_laughs() -> str:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
        '<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
        "<link>https://evil.example/1</link><description>&lol9;</description>"
        "</item></channel></rss>\n"
    )


def test_items_with_full_content_are_articles_and_summaries_are_reported(tmp_path):
    (tmp_path / "asia.rss").write_text(RSS)
    documents, rejects = ingest.scan(tmp_path)
    [doc] = documents
    assert (doc.doc_id, doc.path, doc.record, doc.format) == (
        "asia/news-example-org-asia-floods-sylhet",
        "asia.rss",
        "https://news.example.org/asia/floods-sylhet",
        "feed",
    )
    assert doc.text == "\n\n".join(PARAGRAPHS)  # the content as text, its script removed
    assert (doc.title, doc.published, doc.published_source, doc.author, doc.source_url, doc.language) == (
        "Floods displace 20,000 in Bangladesh",
        "2022-06-21",
        "feed",
        "Anika Rahman",
        "https://news.example.org/asia/floods-sylhet",
        "en",
    )
    [summary] = rejects
    assert (summary.path, summary.record) == ("asia.rss", "https://news.example.org/business/markets")
    assert summary.reason == "only a summary (11 words), no full text: not published as an article"


def test_an_atom_entry_without_a_link_is_named_by_its_id(tmp_path):
    (tmp_path / "wire.atom").write_text(ATOM)
    [doc], rejects = ingest.scan(tmp_path)
    assert rejects == []
    assert (doc.record, doc.doc_id, doc.published, doc.author) == (
        "urn:example:wire:2001",
        "wire/urn-example-wire-2001",
        "2022-06-22",
        "Wire staff",
    )
    assert doc.text == "\n\n".join(PARAGRAPHS)


def test_a_billion_laughs_feed_is_refused_quickly_and_without_memory(tmp_path):
    (tmp_path / "bomb.xml").write_text(billion_laughs())
    (tmp_path / "asia.rss").write_text(RSS)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    documents, rejects = ingest.scan(tmp_path)
    assert time.monotonic() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000  # KB: no expansion
    assert [d.path for d in documents] == ["asia.rss"]
    bomb = next(r for r in rejects if r.path == "bomb.xml")
    assert bomb.record is None and bomb.reason.startswith(
        "the feed declares XML entities (<!ENTITY ...>): refused"
    )


def test_feedparser_alone_would_not_expand_the_bomb_either():
    """The second line of defence, measured: feedparser strips the entity declarations."""
    import feedparser

    started = time.monotonic()
    parsed = feedparser.parse(billion_laughs().encode())
    assert time.monotonic() - started < 5
    assert all(len(e.get("title", "")) < 100 for e in parsed.entries)


def test_an_external_entity_is_refused(tmp_path):
    (tmp_path / "xxe.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>&x;</title>'
        "<description>d</description></item></channel></rss>"
    )
    _, rejects = ingest.scan(tmp_path)
    assert rejects[0].reason.startswith("the feed declares XML entities")


def test_xml_that_is_not_a_feed_is_rejected(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    (tmp_path / "junk.rss").write_bytes(b"\x00\x01 not xml at all")
    _, rejects = ingest.scan(tmp_path)
    reasons = {r.path: r.reason for r in rejects}
    assert reasons["sitemap.xml"].startswith("not an RSS or Atom feed")
    assert reasons["junk.rss"].startswith("not an RSS or Atom feed")
