#!/usr/bin/env python3
"""Check deploy/grafana/enricher.json: it parses, its panels are well formed, and every query is valid PromQL.

The queries are checked by promtool: with Grafana's variables replaced by
plain values, each becomes a recording rule in a temporary rules file, and
`promtool check rules` parses it. Exit 0 when all holds, 1 otherwise.

    python3 scripts/check-dashboard.py [--promtool promtool]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "deploy" / "grafana" / "enricher.json"
# Grafana's variables, as a query would read once Grafana has filled them in.
VARIABLES = {
    "$__rate_interval": "5m",
    "$__range": "1h",
    "$instance": ".*",
    "$queue": "enricher.articles",
}


def queries(dashboard, problems):
    """Every (panel title, expression) of the dashboard, noting malformed panels in `problems`."""
    seen_ids = set()
    found = []
    for panel in dashboard.get("panels", []):
        title = panel.get("title", "?")
        if panel.get("id") in seen_ids:
            problems.append(f"panel {title}: id {panel.get('id')} is used twice")
        seen_ids.add(panel.get("id"))
        if panel.get("type") == "row":
            continue
        if not {"x", "y", "w", "h"} <= set(panel.get("gridPos", {})):
            problems.append(f"panel {title}: gridPos needs x, y, w and h")
        targets = panel.get("targets", [])
        if not targets:
            problems.append(f"panel {title}: no query")
        for target in targets:
            expr = target.get("expr", "").strip()
            if not expr:
                problems.append(f"panel {title}: target {target.get('refId')} has no expr")
                continue
            found.append((title, expr))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--promtool", default="promtool")
    args = parser.parse_args()
    problems = []
    try:
        dashboard = json.loads(DASHBOARD.read_text())
    except (OSError, json.JSONDecodeError) as error:
        print(f"PROBLEM {DASHBOARD}: {error}", file=sys.stderr)
        return 1
    for key in ("title", "uid", "panels", "templating"):
        if key not in dashboard:
            problems.append(f"no {key}")
    found = queries(dashboard, problems)
    rules = []
    for number, (title, expr) in enumerate(found):
        for name, value in VARIABLES.items():
            expr = expr.replace(name, value)
        if "$" in expr:
            problems.append(f"panel {title}: a variable with no check value in {expr}")
        rules.append({"record": f"dashboard:query:{number}", "expr": expr})
    with tempfile.NamedTemporaryFile("w", suffix=".yml") as file:
        # JSON is YAML: promtool reads the rules file as written.
        json.dump({"groups": [{"name": "dashboard", "rules": rules}]}, file)
        file.flush()
        done = subprocess.run(
            [args.promtool, "check", "rules", file.name], capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        problems.append(f"promtool refused a query: {done.stdout.strip()} {done.stderr.strip()}")
    for problem in problems:
        print(f"PROBLEM {DASHBOARD.relative_to(ROOT)}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{DASHBOARD.relative_to(ROOT)}: {len(found)} queries in {len(dashboard['panels'])} panels parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
