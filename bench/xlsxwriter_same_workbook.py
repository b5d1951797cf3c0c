#!/usr/bin/env python3
"""Writes the same workbook as xxgk with Python's XlsxWriter, for `make bench`.

The workbook is copied from one that xxgk wrote: openpyxl reads every cell (value, formula,
cached result, style), merge, validation, conditional format, frozen pane, print setting,
defined name and property (outside the timing); XlsxWriter then writes it COUNT times.

Usage: xlsxwriter_same_workbook.py SOURCE.xlsx|PLAN.pickle COUNT OUTPUT_FOLDER
       xlsxwriter_same_workbook.py --save-plan SOURCE.xlsx PLAN.pickle
Prints the CPU time per workbook. A saved plan lets a whole Python process be timed without
the openpyxl reading.
"""
import datetime
import os
import pickle
import sys
import time

import xlsxwriter

VALIDATION_TYPES = {"whole": "integer", "decimal": "decimal", "date": "date", "custom": "custom", None: "any"}


def style_of(cell):
    """The XlsxWriter format properties of an openpyxl cell."""
    props = {}
    font = cell.font
    if font.name:
        props["font_name"] = font.name
    if font.sz:
        props["font_size"] = float(font.sz)
    if font.b:
        props["bold"] = True
    if font.color is not None and isinstance(font.color.rgb, str):
        props["font_color"] = "#" + font.color.rgb[-6:]
    if cell.fill is not None and cell.fill.fill_type == "solid" and isinstance(cell.fill.fgColor.rgb, str):
        props["bg_color"] = "#" + cell.fill.fgColor.rgb[-6:]
    if cell.border is not None and cell.border.left is not None and cell.border.left.style:
        props["border"] = 1
    alignment = cell.alignment
    if alignment.horizontal:
        props["align"] = alignment.horizontal
    if alignment.vertical:
        props["valign"] = "vcenter" if alignment.vertical == "center" else alignment.vertical
    if alignment.wrap_text:
        props["text_wrap"] = True
    if cell.number_format and cell.number_format != "General":
        props["num_format"] = cell.number_format
    if not cell.protection.locked:
        props["locked"] = False
    return props


def serial_to_date(value):
    return datetime.datetime(1899, 12, 30) + datetime.timedelta(days=float(value))


def read_plan(path):
    """Everything needed to write the workbook again, as plain data."""
    # Imported here so that timing a saved plan does not pay for importing openpyxl.
    import openpyxl
    from openpyxl.utils import column_index_from_string, range_boundaries
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in formulas.worksheets:
        values = cached[ws.title]
        merged = {}
        for rng in ws.merged_cells.ranges:
            merged[(rng.min_row - 1, rng.min_col - 1)] = (rng.max_row - 1, rng.max_col - 1)
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and not cell.has_style:
                    continue
                formula = cell.value if isinstance(cell.value, str) and cell.value.startswith("=") else None
                value = values[cell.coordinate].value
                if isinstance(value, datetime.datetime):
                    value = (value - datetime.datetime(1899, 12, 30)).days
                cells.append((cell.row - 1, cell.column - 1, value, formula, tuple(sorted(style_of(cell).items())),
                              merged.get((cell.row - 1, cell.column - 1))))
        validations = []
        for dv in ws.data_validations.dataValidation:
            for rng in str(dv.sqref).split():
                min_col, min_row, max_col, max_row = range_boundaries(rng)
                options = {"validate": VALIDATION_TYPES.get(dv.type, "any")}
                if options["validate"] == "integer":
                    options.update(criteria="between", minimum=int(float(dv.formula1)), maximum=int(float(dv.formula2)))
                elif options["validate"] == "decimal":
                    options.update(criteria="between", minimum=float(dv.formula1), maximum=float(dv.formula2))
                elif options["validate"] == "date":
                    options.update(criteria="between", minimum=serial_to_date(dv.formula1), maximum=serial_to_date(dv.formula2))
                elif options["validate"] == "custom":
                    options["value"] = "=" + dv.formula1
                for key, attribute in (("input_title", "promptTitle"), ("input_message", "prompt"),
                                       ("error_title", "errorTitle"), ("error_message", "error")):
                    if getattr(dv, attribute):
                        options[key] = getattr(dv, attribute)
                validations.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1, options))
        conditional = []
        for cf in ws.conditional_formatting:
            ranges = str(cf.sqref).split()
            min_col, min_row, max_col, max_row = range_boundaries(ranges[0])
            for rule in cf.rules:
                conditional.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1, " ".join(ranges), rule.formula[0]))
        setup = ws.page_setup
        sheets.append({
            "name": ws.title,
            "widths": {column_index_from_string(col) - 1: dim.width for col, dim in ws.column_dimensions.items() if dim.width},
            "heights": {row: dim.height for row, dim in ws.row_dimensions.items() if dim.height},
            "cells": cells, "validations": validations, "conditional": conditional,
            "freeze": ws.freeze_panes, "landscape": setup.orientation == "landscape",
            "titles": ws.print_title_rows, "footer": ws.oddFooter.center.text,
        })
    names = [(name, "=" + defined.attr_text) for name, defined in formulas.defined_names.items()]
    custom = [(prop.name, str(prop.value)) for prop in formulas.custom_doc_props.props]
    properties = {"title": formulas.properties.title or "", "subject": formulas.properties.subject or "",
                  "author": formulas.properties.creator or ""}
    return {"sheets": sheets, "names": names, "custom": custom, "properties": properties}


