#!/usr/bin/env python3
"""Turns a CoNLL-layout file (token _ _ IOB2-tag, -DOCSTART- between documents) into the layout of
../shared/eval/conll2003-dev: one text file per document, one sentence per line, and gold.jsonl with
character spans, so that `dossier-cli analyze --raw` and score.py ner measure it the same way.
Rebuilds text exactly as tools/traintagger.cpp does (appendSentence), so training and evaluation agree.
Documents of more than --max-lines sentences are cut into parts (CrossNER's dev is five long documents).
  conll2eval.py FILE OUTDIR [--max-lines N]
"""
import argparse
import json
import os

CLOSING = {",", ".", ";", ":", "!", "?", ")", "]", "}", "'"}
CLITICS = {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION", "MISC": "MISC"}


def append_sentence(words, tags, doc):
    pair_quotes = words.count('"') % 2 == 0
    quote_open = False
    glue_next = False
    entity = None

    def close():
        nonlocal entity
        if entity:
            doc["entities"].append(entity)
        entity = None

    for i, word in enumerate(words):
        space = i > 0 and word not in CLOSING and word.lower() not in CLITICS and not glue_next
        glue_next = word in ("(", "[", "{")
        if word == '"' and pair_quotes:
            if not quote_open:
                glue_next = True
            else:
                space = False
            quote_open = not quote_open
        if space:
            doc["text"] += " "
        start = len(doc["text"])
        doc["text"] += word
        tag = tags[i]
        if tag == "O":
            close()
            continue
        kind = TYPES.get(tag[2:], "MISC")
        if tag.startswith("B-") or entity is None or entity["type"] != kind:
            close()
            entity = {"type": kind, "start": start, "end": len(doc["text"])}
        else:
            entity["end"] = len(doc["text"])
    close()
    doc["text"] += "\n"
    doc["lines"] += 1


def read(path, max_lines):
    docs = []
    words, tags = [], []

    def new():
        docs.append({"text": "", "entities": [], "lines": 0})

    def flush():
        if words:
            if not docs or docs[-1]["lines"] >= max_lines:
                new()
            append_sentence(words, tags, docs[-1])
        words.clear()
        tags.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("-DOCSTART-"):
                flush()
                new()
            elif not line:
                flush()
            else:
                columns = line.split(" ")
                words.append(columns[0])
                tags.append(columns[-1])
    flush()
    return [d for d in docs if d["text"]]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("conll")
    parser.add_argument("outdir")
    parser.add_argument("--max-lines", type=int, default=200)
    args = parser.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    docs = read(args.conll, args.max_lines)
    with open(os.path.join(args.outdir, "gold.jsonl"), "w", encoding="utf-8") as gold:
        for n, doc in enumerate(docs, 1):
            name = f"{n:04d}.txt"
            with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as out:
                out.write(doc["text"])
            for e in doc["entities"]:
                e["text"] = doc["text"][e["start"]:e["end"]]
            gold.write(json.dumps({"file": name, "entities": doc["entities"]}) + "\n")


if __name__ == "__main__":
    main()
