#!/usr/bin/env python3
"""Write N articles as JSON Lines to stdout, for `enricher enrich --jsonl` at scale.

The articles cycle through a JSONL corpus (objects with `body`, or `text` as the
topic examples have, and optionally `title`), each copy with an id of its own
(`<id or line>-<copy>`), so that the output's order can be checked line by line.

    scripts/make-jsonl.py 20000 ../shared/data/bbc-news/articles.jsonl > /tmp/articles-20k.jsonl
    scripts/make-jsonl.py 100    # from tests/fixtures/topics/examples.jsonl
"""

import json
import sys


def main() -> int:
    if len(sys.argv) not in (2, 3) or not sys.argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    count = int(sys.argv[1])
    source = sys.argv[2] if len(sys.argv) == 3 else "tests/fixtures/topics/examples.jsonl"
    articles = []
    with open(source, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            body = item.get("body") or item.get("text")
            if not body:
                continue
            article = {"id": str(item.get("id", number)), "body": body}
            if item.get("title"):
                article["title"] = item["title"]
            articles.append(article)
    if not articles:
        print(f"{source}: no article with a body", file=sys.stderr)
        return 1
    out = sys.stdout
    for n in range(count):
        article = dict(articles[n % len(articles)])
        article["id"] = f"{article['id']}-{n // len(articles)}"
        out.write(json.dumps(article, ensure_ascii=False))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
