#!/usr/bin/env python3
"""Writes articles of one length in each language, for comparing costs across languages.

For each of de, es, fr, it, nl, pl, pt, ru: the documents of the language's dev file in
../shared/data/ner-multilingual (or NER_DATA) as text (tokens joined as news writes them:
no space before closing punctuation), and for en the BBC News bodies; each text cut at the
last sentence end before CHARS characters (default 1500) and kept only if at least 80% of
that long. Writes OUT/LANG.jsonl (id, body, language) for `enricher bench --in-process`.

    scripts/multilingual-articles.py OUT [CHARS]
"""
import json
import os
import re
import sys

DATA = os.environ.get("NER_DATA", "../shared/data/ner-multilingual")
BBC = os.environ.get("BBC", "../shared/data/bbc-news/articles.jsonl")
DEV = {
    "de": "de/germeval2014.dev.conll",
    "es": "es/conll2002.dev.conll",
    "nl": "nl/conll2002.dev.conll",
    "fr": "fr/wikineural.dev.conll",
    "it": "it/wikineural.dev.conll",
    "pl": "pl/wikineural.dev.conll",
    "pt": "pt/wikineural.dev.conll",
    "ru": "ru/wikineural.dev.conll",
}


def conll_documents(path):
    """Each document's sentences as lists of words."""
    documents, sentences, words = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    sentences.append(words)
                    words = []
                continue
            if parts[0] == "-DOCSTART-":
                if words:
                    sentences.append(words)
                    words = []
                if sentences:
                    documents.append(sentences)
                    sentences = []
                continue
            words.append(parts[0])
    if words:
        sentences.append(words)
    if sentences:
        documents.append(sentences)
    return documents


def detokenise(words):
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?)\]»])", r"\1", text)
    text = re.sub(r"([(\[«]) ", r"\1", text)
    return re.sub(r"(\b[lLdD]|dell|nell|all|dall|sull|un|qu|jusqu)' ", r"\1'", text)


def paragraphs(sentences):
    """The sentences as text, five to a paragraph."""
    return "\n\n".join(
        " ".join(detokenise(s) for s in sentences[i : i + 5]) for i in range(0, len(sentences), 5)
    )


def cut(text, chars):
    if len(text) < chars:
        return None
    head = text[:chars]
    ends = [m.end() for m in re.finditer(r"[.!?][\s]", head)]
    return head[: ends[-1]].rstrip() if ends and ends[-1] >= 0.8 * chars else None


def main():
    out, chars = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    os.makedirs(out, exist_ok=True)
    texts = {}
    for lang, path in DEV.items():
        texts[lang] = [
            paragraphs(doc) for doc in conll_documents(os.path.join(DATA, path))
        ]
    with open(BBC, encoding="utf-8") as f:
        texts["en"] = [json.loads(line).get("body") or "" for line in f]
    for lang, items in sorted(texts.items()):
        kept = [t for t in (cut(x, chars) for x in items) if t]
        with open(os.path.join(out, f"{lang}.jsonl"), "w", encoding="utf-8") as f:
            for n, body in enumerate(kept):
                f.write(json.dumps({"id": f"{lang}-{n}", "body": body, "language": lang}, ensure_ascii=False) + "\n")
        print(f"{lang}: {len(kept)} articles of about {chars} characters")


if __name__ == "__main__":
    main()