def write(plan, path):
    workbook = xlsxwriter.Workbook(path)
    workbook.set_properties(plan["properties"])
    for name, value in plan["custom"]:
        workbook.set_custom_property(name, value)
    formats = {}

    def fmt(style):
        if not style:
            return None
        if style not in formats:
            formats[style] = workbook.add_format(dict(style))
        return formats[style]

    red = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    for sheet in plan["sheets"]:
        ws = workbook.add_worksheet(sheet["name"])
        for col, width in sheet["widths"].items():
            ws.set_column(col, col, width)
        for row, height in sheet["heights"].items():
            ws.set_row(row - 1, height)
        for row, col, value, formula, style, merge_end in sheet["cells"]:
            cell_format = fmt(style)
            if merge_end is not None:
                ws.merge_range(row, col, merge_end[0], merge_end[1], "" if formula or not isinstance(value, str) else value, cell_format)
                if isinstance(value, str) and not formula:
                    continue
            if formula:
                ws.write_formula(row, col, formula, cell_format, value)
            elif isinstance(value, (int, float)):
                ws.write_number(row, col, value, cell_format)
            elif isinstance(value, str):
                ws.write_string(row, col, value, cell_format)
            elif merge_end is None:
                ws.write_blank(row, col, None, cell_format)
        for first_row, first_col, last_row, last_col, options in sheet["validations"]:
            ws.data_validation(first_row, first_col, last_row, last_col, options)
        for first_row, first_col, last_row, last_col, ranges, formula in sheet["conditional"]:
            ws.conditional_format(first_row, first_col, last_row, last_col,
                                  {"type": "formula", "criteria": "=" + formula, "format": red, "multi_range": ranges})
        if sheet["freeze"]:
            ws.freeze_panes(sheet["freeze"])
        ws.set_paper(9)
        if sheet["landscape"]:
            ws.set_landscape()
        ws.fit_to_pages(1, 1)
        if sheet["titles"]:
            first, last = sheet["titles"].replace("$", "").split(":")
            ws.repeat_rows(int(first) - 1, int(last) - 1)
        ws.center_horizontally()
        if sheet["footer"]:
            ws.set_footer("&C" + sheet["footer"])
        ws.protect("", {"format_columns": True, "format_rows": True})
    for name, formula in plan["names"]:
        workbook.define_name(name, formula)
    workbook.close()


def main():
    if sys.argv[1] == "--save-plan":
        with open(sys.argv[3], "wb") as file:
            pickle.dump(read_plan(sys.argv[2]), file)
        return
    source, count, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if source.endswith(".pickle"):
        with open(source, "rb") as file:
            plan = pickle.load(file)
    else:
        plan = read_plan(source)
    start_cpu = time.process_time()
    start_wall = time.perf_counter()
    for index in range(count):
        write(plan, os.path.join(folder, "python-%d.xlsx" % index))
    cpu = time.process_time() - start_cpu
    wall = time.perf_counter() - start_wall
    print("python XlsxWriter: %d workbooks: %.3f s CPU, %.3f s wall: %.2f ms CPU per workbook"
          % (count, cpu, wall, cpu * 1000 / count))


if __name__ == "__main__":
    main()
