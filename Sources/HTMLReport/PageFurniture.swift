import Foundation
import ReportText

/// What a government site puts around a report: navigation, breadcrumbs, the metadata block
/// (索引号/发布机构/发文日期/主题分类), share and print links, the footer with 版权所有/备案号.
/// None of it is the report; left in, its dates and names would be read as the report's.
enum PageFurniture {
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
    private static let breadcrumbWords = [
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

    /// The page without its furniture (left out, `PageTree.remove`); nil when its root
    /// element itself is furniture.
    ///
    /// With it come what the measure of the page found in each text, for a later measure of
    /// the page without its furniture (`TreeMeasure(known:)`); not for a text that changed.
    static func removed(from tree: PageTree) -> (tree: PageTree, texts: [TreeMeasure.TextFacts])? {
        let measure = TreeMeasure(tree, 0, keepsText: true)
        let keys = keyPlaces(in: measure.compact)
        var result = tree
        guard keep(0, of: tree, measure, keys: keys, in: &result) else { return nil }
        var texts = measure.texts
        for index in result.nodes.indices where result.nodes[index].isText && result.nodes[index].start != tree.nodes[index].start {
            texts[index] = TreeMeasure.TextFacts()
        }
        return (result, texts)
    }

    /// Leaves the furniture below element `index` out of `result` (a copy of `tree`); false
    /// when the element itself is furniture. Every test reads the element as the page has
    /// it, its furniture still inside.
    private static func keep(_ index: Int, of tree: PageTree, _ measure: TreeMeasure, keys: [KeyPlace], in result: inout PageTree) -> Bool {
        let node = measure.nodes[index]
        let tag = tree.nodes[index].tag
        if tag.isDropped || isHidden(tree, index) || isFurniture(tree, index, node, measure, keys: keys) || isLinkList(tag, node) {
            return false
        }
        // A site's <header> is its banner, but an article's <header> holds the report title.
        if tag == .header, !node.hasTitle { return false }
        for child in tree.children(of: index) {
            if tree.nodes[child].isText {
                let bytes = tree.bytes(of: child)
                if hasConditional(bytes) { result.replaceText(of: child, with: withoutConditionals(bytes)) }
            } else if !keep(child, of: tree, measure, keys: keys, in: &result) {
                result.remove(child)
            }
        }
        return true
    }

    /// True when the text holds `<![` (looked for in UTF-8 bytes: most runs hold no `<`).
    private static func hasConditional(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in bytes.startIndex..<(bytes.endIndex - 2) where bytes[index] == UInt8(ascii: "<") {
            if bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "[") { return true }
        }
        return false
    }

