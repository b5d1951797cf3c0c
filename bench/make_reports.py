#!/usr/bin/env python3
"""Writes N random canonical report JSONs (form 2021, every rule holding) for the benchmarks.

usage: make_reports.py FORM_JSON OUT_DIR N [SEED]
Reads the form definition (templates/form-2021.json) so the ids come from the same data as xxgk.
"""
import json, os, random, sys

def leaves(nodes, path=()):
    for node in nodes:
        if node.get("children"):
            yield from leaves(node["children"], path + (node,))
        else:
            yield path + (node,)

def main():
    form_path, out_dir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    form = json.load(open(form_path, encoding="utf-8"))
    tables = {t["id"]: t for t in form["tables"]}
    os.makedirs(out_dir, exist_ok=True)
    for index in range(count):
        proactive = {}
        for block in tables["proactive"]["blocks"]:
            for row in block["rows"]:
                proactive[row["id"]] = {
                    c["id"]: (round(rng.uniform(0, 5000), 2) if c.get("kind") == "amount" else rng.randint(0, 300))
                    for c in block["columns"]}
        columns = [p[-1]["id"] for p in leaves(tables["applications"]["column_header"])]
        rows = [p[-1]["id"] for p in leaves(tables["applications"]["row_header"])]
        parts = rows[rows.index("granted"):rows.index("results_total")]
        apps = {r: {c: None for c in columns} for r in rows}
        for c in columns[:-1]:
            for r in parts:
                apps[r][c] = rng.choice([None, 0, rng.randint(0, 40)])
            results = sum(apps[r][c] or 0 for r in parts)
            apps["results_total"][c] = results
            apps["carried_over"][c] = rng.randint(0, 5)
            apps["received"][c] = results + rng.randint(0, 10)
            apps["carried_forward"][c] = apps["received"][c] + apps["carried_over"][c] - results
        for r in rows:
            apps[r]["total"] = sum(apps[r][c] or 0 for c in columns[:-1])
        appeals = {}
        for group in ("review", "litigation_direct", "litigation_after_review"):
            values = {k: rng.randint(0, 9) for k in ("upheld", "corrected", "other", "pending")}
            values["total"] = sum(values.values())
            appeals[group] = values
        report = {"form": form["id"], "agency": f"测试部门{index:04d}", "year": 2024, "date": "2025-01-20",
                  "sections": {"overview": "总体情况。", "problems": "无。", "other": "无。"},
                  "tables": {"proactive": proactive, "applications": apps, "appeals": appeals}}
        with open(os.path.join(out_dir, f"r{index:04d}.json"), "w", encoding="utf-8") as fh:
            json.dump(report, fh, ensure_ascii=False)

main()
