#!/usr/bin/env python3
"""Write ~600 HTML pages into .build-htmldiff/pages/ for the differential test of the HTML reader.

    python3 make_variants.py [--out DIR] [--seed N] [--mutants N]

Sources (all read-only, from the repository):
  real_*   the pages of Tests/Fixtures/html, bytes as they are
  lit_*    page literals extracted from Tests/HTMLReportTests/*.swift
  seed_*   the corpus texts (Tests/Fixtures/corpus/*.txt) turned into pages the way the
           Swift tests' seedPage() does it, inside every wrapper literal of the tests (%@)
  hostile_* the pages HostilePageTests builds with code (deep nesting, huge spans, ...)
  mut_*    seeded random mutations (1-3 each) of the real pages and of the seed pages
Reproducible: the same seed gives the same bytes.
"""
import argparse
import os
import random
import re
import shutil
import sys

# The repository: two folders up from this script.
MAIN = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HTML_DIR = os.path.join(MAIN, "Tests/Fixtures/html")
CORPUS = os.path.join(MAIN, "Tests/Fixtures/corpus")
SWIFT_DIR = os.path.join(MAIN, "Tests/HTMLReportTests")

# ---------------------------------------------------------------- Swift literal extraction


def swift_unescape(s):
    """Swift string escapes; returns None if the literal interpolates (\\( ... ))."""
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = s[i + 1] if i + 1 < len(s) else ""
        if n == "(":
            return None
        if n == "u" and s[i + 2:i + 3] == "{":
            j = s.index("}", i)
            out.append(chr(int(s[i + 3:j], 16)))
            i = j + 1
            continue
        m = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
        if n in m:
            out.append(m[n])
            i += 2
            continue
        if n == "\n":  # line continuation in multi-line literal
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def extract_literals(src):
    """(kind, text) for every multi-line and single-line string literal of a Swift file."""
    lits = []
    # multi-line """ ... """ (not raw)
    pat = re.compile(r'"""[ \t]*\n(.*?)\n([ \t]*)"""', re.S)
    rest = []
    last = 0
    for m in pat.finditer(src):
        body, indent = m.group(1), m.group(2)
        lines = body.split("\n")
        lines = [l[len(indent):] if l.startswith(indent) else l.lstrip(" \t") for l in lines]
        text = swift_unescape("\n".join(lines))
        lits.append(("multi", text))
        rest.append(src[last:m.start()])
        last = m.end()
    rest.append(src[last:])
    rest = "".join(rest)
    for line in rest.split("\n"):
        if line.strip().startswith("//"):
            continue
        for m in re.finditer(r'#"(.*?)"#', line):
            lits.append(("raw", m.group(1)))
        line = re.sub(r'#"(.*?)"#', "", line)
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', line):
            text = swift_unescape(m.group(1))
            if text is not None:
                lits.append(("single", text))
    return [(k, t) for k, t in lits if t is not None]


def looks_like_page(t):
    return "<" in t and re.search(r"<\s*(!doctype|html|head|body|table|meta|p|tr|div|\?xml|!--)", t, re.I)


# ---------------------------------------------------------------- seedPage() of PageShapeTests


def seed_page(text, wrapper="<html><body>%@</body></html>"):
    html = ""
    in_table = False
    for line in text.split("\n"):
        esc = line.replace("&", "&amp;").replace("<", "&lt;")
        if "\t" in line:
            if not in_table:
                html += '<table border="1">\n'
            in_table = True
            html += "<tr>" + "".join("<td>%s</td>" % c for c in esc.split("\t")) + "</tr>\n"
        else:
            if in_table:
                html += "</table>\n"
            in_table = False
            if line:
                html += "<p>%s</p>\n" % esc
    if in_table:
        html += "</table>\n"
    return wrapper.replace("%@", html)


# ---------------------------------------------------------------- mutations

