#!/usr/bin/env python3
"""Rewrites the worksheet XML of a workbook the way other writers do, to test the reader:
  strip-r   drop every r attribute that the position implies (a row right after the previous
            one, a cell right after the previous cell), as streaming generators write them
  prefix    put the main namespace on an x: prefix (x:worksheet, x:c), as .NET's OpenXML SDK writes

Usage: rewrite_sheets.py MODE IN.xlsx OUT.xlsx
"""
import re
import sys
import zipfile



def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def strip_implied_references(text):
    state = {"row": 0, "column": 0}

    def tag(match):
        element, attributes = match.group(1), match.group(2)
        found = re.search(r' r="([A-Z]*)([0-9]+)"', attributes)
        if element == "row":
            number = int(found.group(2)) if found else state["row"] + 1
            implied = number == state["row"] + 1
            state["row"], state["column"] = number, 0
        else:
            number = column_number(found.group(1)) if found else state["column"] + 1
            implied = number == state["column"] + 1
            state["column"] = number
        if found and implied:
            attributes = attributes.replace(found.group(0), "", 1)
        return f"<{element}{attributes}"

    return re.sub(r"<(row|c)(\s[^>]*|)(?=/?>)", tag, text)


mode, source, target = sys.argv[1:4]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
            text = data.decode("utf-8")
            if mode == "strip-r":
                text = strip_implied_references(text)
            elif mode == "prefix":
                text = re.sub(r'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                              'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', text)
                text = re.sub(r"<(/?)([A-Za-z][\w]*)([\s>/])", lambda m: f"<{m.group(1)}x:{m.group(2)}{m.group(3)}"
                              if ":" not in m.group(2) else m.group(0), text)
            data = text.encode("utf-8")
        zout.writestr(item, data)
