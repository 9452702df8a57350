#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/) from the test fixtures
(tests/data) and the small inputs below. Deterministic: run it again and review the diff.

    fuzz/make-corpus.py
"""
import hashlib
import pathlib
import shutil
import struct

FUZZ = pathlib.Path(__file__).resolve().parent
DATA = FUZZ.parent / "tests" / "data"
CORPUS = FUZZ / "corpus"


def fixtures(kind):
    return sorted((DATA / kind).iterdir())


def body_of(path):
    """The fixture's text without its navigation lines (the longest paragraph run)."""
    paragraphs = path.read_text(encoding="utf-8", errors="replace").split("\n\n")
    return max(paragraphs, key=len)


MARKDOWN = [
    "---\ntitle: Port authority widens dredging plan\ndate: 2024-11-13\nsource: Harbour Ledger\n"
    "author: Ana Ruiz\nurl: https://example.org/a\n---\n\n# Port authority widens dredging plan\n\n"
    "ROTTERDAM -- The port authority said on Wednesday it would spend $2.8 billion on dredging.\n",
    "# Heading\n\nSome *emphasis*, **strong**, `code` and a [link](http://example.org \"t\").\n\n"
    "- item one\n- item two\n  1. nested\n\n> quoted\n> text\n\n```cpp\nint main() {}\n```\n",
    "Setext title\n============\n\nParagraph with <b>inline html</b> and ![image](x.png).\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\nFootnote[^1].\n\n[^1]: The note.\n",
    "---\ntitle: \"Quoted: title\"\ndate: Sep. 30, 2013\n---\n",
    "---\nno end of front matter\n# H\n",
]

HTML = [
    "<!doctype html><html><head><meta charset=\"shift_jis\"><title>t</title></head><body><p>x</p></body></html>",
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\","
    "\"datePublished\":\"2021-07-06T10:00:00Z\",\"articleBody\":\"Body text.\"}</script></head>"
    "<body><article><h1>H</h1><p>One.</p></article></body></html>",
    "<div>" * 200 + "deep" + "</div>" * 200,
    "<table><tr><td><p>cell<table><tr><td>inner</td></tr></table></p></td></tr></table><p>after",
    "<body><main><p>\u202eevil\u202c title</p><img src=\"http://127.0.0.1/x.png\"><iframe src=\"http://x\">"
    "</iframe></main></body>",
]

TEXT = [
    "Home | News\n\nTitle of the story\n\nBy A Writer\n\nLONDON (Reuters) - Something happened on Monday.\n",
    "\ufeffWith a BOM\r\n\r\nCRLF lines\r\nand more\r\n",
    "a" * 3000 + "\n",
    "\n\n\n \t \n",
]

DATES = [
    "Sep. 30, 2013 - 09:16AM", "Wednesday, 13 November 2024", "date 2021-07-06", "2021-07-06T10:00:00Z",
    "30/09/2013", "2021-02-30", "Published: 1 Mar. 2019, 23:59 GMT+01:00", "July 2018", "in 1997 and 2001",
    "next month", "last Saturday", "May 7", "on Tuesday", "the 1990s", "$2.8 billion", "€1.5m", "£300,000",
    "9,000 yen", "US$ 12-15 million", "¥1.2 trillion", "Rs 500 crore", "0.0005 dollars", "$.5bn", "1,2,3.4.5",
]

SEARCH = [
    "glacier", "\"survey found\"", "glac*", "alps AND survey", "alps OR weather", "alps NOT sport",
    "NEAR(glacier survey, 5)", "title:glacier", "^glacier", "body:(ice OR snow)", "\"unterminated", "AND",
    "(((", "*", "-alps", "a:b:c", "{title body}: ice", "NEAR(a b, -1)", "'", "über café", "日本",
]


