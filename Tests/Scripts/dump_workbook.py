#!/usr/bin/env python3
"""Dumps what openpyxl sees in workbooks, as JSON on stdout, for the Swift tests to assert on.

Usage: dump_workbook.py FILE.xlsx [FILE.xlsx ...]
For each file: sheets (cells with value, cached value, formula, lock and fill; merges;
validations; conditional formats; protection; frozen pane; print setup), defined names and
custom document properties.
"""
import json
import sys

import openpyxl


def text(value):
    if value is None:
        return None
    if isinstance(value, (int, float, str, bool)):
        return value
    return str(value)


def dump(path):
    formulas = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for ws in formulas.worksheets:
        values = cached[ws.title]
        cells = {}
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None and cell.has_style is False:
                    continue
                entry = {
                    "value": text(values[cell.coordinate].value),
                    "locked": bool(cell.protection.locked),
                }
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    entry["formula"] = cell.value
                fill = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
                if isinstance(fill, str):
                    entry["fill"] = fill[-6:]
                if cell.number_format and cell.number_format != "General":
                    entry["format"] = cell.number_format
                if cell.alignment is not None and cell.alignment.wrap_text:
                    entry["wrap"] = True
                entry["font"] = cell.font.name
                if cell.comment is not None:
                    entry["comment"] = cell.comment.text
                if cell.alignment is not None and cell.alignment.textRotation:
                    entry["rotation"] = int(cell.alignment.textRotation)
                if cell.hyperlink is not None:
                    entry["link"] = cell.hyperlink.location or cell.hyperlink.target
                cells[cell.coordinate] = entry
        validations = []
        for dv in ws.data_validations.dataValidation:
            validations.append({
                "sqref": str(dv.sqref), "type": dv.type, "operator": dv.operator,
                "formula1": dv.formula1, "formula2": dv.formula2, "allowBlank": bool(dv.allow_blank),
                "promptTitle": dv.promptTitle, "prompt": dv.prompt,
                "errorTitle": dv.errorTitle, "error": dv.error,
            })
        conditional = []
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                conditional.append({"sqref": str(cf.sqref), "type": rule.type, "formula": list(rule.formula or [])})
        setup = ws.page_setup
        sheets.append({
            "name": ws.title,
            "cells": cells,
            "merges": sorted(str(r) for r in ws.merged_cells.ranges),
            "validations": validations,
            "conditional": conditional,
            "protected": bool(ws.protection.sheet),
            "password": ws.protection.password,
            "freeze": ws.freeze_panes,
            "paper": int(setup.paperSize) if setup.paperSize is not None else None,
            "orientation": setup.orientation,
            "fitToWidth": int(setup.fitToWidth) if setup.fitToWidth is not None else None,
            "fitToHeight": int(setup.fitToHeight) if setup.fitToHeight is not None else None,
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr.fitToPage) if ws.sheet_properties.pageSetUpPr else False,
            "printTitleRows": ws.print_title_rows,
            "centered": bool(ws.print_options.horizontalCentered),
            "footer": ws.oddFooter.center.text,
            "autofilter": ws.auto_filter.ref,
        })
    names = {}
    for name, defined in formulas.defined_names.items():
        names[name] = defined.attr_text
    custom = {prop.name: str(prop.value) for prop in formulas.custom_doc_props.props}
    return {"sheets": sheets, "names": names, "custom": custom, "title": formulas.properties.title}


if __name__ == "__main__":
    json.dump({path: dump(path) for path in sys.argv[1:]}, sys.stdout, ensure_ascii=False)
