import ReportText

/// What the furniture and region tests ask of every element, taken in one walk of a tree:
/// asking each element of its own subtree walked the page once per level of nesting.
///
/// `nodes` is indexed like the tree's nodes; only the entries of the measured element and
/// the elements below it are filled.
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

    private(set) var nodes: [Node]
    /// The text of the whole tree without white space, in document order; empty unless
    /// asked for (the region test needs counts only).
    private(set) var compact: [Unicode.Scalar] = []
    private let keepsText: Bool
    /// Non-white-space scalars so far.
    private var position = 0

    /// Measures element `root` of `tree` and every element below it.
    init(_ tree: PageTree, _ root: Int, keepsText: Bool = false) {
        self.keepsText = keepsText
        nodes = Array(repeating: Node(), count: tree.nodes.count)
        if keepsText { compact.reserveCapacity(tree.text.count / 2) }
        measure(tree, root)
    }

    private mutating func measure(_ tree: PageTree, _ index: Int) {
        var node = Node()
        node.lo = position
        var childTitle = false
        var textTitle = false
        for child in tree.children(of: index) {
            let childNode = tree.nodes[child]
            if childNode.isText {
                var mask: UInt8 = 0
                var raw = 0
                for scalar in UTF8Scalars(tree.bytes(of: child)) {
                    raw += 1
                    guard !scalar.isWhiteSpace else { continue }
                    position += 1
                    if keepsText { compact.append(scalar) }
                    mask |= PageText.titleMask(scalar)
                }
                node.raw += raw
                node.titleMask |= mask
                if !textTitle, mask == PageText.fullTitleMask, PageText.isTitle(PageText.collapse(tree.bytes(of: child))) {
                    textTitle = true
                }
            } else {
                measure(tree, child)
                let inner = nodes[child]
                node.raw += inner.raw
                node.titleMask |= inner.titleMask
                node.hasHeading = node.hasHeading || inner.hasHeading
                node.hasLink = node.hasLink || inner.hasLink
                node.dataTables += inner.dataTables
                childTitle = childTitle || inner.hasTitle
                if childNode.tag == .a {
                    node.links += 1 + inner.links
                    node.linked += inner.length
                } else {
                    node.links += inner.links
                    node.linked += inner.linked
                }
            }
        }
        node.hi = position
        let tag = tree.nodes[index].tag
        if tag == .table, PageText.isDataTable(tree, index) {
            node.isDataTable = true
            node.dataTables = 1
        }
        if tag == .a {
            node.hasTitle = false
        } else {
            // Only a block small enough and holding all three title characters can read as
            // a title; `plainText` is built for those few.
            node.hasTitle = textTitle
                || (!node.hasLink && node.raw <= 160 && node.titleMask == PageText.fullTitleMask && tag.isTitleBlock
                    && (PageText.plainText(of: tree, index, limit: 160).map(PageText.isTitle) ?? false))
                || childTitle
        }
        node.hasHeading = node.hasHeading || tag.isHeading
        node.hasLink = node.hasLink || tag == .a
        nodes[index] = node
    }
}
