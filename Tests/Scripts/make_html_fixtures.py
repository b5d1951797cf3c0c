#!/usr/bin/env python3
"""Writes Tests/Fixtures/html/*.html: corpus reports as government sites publish them.

No real HTML page is in the corpus yet, so these pages are built in the structure of real
sites: a site header with navigation, a breadcrumb, the 索引号/发布机构 metadata table, the
report in an article region with its tables inline as <table> with the official form's
rowspan/colspan (generated from templates/form-*.json, the values from the corpus JSON),
print/close links and a footer with 版权所有/备案号. The narrative is the corpus text's.

    python3 Tests/Scripts/make_html_fixtures.py      # from the package root
"""
import html
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "Tests/Fixtures/corpus")
OUT = os.path.join(ROOT, "Tests/Fixtures/html")


def esc(text):
    return html.escape(text, quote=False)


def leaves(node):
    return [node] if "children" not in node else [leaf for child in node["children"] for leaf in leaves(child)]


def depth(nodes):
    return max(1 + (depth(n["children"]) if "children" in n else 0) for n in nodes)


def value_text(values, table, row, column, overrides):
    key = f"{table}.{row}.{column}"
    if key in overrides:
        return overrides[key]
    value = values.get(row, {}).get(column)
    if value is None:
        return ""
    return str(value)


def td(text, rowspan=1, colspan=1, indent="      "):
    attributes = ""
    if rowspan > 1:
        attributes += f' rowspan="{rowspan}"'
    if colspan > 1:
        attributes += f' colspan="{colspan}"'
    return f'{indent}<td{attributes}><p align="center">{esc(text)}</p></td>\n'


def blocks_table(table, values, overrides, labels):
    """Section 二: one table, each block a caption row, a header row and its rows."""
    width = 1 + max(len(block["columns"]) for block in table["blocks"])
    out = '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n'
    for block in table["blocks"]:
        out += "    <tr>\n" + td(block["caption"], colspan=width) + "    </tr>\n"
        columns = block["columns"]
        out += "    <tr>\n" + td(block["corner"])
        for index, column in enumerate(columns):
            span = width - len(columns) if index == len(columns) - 1 else 1
            out += td(column["label"], colspan=span)
        out += "    </tr>\n"
        for row in block["rows"]:
            out += "    <tr>\n" + td(labels.get(row["id"], row["label"]))
            for index, column in enumerate(columns):
                span = width - len(columns) if index == len(columns) - 1 else 1
                out += td(value_text(values, table["id"], row["id"], column["id"], overrides), colspan=span)
            out += "    </tr>\n"
    return out + "</tbody>\n</table>\n"


def header_rows(nodes, levels):
    """The column header of a tree: a node spans its leaves, a leaf above the bottom spans down."""
    rows = [[] for _ in range(levels)]

    def place(node, level):
        if "children" in node:
            rows[level].append((node["label"], 1, len(leaves(node))))
            for child in node["children"]:
                place(child, level + 1)
        else:
            rows[level].append((node["label"], levels - level, 1))

    for node in nodes:
        place(node, 0)
    return rows


def grid_table(table, values, overrides, labels, split_after=None, split_style="cms"):
    """Section 三: corner over the row-header columns, the column tree, the row tree.

    split_after: the table continues in a second table from that row on. "cms": the merged
    labels of the first table keep their full rowspan (running past its end); "word": they
    end with the first table and the second opens empty merged cells in their place (what
    Word writes when a page break splits a table)."""
    columns = table["column_header"]
    levels = depth(columns)
    row_levels = depth(table["row_header"])
    leaf_columns = [leaf for node in columns for leaf in leaves(node)]
    out = '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n'
    for index, cells in enumerate(header_rows(columns, levels)):
        out += "    <tr>\n"
        if index == 0:
            out += td(table["corner"], rowspan=levels, colspan=row_levels)
        for label, rowspan, colspan in cells:
            out += td(label, rowspan=rowspan, colspan=colspan)
        out += "    </tr>\n"

    lines = []
    groups = []  # (first row, rows, level) of each merged label

    def place(node, level):
        if "children" in node:
            count = len(leaves(node))
            start = len(lines)
            for child in node["children"]:
                place(child, level + 1)
            lines[start].insert(0, (node["label"], count, 1, level))
            groups.append((start, count, level))
        else:
            cells = [(labels.get(node["id"], node["label"]), 1, row_levels - level, level)]
            for column in leaf_columns:
                cells.append((value_text(values, table["id"], node["id"], column["id"], overrides), 1, 1, None))
            lines.append(cells)

    for node in table["row_header"]:
        place(node, 0)
    for number, cells in enumerate(lines):
        if split_after is not None and number == split_after:
            # A page break in the source document: the table continues in a second table.
            out += "</tbody>\n</table>\n<p>&nbsp;</p>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\">\n<tbody>\n"
            if split_style == "word":
                open_groups = sorted((level, start + count - number) for start, count, level in groups if start < number < start + count)
                cells = [("", rows, 1, level) for level, rows in open_groups] + cells
        out += "    <tr>\n"
        for label, rowspan, colspan, level in cells:
            if split_style == "word" and split_after is not None and level is not None and number < split_after:
                rowspan = min(rowspan, split_after - number)
            out += td(label, rowspan=rowspan, colspan=colspan)
        out += "    </tr>\n"
    return out + "</tbody>\n</table>\n"