BLOCKS = ["p", "div", "table", "tr", "td", "h1", "h2", "li", "ul", "span", "strong", "article", "header", "nav"]
TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:]*)([^<>]*)>")
WRAPS = ['<div class="share">', '<div id="footer">', "<nav>", '<div class="tools">', "<aside>", "<footer>",
         '<div class="pager">', '<div class="position">', "<header>", '<div id="bottom">', "<form>",
         '<div class="left">', '<div class="content">', '<div id="zoom">', "<section>", "<main>",
         '<div class="crumbs">', '<div class="info">']
WS = [" ", "\n", "\n\n", "\t", "  \n  ", "&nbsp;", "&nbsp;&nbsp;", "\u3000", "\r\n", " &nbsp; ", "&#160;", "\u00a0"]
COMMENTS = ["<!-- c -->", "<!--[if gte mso 9]><xml><o:x>1</o:x></xml><![endif]-->",
            "<![if !supportLists]>x<![endif]>", "<![if !supportLists]><span>1.</span><![endif]>",
            "<!-- 2099年政府信息公开工作年度报告 -->", "<!---->", "<o:p></o:p>", "<o:p>&nbsp;</o:p>",
            "<![endif]>", "<!--[if !supportLineBreakNewLine]--><br><!--[endif]-->"]
HIDES = [' style="display:none"', " hidden", ' style="display: none;"', ' style="visibility:hidden"',
         ' style="DISPLAY: NONE"', ' style="color:red;display:none"', ' aria-hidden="true"', ' style="display:block"']
SPANS = ["1", "2", "3", "4", "0", "7", "99999999", "-1", "abc", '"2"', "'3'", " 2 ", "65534", ""]
META_TABLE = ('<table class="meta"><tr><td>索引号：</td><td>011086/2021-00012</td><td>主题分类：</td><td>年报</td></tr>\n'
              '<tr><td>发布机构：</td><td>{agency}</td><td>发文日期：</td><td>2021-02-01</td></tr>\n'
              '<tr><td>名称：</td><td colspan="3">{agency}2099年政府信息公开工作年度报告</td></tr></table>\n')
META_DIV = ('<div class="xxgk_info"><ul><li>索引号：014314799/2024-00002</li><li>发布机构：{agency}</li>'
            '<li>公开日期：2024-01-17</li><li>文号：</li></ul></div>\n')
LINK_TITLES = ["武汉市东西湖区民政局2020年政府信息公开工作年度报告", "{agency}2019年政府信息公开工作年度报告",
               "上海市教育委员会2019年政府信息公开工作年度报告", "关于2021年春节期间值班安排的通知", "首页", "政务公开",
               "沭阳县人民政府2023年政府信息公开工作年度报告", "年度报告"]
SCRIPTS = ['<script>document.write("<p>本年新收政府信息公开申请数量 999</p>");</script>',
           "<style>p { color: red } /* 2099年政府信息公开工作年度报告 */</style>",
           "<noscript>2099年某局政府信息公开工作年度报告</noscript>",
           "<template><p>2099年政府信息公开工作年度报告</p></template>",
           "<select><option>2099年政府信息公开工作年度报告</option></select>",
           "<textarea>本年新收政府信息公开申请数量 999</textarea>"]
TITLE_RE = re.compile(r"(?:[\u4e00-\u9fff（）()]{2,40}?)?\d{4}\s*年(?:度)?[\u4e00-\u9fff]*?政府信息公开(?:工作)?年度报告")


def tags(s, names=None, closing=None):
    out = []
    for m in TAG_RE.finditer(s):
        if names is not None and m.group(2).lower() not in names:
            continue
        if closing is not None and (m.group(1) == "/") != closing:
            continue
        out.append(m)
    return out


def element_span(s, m):
    """(start, end) of the element whose start tag is m, by counting same-name tags."""
    name = m.group(2).lower()
    depth = 0
    for t in TAG_RE.finditer(s, m.start()):
        if t.group(2).lower() != name:
            continue
        if t.group(1) == "/":
            depth -= 1
            if depth == 0:
                return m.start(), t.end()
        elif not t.group(3).rstrip().endswith("/"):
            depth += 1
    return None