MAIL = [
    "From: \"Harbour Ledger Alerts\" <alerts@ledger.example>\nSubject: =?ISO-8859-1?Q?Vall=E9e_port?=\n"
    "Date: Wed, 04 Mar 2026 09:15:00 +0100\nMessage-ID: <a1@ledger.example>\nList-Id: Alerts <alerts.ledger.example>\n"
    "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b\"\n\n--b\n"
    "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
    "ROTTERDAM -- The port said on Tuesday it would dredge. Caf=E9 =\nsoft break.\n--b\n"
    "Content-Type: text/html; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
    "<html><body><h1>Vall=E9e port</h1><p>The port said on Tuesday it would dredge.</p></body></html>\n--b--\n",
    "From: desk@tide.example\nSubject: Ferry\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=o\n\n"
    "--o\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
    "QUFSSFVTIC0gVGhlIGZlcnJ5IHN0cmlrZSBlbmRlZC4K\n--o\nContent-Type: text/html; name=a.html\n"
    "Content-Disposition: attachment; filename=a.html\n\n<p>Attached article.</p>\n--o\n"
    "Content-Type: message/rfc822\nContent-Disposition: attachment\n\nFrom: x@y.example\nSubject: fwd\n\nInner.\n"
    "--o--\n",
    "From a@b.example Wed Mar  4 09:15:00 2026\nFrom: a@b.example\nSubject: one\nMessage-ID: <1@b>\n\nOne.\n\n"
    "From a@b.example Thu Mar  5 09:15:00 2026\nFrom: a@b.example\nSubject: two\nMessage-ID: <1@b>\n\n"
    ">From the office.\n\nFrom a@b.example Fri Mar  6 09:15:00 2026\nSubject: three\n\nThree.\n",
    "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/a\r\nSubject: Page\r\n"
    "MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; start=\"<p@x>\"; boundary=\"--B\"\r\n\r\n"
    "----B\r\nContent-Type: text/html\r\nContent-ID: <p@x>\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    "Content-Location: https://example.org/a\r\n\r\n<title>Page</title><p>Text =3D here.</p>\r\n"
    "----B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n----B--\r\n",
    "From: a@b.example\nSubject: deep\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=a\n\n"
    + "".join(f"--{c}\nContent-Type: multipart/mixed; boundary={c}{c}\n\n" for c in "abcdefgh")
    + "--abcdefghh\nContent-Type: text/plain\n\ndeep\n",
]


def encoded(text):
    return text.encode("utf-8")


def decoder_seeds():
    yield from ((p.name, p.read_bytes()) for p in fixtures("html")[:3] + fixtures("text")[:3])
    sample = "Le café « déjà vu » — 5 €, naïve façade\n"
    yield "utf16le-bom", b"\xff\xfe" + sample.encode("utf-16-le")
    yield "utf16be-bom", b"\xfe\xff" + sample.encode("utf-16-be")
    yield "utf16le", sample.encode("utf-16-le")
    yield "utf32le-bom", b"\xff\xfe\x00\x00" + sample.encode("utf-32-le")
    yield "cp1252", sample.replace("€", "EUR").encode("cp1252") + "“quoted” – dash".encode("cp1252")
    yield "mixed", encoded(sample) + "“stray”".encode("cp1252")
    yield "shift-jis", "東京湾タイムズ、日本の記事です。".encode("shift_jis")
    yield "euc-jp", "東京湾タイムズ、日本の記事です。".encode("euc_jp")
    yield "koi8-r", "Москва, новости дня".encode("koi8_r")
    yield "meta-charset", b"<meta charset=\"euc-jp\">" + "日本".encode("euc_jp")
    yield "binary", bytes(range(256))


def reanchor_seed(text, start, end, changed):
    """An anchor on text[start:end] (code units as UTF-16 counts, ASCII here) against changed text."""
    quote, prefix, suffix = text[start:end], text[max(0, start - 32):start], text[end:end + 32]
    parts = [changed, quote, prefix, suffix]
    return struct.pack("<hh", start, end) + b"\0".join(encoded(p) for p in parts)


def reanchor_seeds():
    for path in fixtures("text")[:4]:
        body = body_of(path)[:1500]
        start, end = len(body) // 3, len(body) // 3 + 40
        quote = body[start:end]
        yield path.stem + "-same", reanchor_seed(body, start, end, body)
        yield path.stem + "-moved", reanchor_seed(body, start, end, "New first line.\n" + body)
        yield path.stem + "-edited", reanchor_seed(body, start, end, body.replace(quote, quote[:10] + "X" + quote[11:]))
        yield path.stem + "-gone", reanchor_seed(body, start, end, body.replace(quote, ""))
    yield "negative", struct.pack("<hh", -5, 3) + b"text\0quote here\0\0"
    yield "empty", struct.pack("<hh", 0, 0)


def seeds():
    yield "text", ((p.name, p.read_bytes()) for p in fixtures("text"))
    yield "text", ((f"written-{i}", encoded(t)) for i, t in enumerate(TEXT))
    yield "html", ((p.name, p.read_bytes()) for p in fixtures("html"))
    yield "html", ((f"written-{i}", encoded(t)) for i, t in enumerate(HTML))
    yield "markdown", ((f"written-{i}", encoded(t)) for i, t in enumerate(MARKDOWN))
    yield "markdown", ((p.stem + ".md", encoded("# " + body_of(p))) for p in fixtures("text")[:2])
    yield "mail", ((f"written-{i}", encoded(t)) for i, t in enumerate(MAIL))
    yield "decoder", decoder_seeds()
    yield "dates", ((f"written-{i}", encoded(t)) for i, t in enumerate(DATES))
    yield "entities", ((p.name, p.read_bytes()) for p in fixtures("text"))
    yield "search", ((f"written-{i}", encoded(t)) for i, t in enumerate(SEARCH))
    yield "reanchor", reanchor_seeds()


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    for target, items in seeds():
        folder = CORPUS / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in items:
            # The content's hash keeps names unique and stable.
            (folder / f"{name}-{hashlib.sha1(data).hexdigest()[:8]}").write_bytes(data)


if __name__ == "__main__":
    main()
