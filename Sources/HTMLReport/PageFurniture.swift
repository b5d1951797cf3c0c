import Foundation

/// What a government site puts around a report: navigation, breadcrumbs, the metadata block
/// (索引号/发布机构/发文日期/主题分类), share and print links, the footer with 版权所有/备案号.
/// None of it is the report; left in, its dates and names would be read as the report's.
enum PageFurniture {
    /// Elements that never hold report content.
    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "nav", "footer", "aside", "form", "input", "select",
        "textarea", "button", "label", "option", "iframe", "object", "embed", "svg", "canvas", "template",
        "link", "meta", "map", "audio", "video", "head",
    ]

    /// class/id words of the furniture blocks of Chinese CMS templates (当前位置 = dqwz).
    private static let furnitureNames = [
        "breadcrumb", "crumb", "bread", "position", "location", "dqwz", "share", "bdshare", "print",
        "footer", "foot", "copyright", "navbar", "nav", "menu", "sidebar", "toolbar",
    ]

    /// Labels of the metadata block; two of them in one small block make it one.
    private static let metadataKeys = [
        "索引号", "发布机构", "发文日期", "主题分类", "成文日期", "发布日期", "公开日期", "信息分类", "发文机关",
        "发文字号", "文号", "公开方式", "公开范围", "生成日期", "所属机构", "有效性", "体裁分类", "组配分类",
        // The information line under a title: 发布时间：… 来源：… 浏览次数：…
        "发布时间", "信息来源", "来源：", "浏览次数", "访问次数", "阅读次数", "点击数", "访问量",
    ]
    private static let footerKeys = ["版权所有", "备案号", "ICP备", "网站标识码", "公网安备"]
    /// Starts of the lines around an article: breadcrumbs, links to the neighbouring articles
    /// (whose titles are other reports' titles) and lists of related pages.
    private static let breadcrumbStarts = [
        "当前位置", "您当前的位置", "您现在的位置", "您的位置", "当前所在位置", "上一篇", "下一篇", "上一条", "下一条",
        "相关链接", "相关文章", "相关阅读", "相关信息", "相关新闻",
    ]
    /// Link words of the tool bars (print, close, share, font size) after an article.
    private static let toolWords = [
        "打印本页", "关闭本页", "关闭窗口", "打印", "关闭", "分享到", "分享", "收藏", "字体", "字号", "返回顶部", "返回",
        "扫一扫", "微信", "微博", "QQ空间", "大", "中", "小", "【", "】", "[", "]", "|", ":", "：", "｜",
    ]

    /// Small blocks only: a furniture test must never swallow the report around it.
    private static let smallBlock = 600

    /// The element without its furniture; nil when the element itself is furniture.
    static func removed(from element: HTMLElement) -> HTMLElement? {
        if droppedElements.contains(element.name) || isHidden(element) || isFurniture(element) || isLinkList(element) { return nil }
        // A site's <header> is its banner, but an article's <header> holds the report title.
        if element.name == "header", !PageText.containsTitle(element) { return nil }
        var copy = element
        copy.children = element.children.compactMap { child in
            switch child {
            case .text(let text, let line):
                return text.contains("<![") ? .text(withoutConditionals(text), line: line) : child
            case .element(let inner): return removed(from: inner).map(HTMLNode.element)
            }
        }
        return copy
    }

    /// Word's "Save as Web Page" writes `<![if !supportLists]>…<![endif]>`, which browsers
    /// treat as comments and libxml2 keeps as text.
    static func withoutConditionals(_ text: String) -> String {
        text.replacingOccurrences(of: #"<!\[(?:if[^\]]*|endif)\]>"#, with: "", options: .regularExpression)
    }

    /// Text a browser does not show is not copied either: `hidden`, `display:none`,
    /// `visibility:hidden` (CMS templates hide search forms, QR codes, duplicate titles).
    private static func isHidden(_ element: HTMLElement) -> Bool {
        if element.attributes["hidden"] != nil { return true }
        let style = (element[attribute: "style"] ?? "").lowercased().filter { !$0.isWhitespace }
        return style.contains("display:none") || style.contains("visibility:hidden")
    }

    /// A block that is mostly links (menus, "相关年报" lists of other reports' titles): at
    /// least three links holding 80 % of its text. A report's text is not a list of links.
    private static func isLinkList(_ element: HTMLElement) -> Bool {
        guard ["ul", "ol", "dl", "div", "section", "table", "td", "p"].contains(element.name) else { return false }
        var measure = LinkMeasure()
        guard measure.add(element, inLink: false) else { return false }
        return measure.links >= 3 && measure.linked * 10 >= measure.total * 8
    }

    /// Text below an element, in and out of links; gives up past `limit` characters.
    private struct LinkMeasure {
        var total = 0
        var linked = 0
        var links = 0
        let limit = 3000

        mutating func add(_ element: HTMLElement, inLink: Bool) -> Bool {
            for child in element.children {
                switch child {
                case .text(let text, _):
                    let count = text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
                    total += count
                    if inLink { linked += count }
                    if total > limit { return false }
                case .element(let inner):
                    if inner.name == "a" { links += 1 }
                    guard add(inner, inLink: inLink || inner.name == "a") else { return false }
                }
            }
            return true
        }
    }

    private static func isFurniture(_ element: HTMLElement) -> Bool {
        let names = ((element[attribute: "class"] ?? "") + " " + (element[attribute: "id"] ?? "")).lowercased()
        let words = names.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        let named = words.contains { word in furnitureNames.contains { word == $0 || word.hasPrefix($0) } }
        guard let text = PageText.plainText(of: element, limit: smallBlock) else { return false }
        if named { return true }
        let compact = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
        if compact.isEmpty { return false }
        if breadcrumbStarts.contains(where: { compact.hasPrefix($0) }) || compact.hasPrefix("首页>") || compact.hasPrefix("首页›") { return true }
        // Most elements are table cells and paragraphs: one pass over the characters rules
        // out the word lists before any substring search.
        if compact.count <= 40, compact.allSatisfy(toolCharacters.contains) {
            var rest = compact
            for word in toolWords { rest = rest.replacingOccurrences(of: word, with: "") }
            if rest.isEmpty { return true }
        }
        let found = keys(in: compact)
        guard !found.isEmpty else { return false }
        // A heading (the report's title) is never inside furniture.
        if contains(element, where: { ["h1", "h2", "h3"].contains($0.name) }) { return false }
        if !found.isDisjoint(with: footerKeys) { return true }
        let metadata = found.intersection(metadataKeys).count
        return (found.contains("索引号") && metadata >= 2) || metadata >= 3
    }

    private static let toolCharacters = Set(toolWords.joined())

    /// The metadata and footer keys by their first scalar, each as scalars.
    private static let keysByStart: [Unicode.Scalar: [(key: String, scalars: [Unicode.Scalar])]] =
        Dictionary(grouping: (metadataKeys + footerKeys).compactMap { key in
            key.unicodeScalars.first.map { (start: $0, key: key, scalars: Array(key.unicodeScalars)) }
        }, by: \.start).mapValues { $0.map { (key: $0.key, scalars: $0.scalars) } }

    /// The metadata and footer keys in `text`, found in one pass (a report paragraph is
    /// tested against every key, so 30 substring searches each would cost seconds on a
    /// long page).
    private static func keys(in text: String) -> Set<String> {
        let scalars = Array(text.unicodeScalars)
        var found: Set<String> = []
        for index in scalars.indices {
            guard let candidates = keysByStart[scalars[index]] else { continue }
            for candidate in candidates where scalars[index...].starts(with: candidate.scalars) {
                found.insert(candidate.key)
            }
        }
        return found
    }

    /// True when the element or any element below it satisfies `test`.
    static func contains(_ element: HTMLElement, where test: (HTMLElement) -> Bool) -> Bool {
        if test(element) { return true }
        return element.children.contains { child in
            if case .element(let inner) = child { return contains(inner, where: test) }
            return false
        }
    }
}