def band_table(table, values, overrides):
    """Section 四: the column tree over one row of 15 numbers."""
    columns = table["column_header"]
    levels = depth(columns)
    out = '<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n'
    for cells in header_rows(columns, levels):
        out += "    <tr>\n" + "".join(td(label, rowspan=r, colspan=c) for label, r, c in cells) + "    </tr>\n"
    out += "    <tr>\n"
    for group in columns:
        groups = group["children"] if "children" in group and "children" in group["children"][0] else [group]
        for inner in groups:
            for leaf in inner["children"]:
                out += td(value_text(values, table["id"], inner["id"], leaf["id"], overrides))
    out += "    </tr>\n"
    return out + "</tbody>\n</table>\n"


HEADINGS = {
    "proactive": r"^二、主动公开",
    "applications": r"^三、收到和处理",
    "appeals": r"^四、(因)?政府信息公开(工作)?(被申请)?行政复议",
    "end": r"^五、",
}


def paragraph(line):
    if re.match(r"^[一二三四五六]、", line):
        return f'<p style="text-indent:2em"><strong>{esc(line)}</strong></p>\n'
    return f'<p style="text-indent:2em">{esc(line)}</p>\n'


def report_body(name, overrides, labels, metadata_lines, split_after=None, split_style="cms"):
    text = open(os.path.join(CORPUS, name + ".txt"), encoding="utf-8").read().split("\n")
    data = json.load(open(os.path.join(CORPUS, name + ".json"), encoding="utf-8"))
    form = json.load(open(os.path.join(ROOT, "templates", f"form-{data['form']}.json"), encoding="utf-8"))
    tables = {table["id"]: table for table in form["tables"]}
    text = text[metadata_lines:]
    while text and text[-1] == "":
        text.pop()
    title = text[0]
    marks = {}
    for index, line in enumerate(text):
        for key, pattern in HEADINGS.items():
            if key not in marks and re.match(pattern, line) and "\t" not in line:
                marks[key] = index
    body = "".join(paragraph(line) for line in text[1:marks["proactive"]] if line.strip())
    body += paragraph(text[marks["proactive"]])
    body += blocks_table(tables["proactive"], data["tables"]["proactive"], overrides, labels)
    body += paragraph(text[marks["applications"]])
    body += grid_table(tables["applications"], data["tables"]["applications"], overrides, labels, split_after, split_style)
    body += paragraph(text[marks["appeals"]])
    body += band_table(tables["appeals"], data["tables"]["appeals"], overrides)
    body += "".join(paragraph(line) for line in text[marks["end"]:] if line.strip())
    return title, body


SCRIPT = """<script type="text/javascript">
  var _hmt = _hmt || []; // 统计代码: 政府信息公开工作年度报告 2099年 must not be read
  document.write("<div>本年新收政府信息公开申请数量 999</div>");
</script>
<style>.article p { line-height: 2em; } td { border: 1px solid #000; }</style>
"""


def shanghai_page(charset_tag, split_after=None, split_style="cms"):
    """An HTML5 site: header/nav/footer elements and an <article>."""
    title, body = report_body("04_shanghai_szfbgt_2019", {"proactive.procurement.amount": "251000元"}, {}, 0, split_after, split_style)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_tag}
