#!/usr/bin/env python3
"""The straightforward openpyxl way to do what `xxgk check` does: for every workbook in a
folder, read each value cell through its defined name and evaluate the form's rules
(templates/form-*.json). Used by bench/check.sh as the baseline.

usage: check_openpyxl.py TEMPLATES_DIR WORKBOOK_DIR
"""
import glob, json, os, re, sys
import openpyxl

def load_forms(directory):
    forms = {}
    for path in glob.glob(os.path.join(directory, "form-*.json")):
        form = json.load(open(path, encoding="utf-8"))
        forms[form["id"]] = form
    return forms

def cells_of(form):
    """Every (table, row, column) of the form, as xxgk's ids."""
    def leaves(nodes, path=()):
        for node in nodes:
            if node.get("children"):
                yield from leaves(node["children"], path + (node,))
            else:
                yield path + (node,)
    out = {}
    for table in form["tables"]:
        if table["layout"] == "blocks":
            for block in table["blocks"]:
                for row in block["rows"]:
                    out.setdefault(table["id"], {})[row["id"]] = [c["id"] for c in block["columns"]]
        elif table["layout"] == "grid":
            columns = [p[-1]["id"] for p in leaves(table["column_header"])]
            for p in leaves(table["row_header"]):
                out.setdefault(table["id"], {})[p[-1]["id"]] = columns
        else:
            def visit(node):
                kids = node.get("children") or []
                if node.get("id") and kids and all(not k.get("children") for k in kids):
                    out.setdefault(table["id"], {})[node["id"]] = [k["id"] for k in kids]
                else:
                    for k in kids:
                        visit(k)
            for node in table["column_header"]:
                visit(node)
    return out

def check(form, values):
    failures = []
    cells = cells_of(form)
    for rule in form["rules"]:
        relation = ">=" if ">=" in rule["expression"] else "="
        left, right = [[t.strip() for t in side.split("+")] for side in rule["expression"].split(relation)]
        rows = cells[rule["table"]]
        if rule["for_each"] == "column":
            along = [c for c in rows[left[0]] if all(c in rows[r] for r in left + right)]
            get = lambda term, c: values.get((rule["table"], term, c)) or 0
        else:
            along = [r for r in rows if all(t in rows[r] for t in left + right)]
            along = [r for r in along if r in rule.get("rows", along)]
            get = lambda term, r: values.get((rule["table"], r, term)) or 0
        for a in along:
            l = sum(get(t, a) for t in left)
            r = sum(get(t, a) for t in right)
            if (l != r) if relation == "=" else (l < r):
                failures.append((rule["id"], a))
    return failures

def main():
    forms = load_forms(sys.argv[1])
    files = sorted(glob.glob(os.path.join(sys.argv[2], "*.xlsx")))
    failed = 0
    for path in files:
        wb = openpyxl.load_workbook(path, data_only=True)
        form = forms["2019"] if "proactive_rules_made" in wb.defined_names else forms["2021"]
        values = {}
        for table, rows in cells_of(form).items():
            for row, columns in rows.items():
                for column in columns:
                    name = re.sub(r"[^A-Za-z0-9_]", "_", f"{table}.{row}.{column}")
                    for sheet, ref in wb.defined_names[name].destinations:
                        v = wb[sheet][ref.replace("$", "")].value
                        values[(table, row, column)] = v if isinstance(v, (int, float)) else None
        if check(form, values):
            failed += 1
    print(f"openpyxl: {len(files)} workbooks checked, {failed} failed")

main()
