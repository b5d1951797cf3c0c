#!/usr/bin/env python3
"""Writes small hand-made .xlsx variants (and hostile / wrong files): the one fixture generator
of the reader tests (Tests/XLSXReaderTests) and of `xxgk cells` (Tests/CLITests).

usage: make_xlsx_variant.py NAME OUTPUT
       make_xlsx_variant.py --into FOLDER NAME...   (writes FOLDER/NAME.xlsx for each NAME)

Each variant is named after what it shows and exercises one rule of the format (or one kind
of bad input), stated in its comment; the Swift test that uses it asserts the exact cells or
message expected.
"""
import os
import posixpath
import struct
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def workbook(path, sheets, shared=None, main=MAIN, rel=REL, prefix="", workbook_extra="",
             defined_names="", targets=None, ids=None, custom=None, stored=False, extra=None):
    """A workbook: `sheets` is [(name, sheetData-and-more XML)]; element prefix optional."""
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{main}"' if prefix else f'xmlns="{main}"'
    ids = ids or [f"rId{i + 1}" for i in range(len(sheets))]
    targets = targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(sheets))]
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", compression) as z:
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        overrides = f'<Override PartName="/xl/workbook.xml" ContentType="{ct}sheet.main+xml"/>'
        for target in (targets or [f"worksheets/sheet{i + 1}.xml" for i in range(len(sheets))]):
            part = target if target.startswith("/") else "/" + posixpath.normpath("xl/" + target)
            overrides += f'<Override PartName="{part}" ContentType="{ct}worksheet+xml"/>'
        if shared is not None:
            overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}sharedStrings+xml"/>'
        z.writestr("[Content_Types].xml", HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')
        rel_base = rel.rsplit("/", 1)[0] + "/relationships" if rel == STRICT_REL else rel
        rels = [f'<Relationship Id="rIdW" Type="{rel_base}/officeDocument" Target="xl/workbook.xml"/>']
        if custom is not None:
            rels.append(f'<Relationship Id="rIdC" Type="{rel_base}/custom-properties" Target="docProps/custom.xml"/>')
        z.writestr("_rels/.rels", HEAD + f'<Relationships xmlns="{PKG}">' + "".join(rels) + "</Relationships>")
        sheet_elements = "".join(f'<{p}sheet name="{name}" sheetId="{i + 1}" r:id="{ids[i]}"/>' for i, (name, _) in enumerate(sheets))
        z.writestr("xl/workbook.xml", HEAD + f'<{p}workbook {xmlns} xmlns:r="{rel}">{workbook_extra}'
                   f'<{p}sheets>{sheet_elements}</{p}sheets>{defined_names}</{p}workbook>')
        wrels = [f'<Relationship Id="{ids[i]}" Type="{rel_base}/worksheet" Target="{targets[i]}"/>' for i in range(len(sheets))]
        if shared is not None:
            wrels.append(f'<Relationship Id="rIdS" Type="{rel_base}/sharedStrings" Target="sharedStrings.xml"/>')
            z.writestr("xl/sharedStrings.xml", HEAD + f'<{p}sst {xmlns}>{shared}</{p}sst>')
        z.writestr("xl/_rels/workbook.xml.rels", HEAD + f'<Relationships xmlns="{PKG}">' + "".join(wrels) + "</Relationships>")
        for i, (_, data) in enumerate(sheets):
            target = targets[i]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            z.writestr(part, HEAD + f'<{p}worksheet {xmlns} xmlns:r="{rel}">{data}</{p}worksheet>')
        if custom is not None:
            props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i + 2}" name="{k}"><vt:lpwstr>{v}</vt:lpwstr></property>'
                            for i, (k, v) in enumerate(custom.items()))
            z.writestr("docProps/custom.xml", HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                       f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>')
        for name, data in (extra or {}).items():
            z.writestr(name, data)


def variant(name, out):
    if name == "no-r":
        # Rows and cells without `r`: positions are counted (row after row, cell after cell).
        workbook(out, [("S", '<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row/>'
                        '<row><c t="inlineStr"><is><t>x</t></is></c><c/><c><v>3</v></c></row>'
                        '<row r="7"><c><v>4</v></c></row><row><c r="C8"><v>5</v></c><c><v>6</v></c></row></sheetData>')])
    elif name == "prefixed":
        # Every SpreadsheetML element carries a prefix (`x:c`); only local names matter.
        workbook(out, [("P", '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>42</x:v></x:c></x:row></x:sheetData>'
                        '<x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells>')],
                 shared='<x:si><x:t>前缀</x:t></x:si>', prefix="x")
    elif name == "strict":
        # Strict OOXML: other namespace URIs for the main schema and the relationships.
        workbook(out, [("Strict", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7.5</v></c></row></sheetData>')],
                 shared='<si><t>严格</t></si>', main=STRICT_MAIN, rel=STRICT_REL, workbook_extra='<workbookPr date1904="true"/>')
    elif name == "escapes":
        # `_xHHHH_` escapes in shared and inline strings; `_x005F_` escapes a literal underscore.
        workbook(out, [("E", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                        '<c r="B1" t="inlineStr"><is><t>tab_x0009_here</t></is></c>'
                        '<c r="C1" t="str"><f>"a"</f><v>q_x000A_r</v></c></row></sheetData>')],
                 shared='<si><t>line1_x000D__x000A_line2 _x005F_x000D_</t></si>')
    elif name == "shared-formulas":
        # A shared formula: the master holds the text and the range, followers only `si`.
        workbook(out, [("F", '<sheetData>'
                        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2+$A$1+SUM(A1:A$2)</f><v>4</v></c></row>'
                        '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>6</v></c></row>'
                        '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>8</v></c><c r="C3"><f>LOG10(A3)&amp;"A1"</f></c></row>'
                        '</sheetData>')])
    elif name == "rich-phonetic":
        # Rich-text runs are concatenated; phonetic runs (`rPh`, furigana/pinyin) are not text.
        workbook(out, [("R", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                        '<c r="C1" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>fu</t></rPh></is></c></row></sheetData>')],
                 shared='<si><r><t>机关</t></r><r><rPr><b/></rPr><t>名称</t></r></si>'
                        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>')
    elif name == "types":
        # Every cell type: t="b" as 1/0 and true/false, t="e", t="str", t="n", none, numbers
        # stored as text (a shared string "12"), a styled blank, a formula without cached value.
        workbook(out, [("T", '<sheetData><row r="1">'
                        '<c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><v>true</v></c><c r="D1" t="b"><v>false</v></c>'
                        '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="F1" t="str"><f>"ab"&amp;"c"</f><v>abc</v></c>'
                        '<c r="G1" t="n"><v>199.2</v></c><c r="H1"><v>1E-3</v></c><c r="I1" t="s"><v>0</v></c>'
                        '<c r="J1" s="3"/><c r="K1"><f>SUM(G1:H1)</f></c><c r="L1" t="inlineStr"><is><t> 12 </t></is></c>'
                        '</row></sheetData>')], shared='<si><t>12</t></si>')
    elif name == "workbook-parts":
        # Sheet-local and workbook names, the 1904 flag, custom properties, merged ranges,
        # relationship ids that are not rId1.., absolute and ../ targets, an odd sheet file name.
        workbook(out, [("一", '<sheetData><row r="2"><c r="C2"><v>5</v></c></row></sheetData>'
                              '<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B3:C4"/></mergeCells>'),
                       ("It's", '<sheetData><row r="1"><c r="A1"><v>9</v></c></row></sheetData>')],
                 ids=["rIdSheetA", "rId99"], targets=["/xl/worksheets/data.xml", "../xl/other/sheet.xml"],
                 workbook_extra='<workbookPr date1904="1"/>',
                 defined_names='<definedNames><definedName name="total">\'一\'!$C$2</definedName>'
                               '<definedName name="local" localSheetId="1">\'It\'\'s\'!A1</definedName>'
                               '<definedName name="range">一!$A$1:$B$2</definedName></definedNames>',
                 custom={"xxgk.form": "2021", "KSOProductBuildVer": "2052-12.1.0.16250"})
    elif name == "billion-laughs":
        # Entity expansion: a DTD defining nested entities. Workbooks never have a DTD.
        lol = '<!DOCTYPE worksheet [<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">' for i in range(1, 10)) + "]>"
        sheet = HEAD + lol + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", sheet)
    elif name == "external-entity":
        # An external entity (XXE) pointing at a local file: refused at the DTD, never resolved.
        sheet = HEAD + '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + \
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", sheet)
    elif name == "absurd-dimension":
        # A dimension claiming the whole sheet is ignored (WPS writes wrong ones); the cells count.
        workbook(out, [("S", '<dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:16384"><c r="A1"><v>1</v></c></row></sheetData>')])
    elif name == "absurd-reference":
        # A cell reference past column XFD and row 1,048,576 is refused, not wrapped or truncated.
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="ZZZZ99999999"><v>2</v></c></row></sheetData>')])
    elif name == "absurd-row":
        # A row number past 2^32 (it would overflow a 32-bit counter) is refused.
        workbook(out, [("S", '<sheetData><row r="4294967297"><c><v>1</v></c></row></sheetData>')])
    elif name == "bad-shared-string":
        # A shared-string index past the end of the table.
        workbook(out, [("S", '<sheetData><row r="1"><c r="B2" t="s"><v>5</v></c></row></sheetData>')], shared='<si><t>only</t></si>')
    elif name == "malformed-xml":
        # A `<c>` closed by `</row>`: not well-formed; libxml2's line and message are reported.
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData>')])
    elif name == "foreign-encoding":
        # Found by `make fuzz`: a part declaring a legacy encoding with bytes iconv rejects.
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", b'<?xml version="1.0" encoding="EUC-JP"?><worksheet xmlns="' + MAIN.encode() +
                b'"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\xff\xff\xff\xff</t></is></c></row></sheetData></worksheet>')
    elif name == "utf16-part":
        # Found by `make fuzz`: libxml2 guessed UTF-16/UCS-4 from the first bytes and printed its
        # conversion failures to stderr. Parts are read as UTF-8 only (Excel never writes UTF-16).
        workbook(out, [("S", "")])
        body = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>'
        replace(out, "xl/worksheets/sheet1.xml", ('\ufeff<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16-le"))
    elif name == "utf8-bom":
        # A UTF-8 byte order mark before the declaration (some .NET writers emit one) is fine.
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", b"\xef\xbb\xbf" + (HEAD + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>').encode())
    elif name == "zip-bomb":
        # 64 MiB of spaces inside the sheet compress about 1000 to 1.
        workbook(out, [("S", '<sheetData>' + " " * (64 << 20) + '</sheetData>')])
    elif name == "bad-checksum":
        # A stored (uncompressed) sheet with one digit changed after the checksum was taken.
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1234567</v></c></row></sheetData>')], stored=True)
        data = bytearray(open(out, "rb").read())
        position = data.find(b"1234567")
        data[position] = ord("9")
        open(out, "wb").write(bytes(data))
    elif name == "truncated":
        # The first half of a workbook: the zip directory at its end is missing.
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')])
        data = open(out, "rb").read()
        open(out, "wb").write(data[: len(data) // 2])
    elif name == "missing-sheet-part":
        # The workbook's relationships name a sheet part that is not in the archive.
        workbook(out, [("S", '<sheetData/>')])
        remove(out, "xl/worksheets/sheet1.xml")
    elif name == "docx":
        # A Word document renamed: its officeDocument relationship points at word/document.xml.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("_rels/.rels", HEAD + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
            z.writestr("word/document.xml", HEAD + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    elif name == "plain-zip":
        # A zip archive of anything else: no workbook part at all.
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("notes.txt", "hello")
    elif name == "encrypted":
        # An OLE compound file whose directory names an EncryptedPackage stream, as Excel
        # writes a password-protected .xlsx (header and one directory sector, by hand).
        open(out, "wb").write(ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    elif name == "legacy-xls":
        # An Excel 97–2003 file (an OLE compound file with a Workbook stream), renamed.
        open(out, "wb").write(ole(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    elif name == "csv":
        # A CSV file renamed to .xlsx: UTF-8 text, told apart from binary garbage.
        open(out, "w", encoding="utf-8").write("项目,本年新制作数量\n规章,3\n")
    elif name == "html":
        # A web page saved as .xls/.xlsx (some government systems export these).
        open(out, "w", encoding="utf-8").write('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>1</td></tr></table></body></html>')
    elif name == "empty":
        # Zero bytes (an interrupted upload).
        open(out, "wb").close()
    elif name == "cell-kinds-names-properties":
        # One sheet "Data" with a value of every kind: a shared string of rich runs plus a phonetic
        # run, an inline string, t="str", t="b" as 1 and as false, t="e", numbers with and without
        # t="n", `_xHHHH_` escapes (`_x005F_` a literal underscore), a styled blank (no cell) and a
        # formula without cached value; a global and a sheet-local defined name (quoted sheet
        # name), custom properties (WPS's KSOProductBuildVer) and the 1904 flag as "1".
        workbook(out, [("Data", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>inline</t></is></c>'
                        '<c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>false</v></c>'
                        '<c r="F1" t="e"><v>#REF!</v></c><c r="G1"><v>12.5</v></c><c r="H1" t="n"><v>-3</v></c><c r="I1" t="s"><v>1</v></c></row>'
                        '<row r="2"><c r="A2" s="3"/><c r="B2"><f>SUM(G1:H1)</f></c></row></sheetData>')],
                 shared='<si><r><t>机关</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 名称</t></r><rPh sb="0" eb="2"><t>キカン</t></rPh></si>'
                        '<si><t>line_x000D__x000A_two_x005F_x0041_</t></si>',
                 defined_names='<definedNames><definedName name="report_agency">Data!$A$1</definedName>'
                               '<definedName name="local" localSheetId="0">\'Data\'!$B$1:$C$2</definedName></definedNames>',
                 custom={"xxgk.form": "2021", "KSOProductBuildVer": "2052-11.1.0"}, workbook_extra='<workbookPr date1904="1"/>')
    elif name == "no-r-after-explicit-reference":
        # Cells without `r` follow the previous cell even when that one had an explicit `r`
        # (D2 then E2); a row with `r` after rows without; the sheet found through an absolute
        # relationship target (`/xl/sheets/first.xml`) under an unusual id (rId42).
        workbook(out, [("Data", '<sheetData><row><c><v>1</v></c><c><v>2</v></c></row>'
                        '<row><c t="inlineStr"><is><t>x</t></is></c><c r="D2"><v>4</v></c><c><v>5</v></c></row>'
                        '<row r="5"><c><v>6</v></c></row></sheetData>')],
                 ids=["rId42"], targets=["/xl/sheets/first.xml"])
    elif name == "strict-prefixed":
        # Strict OOXML namespaces and a prefix (`x:`) on every element at once, merged cells included.
        workbook(out, [("Data", '<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData>'
                        '<x:mergeCells><x:mergeCell ref="A3:C4"/></x:mergeCells>')],
                 shared='<x:si><x:t>strict</x:t></x:si>', main=STRICT_MAIN, rel=STRICT_REL, prefix="x")
    elif name == "shared-formula-across-and-down":
        # A shared formula filled both across (C1 → D1) and down (C1 → C3), as Excel saves it:
        # followers move relative parts by their column and row offsets.
        workbook(out, [("Data", '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
                        '<c r="C1"><f t="shared" ref="C1:D3" si="0">A1+$B$1+B$2</f><v>0</v></c><c r="D1"><f t="shared" si="0"/><v>0</v></c></row>'
                        '<row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c></row></sheetData>')])
    elif name == "merged-ranges":
        # Merged ranges (only the top-left cell holds the value), and a relative relationship
        # target that climbs out of xl/ with `..` and back in.
        workbook(out, [("Data", '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>标题</t></is></c></row></sheetData>'
                        '<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="B3:B9"/></mergeCells>')],
                 targets=["../xl/worksheets/sheet1.xml"])
    elif name == "wrong-dimension":
        # A `<dimension>` of A1 for a sheet reaching H30 (WPS writes such): every row is read regardless.
        workbook(out, [("Data", '<dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                        '<row r="30"><c r="H30"><v>2</v></c></row></sheetData>')])
    elif name == "big-entry":
        # 2,999 rows (about 100 KB of sheet XML): the per-entry, total and collected-cells caps
        # count what is actually unpacked and read, never what the archive claims.
        rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 3000))
        workbook(out, [("Data", f"<sheetData>{rows}</sheetData>")])
    elif name == "row-past-last-row":
        # Row 2,000,000: past Excel's last row 1,048,576 (though it fits in 32 bits) is refused.
        workbook(out, [("Data", '<sheetData><row r="2000000"><c><v>1</v></c></row></sheetData>')])
    elif name == "column-past-xfd":
        # Column XFE, one past Excel's last column XFD, is refused (the dimension claiming the
        # whole sheet does not matter).
        workbook(out, [("Data", '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>')])
    elif name == "unclosed-row":
        # A `<row>` never closed, on one line, without XML declaration or namespace: not
        # well-formed; libxml2's line (1) and message are reported.
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", '<worksheet><sheetData><row><c><v>1</v></c></sheetData></worksheet>')
    elif name == "docx-without-relationships":
        # A Word document's parts without any _rels/.rels: recognised by word/document.xml alone.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<document/>")
    elif name == "ods":
        # An OpenDocument spreadsheet renamed to .xlsx: a zip with mimetype and content.xml.
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<x/>")
    elif name == "binary-garbage":
        # Bytes that are neither zip, OLE, HTML nor text: "unknown format", not "corrupt zip".
        open(out, "wb").write(bytes(range(256)) * 4)
    else:
        sys.exit(f"unknown variant {name}")


def ole(names):
    """A 512-byte-sector compound file: header, then a directory sector with `names`."""
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)
    struct.pack_into("<I", header, 48, 0)  # first directory sector
    directory = bytearray()
    for index, name in enumerate(names):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        struct.pack_into("<HB", entry, 64, len(encoded), 5 if index == 0 else 2)
        directory += entry
    directory += bytes(512 - len(directory))
    return bytes(header) + bytes(directory)


def replace(path, part, text):
    with zipfile.ZipFile(path) as z:
        items = {i: z.read(i) for i in z.namelist()}
    items[part] = text if isinstance(text, bytes) else text.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in items.items():
            z.writestr(k, v)


def remove(path, part):
    with zipfile.ZipFile(path) as z:
        items = {i: z.read(i) for i in z.namelist() if i != part}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in items.items():
            z.writestr(k, v)


if __name__ == "__main__":
    if sys.argv[1] == "--into":
        for each in sys.argv[3:]:
            variant(each, os.path.join(sys.argv[2], each + ".xlsx"))
    else:
        variant(sys.argv[1], sys.argv[2])
