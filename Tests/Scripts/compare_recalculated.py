#!/usr/bin/env python3
"""Compares the cached value of every formula we wrote with the value a spreadsheet
application computed after a forced recalculation.

Usage: compare_recalculated.py OURS.xlsx RECALCULATED.xlsx [OURS RECALCULATED ...]
Prints JSON: for each of our files, the number of formulas and every mismatch
(sheet, cell, formula, cached, recalculated). Numbers compare to 1e-9.
"""
import json
import sys

import openpyxl


def same(a, b):
    # A formula showing the empty string (a blank total) may come back as None or "".
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9
    return a == b


def compare(ours, recalculated):
    formulas = openpyxl.load_workbook(ours)
    cached = openpyxl.load_workbook(ours, data_only=True)
    theirs = openpyxl.load_workbook(recalculated, data_only=True)
    count = 0
    mismatches = []
    for ws in formulas.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                count += 1
                mine = cached[ws.title][cell.coordinate].value
                other = theirs[ws.title][cell.coordinate].value
                if not same(mine, other):
                    mismatches.append({"sheet": ws.title, "cell": cell.coordinate, "formula": cell.value,
                                       "cached": mine, "recalculated": other})
    return {"formulas": count, "mismatches": mismatches}


if __name__ == "__main__":
    args = sys.argv[1:]
    result = {args[i]: compare(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)}
    json.dump(result, sys.stdout, ensure_ascii=False)
