#!/usr/bin/env python3
"""`make bench` (bench/reader.sh): writes a one-sheet workbook of ROWS × 10 cells with
XlsxWriter, as a spreadsheet program would: 8 number columns (integers and decimals) and
2 text columns (shared strings from a small vocabulary), plus a formula column's worth of SUMs
every 10th row in place of a number.

usage: reader_make_sheet.py OUTPUT.xlsx ROWS
"""
import random
import sys

import xlsxwriter

path, rows = sys.argv[1], int(sys.argv[2])
random.seed(4)
words = ["规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "东西湖区", "合计"]
workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
sheet = workbook.add_worksheet("数据")
for row in range(rows):
    for column in range(8):
        if column == 7 and row % 10 == 9:
            sheet.write_formula(row, column, f"=SUM(A{row + 1}:G{row + 1})", None, 0)
        elif column % 2:
            sheet.write_number(row, column, round(random.random() * 10000, 2))
        else:
            sheet.write_number(row, column, random.randrange(100000))
    sheet.write_string(row, 8, random.choice(words))
    sheet.write_string(row, 9, f"第{row}行")
workbook.close()
