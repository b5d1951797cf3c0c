#!/usr/bin/env python3
"""Fills a workbook the way a script user does, with openpyxl, and saves it (inline strings,
no cached formula values). Optionally inserts a row above a sheet's content first.

Usage: fill_workbook.py IN.xlsx FILL.json OUT.xlsx
FILL.json: {"cells": [[sheet, "C9", value], ...], "insert_rows": [[sheet, row], ...],
            "rename": [[old, new], ...], "move": [[sheet, offset], ...], "anonymous": true}
"anonymous" drops the custom properties and defined names, so only the labels tell the form.
Values are written as given (numbers as numbers, strings as strings, null clears the cell).
Rows are inserted after filling, so the cells named by reference are those of the template.
"""
import json
import sys

import openpyxl

source, fill, target = sys.argv[1:4]
spec = json.load(open(fill, encoding="utf-8"))
book = openpyxl.load_workbook(source)
for sheet, reference, value in spec.get("cells", []):
    book[sheet][reference].value = value
for sheet, row in spec.get("insert_rows", []):
    book[sheet].insert_rows(row)
for old, new in spec.get("rename", []):
    book[old].title = new
for name, index in spec.get("move", []):
    book.move_sheet(book[name], offset=index)
if spec.get("anonymous"):
    from openpyxl.packaging.custom import CustomPropertyList
    book.custom_doc_props = CustomPropertyList()
    for name in list(book.defined_names.keys()):
        del book.defined_names[name]
book.save(target)