def gaps(s):
    """Positions between two tags (after a '>' that a '<' follows, maybe after white space)."""
    return [m.start() + 1 for m in re.finditer(r">\s*<", s)]


def pick_element(r, s, names=BLOCKS):
    ms = tags(s, set(names), closing=False)
    r.shuffle(ms)
    for m in ms[:20]:
        sp = element_span(s, m)
        if sp:
            return sp
    return None


def agency_of(s):
    m = TITLE_RE.search(s)
    if m:
        a = re.sub(r"\d{4}.*", "", m.group(0))
        if a:
            return a
    return "某某区人民政府办公室"


def m_delete_tag(r, s):
    ms = tags(s)
    if not ms:
        return s, None
    m = r.choice(ms)
    return s[:m.start()] + s[m.end():], "deltag"


def m_delete_endtag(r, s):
    ms = tags(s, closing=True)
    if not ms:
        return s, None
    m = r.choice(ms)
    return s[:m.start()] + s[m.end():], "delend"


def m_delete_tags_of(r, s):
    name = r.choice(["td", "tr", "p", "table", "div", "tbody", "br", "strong", "span"])
    k = r.choice([1, 2, 5, 1000])
    ms = [m for m in tags(s, {name})][:k] if k == 1000 else r.sample(tags(s, {name}), min(k, len(tags(s, {name}))))
    for m in sorted(ms, key=lambda m: -m.start()):
        s = s[:m.start()] + s[m.end():]
    return s, "del" + name


def m_dup(r, s):
    sp = pick_element(r, s, ["p", "tr", "td", "table", "div", "li", "h1", "h2", "strong"])
    if not sp:
        return s, None
    a, b = sp
    return s[:b] + r.choice(["", "\n"]) + s[a:b] + s[b:], "dup"


def m_wrap(r, s):
    sp = pick_element(r, s, ["p", "table", "div", "h1", "h2", "ul", "article"])
    if not sp:
        return s, None
    a, b = sp
    w = r.choice(WRAPS)
    if r.random() < 0.3:  # wrap a run of several siblings/blocks
        ms = [m for m in tags(s, {"p", "table"}, closing=True) if m.end() > b]
        if ms:
            b = r.choice(ms[:30]).end()
            sp2 = None
    end = "</" + re.match(r"<(\w+)", w).group(1) + ">"
    return s[:a] + w + s[a:b] + end + s[b:], "wrap"


def m_whitespace(r, s):
    g = gaps(s)
    if not g:
        return s, None
    for pos in sorted(r.sample(g, min(len(g), r.choice([1, 5, 30, 200]))), reverse=True):
        s = s[:pos] + r.choice(WS) + s[pos:]
    return s, "ws"


def m_text_whitespace(r, s):
    # white space, line breaks and &nbsp; inside text runs (between Chinese characters, around numbers)
    spots = [m.start() + 1 for m in re.finditer(r">[^<>\s]", s)] + [m.start() for m in re.finditer(r"[^<>\s]<", s)]
    spots += [m.start() + 1 for m in re.finditer(r"[\u4e00-\u9fff][\u4e00-\u9fff0-9]", s)][:5000]
    if not spots:
        return s, None
    for pos in sorted(r.sample(spots, min(len(spots), r.choice([3, 20, 100]))), reverse=True):
        s = s[:pos] + r.choice(WS + ["\n    ", "<br>", "<br/>", "<span></span>", "<wbr>"]) + s[pos:]
    return s, "textws"


def m_comment(r, s):
    g = gaps(s)
    if not g:
        return s, None
    for pos in sorted(r.sample(g, min(len(g), r.choice([1, 3, 20]))), reverse=True):
        s = s[:pos] + r.choice(COMMENTS) + s[pos:]
    return s, "comment"