<title>{esc(title)}_上海市人民政府</title>
{SCRIPT}</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">上海市人民政府</a></div>
  <nav><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">政务公开</a></li><li><a href="/nj/">政府信息公开年报</a></li></ul></nav>
</header>
<div class="container">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政务公开</a> &gt; 年度报告</div>
  <article class="Article">
    <h1 class="Article-title">{esc(title)}</h1>
    <div id="ivs_content" class="Article_content">
{body}    </div>
  </article>
  <div class="share"><span>分享到：</span><a href="#">微信</a><a href="#">微博</a> <a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
  <aside><h3>相关报告</h3><ul><li><a href="#">上海市人民政府办公厅2018年政府信息公开工作年度报告</a></li></ul></aside>
</div>
<footer><p>版权所有：上海市人民政府办公厅 沪ICP备05017528号 网站标识码 3100000015</p></footer>
</body>
</html>
"""


def shuyang_page(charset_tag):
    """An older CMS: div soup in a layout table, a metadata table above the title."""
    title, body = report_body("09_shuyang_fgj_2023", {}, {"normative_documents": "规范性文件"}, 6)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset_tag}
<title>{esc(title)}-沭阳县人民政府</title>
{SCRIPT}</head>
<body>
<div class="top"><div class="top-links"><a href="/">沭阳县人民政府</a> | <a href="/wza/">无障碍</a></div></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="/xxgk/">信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<table width="1000" align="center" cellpadding="0" cellspacing="0" class="layout">
  <tr>
    <td>
<div class="dqwz">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">信息公开</a> &gt; <a href="#">年度报告</a></div>
<table class="xxgk_table" width="100%" border="0">
  <tr><td class="t1">名称</td><td colspan="3">{esc(title)}</td></tr>
  <tr><td class="t1">索引号</td><td>014314799/2024-00002</td><td class="t1">分类</td><td>信息公开年报 其他 报告</td></tr>
  <tr><td class="t1">发布机构</td><td>沭阳县发展和改革局</td><td class="t1">公开日期</td><td>2024-01-17</td></tr>
  <tr><td class="t1">文号</td><td></td><td class="t1">关键词</td><td></td></tr>
  <tr><td class="t1">文件下载</td><td colspan="3"></td></tr>
  <tr><td class="t1">时效</td><td colspan="3"></td></tr>
</table>
<div class="article_title"><h2>{esc(title)}</h2></div>
<div class="article_con" id="zoom">
{body}</div>
<div class="article_tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
    </td>
  </tr>
</table>
<div class="bottom"><p>主办单位：沭阳县人民政府办公室 版权所有 苏ICP备12345678号-1 苏公网安备 32132202000123号 网站标识码：3213220001</p></div>
</body>
</html>
"""


def write(name, text, encoding):
    with open(os.path.join(OUT, name), "wb") as handle:
        handle.write(text.encode(encoding))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("04_shanghai_szfbgt_2019.html", shanghai_page('<meta charset="utf-8">'), "utf-8")
    # The same page as a GB2312-labelled site serves it (GB2312 ⊂ GBK ⊂ GB18030).
    write("04_shanghai_szfbgt_2019.gb2312.html",
          shanghai_page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'), "gb18030")
    # The table of section 三 split in two after its 9th row, inside the merged labels.
    write("04_shanghai_szfbgt_2019.split.html", shanghai_page('<meta charset="utf-8">', split_after=9), "utf-8")
    # The same split as Word writes it: the merged labels end, the second table opens empty ones.
    write("04_shanghai_szfbgt_2019.split-word.html",
          shanghai_page('<meta charset="utf-8">', split_after=9, split_style="word"), "utf-8")
    write("09_shuyang_fgj_2023.html",
          shuyang_page('<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'), "utf-8")
    write("09_shuyang_fgj_2023.gbk.html", shuyang_page('<meta charset="gbk" />'), "gbk")
    # A text report saved in GBK (as Windows Notepad or an old site's "save as" writes it).
    os.makedirs(os.path.join(ROOT, "Tests/Fixtures/text"), exist_ok=True)
    with open(os.path.join(CORPUS, "09_shuyang_fgj_2023.txt"), encoding="utf-8") as source:
        write_text = source.read()
    with open(os.path.join(ROOT, "Tests/Fixtures/text/09_shuyang_fgj_2023.gbk.txt"), "wb") as handle:
        handle.write(write_text.encode("gbk"))
