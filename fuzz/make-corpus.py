#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/) from the test fixtures
(tests/data) and the small inputs below. Deterministic: run it again and review the diff.

    fuzz/make-corpus.py
"""
import hashlib
import pathlib
import shutil
import struct
import zipfile
import io

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


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_BODY = [
    '<w:p><w:pPr><w:pStyle w:val="berschrift1"/></w:pPr><w:r><w:t>Ferry halts night crossings</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">HALDEN — Nordvik Lines said </w:t></w:r><w:r><w:tab/><w:br/>'
    '<w:noBreakHyphen/><w:t>on Monday.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>'
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Item</w:t></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>in</w:t></w:r>'
    '</w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    '<w:p><w:r><w:t>x</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:r><w:fldChar '
    'w:fldCharType="begin"/><w:instrText>DATE</w:instrText></w:r><w:r><mc:AlternateContent><mc:Choice>'
    '<w:txbxContent><w:p><w:r><w:t>box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:t>f</w:t>'
    '</mc:Fallback></mc:AlternateContent></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>',
]
DOCX_NOTES = ('<w:footnotes xmlns:w="%s"><w:footnote w:type="separator" w:id="0"><w:p/></w:footnote>'
              '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/><w:t>The note.</w:t></w:r></w:p></w:footnote>'
              '</w:footnotes>' % W)
DOCX_STYLES = ('<w:styles xmlns:w="%s"><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>'
               '<w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/><w:numPr><w:numId w:val="2"/></w:numPr>'
               '</w:pPr></w:style><w:style w:type="paragraph" w:styleId="Standard"><w:basedOn w:val="berschrift1"/>'
               '</w:style></w:styles>' % W)
DOCX_CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>T'
             '</dc:title><dc:creator>A</dc:creator><dcterms:created>2026-03-02T07:45:00Z</dcterms:created>'
             '</cp:coreProperties>')
ODT_TEXT = [
    '<text:h text:outline-level="1">Wind farm cable cut</text:h><text:p>ESBJERG —  a <text:span>cable</text:span>'
    '<text:s text:c="3"/>cut<text:tab/>x<text:line-break/>y<text:note text:note-class="footnote"><text:note-citation>'
    '1</text:note-citation><text:note-body><text:p>Note.</text:p></text:note-body></text:note></text:p>'
    '<text:list><text:list-item><text:p>one</text:p><text:list><text:list-item><text:p>two</text:p></text:list-item>'
    '</text:list></text:list-item></text:list><table:table><table:table-row><table:table-cell><text:p>a</text:p>'
    '</table:table-cell><table:covered-table-cell/></table:table-row></table:table>',
    '<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion>'
    '</text:changed-region></text:tracked-changes><text:p text:style-name="Title">T<office:annotation><text:p>c'
    '</text:p></office:annotation></text:p>',
]
ODT_META = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<office:meta><dc:title>T</dc:title><meta:initial-creator>A</meta:initial-creator><meta:creation-date>'
            '2026-02-15T08:30:00</meta:creation-date></office:meta></office:document-meta>')


def stored_zip(parts):
    """A zip of (name, text) parts, stored uncompressed with a fixed date: mutations reach the XML."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, text in parts:
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), encoded(text))
    return out.getvalue()


def office_seeds():
    for i, body in enumerate(DOCX_BODY):
        document = ('<w:document xmlns:w="%s" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                    '<w:body>%s</w:body></w:document>' % (W, body))
        yield f"docx-{i}", stored_zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", document),
                                       ("word/footnotes.xml", DOCX_NOTES), ("docProps/core.xml", DOCX_CORE),
                                       ("word/styles.xml", DOCX_STYLES)])
    for i, text in enumerate(ODT_TEXT):
        content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                   'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>%s'
                   '</office:text></office:body></office:document-content>' % text)
        yield f"odt-{i}", stored_zip([("mimetype", "application/vnd.oasis.opendocument.text"),
                                      ("content.xml", content), ("meta.xml", ODT_META)])


def minimal_pdf(pages, info=b"", trailer_extra=b""):
    """A PDF written byte by byte: each page a list of (x, y from the top, size, text) lines in Helvetica."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None]
    kids = []
    for lines in pages:
        content = b"".join(
            b"BT /F1 %d Tf %d %d Td (%s) Tj ET\n" % (size, x, 792 - y, text.encode("latin-1").replace(b"\\", b"\\\\")
                                                       .replace(b"(", b"\\(").replace(b")", b"\\)"))
            for x, y, size, text in lines)
        page = len(objects) + 1
        kids.append(b"%d 0 R" % page)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                       b"/Contents %d 0 R >>" % (page + 1, page + 2))
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        objects.append(b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    objects.append(b"<< " + info + b" >>")
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), trailer_extra, xref)
    return pdf


def pdf_seeds():
    header = (56, 36, 9, "The Harbour Gazette - Policy Brief")
    column = ["The port authority has asked an outside", "firm to review the cost of dredging the",
              "north channel, after the first esti-", "mate rose by a third in under a year."]
    two_columns = [header, (56, 90, 20, "North channel dredging faces review")]
    two_columns += [(56, 130 + 13 * i, 10, line) for i, line in enumerate(column)]
    two_columns += [(315, 130 + 13 * i, 10, line) for i, line in enumerate(reversed(column))]
    two_columns += [(300, 770, 9, "1")]
    second = [header, (56, 90, 10, "Officials said the review would report in June."), (300, 770, 9, "Page 2 of 2")]
    yield "two-columns", minimal_pdf([two_columns, second], b"/Title (Microsoft Word - brief.docx) /Author (Ana Ruiz) "
                                     b"/CreationDate (D:20260305101500Z)")
    yield "one-line", minimal_pdf([[(72, 100, 11, "ROTTERDAM - The port said on Wednesday it would dredge.")]])
    yield "empty-page", minimal_pdf([[]])
    yield "encrypted", minimal_pdf([[(72, 100, 11, "Secret")]], b"", b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <"
                                   + b"a" * 64 + b"> /U <" + b"b" * 64 + b"> /P -4 >> /ID [<00112233> <00112233>]")
    yield "header-only", b"%PDF-1.7\n"


def seeds():
    yield "text", ((p.name, p.read_bytes()) for p in fixtures("text"))
    yield "text", ((f"written-{i}", encoded(t)) for i, t in enumerate(TEXT))
    yield "html", ((p.name, p.read_bytes()) for p in fixtures("html"))
    yield "html", ((f"written-{i}", encoded(t)) for i, t in enumerate(HTML))
    yield "markdown", ((f"written-{i}", encoded(t)) for i, t in enumerate(MARKDOWN))
    yield "markdown", ((p.stem + ".md", encoded("# " + body_of(p))) for p in fixtures("text")[:2])
    yield "pdf", pdf_seeds()
    yield "docx", office_seeds()
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