def m_hide(r, s):
    ms = tags(s, {"p", "div", "table", "tr", "td", "span", "h1", "h2", "article", "strong", "li"}, closing=False)
    if not ms:
        return s, None
    for m in sorted(r.sample(ms, min(len(ms), r.choice([1, 1, 3]))), key=lambda m: -m.start()):
        at = m.end() - 1 - (1 if s[m.end() - 2] == "/" else 0)
        s = s[:at] + r.choice(HIDES) + s[at:]
    return s, "hide"


def m_spans(r, s):
    ms = tags(s, {"td", "th"}, closing=False)
    if not ms:
        return s, None
    for m in sorted(r.sample(ms, min(len(ms), r.choice([1, 2, 5]))), key=lambda m: -m.start()):
        attr = r.choice(["rowspan", "colspan", "ROWSPAN", "colSpan"])
        v = r.choice(SPANS)
        v = v if v.startswith(("'", '"')) else '"%s"' % v
        s = s[:m.end() - 1] + " %s=%s" % (attr, v) + s[m.end() - 1:]
    return s, "span"


def m_split_table(r, s):
    ms = tags(s, {"tr"}, closing=False)
    if len(ms) < 2:
        return s, None
    m = r.choice(ms[1:])
    ins = r.choice(["</table><table>", '</table>\n<table border="1">', "</table><p>&nbsp;</p><table>",
                    "</table><br><table>", "</tbody></table>\n<p>（续表）</p>\n<table><tbody>", "</table>"])
    return s[:m.start()] + ins + s[m.start():], "split"


def m_unarticle(r, s):
    n = re.sub(r"</?article[^>]*>", "", s)
    if n != s:
        return n, "unarticle"
    n = re.sub(r'<div[^>]*id="zoom"[^>]*>', "<div>", s)
    if n != s:
        return n, "unzoom"
    return s, None


def m_article(r, s):
    # put <article> around a random range of the body
    ms = tags(s, {"p", "table", "div", "h1", "h2"}, closing=False)
    if len(ms) < 2:
        return s, None
    a = r.choice(ms)
    ends = [m for m in tags(s, {"p", "table", "div", "h1", "h2"}, closing=True) if m.end() > a.start()]
    if not ends:
        return s, None
    b = r.choice(ends)
    return s[:a.start()] + "<article>" + s[a.start():b.end()] + "</article>" + s[b.end():], "article"


def m_upper(r, s):
    mode = r.choice(["all", "some", "attrs"])

    def up(m):
        if mode == "some" and r.random() < 0.5:
            return m.group(0)
        attrs = m.group(3).upper() if mode == "attrs" else m.group(3)
        return "<" + m.group(1) + m.group(2).upper() + attrs + ">"
    return TAG_RE.sub(up, s), "upper"


def m_meta(r, s):
    block = r.choice([META_TABLE, META_DIV]).format(agency=agency_of(s))
    g = gaps(s)
    b = s.find("<body")
    cands = [p for p in g if p > b] if b >= 0 else g
    if not cands:
        return block + s, "meta"
    pos = r.choice(cands[:40] if r.random() < 0.6 else cands)
    return s[:pos] + block + s[pos:], "meta"


def m_links(r, s):
    ag = agency_of(s)
    items = r.sample(LINK_TITLES, r.randint(2, 6))
    ul = "<ul>" + "".join('<li><a href="/%d.html">%s</a></li>' % (i, t.format(agency=ag)) for i, t in enumerate(items)) + "</ul>"
    if r.random() < 0.5:
        ul = r.choice(['<div class="left"><h3>年度报告</h3>', '<div class="related"><p>相关链接</p>', "<div>"]) + ul + "</div>"
    g = gaps(s)
    if not g:
        return s + ul, "links"
    pos = r.choice(g)
    return s[:pos] + ul + "\n" + s[pos:], "links"


