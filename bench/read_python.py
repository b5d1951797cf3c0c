#!/usr/bin/env python3
"""Reads every cell of every sheet with python-calamine or openpyxl (read-only), the way
`xxgk cells` does, and prints the number of non-empty cells. Usage: read_python.py calamine|openpyxl FILE"""
import sys

kind, path = sys.argv[1], sys.argv[2]
count = 0
if kind == "calamine":
    from python_calamine import CalamineWorkbook
    book = CalamineWorkbook.from_path(path)
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python():
            count += sum(1 for value in row if value != "")
else:
    import openpyxl
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            count += sum(1 for value in row if value is not None)
print(count)
