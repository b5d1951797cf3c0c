import ReportText

/// What the furniture and region tests ask of every element, taken in one walk of a tree:
/// asking each element of its own subtree walked the page once per level of nesting.
///
/// Elements are kept in pre-order; an element's first element child follows it, and its next
/// sibling comes `elements` entries later.
struct TreeMeasure {
    struct Node {
        /// The element's text without white space is `compact[lo..<hi]`.
        var lo = 0
        var hi = 0
        /// Scalars of text below the element, white space included (`plainText`'s limit).
        var raw = 0
        /// Non-white-space scalars inside links below the element.
        var linked = 0
        /// Links below the element.
        var links = 0
        /// The element and every element below it.
        var elements = 1
        /// Data tables below the element, not counting those inside one (`PageText.dataTables`).
        var dataTables = 0
        var isDataTable = false
        /// `PageText.containsTitle`.
        var hasTitle = false
        /// An h1, h2 or h3, the element itself included.
        var hasHeading = false
        /// An `a`, the element itself included.
        var hasLink = false
        /// Which of 政, 告 and 年 (all in every title) the text below holds.
        var titleMask: UInt8 = 0

        /// Characters of text below the element, white space not counted (`PageText.length`).
        var length: Int { hi - lo }
    }

    private(set) var nodes: [Node] = []
    /// The text of the whole tree without white space, in document order; empty unless
    /// asked for (the region test needs counts only).
    private(set) var compact: [Unicode.Scalar] = []
    private let keepsText: Bool
    /// Non-white-space scalars so far.
    private var position = 0

    init(_ root: HTMLElement, keepsText: Bool = false) {
        self.keepsText = keepsText
        _ = measure(root)
    }

    /// Elements whose joined text is tested as a title (`PageText.containsTitle`).
    private static let titleBlocks = ["h1", "h2", "h3", "p", "div", "td", "span", "strong", "b", "font"]

    private mutating func measure(_ element: HTMLElement) -> Int {
        let index = nodes.count
        nodes.append(Node())
        var node = Node()
        node.lo = position
        var childTitle = false
        var textTitle = false
        for child in element.children {
            switch child {
            case .text(let text, _):
                var mask: UInt8 = 0
                var raw = 0
                for scalar in text.unicodeScalars {
                    raw += 1
                    guard !scalar.isWhiteSpace else { continue }
                    position += 1
                    if keepsText { compact.append(scalar) }
                    mask |= PageText.titleMask(scalar)
                }
                node.raw += raw
                node.titleMask |= mask
                if !textTitle, mask == PageText.fullTitleMask, PageText.isTitle(PageText.collapse(text)) { textTitle = true }
            case .element(let inner):
                let child = nodes[measure(inner)]
                node.raw += child.raw
                node.elements += child.elements
                node.titleMask |= child.titleMask
                node.hasHeading = node.hasHeading || child.hasHeading
                node.hasLink = node.hasLink || child.hasLink
                node.dataTables += child.dataTables
                childTitle = childTitle || child.hasTitle
                if inner.name == "a" {
                    node.links += 1 + child.links
                    node.linked += child.length
                } else {
                    node.links += child.links
                    node.linked += child.linked
                }
            }
        }
        node.hi = position
        let name = element.name
        if name == "table", PageText.isDataTable(element) {
            node.isDataTable = true
            node.dataTables = 1
        }
        if name == "a" {
            node.hasTitle = false
        } else {
            // Only a block small enough and holding all three title characters can read as
            // a title; `plainText` is built for those few.
            node.hasTitle = textTitle
                || (!node.hasLink && node.raw <= 160 && node.titleMask == PageText.fullTitleMask && Self.titleBlocks.contains(name)
                    && (PageText.plainText(of: element, limit: 160).map(PageText.isTitle) ?? false))
                || childTitle
        }
        node.hasHeading = node.hasHeading || name == "h1" || name == "h2" || name == "h3"
        node.hasLink = node.hasLink || name == "a"
        nodes[index] = node
        return index
    }
}
