"""HTML for make-pdf-fixtures.sh (a 2021-form report in the official table layout, walked
from templates/form-2021.json), the JSON of that report, and the hostile PDFs written by hand.

    python3 make_pdf_fixtures.py WORKDIR OUTDIR      HTML into WORKDIR, made-report.json into OUTDIR
    python3 make_pdf_fixtures.py --hostile OUTDIR    hostile-*.pdf into OUTDIR
"""
import json
import struct
import sys
import zlib

AGENCY = "示例县人民政府"
YEAR = 2023
FORM = json.load(open("templates/form-2021.json", encoding="utf-8"))
TABLES = {t["id"]: t for t in FORM["tables"]}
COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"]

OVERVIEW = [
    "2023年，示例县人民政府认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开标准化规范化建设。",
    "（一）主动公开。通过县政府门户网站主动公开政府信息2456条，其中政策文件138件，政策解读46篇。",
    "（二）依申请公开。全年新收政府信息公开申请，均在法定期限内答复。",
    "（三）政府信息管理。严格执行公开属性源头认定和保密审查制度，动态调整主动公开目录。",
    "（四）平台建设。优化政府网站栏目设置，整合政务新媒体账号，提升网站集约化水平。",
    "（五）监督保障。将政务公开纳入年度绩效考核，开展业务培训两次，全年未发生责任追究情形。",
]
PROBLEMS = "政务公开工作还存在公开内容不够全面、解读形式较为单一等问题。下一步，我县将进一步完善公开机制，丰富解读形式，提升公开质效。"
OTHER = "本年度未收取信息处理费。"


def leaves(nodes, path=()):
    """(labels from the top, id) of every leaf row of a grid's row header."""
    for node in nodes:
        labels = path + (node["label"],)
        if "children" in node:
            yield from leaves(node["children"], labels)
        else:
            yield labels, node["id"]


