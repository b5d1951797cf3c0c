#!/usr/bin/env python3
"""Writes small .xlsx files, each showing one rule of the format or one hostile input, for
Tests/XLSXTests. Each is built with zipfile from hand-written XML so it shows exactly one thing.

Usage: make_reader_fixtures.py FOLDER
"""
import os
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def package(name, parts, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(os.path.join(out, name), "w", compression) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


def workbook(sheet_xml, *, shared=None, names="", custom=None, date1904=False, sheet_target="worksheets/sheet1.xml",
             main=MAIN, rel=REL, rid="rId7", extra_sheets=()):
    """A minimal workbook: one sheet "Data" (plus extra_sheets as (name, xml)), with optional parts."""
    rel_type = rel if rel != REL else "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheets = [("Data", sheet_target, rid, sheet_xml)] + [
        (n, f"worksheets/extra{i}.xml", f"rId{20 + i}", x) for i, (n, x) in enumerate(extra_sheets)]
    wb = (f'<workbook xmlns="{main}" xmlns:r="{rel}">'
          + (f'<workbookPr date1904="1"/>' if date1904 else "")
          + "<sheets>" + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="{r}"/>' for i, (n, _, r, _) in enumerate(sheets))
          + "</sheets>" + (f"<definedNames>{names}</definedNames>" if names else "") + "</workbook>")
    rels = "".join(f'<Relationship Id="{r}" Type="{rel_type}/worksheet" Target="{t}"/>' for (_, t, r, _) in sheets)
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{rel_type}/officeDocument" Target="xl/workbook.xml"/>'
                       + (f'<Relationship Id="rId2" Type="{rel_type}/custom-properties" Target="docProps/custom.xml"/>' if custom else "")
                       + "</Relationships>",
        "xl/workbook.xml": wb,
    }
    if shared is not None:
        rels += f'<Relationship Id="rId99" Type="{rel_type}/sharedStrings" Target="sharedStrings.xml"/>'
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{main}">{shared}</sst>'
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">{rels}</Relationships>'
    for (_, target, _, xml) in sheets:
        path = target[1:] if target.startswith("/") else os.path.normpath("xl/" + target)
        parts[path] = xml
    if custom:
        props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
                        for i, (k, v) in enumerate(custom.items()))
        parts["docProps/custom.xml"] = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                                        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' + props + "</Properties>")
    return parts


def sheet(rows, main=MAIN, tail=""):
    return f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData>{tail}</worksheet>'


# Every cell type: shared string with rich runs and a phonetic run, inline string, str, b (1/true), e, numbers.
package("cell-types.xlsx", workbook(
    sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>inline</t></is></c>'
          '<c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>false</v></c>'
          '<c r="F1" t="e"><v>#REF!</v></c><c r="G1"><v>12.5</v></c><c r="H1" t="n"><v>-3</v></c><c r="I1" t="s"><v>1</v></c></row>'
          '<row r="2"><c r="A2" s="3"/><c r="B2"><f>SUM(G1:H1)</f></c></row>'),
    shared='<si><r><t>机关</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 名称</t></r><rPh sb="0" eb="2"><t>キカン</t></rPh></si>'
           '<si><t>line_x000D__x000A_two_x005F_x0041_</t></si>',
    names='<definedName name="report_agency">Data!$A$1</definedName><definedName name="local" localSheetId="0">\'Data\'!$B$1:$C$2</definedName>',
    custom={"xxgk.form": "2021", "KSOProductBuildVer": "2052-11.1.0"}, date1904=True))

# Rows and cells without r attributes, the sheet found by an absolute target with odd rIds.
package("no-r-attributes.xlsx", workbook(
    sheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>'
          '<row r="5"><c><v>6</v></c></row>'),
    sheet_target="/xl/sheets/first.xml", rid="rId42"))

# Prefixed elements (x:c) and Strict OOXML namespaces.
package("strict-prefixed.xlsx", workbook(
    f'<x:worksheet xmlns:x="{STRICT_MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c>'
    '<x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData><x:mergeCells><x:mergeCell ref="A3:C4"/></x:mergeCells></x:worksheet>',
    shared='<x:si xmlns:x="' + STRICT_MAIN + '"><x:t>strict</x:t></x:si>', main=STRICT_MAIN, rel=STRICT_REL))

# A shared formula filled down and across, as Excel saves it.
package("shared-formula.xlsx", workbook(
    sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><f t="shared" ref="C1:D3" si="0">A1+$B$1+B$2</f><v>0</v></c>'
          '<c r="D1"><f t="shared" si="0"/><v>0</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c></row>')))

# Merged ranges and a relative target through "..".
package("merged.xlsx", workbook(
    sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row>', tail='<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B3:B9"/></mergeCells>'),
    sheet_target="../xl/worksheets/sheet1.xml"))

# A wrong <dimension> (WPS writes A1 for a full sheet): every row is read regardless.
package("wrong-dimension.xlsx", workbook(
    f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    '<row r="30"><c r="H30"><v>2</v></c></row></sheetData></worksheet>'))

# Hostile and wrong files.
package("zip-bomb.xlsx", workbook(sheet("<row><c><v>1</v></c></row>" + " " * (40 << 20))))
package("big-entry.xlsx", workbook(sheet("".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 3000)))))
package("billion-laughs.xlsx", workbook(
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>'
    f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'))
package("external-entity.xlsx", workbook(
    '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&e;</t></is></c></row></sheetData></worksheet>'))
package("absurd-row.xlsx", workbook(sheet('<row r="2000000"><c><v>1</v></c></row>')))
package("absurd-column.xlsx", workbook(sheet('<dimension ref="A1:XFD1048576"/><row r="1"><c r="XFE1"><v>1</v></c></row>')))
package("malformed-xml.xlsx", workbook('<worksheet><sheetData><row><c><v>1</v></c></sheetData></worksheet>'))
package("missing-sheet-part.xlsx", {k: v for k, v in workbook(sheet("")).items() if k != "xl/worksheets/sheet1.xml"})
package("docx-renamed.xlsx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>"})
package("ods-renamed.xlsx", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})
package("plain-zip.xlsx", {"readme.txt": "hello"})
good = os.path.join(out, "cell-types.xlsx")
data = open(good, "rb").read()
open(os.path.join(out, "truncated.xlsx"), "wb").write(data[: len(data) // 2])
# A stored (uncompressed) entry with flipped bytes fails its CRC.
package("stored.xlsx", workbook(sheet('<row r="1"><c r="A1"><v>123456</v></c></row>')), compression=zipfile.ZIP_STORED)
stored = bytearray(open(os.path.join(out, "stored.xlsx"), "rb").read())
at = stored.find(b"123456")
stored[at:at + 6] = b"654321"
open(os.path.join(out, "crc-mismatch.xlsx"), "wb").write(bytes(stored))
open(os.path.join(out, "empty.xlsx"), "wb").write(b"")
open(os.path.join(out, "csv-renamed.xlsx"), "wb").write("机关,件数\n东西湖区,12\n".encode())
open(os.path.join(out, "html-renamed.xlsx"), "wb").write(b"<html><head><meta charset='utf-8'></head><body><table><tr><td>1</td></tr></table></body></html>")
ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
open(os.path.join(out, "legacy.xlsx"), "wb").write(ole + "Workbook".encode("utf-16-le") + b"\0" * 64)
open(os.path.join(out, "encrypted.xlsx"), "wb").write(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 16 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
open(os.path.join(out, "binary-garbage.xlsx"), "wb").write(bytes(range(256)) * 4)
