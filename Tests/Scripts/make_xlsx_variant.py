#!/usr/bin/env python3
"""Writes one small hand-made .xlsx variant (or a hostile / wrong file) for the reader tests.

usage: make_xlsx_variant.py NAME OUTPUT

Each variant exercises one rule of the format (or one kind of bad input); the Swift test
that uses it states the rule and the exact cells or message expected.
"""
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
        sheet = HEAD + '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + \
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
        workbook(out, [("S", "")])
        replace(out, "xl/worksheets/sheet1.xml", sheet)
    elif name == "absurd-dimension":
        # A dimension claiming the whole sheet is ignored (WPS writes wrong ones); the cells count.
        workbook(out, [("S", '<dimension ref="A1:XFD1048576"/><sheetData><row r="1" spans="1:16384"><c r="A1"><v>1</v></c></row></sheetData>')])
    elif name == "absurd-reference":
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="ZZZZ99999999"><v>2</v></c></row></sheetData>')])
    elif name == "absurd-row":
        workbook(out, [("S", '<sheetData><row r="4294967297"><c><v>1</v></c></row></sheetData>')])
    elif name == "bad-shared-string":
        workbook(out, [("S", '<sheetData><row r="1"><c r="B2" t="s"><v>5</v></c></row></sheetData>')], shared='<si><t>only</t></si>')
    elif name == "malformed-xml":
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
        workbook(out, [("S", '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>')])
        data = open(out, "rb").read()
        open(out, "wb").write(data[: len(data) // 2])
    elif name == "missing-sheet-part":
        workbook(out, [("S", '<sheetData/>')])
        remove(out, "xl/worksheets/sheet1.xml")
    elif name == "docx":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
            z.writestr("_rels/.rels", HEAD + f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
            z.writestr("word/document.xml", HEAD + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    elif name == "plain-zip":
        with zipfile.ZipFile(out, "w") as z:
            z.writestr("notes.txt", "hello")
    elif name == "encrypted":
        # An OLE compound file whose directory names an EncryptedPackage stream, as Excel
        # writes a password-protected .xlsx (header and one directory sector, by hand).
        open(out, "wb").write(ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]))
    elif name == "legacy-xls":
        open(out, "wb").write(ole(["Root Entry", "Workbook", "\x05SummaryInformation"]))
    elif name == "csv":
        open(out, "w", encoding="utf-8").write("项目,本年新制作数量\n规章,3\n")
    elif name == "html":
        open(out, "w", encoding="utf-8").write('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>1</td></tr></table></body></html>')
    elif name == "empty":
        open(out, "wb").close()
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
    variant(sys.argv[1], sys.argv[2])