def m_nest_table(r, s):
    ms = tags(s, {"td"}, closing=False)
    if not ms:
        return s, None
    m = r.choice(ms)
    inner = r.choice(['<table><tr><td>内1</td><td>内<br>2</td></tr></table>',
                      '<table border="1"><tr><td rowspan="2">甲</td><td>1</td></tr><tr><td>2</td></tr></table>',
                      "<table><tr><td>%d</td></tr></table>" % r.randint(0, 99),
                      "<p>前言</p><table><tr><td>x</td><td>y</td></tr></table>"])
    if r.random() < 0.3:  # or wrap the whole table in a layout table cell
        sp = pick_element(r, s, ["table"])
        if sp:
            a, b = sp
            return s[:a] + "<table class=\"layout\"><tr><td>" + s[a:b] + "</td><td>右栏</td></tr></table>" + s[b:], "layout"
    return s[:m.end()] + inner + s[m.end():], "nest"


def m_truncate(r, s):
    n = len(s)
    pos = r.randint(n // 10, n - 1) if r.random() < 0.7 else r.randint(0, n - 1)
    return s[:pos], "trunc"


def m_title_only(r, s):
    t = TITLE_RE.search(re.sub(r"<title>.*?</title>", "", s, flags=re.S))
    n = re.sub(r"<h[1-3][^>]*>.*?</h[1-3]>", "", s, flags=re.S)
    if "<title>" not in n:
        title = t.group(0) if t else "2020年政府信息公开工作年度报告"
        n = re.sub(r"(<head[^>]*>)", r"\1<title>" + title + "_门户网站</title>", n, count=1)
        if "<title>" not in n:
            n = "<html><head><title>%s</title></head>" % title + n
    # also remove title paragraphs (seed pages keep it in <p>)
    n = re.sub(r"<p>[^<]{0,40}?</p>\n<p>\d{4} ?年政府信息公开工作年度报告</p>\n", "", n, count=1)
    return n, "titleonly"


def m_title_change(r, s):
    choice = r.random()
    if choice < 0.3:
        return re.sub(r"<title>.*?</title>", "", s, flags=re.S), "notitle"
    if choice < 0.6:
        return re.sub(r"<title>.*?</title>", "<title>首页</title>", s, flags=re.S), "badtitle"
    # change the year in the title(s) and headings
    y = str(r.choice([2018, 2019, 2020, 2021, 2022, 2024, 2099]))
    return re.sub(r"(<(?:title|h1|h2)[^>]*>[^<]*?)\d{4}(年)", lambda m: m.group(1) + y + m.group(2), s), "year"


def m_numbers(r, s):
    ms = list(re.finditer(r"(<td[^>]*>(?:<p[^>]*>)?(?:<span[^>]*>)?)\s*(\d+)\s*(<)", s))
    if not ms:
        return s, None
    for m in sorted(r.sample(ms, min(len(ms), r.choice([1, 2, 4]))), key=lambda m: -m.start()):
        v = r.choice([str(int(m.group(2)) + r.randint(1, 9)), "", "0", "-", "/", "无", "1,234", "12.5", "３"])
        s = s[:m.start(2)] + v + s[m.end(2):]
    return s, "num"


def m_cell_markup(r, s):
    ms = tags(s, {"td"}, closing=False)
    if not ms:
        return s, None
    for m in sorted(r.sample(ms, min(len(ms), r.choice([1, 5, 20]))), key=lambda m: -m.start()):
        s = s[:m.end()] + r.choice(["<p>", "<br>", "<p></p>", "<span>&nbsp;</span>", "\n  ", "<strong></strong>",
                                   '<p class="MsoNormal" align="center"><span lang="EN-US"><o:p></o:p></span></p>']) + s[m.end():]
    return s, "cellmk"


def m_entities(r, s):
    def ent(m):
        if r.random() < 0.2:
            c = m.group(0)
            return r.choice(["&#%d;" % ord(c), "&#x%X;" % ord(c), "&#x%x;" % ord(c)])
        return m.group(0)
    parts = re.split(r"(<[^>]*>)", s)
    return "".join(p if p.startswith("<") else re.sub(r"[\u4e00-\u9fff0-9]", ent, p) for p in parts), "ent"


def m_script(r, s):
    g = gaps(s)
    if not g:
        return s, None
    pos = r.choice(g)
    return s[:pos] + r.choice(SCRIPTS) + s[pos:], "script"


def m_deep(r, s):
    n = r.choice([30, 100, 250, 255, 257, 300])
    b = re.search(r"<body[^>]*>", s)
    pos = b.end() if b else 0
    e = s.rfind("</body>")
    e = e if e >= pos else len(s)
    return s[:pos] + "<div>" * n + s[pos:e] + "</div>" * n + s[e:], "deep%d" % n


def m_lineends(r, s):
    c = r.random()
    if c < 0.4:
        return s.replace("\n", "\r\n"), "crlf"
    if c < 0.6:
        return s.replace("\n", "\r"), "cr"
    if c < 0.8:
        return s.replace("\n", ""), "oneline"
    return "\ufeff" + s, "bom"


def m_charset(r, s):
    decl = r.choice(['<meta charset="gbk">', '<meta charset="utf-8">', '<meta charset="big5">', '<meta charset=GB2312>',
                     '<meta http-equiv="Content-Type" content="text/html; charset=gb18030">', '<meta charset="latin1">', ""])
    n = re.sub(r'<meta[^>]*charset[^>]*>', decl, s, count=1, flags=re.I)
    return n, "charset"


def m_move_title(r, s):
    # heading above the article / outside the report region
    m = re.search(r"<h[12][^>]*>.*?</h[12]>", s, re.S)
    if not m:
        return s, None
    h = m.group(0)
    s2 = s[:m.start()] + s[m.end():]
    b = re.search(r"<body[^>]*>", s2)
    pos = b.end() if b else 0
    if r.random() < 0.5:
        h = "<div class=\"title\">" + re.sub(r"</?h[12][^>]*>", "", h) + "</div>"
    return s2[:pos] + h + s2[pos:], "movetitle"


MUTATIONS = [
    (m_delete_tag, 6), (m_delete_endtag, 6), (m_delete_tags_of, 3), (m_dup, 6), (m_wrap, 8), (m_whitespace, 6),
    (m_text_whitespace, 4), (m_comment, 5), (m_hide, 6), (m_spans, 7), (m_split_table, 6), (m_unarticle, 3),
    (m_article, 2), (m_upper, 3), (m_meta, 4), (m_links, 4), (m_nest_table, 4), (m_truncate, 4), (m_title_only, 4),
    (m_title_change, 3), (m_numbers, 6), (m_cell_markup, 4), (m_entities, 2), (m_script, 2), (m_deep, 1),
    (m_lineends, 2), (m_charset, 1), (m_move_title, 2),
]


def mutate(r, s):
    names = []
    funcs = [f for f, w in MUTATIONS]
    weights = [w for f, w in MUTATIONS]
    for _ in range(r.choice([1, 1, 2, 2, 3])):
        for _attempt in range(5):
            f = r.choices(funcs, weights)[0]
            n, name = f(r, s)
            if name:
                s = n
                names.append(name)
                break
    return s, names


# ---------------------------------------------------------------- hostile pages built by code


def hostile_pages(seed_text):
    pages = {}
    dtd = '<!ENTITY lol0 "lol">\n'
    for level in range(1, 10):
        dtd += '<!ENTITY lol%d "' % level + ("&lol%d;" % (level - 1)) * 10 + '">\n'
    pages["billion_laughs"] = ("<!DOCTYPE html [\n%s]>\n<html><body><p>a&lol9;b</p><p>&unknown; &amp;&lt;&#x4E2D;&#20013;</p></body></html>" % dtd).encode()
    pages["deep10000"] = ("<html><body>\n" + "<div>" * 10000 + "x</body></html>").encode()
    body = "\n".join("<p>%s</p>" % l.replace("\t", " ") for l in seed_text.split("\n"))
    pages["nested200"] = ("<html><body>" + "<div>" * 200 + body + "</div>" * 200 + "</body></html>").encode()
    pages["nested256"] = ("<html><body>" + "<div>" * 254 + body + "</div>" * 254 + "</body></html>").encode()
    pages["too_large"] = b"<html><body><p>" + b"a" * (20 * 1024 * 1024)
    pages["too_many_cells"] = ("<html><body><table>" + '<tr><td colspan="1000">x</td></tr>\n' * 300 + "</table></body></html>").encode()
    pages["many_cells_ok"] = ("<html><body><table>" + '<tr><td colspan="600">x</td></tr>\n' * 300 + "</table></body></html>").encode()
    pages["garbage"] = bytes((i * 7919 + 13) & 0xFF for i in range(4096))
    pages["empty"] = b""
    pages["pdf_magic"] = b"%PDF-1.7\n"
    pages["zip_magic"] = b"PK\x03\x04"
    pages["corpus_txt"] = seed_text.encode()
    pages["htmlish"] = b"<htmlish>"
    pages["p_only"] = b"<p>text</p>"
    pages["binary_after_start"] = b"<html><body>" + bytes([0x80, 0x00, 0xFF, 0xFE, 0x81, 0x20] + [(i * 31) & 0xFF for i in range(1000)])
    pages["declared_gbk_broken"] = b'<meta charset="gbk"><p>' + bytes([0xD6, 0x20, 0xFF])
    pages["broken_markup"] = "<html><body><p>unclosed <b><i>x</p></table></tr><td>y<zz:foo a=>&bogus;\u0001<p>z</body></html></html><html>".encode()
    pages["gbk_4byte"] = b"<html><body><p>" + bytes([0xD6, 0xD0, 0xCE, 0xC4, 0x95, 0x32, 0x82, 0x36]) + b"</p></body></html>"
    pages["utf8_bom"] = b"\xef\xbb\xbf" + "<html><p>中文</p>".encode()
    pages["utf16le_bom"] = b"\xff\xfe" + "<html><p>中文</p></html>".encode("utf-16-le")
    pages["utf16le_seed"] = b"\xff\xfe" + seed_page(seed_text).encode("utf-16-le")
    pages["utf16be_seed"] = b"\xfe\xff" + seed_page(seed_text).encode("utf-16-be")
    pages["declared_gbk_utf8"] = "<meta charset=gbk><p>中文</p>".encode()
    pages["seed_gb18030_undeclared"] = seed_page(seed_text).encode("gb18030")
    pages["seed_gbk_declared"] = seed_page(seed_text, '<html><head><meta charset="gbk"></head><body>%@</body></html>').encode("gb18030")
    return pages


def mangle_bytes(r, original):
    """testMangledPagesAreReadOrRefused, with Python's generator: cut, repeat, splice bytes."""
    splices = [x.encode() for x in ["<table>", "</td>", '<td rowspan="65534" colspan="1000">', "</table></table>", "<tr>",
                                    "&#0;", "<!--", "\0", "<![CDATA["]] + [bytes([0xD6, 0xD0, 0x80]), bytes([0xFF, 0xFE])]
    b = bytearray(original)
    for _ in range(r.randint(1, 6)):
        at = r.randrange(len(b))
        length = min(r.randint(1, 400), len(b) - at)
        k = r.randrange(3)
        if k == 0:
            del b[at:at + length]
        elif k == 1:
            b[at:at] = b[at:at + length]
        else:
            b[at:at] = r.choice(splices)
    return bytes(b)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(MAIN, ".build-htmldiff", "pages"))
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--mutants", type=int, default=470, help="structural mutants (plus 30 byte-mangled)")
    a = ap.parse_args()
    r = random.Random(a.seed)
    if os.path.isdir(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    written = {}

    def write(name, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        path = os.path.join(a.out, name + ".html")
        assert not os.path.exists(path), path
        with open(path, "wb") as f:
            f.write(data)
        written[name] = len(data)

    # 1. real pages, bytes as they are
    real = {}
    for fn in sorted(os.listdir(HTML_DIR)):
        if fn.endswith(".html"):
            data = open(os.path.join(HTML_DIR, fn), "rb").read()
            write("real_" + fn[:-5], data)
            real[fn[:-5]] = data

    # 2. literals of the Swift tests
    seen = set()
    wrappers = []
    n = 0
    for fn in sorted(os.listdir(SWIFT_DIR)):
        if not fn.endswith(".swift"):
            continue
        for kind, text in extract_literals(open(os.path.join(SWIFT_DIR, fn), encoding="utf-8").read()):
            if not looks_like_page(text) or text in seen or text.startswith("error:"):
                continue
            seen.add(text)
            if "%@" in text:
                wrappers.append(text)
                continue
            n += 1
            write("lit_%s_%02d_%s" % (fn[:-len("Tests.swift")], n, kind), text)

    # 3. seed pages: every corpus text in the default wrapper and every wrapper literal
    seed_text = open(os.path.join(CORPUS, "000_7a2d54064bc2732c.txt"), encoding="utf-8").read()
    texts = {fn[:-4]: open(os.path.join(CORPUS, fn), encoding="utf-8").read()
             for fn in sorted(os.listdir(CORPUS)) if fn.endswith(".txt")}
    all_wrappers = ["<html><body>%@</body></html>"] + wrappers
    seeds = {}
    seed_title = "<p>武汉市东西湖区残疾人联合会</p>\n<p>2020 年政府信息公开工作年度报告</p>"
    for tname, text in texts.items():
        for wi, w in enumerate(all_wrappers):
            page = seed_page(text, w)
            nm = "seed_%s_w%d" % (tname, wi)
            write(nm, page)
            seeds[nm] = page
            if seed_title in page:  # the tests' withoutTitle variants
                write(nm + "_notitle", page.replace(seed_title, ""))

    # 4. hostile pages built by code
    for k, v in hostile_pages(seed_text).items():
        write("hostile_" + k, v)

    # 5. structural mutations: real UTF-8 pages (decoded GBK ones too) and seed pages
    bases = []
    for k, data in real.items():
        if ".gb" in k:
            bases.append(("real_" + k, data.decode("gb18030"), "gb18030"))
        else:
            bases.append(("real_" + k, data.decode("utf-8"), "utf-8"))
    utf8_real = [b for b in bases if b[2] == "utf-8"]
    gbk_real = [b for b in bases if b[2] != "utf-8"]
    seed_bases = [(k, v, "utf-8") for k, v in sorted(seeds.items())]
    for i in range(a.mutants):
        x = r.random()
        if x < 0.55:
            base = r.choice(utf8_real)
        elif x < 0.62:
            base = r.choice(gbk_real)
        else:
            base = r.choice(seed_bases)
        bname, text, enc = base
        s, names = mutate(r, text)
        data = s.encode(enc, "replace") if enc != "utf-8" else s.encode("utf-8", "surrogatepass")
        if "trunc" in names and r.random() < 0.5 and len(data) > 1:  # a cut through a multi-byte character
            data = data[:r.randrange(1, len(data))]
        write("mut_%03d_%s_%s" % (i, bname[:40], "-".join(names)), data)

    # 6. byte-level mangling (HostilePageTests.testMangledPagesAreReadOrRefused)
    for i in range(30):
        src = r.choice(["09_shuyang_fgj_2023", "04_shanghai_szfbgt_2019", "09_shuyang_fgj_2023.gbk"])
        write("mangle_%02d_%s" % (i, src), mangle_bytes(r, real[src]))

    kinds = {}
    for k in written:
        kinds[k.split("_")[0]] = kinds.get(k.split("_")[0], 0) + 1
    print("%d pages in %s: %s" % (len(written), a.out, ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))


if __name__ == "__main__":
    main()
