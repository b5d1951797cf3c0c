#!/usr/bin/env python3
"""Prints what openpyxl sees of a workbook's marks, as JSON: the sheet names in order, and
per sheet every cell's value, comment, hyperlink (location or target) and solid fill colour.

usage: dump_feedback.py FILE.xlsx
"""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
result = {"sheets": book.sheetnames, "values": {}, "comments": {}, "links": {}, "fills": {}}
for sheet in book.worksheets:
    values, comments, links, fills = {}, {}, {}, {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                values[cell.coordinate] = cell.value if isinstance(cell.value, (int, float, str)) else str(cell.value)
            if cell.comment is not None:
                comments[cell.coordinate] = cell.comment.text
            if cell.hyperlink is not None:
                links[cell.coordinate] = cell.hyperlink.location or cell.hyperlink.target
            fill = cell.fill
            if fill is not None and fill.fill_type == "solid" and fill.fgColor is not None and fill.fgColor.type == "rgb":
                fills[cell.coordinate] = fill.fgColor.rgb[-6:]
    result["values"][sheet.title] = values
    result["comments"][sheet.title] = comments
    result["links"][sheet.title] = links
    result["fills"][sheet.title] = fills
json.dump(result, sys.stdout, ensure_ascii=False)