def values(blank_block=False):
    """The report's tables: distinct small numbers, some cells left blank, every rule met.
    `blank_block`: the whole 法人或其他组织 block blank in section 三, only 自然人 and 总计 printed."""
    proactive = {
        "rules": {"issued": 1, "repealed": 0, "in_force": 12},
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 25},
        "licensing": {"decisions": 128},
        "penalty": {"decisions": 56},
        "coercion": {"decisions": 7},
        "fees": {"amount": 12.5},
    }
    rows = [row for _, row in leaves(TABLES["applications"]["row_header"])]
    results = rows[rows.index("granted"):rows.index("results_total")]
    applications = {}
    for i, row in enumerate(results):
        # Research … other are blank on odd rows and 0 on even ones: blank and 0 must stay apart.
        blank = None if i % 2 else 0
        cells = {"natural": i % 4 + 1, "commercial": i % 3, "research": blank, "social": blank,
                 "legal": blank, "other": blank}
        cells["total"] = cells["natural"] + cells["commercial"]
        applications[row] = cells
    total = {c: sum(applications[r][c] or 0 for r in results) for c in COLUMNS}
    applications["results_total"] = total
    applications["carried_over"] = {"natural": 2, "commercial": 1, "research": 0, "social": 0, "legal": 0, "other": 0, "total": 3}
    applications["carried_forward"] = {"natural": 3, "commercial": 0, "research": 0, "social": 0, "legal": 0, "other": 0, "total": 3}
    applications["received"] = {c: total[c] + applications["carried_forward"][c] - applications["carried_over"][c] for c in COLUMNS}
    appeals = {
        "review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_after_review": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    if blank_block:
        for row in applications.values():
            for column in ["commercial", "research", "social", "legal", "other"]:
                row[column] = None
            row["total"] = row["natural"]
    return {"proactive": proactive, "applications": {r: applications[r] for r in rows}, "appeals": appeals}


def cell(value):
    return "" if value is None else (("%g" % value) if isinstance(value, float) else str(value))


def proactive_html(tables):
    parts = []
    for block in TABLES["proactive"]["blocks"]:
        columns = block["columns"]
        parts.append('<table border="1" cellpadding="5" cellspacing="0" width="100%">')
        parts.append('<tr><td colspan="4" align="center">%s</td></tr>' % block["caption"])
        header = "".join('<td colspan="%d" align="center">%s</td>' % (c.get("span", 1), c["label"]) for c in columns)
        parts.append('<tr><td align="center">%s</td>%s</tr>' % (block["corner"], header))
        for row in block["rows"]:
            tds = "".join('<td colspan="%d" align="center">%s</td>' % (c.get("span", 1), cell(tables["proactive"][row["id"]][c["id"]]))
                          for c in columns)
            parts.append("<tr><td>%s</td>%s</tr>" % (row["label"], tds))
        parts.append("</table><p></p>")
    return "\n".join(parts)


def applications_html(tables, label_widths, vertical):
    """The grid with its merged label cells; `label_widths` sets how narrow the three label columns are."""
    grid = TABLES["applications"]
    w1, w2, w3 = label_widths
    parts = ['<table border="1" cellpadding="4" cellspacing="0" width="100%">']
    parts.append('<tr><td colspan="3" rowspan="3">%s</td><td colspan="7" align="center">申请人情况</td></tr>' % grid["corner"])
    parts.append('<tr><td rowspan="2" align="center">自然人</td><td colspan="5" align="center">法人或其他组织</td><td rowspan="2" align="center">总计</td></tr>')
    parts.append("<tr>%s</tr>" % "".join('<td align="center">%s</td>' % l for l in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]))
    data = tables["applications"]

    def numbers(row):
        return "".join('<td align="center">%s</td>' % cell(data[row][c]) for c in COLUMNS)

    for node in grid["row_header"]:
        if "children" not in node:
            parts.append('<tr><td colspan="3">%s</td>%s</tr>' % (node["label"], numbers(node["id"])))
            continue
        count = sum(1 for _ in leaves(node["children"]))
        top = "<br>".join(node["label"]) if vertical else node["label"]
        first = True
        for child in node["children"]:
            lead = '<td rowspan="%d" width="%s" align="center">%s</td>' % (count, w1, top) if first else ""
            first = False
            if "children" not in child:
                parts.append('<tr>%s<td colspan="2" width="%s">%s</td>%s</tr>' % (lead, w2, child["label"], numbers(child["id"])))
                continue
            for k, leaf in enumerate(child["children"]):
                group = '<td rowspan="%d" width="%s" align="center">%s</td>' % (len(child["children"]), w2, child["label"]) if k == 0 else ""
                parts.append('<tr>%s%s<td width="%s">%s</td>%s</tr>' % (lead if k == 0 else "", group, w3, leaf["label"], numbers(leaf["id"])))
                lead = ""
    parts.append("</table>")
    return "\n".join(parts)


def appeals_html(tables):
    labels = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    parts = ['<table border="1" cellpadding="4" cellspacing="0" width="100%">']
    parts.append('<tr><td colspan="5" align="center">行政复议</td><td colspan="10" align="center">行政诉讼</td></tr>')
    parts.append("<tr>%s<td colspan=\"5\" align=\"center\">未经复议直接起诉</td><td colspan=\"5\" align=\"center\">复议后起诉</td></tr>"
                 % "".join('<td rowspan="2" align="center">%s</td>' % l for l in labels))
    parts.append("<tr>%s</tr>" % "".join('<td align="center">%s</td>' % l for l in labels * 2))
    row = []
    for group in ["review", "litigation_direct", "litigation_after_review"]:
        row += [cell(tables["appeals"][group][c]) for c in ["upheld", "corrected", "other", "pending", "total"]]
    parts.append("<tr>%s</tr>" % "".join('<td align="center">%s</td>' % v for v in row))
    parts.append("</table>")
    return "\n".join(parts)


