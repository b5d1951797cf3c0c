#!/usr/bin/python3
"""Fills a workbook through LibreOffice's own API (UNO), as a clerk typing into Calc would.

usage: uno_fill.py IN.xlsx OUT.xlsx SHEET!CELL=VALUE ...
A VALUE that parses as a number is typed as a number (setValue), anything else as text
(setString), so `十二` lands in the cell as the text a user typed. Runs its own headless
soffice with a private profile on a private pipe, saves as Excel 2007 XML, and stops it.
"""
import os, subprocess, sys, tempfile, time, uuid, shutil

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    source, target, assignments = sys.argv[1], sys.argv[2], sys.argv[3:]
    profile = tempfile.mkdtemp(prefix="uno-profile-")
    pipe = "xxgk" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--nologo",
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        env=dict(os.environ, HOME=profile), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(600):
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            sys.exit("soffice did not answer")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),))
        sheets = document.getSheets()
        for assignment in assignments:
            place, value = assignment.split("=", 1)
            sheet_name, cell_name = place.rsplit("!", 1)
            sheet = sheets.getByName(sheet_name)
            # The template protects its sheets (input cells unlocked); the API writes any cell.
            cell = sheet.getCellRangeByName(cell_name)
            try:
                cell.setValue(float(value))
            except ValueError:
                cell.setString(value)
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
        document.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


main()
