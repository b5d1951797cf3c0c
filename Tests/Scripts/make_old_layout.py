"""Turns a workbook written by xxgk into the layout of earlier versions, which departments
still hold: each free-text section in the one cell A2 (paragraphs joined by line breaks),
and section 四's header with 行政复议 merged over two rows and its five labels in row 4.

usage: make_old_layout.py source.xlsx output.xlsx
"""
import sys

import openpyxl


def main(source, output):
    book = openpyxl.load_workbook(source)
    for sheet in book.worksheets:
        heading = sheet["A1"].value or ""
        if sheet.title.startswith(("一、", "五、", "六、")):
            lines = []
            for row in range(2, sheet.max_row + 1):
                value = sheet.cell(row=row, column=1).value
                lines.append("" if value is None else str(value))
            while lines and lines[-1] == "":
                lines.pop()
            for row in range(2, sheet.max_row + 1):
                sheet.cell(row=row, column=1).value = None
            sheet["A2"].value = "\n".join(lines) if lines else None
        elif heading.startswith("四、"):
            labels = [sheet.cell(row=3, column=column).value for column in range(1, 6)]
            for merged in list(sheet.merged_cells.ranges):
                if merged.min_row >= 2 and merged.max_row <= 4 and merged.max_col <= 5:
                    sheet.unmerge_cells(str(merged))
            for column, label in enumerate(labels, start=1):
                sheet.cell(row=3, column=column).value = None
                sheet.cell(row=4, column=column).value = label
            sheet.merge_cells("A2:E3")
    book.save(output)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