def report_html(tables, label_widths=("8%", "14%", "24%"), vertical=False, long_overview=False, furniture=False):
    title = "%s%d年政府信息公开工作年度报告" % (AGENCY, YEAR)
    overview = OVERVIEW + (OVERVIEW[1:] * 3 if long_overview else [])
    body = ['<p align="center"><b>%s</b></p>' % title,
            "<p>本报告依据《中华人民共和国政府信息公开条例》编制。报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。</p>",
            "<p>一、总体情况</p>"] + ["<p>%s</p>" % p for p in overview]
    body += ["<p>二、主动公开政府信息情况</p>", proactive_html(tables),
             # The vertical label's cell stays on one page (the page break test is another file).
             '<p style="page-break-before: always">三、收到和处理政府信息公开申请情况</p>' if vertical
             else "<p>三、收到和处理政府信息公开申请情况</p>", applications_html(tables, label_widths, vertical),
             "<p>四、政府信息公开行政复议、行政诉讼情况</p>", appeals_html(tables),
             "<p>五、存在的主要问题及改进情况</p>", "<p>%s</p>" % PROBLEMS,
             "<p>六、其他需要报告的事项</p>", "<p>%s</p>" % OTHER,
             '<p align="right">%s</p>' % AGENCY, '<p align="right">2024年1月20日</p>']
    head = ""
    if furniture:
        head = ('<div title="header"><p align="center">%s</p></div>' % title
                + '<div title="footer"><p align="center">第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页</p></div>')
    else:
        head = '<div title="footer"><p align="center">- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -</p></div>'
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body { font-family: "WenQuanYi Micro Hei"; font-size: 10.5pt }'
            "</style></head><body>%s\n%s</body></html>" % (head, "\n".join(body)))


def png(width, height):
    """A grey, noisy 8-bit image: what a scanner gives, without any text layer."""
    rows = b"".join(b"\x00" + bytes((x * 7 + y * 13) % 64 + 160 for x in range(width)) for y in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def pdf(objects):
    """A PDF from its object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def many_pages(count):
    """`count` pages each saying its number in a standard font: over the reader's page limit."""
    kids = " ".join("%d 0 R" % (4 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids.encode(), count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    content = 4 + count
    for _ in range(count):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return pdf(objects)


def hostile(out):
    with open(out + "/hostile-garbage.pdf", "wb") as f:
        # The header a sniffer accepts, then nothing a PDF parser can use.
        f.write(b"%PDF-1.7\n" + bytes((i * 131 + 7) % 256 for i in range(4096)))
    with open(out + "/made-wrapped-labels.pdf", "rb") as f:
        whole = f.read()
    with open(out + "/hostile-truncated.pdf", "wb") as f:
        # A download cut off: the first third of a real file, no xref, no trailer.
        f.write(whole[: len(whole) // 3])
    with open(out + "/hostile-301-pages.pdf", "wb") as f:
        f.write(many_pages(301))


def main():
    if sys.argv[1] == "--hostile":
        hostile(sys.argv[2])
        return
    work, out = sys.argv[1], sys.argv[2]
    tables = values()
    variants = {
        "made-wrapped-labels": report_html(tables, label_widths=("6%", "9%", "11%")),
        "made-vertical-label": report_html(tables, label_widths=("3%", "16%", "30%"), vertical=True),
        "made-across-pages": report_html(tables, long_overview=True, furniture=True),
    }
    # One more report: 法人或其他组织 left blank throughout (its own JSON, made-report-blank-block.json).
    blank = values(blank_block=True)
    variants["made-blank-block"] = report_html(blank)
    for name, html in variants.items():
        with open("%s/%s.html" % (work, name), "w", encoding="utf-8") as f:
            f.write(html)
    with open(work + "/scan.png", "wb") as f:
        f.write(png(300, 420))
    with open(work + "/made-image-only.html", "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><body><p><img src="scan.png" width="500" height="700"></p></body></html>')
    report = {"form": "2021", "agency": AGENCY, "year": YEAR, "date": "2024-01-20",
              "sections": {"overview": "\n".join(OVERVIEW), "problems": PROBLEMS, "other": OTHER},
              "tables": tables}
    for name, data in [("made-report.json", tables), ("made-report-blank-block.json", blank)]:
        with open(out + "/" + name, "w", encoding="utf-8") as f:
            json.dump(dict(report, tables=data), f, ensure_ascii=False, indent=2)
            f.write("\n")


main()
