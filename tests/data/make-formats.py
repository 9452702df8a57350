#!/usr/bin/env python3
"""Writes the fixture files of the binary and mail formats (tests/data/office, tests/data/pdf,
tests/data/mail) from the articles below, which we wrote ourselves. Deterministic: fixed dates, zip
entries stored with a fixed time, MIME boundaries named. reference_test analyses them and compares
the output with tests/reference/<folder>.jsonl. Run it again after changing it and review the diff.

    tests/data/make-formats.py
"""
import email.generator
import email.policy
import importlib.util
import io
import pathlib
from email.message import EmailMessage

DATA = pathlib.Path(__file__).resolve().parent
# The PDF and zip writers are the fuzz corpus script's: one byte-by-byte PDF writer in the project.
_spec = importlib.util.spec_from_file_location("make_corpus", DATA.parent.parent / "fuzz" / "make-corpus.py")
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write(folder, name, data):
    path = DATA / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---- PDF -------------------------------------------------------------------------------------------

def column_lines(text, width):
    """Wraps \a text into lines of at most \a width characters, hyphenating a long word that would not fit."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            room = width - len(line) - 2
            if len(word) >= 9 and room >= 4:
                lines.append(line + " " + word[:room] + "-")
                line = word[room:]
                continue
            lines.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    if line:
        lines.append(line)
    return lines


BRIEF = [
    "The port authority has asked an outside engineering firm to review the cost of dredging the north "
    "channel, after the first estimate rose by a third in less than a year. Harbour master Elin Sandvik "
    "said the review would look at the contract with Nordkyst Marine and at the price of moving the "
    "spoil to the disposal site off Hanstholm.",
    "Shipping lines that call at the terminal have complained that larger container vessels must wait "
    "for high tide to enter the channel. The Danish Maritime Authority has limited the draught of ships "
    "using the north entrance to eleven metres until the work is finished.",
    "The council of Frederikshavn will vote on the revised budget in May. Its finance committee has said "
    "it will not approve more money before the review is published.",
]


def two_column_pdf():
    header = (56, 36, 9, "Harbour Policy Review - March 2026")
    pages = []
    paragraphs = [column_lines(p, 44) for p in BRIEF]
    flat = []
    for p in paragraphs:
        flat += p + [""]
    per_column = 6
    chunks = [flat[i:i + per_column] for i in range(0, len(flat), per_column)]
    for page_number, start in enumerate(range(0, len(chunks), 2), 1):
        lines = [header]
        if page_number == 1:
            lines.append((56, 80, 18, "North channel dredging faces outside review"))
        top = 120 if page_number == 1 else 80
        for column, chunk in enumerate(chunks[start:start + 2]):
            x = 56 if column == 0 else 316
            lines += [(x, top + 13 * i, 10, text) for i, text in enumerate(chunk) if text]
        lines.append((300, 770, 9, str(page_number)))
        pages.append(lines)
    return corpus.minimal_pdf(pages, b"/Title (North channel dredging faces outside review) /Author (Jonas Holm) "
                              b"/CreationDate (D:20260312091500Z)")


NOTICE = (
    "The regional coordination centre for search and rescue will move from Tromso to Bodo next year, the "
    "ministry of justice said on Monday. The centre coordinates rescues in an area of sea larger than "
    "the mainland, from the coast of Nordland to the edge of the ice north of Svalbard. Staff were told "
    "that no one would lose their job in the relocation, and that the centre's helicopter arrangements "
    "with the air force are unaffected. Union representatives said the consultation had been short and "
    "asked for a transitional arrangement for employees with children in school.")


def hyphenated_pdf():
    lines = [(72, 72, 16, "Rescue centre to move north")]
    lines += [(72, 110 + 14 * i, 11, text) for i, text in enumerate(column_lines(NOTICE, 60))]
    return corpus.minimal_pdf([lines], b"/Title (Rescue centre to move north) /CreationDate (D:20260209080000Z)")


# ---- Word and OpenDocument ---------------------------------------------------------------------------

def docx():
    def para(text, style=None):
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"

    def cell(text):
        return f"<w:tc>{para(text)}</w:tc>"

    table = "<w:tbl>" + "".join(
        "<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>"
        for row in [("Berth", "Length (m)", "Ready"), ("North 1", "340", "2027"), ("North 2", "410", "2028")]) + "</w:tbl>"
    body = (para("Quay extension approved for deep-sea berths", "Title")
            + para("AALBORG -- The harbour board approved on Tuesday a plan to extend the north quay by 750 "
                   "metres so that two deep-sea berths can open by 2028, its chair, Katrine Moller, said.")
            + "<w:p><w:r><w:t xml:space=\"preserve\">The plan is paid for by a loan from the Nordic Investment "
              "Bank</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t xml:space=\"preserve\"> "
              "and by the port's own reserves.</w:t></w:r></w:p>"
            + para("Berths and dates", "Heading1")
            + table
            + para("Construction starts in the autumn, once the environmental permit has been renewed.")
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>"
              "Dredging of the approach channel</w:t></w:r></w:p>"
            + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>"
              "New rail siding to the container yard</w:t></w:r></w:p>")
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    notes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>A loan of 90 million euros '
             "over twenty years, agreed in January.</w:t></w:r></w:p></w:footnote></w:footnotes>")
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Quay extension approved for deep-sea '
            'berths</dc:title><dc:creator>Katrine Moller</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">'
            "2026-04-14T10:00:00Z</dcterms:created></cp:coreProperties>")
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    return corpus.stored_zip([("[Content_Types].xml", types), ("word/document.xml", document),
                              ("word/footnotes.xml", notes), ("docProps/core.xml", core)])


def odt():
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    text = ('<text:h text:outline-level="1">Ferry operator orders two electric vessels</text:h>'
            "<text:p>HELSINGBORG -- The ferry operator Oresund Link has ordered two battery-electric ferries for "
            "the crossing to Helsingor, its chief executive, Per Axelsson, said on Friday. The ships are to enter "
            "service in 2029 and replace two diesel vessels built in the 1990s.</text:p>"
            "<text:p>Charging stations will be built at both terminals<text:note text:note-class=\"footnote\">"
            "<text:note-citation>1</text:note-citation><text:note-body><text:p>Paid for in part by an EU grant."
            "</text:p></text:note-body></text:note>, and the operator expects the crossing time to stay at "
            "twenty minutes.</text:p>"
            "<text:list><text:list-item><text:p>Length: 111 metres</text:p></text:list-item>"
            "<text:list-item><text:p>Capacity: 1,250 passengers and 240 cars</text:p></text:list-item></text:list>")
    content = f"<office:document-content {ns}><office:body><office:text>{text}</office:text></office:body></office:document-content>"
    meta = ('<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">'
            "<office:meta><dc:title>Ferry operator orders two electric vessels</dc:title><meta:initial-creator>"
            "Sofie Lund</meta:initial-creator><meta:creation-date>2026-05-08T07:30:00</meta:creation-date>"
            "</office:meta></office:document-meta>")
    return corpus.stored_zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", content),
                              ("meta.xml", meta)])


# ---- Mail and web archives ---------------------------------------------------------------------------

POLICY = email.policy.SMTP.clone(linesep="\n")


def as_bytes(message):
    out = io.BytesIO()
    email.generator.BytesGenerator(out, policy=POLICY, mangle_from_=False).flatten(message)
    return out.getvalue()


def alert():
    message = EmailMessage(policy=POLICY)
    message["From"] = "Harbour Alerts <alerts@example.org>"
    message["To"] = "desk@example.org"
    message["Subject"] = "Pilots' strike delays tankers at Sullom Voe"
    message["Date"] = "Tue, 10 Mar 2026 06:45:00 +0000"
    message["List-Id"] = "Harbour Alerts <alerts.example.org>"
    message["Message-ID"] = "<alert-0310@example.org>"
    text = ("LERWICK -- A strike by marine pilots delayed four tankers at the Sullom Voe terminal on Monday, "
            "the Shetland Islands Council said. The pilots' union wants a new roster before the summer.\n\n"
            "The council said talks would resume on Wednesday in Lerwick.\n")
    html = ("<html><body><p><b>LERWICK</b> -- A strike by marine pilots delayed four tankers at the Sullom Voe "
            "terminal on Monday, the Shetland Islands Council said. The pilots' union wants a new roster before "
            "the summer.</p><p>The council said talks would resume on Wednesday in Lerwick.</p>"
            "<p><a href=\"https://example.org/unsubscribe\">Unsubscribe</a></p></body></html>\n")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    message.make_mixed()
    message.add_attachment(hyphenated_pdf(), maintype="application", subtype="pdf", filename="rescue-centre.pdf")
    set_boundaries(message)
    return as_bytes(message)


def set_boundaries(message, prefix="part"):
    """Named boundaries, so the file is the same on every run."""
    for n, part in enumerate(m for m in message.walk() if m.is_multipart()):
        part.set_boundary(f"=={prefix}-{n}==")


DIGEST = [
    ("Mon, 02 Mar 2026 07:00:00 +0000", "Coastguard opens station at Skagen",
     "SKAGEN -- The coastguard opened a new station at Skagen on Sunday, moving two rescue boats from "
     "Hirtshals. The station's head, Lars Dahl, said response times in the Skagerrak would fall by half."),
    ("Tue, 03 Mar 2026 07:00:00 +0000", "Ice breakers ordered for the Gulf of Bothnia",
     "OULU -- The Finnish Transport Infrastructure Agency ordered two ice breakers for the Gulf of Bothnia, "
     "to be delivered in 2030. The agency said the old vessels could no longer keep the ports of Oulu and "
     "Kemi open in a hard winter."),
    ("Wed, 04 Mar 2026 07:00:00 +0000", "Fish auction moves online in Hanstholm",
     "HANSTHOLM -- The fish auction in Hanstholm will sell its whole catch online from April, its manager, "
     "Mette Kjaer, said. Buyers in Spain and Italy already take half of the fish sold there."),
]


def mailbox():
    out = b""
    for n, (date, subject, text) in enumerate(DIGEST):
        message = EmailMessage(policy=POLICY)
        message["From"] = "Nordic Ports Digest <digest@example.org>"
        message["Subject"] = subject
        message["Date"] = date
        message["Message-ID"] = f"<digest-{n}@example.org>"
        message.set_content(text + "\n")
        out += b"From digest@example.org " + date.encode() + b"\n" + as_bytes(message) + b"\n"
    return out


def web_archive():
    message = EmailMessage(policy=POLICY)
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://example.org/news/canal-tolls"
    message["Subject"] = "Canal tolls to rise for the largest ships"
    message["Date"] = "Thu, 19 Feb 2026 12:00:00 -0000"
    html = ("<!DOCTYPE html><html><head><title>Canal tolls to rise for the largest ships</title>"
            "<meta property=\"og:site_name\" content=\"Baltic Trade Weekly\"></head><body>"
            "<nav><a href=\"/\">Home</a> <a href=\"/ports\">Ports</a> <a href=\"/login\">Log in</a></nav>"
            "<article><h1>Canal tolls to rise for the largest ships</h1>"
            "<p class=\"byline\">By Anna Weber</p>"
            "<p>KIEL -- The Federal Waterways Administration will raise tolls on the Kiel Canal for ships longer "
            "than 200 metres from July, to pay for the widening of the eastern section, it said on Thursday.</p>"
            "<p>Shipping associations in Hamburg said the rise would push some operators to sail around "
            "Denmark instead, a detour of about 250 nautical miles.</p>"
            "<figure><img src=\"lock.png\" alt=\"The Holtenau locks\"><figcaption>The Holtenau locks. "
            "Photo: Anna Weber</figcaption></figure>"
            "<p>The administration said the widening would be finished in 2031.</p></article>"
            "<aside><h2>Most read</h2><ul><li><a href=\"/a\">Port of Gdansk expands</a></li>"
            "<li><a href=\"/b\">Rail freight record in Rostock</a></li></ul></aside></body></html>")
    message.set_content(html, subtype="html", cte="quoted-printable")
    message.replace_header("Content-Type", "text/html; charset=\"utf-8\"")
    message["Content-Location"] = "https://example.org/news/canal-tolls"
    message.make_related()
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")
    message.add_related(png, maintype="image", subtype="png", cid="<lock@example.org>")
    message.get_payload()[1]["Content-Location"] = "https://example.org/news/lock.png"
    set_boundaries(message, "saved")
    return as_bytes(message)


def main():
    write("pdf", "two-column-brief.pdf", two_column_pdf())
    write("pdf", "hyphenated-notice.pdf", hyphenated_pdf())
    # A PDF that claims to be HTML: read by what it is, not by its name.
    write("pdf", "claims-html.html", hyphenated_pdf())
    write("office", "quay-extension.docx", docx())
    write("office", "electric-ferries.odt", odt())
    write("mail", "pilots-strike.eml", alert())
    write("mail", "nordic-ports.mbox", mailbox())
    write("mail", "canal-tolls.mhtml", web_archive())


if __name__ == "__main__":
    main()
