#!/usr/bin/env python3
"""Builds resources/gazetteers/countries.txt and subdivisions.txt from Debian's iso-codes JSON.

usage: tools/make-gazetteers.py [ISO_CODES_JSON_DIR]

The directory defaults to /usr/share/iso-codes/json, else the Dossier build root's copy
(~/.cache/dossier/trixie-root/usr/share/iso-codes/json). Output lines are
'Canonical|alias|alias…' (the format gazetteer.cpp reads); re-run after an iso-codes update and
review the diff. The other gazetteers (cities, regions, organisations, titles, names) are curated
by hand.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "gazetteers")

# The names newspapers use, where ISO's is formal ('Korea, Republic of') or local.
CANONICAL = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CI": "Ivory Coast", "CV": "Cape Verde", "CZ": "Czech Republic", "FK": "Falkland Islands",
    "FM": "Micronesia", "GB": "United Kingdom", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
    "LA": "Laos", "MD": "Moldova", "PS": "Palestine", "RU": "Russia", "SY": "Syria", "TL": "East Timor",
    "TR": "Turkey", "TW": "Taiwan", "TZ": "Tanzania", "VA": "Vatican City", "VE": "Venezuela",
    "VN": "Vietnam", "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "SZ": "Eswatini",
    "MO": "Macau", "MF": "Saint Martin", "SX": "Sint Maarten", "BQ": "Caribbean Netherlands",
    "CC": "Cocos Islands", "SH": "Saint Helena", "US": "United States", "NL": "Netherlands",
}
# Short forms in common use; demonyms are deliberately absent (they are not entities).
EXTRA = {
    "US": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "RU": ["Russian Federation"], "KR": ["Republic of Korea", "Korea"], "KP": ["DPRK"],
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa"], "CG": ["Congo", "Congo-Brazzaville"],
    "CZ": ["Czechia"], "TR": ["Türkiye", "Turkiye"], "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "CV": ["Cabo Verde"], "SZ": ["Swaziland"], "TL": ["Timor-Leste"], "MM": ["Burma"],
    "MK": ["Macedonia"], "VA": ["Holy See", "Vatican"], "MO": ["Macao"], "NL": ["Holland"],
    "AE": ["UAE", "U.A.E."], "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "TW": ["Republic of China"], "BA": ["Bosnia"], "PH": ["Philippines"], "VN": ["Viet Nam"],
}
# Subdivision kinds worth knowing as places; districts and municipalities are too many and too ambiguous.
KINDS = {
    "Province", "Region", "State", "Prefecture", "County", "Governorate", "Autonomous region",
    "Autonomous community", "Land", "Canton", "Republic", "Union territory", "Country", "Emirate",
    "Autonomous city", "Special administrative region", "Territory", "Capital territory", "Federal territory",
    "Oblast", "Krai", "Autonomous republic", "Metropolitan region", "Island", "Capital city", "State city",
    "Voivodship", "Two-tier county", "Council area", "Outlying area", "Autonomous province",
}
# Words that name subdivisions somewhere but mostly mean something else in English text.
SKIP = {
    "central", "western", "eastern", "northern", "southern", "north", "south", "east", "west", "centre",
    "center", "capital", "coast", "lakes", "islands", "upper", "lower", "east coast", "north east",
    "north west", "south east", "south west", "northeast", "northwest", "southeast", "southwest", "plateau",
    "littoral", "interior", "nord", "sud", "est", "ouest", "centro", "river", "rivers", "lake", "delta",
    "mountain", "valley", "highlands", "savanes", "sea", "ocean", "national capital", "federal district",
    "la", "las", "los", "el", "san", "santa", "guard", "grand", "border", "bay", "victoria", "alexandria",
    "georgia", "madison", "marshall", "franklin", "jackson", "lincoln", "washington", "charlotte",
    "orange", "cork", "down", "armagh", "antrim", "kent", "durham", "essex", "surrey", "maritime", "plateaux",
    "centre-est", "centre-ouest", "centre-nord", "centre-sud", "atlantique", "mandalay", "capital district", "gulf", "central river", "north bank", "western area", "eastern area",
}
SUFFIXES = (" Sheng", " Zizhiqu", " Shi", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Weiwu'er Zizhiqu", " SAR")


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def variants(name):
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    out = []
    for part in name.split(" / "):
        part = part.strip()
        if part and "," not in part:
            out.append(part)
            folded = ascii_fold(part)
            if folded != part:
                out.append(folded)
    return out


def unique(names):
    seen, out = set(), []
    for n in names:
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/iso-codes/json"
    if not os.path.isdir(src):
        src = os.path.expanduser("~/.cache/dossier/trixie-root/usr/share/iso-codes/json")
    countries = json.load(open(os.path.join(src, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    subdivisions = json.load(open(os.path.join(src, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]

    lines = []
    for c in sorted(countries, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        canonical = CANONICAL.get(code) or c.get("common_name") or c["name"]
        names = [canonical] + EXTRA.get(code, [])
        for key in ("common_name", "name", "official_name"):
            if key in c:
                names += variants(re.sub(r"^the ", "", c[key]))
        lines.append("|".join(unique(names)))
    country_names = {n.casefold() for line in lines for n in line.split("|")}
    write("countries.txt", "Countries and territories (ISO 3166-1); canonical name first, then short forms.", lines)

    # A subdivision named like a person ('Mary' in Turkmenistan) would take people for places.
    given = set()
    with open(os.path.join(OUT, "firstnames.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                given.update(w.casefold() for w in line.split())
    lines = []
    for s in sorted(subdivisions, key=lambda s: s["code"]):
        if s["type"] not in KINDS or "parent" in s:
            continue
        names = [n for n in variants(s["name"])
                 if n.casefold() not in SKIP and n.casefold() not in country_names and n.casefold() not in given]
        names = [n for n in names if len(n) > 3 and not n.isupper()]
        if names:
            lines.append("|".join(unique(names)))
    write("subdivisions.txt", "First-level subdivisions (ISO 3166-2): states, provinces, prefectures, regions.",
          sorted(set(lines)))


def write(name, header, lines):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {header}\n# Generated by tools/make-gazetteers.py from Debian iso-codes; do not edit.\n")
        for line in lines:
            f.write(line + "\n")
    print(f"{path}: {len(lines)} entries")


if __name__ == "__main__":
    main()
