#!/usr/bin/env python3
"""Writes one sheet of CELLS cells (10 columns: 8 numbers, 2 shared strings) with XlsxWriter,
for the reader benchmark. Usage: make_big_sheet.py OUT.xlsx CELLS"""
import sys

import xlsxwriter

path, cells = sys.argv[1], int(sys.argv[2])
book = xlsxwriter.Workbook(path)
sheet = book.add_worksheet("data")
for row in range(cells // 10):
    for column in range(8):
        sheet.write_number(row, column, row * 8 + column + 0.25 * (column % 3))
    sheet.write_string(row, 8, f"机关{row % 500}")
    sheet.write_string(row, 9, f"item {row}")
book.close()
