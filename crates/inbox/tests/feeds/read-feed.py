"""Reads an Atom feed with a parser nobody here wrote (Universal Feed Parser, Debian's
python3-feedparser) and prints what it understood as JSON, for the inbox's tests to hold the feed
to: whether it parsed cleanly (feedparser's `bozo`), the feed's id, title, links and updated
time, and each entry's id, title, times, categories, links, content and its RFC 4685
in-reply-to (read with the standard library's XML parser, which feedparser does not expose).

Usage: /usr/bin/python3 read-feed.py FEED.xml
"""
import json
import sys
import xml.etree.ElementTree as ET

import feedparser

path = sys.argv[1]
d = feedparser.parse(path)
THR = "{http://purl.org/syndication/thread/1.0}in-reply-to"
ATOM = "{http://www.w3.org/2005/Atom}"
replies = {}
for entry in ET.parse(path).getroot().iter(ATOM + "entry"):
    replies[entry.findtext(ATOM + "id")] = [r.attrib for r in entry.iter(THR)]
print(json.dumps({
    "bozo": bool(d.bozo),
    "bozo_exception": str(d.get("bozo_exception", "")),
    "version": d.version,
    "id": d.feed.get("id"),
    "title": d.feed.get("title"),
    "updated": d.feed.get("updated"),
    "links": [{"rel": l.get("rel"), "href": l.get("href"), "type": l.get("type")} for l in d.feed.get("links", [])],
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "published": e.get("published"),
        "updated": e.get("updated"),
        "categories": [t.get("term") for t in e.get("tags", [])],
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in e.get("links", [])],
        "content": (e.get("content") or [{}])[0].get("value"),
        "in_reply_to": replies.get(e.get("id"), []),
    } for e in d.entries],
}))