    /// Word's "Save as Web Page" writes `<![if !supportLists]>…<![endif]>`, which browsers
    /// treat as comments and libxml2 keeps as text: `<![if…]>` (no `]` inside) and
    /// `<![endif]>` are removed.
    static func withoutConditionals(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if let end = conditionalEnd(bytes, at: index) {
                index = end
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    private static let conditionalStart = Array("<![".utf8), endif = Array("endif]>".utf8), conditionalIf = Array("if".utf8)

    /// Where a conditional starting at `index` ends, nil when none starts there.
    private static func conditionalEnd(_ bytes: ArraySlice<UInt8>, at index: Int) -> Int? {
        guard bytes[index...].starts(with: conditionalStart) else { return nil }
        let rest = bytes[(index + 3)...]
        if rest.starts(with: endif) { return rest.startIndex + endif.count }
        guard rest.starts(with: conditionalIf) else { return nil }
        guard let close = rest.firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.endIndex, bytes[close + 1] == UInt8(ascii: ">") else {
            return nil
        }
        return close + 2
    }

    /// Text a browser does not show is not copied either: `hidden`, `display:none`,
    /// `visibility:hidden` (CMS templates hide search forms, QR codes, duplicate titles).
    private static func isHidden(_ tree: PageTree, _ index: Int) -> Bool {
        if tree.attribute(.hidden, of: index) != nil { return true }
        guard let style = tree.attribute(.style, of: index) else { return false }
        // The style lower-cased and without white space, as ASCII bytes: both properties are
        // ASCII, and a non-ASCII scalar (kept as 0xFF) can be part of neither.
        var compact: [UInt8] = []
        compact.reserveCapacity(style.utf8.count)
        for scalar in style.unicodeScalars where !scalar.isWhiteSpace {
            let value = scalar.value
            compact.append(value >= 0x80 ? 0xFF : (0x41...0x5A).contains(value) ? UInt8(value + 0x20) : UInt8(value))
        }
        return TextSearch.contains(compact, hiddenDisplay) || TextSearch.contains(compact, hiddenVisibility)
    }

    private static let hiddenDisplay = Array("display:none".utf8)
    private static let hiddenVisibility = Array("visibility:hidden".utf8)

    /// A block that is mostly links (menus, "相关年报" lists of other reports' titles): at
    /// least three links holding 80 % of its text. A report's text is not a list of links.
    /// Blocks of more than 3,000 characters are never taken for one.
    private static func isLinkList(_ tag: Tag, _ node: TreeMeasure.Node) -> Bool {
        switch tag {
        case .ul, .ol, .dl, .div, .section, .table, .td, .p: break
        default: return false
        }
        guard node.length <= 3000 else { return false }
        return node.links >= 3 && node.linked * 10 >= node.length * 8
    }

    private static func isFurniture(_ tree: PageTree, _ index: Int, _ node: TreeMeasure.Node, _ measure: TreeMeasure, keys places: [KeyPlace]) -> Bool {
        // Small blocks only (`plainText` with the limit): the count comes first, being cheapest.
        guard node.raw <= smallBlock else { return false }
        let classValue = tree.attribute(.class, of: index), idValue = tree.attribute(.id, of: index)
        if classValue != nil || idValue != nil {
            let names = ((classValue ?? "") + " " + (idValue ?? "")).lowercased()
            let words = names.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            if words.contains(where: { word in furnitureNames.contains { word == $0 || word.hasPrefix($0) } }) { return true }
        }
        // The element's text without white space, as `tree` keeps it for the whole page.
        let compact = measure.compact[node.bytesLo..<node.bytesHi]
        if compact.isEmpty { return false }
        if breadcrumbStarts.contains(where: { $0[0] == compact.first && compact.starts(with: $0) }) { return true }
        // Most elements are table cells and paragraphs: one pass over the characters rules
        // out the word lists before any substring search. Tool characters are single scalars.
        if node.length <= 40 {
            var rest = String(decoding: compact, as: UTF8.self)
            if rest.unicodeScalars.allSatisfy(toolScalars.contains) {
                for word in toolWords { rest = rest.replacingOccurrences(of: word, with: "") }
                if rest.isEmpty { return true }
            }
        }
        let found = keys(in: node, places)
        guard !found.isEmpty else { return false }
        // A heading (the report's title) is never inside furniture.
        if node.hasHeading { return false }
        if !found.isDisjoint(with: footerKeys) { return true }
        let metadata = found.intersection(metadataKeys).count
        return (found.contains("索引号") && metadata >= 2) || metadata >= 3
    }

    /// The breadcrumb starts as UTF-8, with 首页> and 首页› (a breadcrumb's first link).
    private static let breadcrumbStarts = (breadcrumbWords + ["首页>", "首页›"]).map { Array($0.utf8) }

    private static let toolScalars = Set(toolWords.flatMap(\.unicodeScalars))

    /// The metadata and footer keys, each with its UTF-8 bytes.
    private static let keyBytes = (metadataKeys + footerKeys).map { (key: $0, bytes: Array($0.utf8)) }

    /// Where a metadata or footer key starts and ends (byte offsets) in a page's compact text.
    private struct KeyPlace {
        var start: Int
        var end: Int
        var key: String
    }

    /// Every metadata and footer key in a page's compact text (UTF-8), by start, found in one
    /// pass (each element's text searched for every key of its own cost seconds on a long
    /// page). Wu and Manber's multi-pattern search: a window of `keyPrefix` bytes moves on by
    /// how far its last two bytes are from the end of any key's prefix, so most of the text is
    /// stepped over, five bytes at a time; a window that can be a key's prefix is compared with
    /// each key. Keys start with a lead byte, so no match starts inside a character.
    private static func keyPlaces(in text: [UInt8]) -> [KeyPlace] {
        var places: [KeyPlace] = []
        let keys = keyBytes, prefixes = keyPrefixes
        keyShifts.withUnsafeBufferPointer { shifts in
            text.withUnsafeBufferPointer { bytes in
                var end = keyPrefix - 1
                while end < bytes.count {
                    let shift = Int(shifts[blockSlot(bytes[end - 1], bytes[end])])
                    if shift > 0 {
                        end += shift
                        continue
                    }
                    let start = end - keyPrefix + 1
                    let window = PackedName(UnsafeBufferPointer(rebasing: bytes[start...end]))
                    for (index, prefix) in prefixes.enumerated() where prefix == window {
                        let key = keys[index]
                        if start + key.bytes.count <= bytes.count, bytes[start..<(start + key.bytes.count)].elementsEqual(key.bytes) {
                            places.append(KeyPlace(start: start, end: start + key.bytes.count, key: key.key))
                        }
                    }
                    end += 1
                }
            }
        }
        return places
    }

    /// The bytes of the shortest key (文号, ICP备): the window of the search.
    private static let keyPrefix = keyBytes.map(\.bytes.count).min() ?? 6

    /// The first `keyPrefix` bytes of each key packed, to compare a window with (the full
    /// key is compared after).
    private static let keyPrefixes = keyBytes.map { PackedName($0.bytes.prefix(keyPrefix)) }

    /// Two bytes hashed to 12 bits.
    @inline(__always)
    private static func blockSlot(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) << 4 ^ Int(second)) & 4095
    }

    /// How far a window may move when it ends in a block of that slot: the least distance of
    /// the block from the end of a key's prefix (0: the window may hold a prefix), else the
    /// window less one byte.
    private static let keyShifts: [UInt8] = {
        var shifts = [UInt8](repeating: UInt8(keyPrefix - 1), count: 4096)
        for key in keyBytes {
            for position in 0..<(keyPrefix - 1) {
                let slot = blockSlot(key.bytes[position], key.bytes[position + 1])
                shifts[slot] = min(shifts[slot], UInt8(keyPrefix - 2 - position))
            }
        }
        return shifts
    }()

    /// The keys wholly inside the element's text.
    private static func keys(in node: TreeMeasure.Node, _ places: [KeyPlace]) -> Set<String> {
        // The first place at or after the element's start.
        var low = 0, high = places.count
        while low < high {
            let middle = (low + high) / 2
            if places[middle].start < node.bytesLo { low = middle + 1 } else { high = middle }
        }
        var found: Set<String> = []
        for place in places[low...] {
            if place.start >= node.bytesHi { break }
            if place.end <= node.bytesHi { found.insert(place.key) }
        }
        return found
    }
}
