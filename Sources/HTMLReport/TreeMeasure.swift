import ReportText

/// What the furniture and region tests ask of every element, taken in one walk of a tree:
/// asking each element of its own subtree walked the page once per level of nesting.
///
/// `nodes` is indexed like the tree's nodes; only the entries of the measured element and
/// the elements below it are filled.
struct TreeMeasure {
    struct Node {
        /// Scalars of the text before the element and up to its end, white space not counted.
        var lo = 0
        var hi = 0
        /// The element's text without white space is `compact[bytesLo..<bytesHi]` (UTF-8).
        var bytesLo = 0
        var bytesHi = 0
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

    /// What a measure finds in one text: kept so that a later measure of the same tree (the
    /// page without its furniture) reads it instead of the text.
    struct TextFacts {
        /// Scalars, white space included; -1 where the text is not known.
        var raw: Int32 = -1
        /// Scalars that are not white space.
        var visible: Int32 = 0
        var titleMask: UInt8 = 0
        /// The text alone reads as a title.
        var isTitle = false
    }

    private(set) var nodes: [Node]
    /// Indexed like `nodes`; filled for the texts measured.
    private(set) var texts: [TextFacts]
    private let known: [TextFacts]
    /// The text of the whole tree without white space, in document order, as UTF-8; empty
    /// unless asked for (the region test needs counts only).
    private(set) var compact: [UInt8] = []
    private let keepsText: Bool
    /// Non-white-space scalars so far.
    private var position = 0

    /// Measures element `root` of `tree` and every element below it. `known` holds what an
    /// earlier measure of the tree found in its texts (not when the text is kept).
    init(_ tree: PageTree, _ root: Int, keepsText: Bool = false, known: [TextFacts] = []) {
        self.keepsText = keepsText
        self.known = keepsText ? [] : known
        nodes = Array(repeating: Node(), count: tree.nodes.count)
        texts = Array(repeating: TextFacts(), count: tree.nodes.count)
        if keepsText { compact.reserveCapacity(tree.text.count) }
        // One pointer into the text for the whole walk: taking it for each text cost more
        // than measuring a short one.
        tree.text.withUnsafeBufferPointer { bytes in measure(tree, root, bytes) }
    }

    /// What text node `index` holds: its scalars with and without white space, its title
    /// characters, and whether it reads as a title. Its visible bytes go to `compact` when the
    /// text is kept. On the bytes: a continuation byte starts no scalar, ASCII and Han need no
    /// decoding.
    private mutating func measureText(_ tree: PageTree, _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> TextFacts {
        let start = tree.nodes[index].start, end = start + tree.nodes[index].count
        var raw = 0
        var visible = 0
        var mask: UInt8 = 0
        var offset = start
        // The run of bytes since the last white space, copied at once.
        var run = start
        while offset < end {
            let lead = bytes[offset]
            // Han (U+4000–U+9FFF): never white space; 政, 告 and 年 start with E5 or E6.
            if lead >= 0xE4, lead <= 0xE9, offset + 2 < end {
                raw += 1
                visible += 1
                if lead == 0xE5 || lead == 0xE6 { mask |= Self.titleMask(bytes, at: offset) }
                offset += 3
                continue
            }
            let length = lead < 0x80 ? 1 : min(UTF8Bytes.length(lead: lead), end - offset)
            raw += 1
            if UTF8Bytes.isWhiteSpace(bytes, at: offset, length: length) {
                if keepsText, run < offset { compact.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<offset])) }
                offset += length
                run = offset
                continue
            }
            visible += 1
            if length == 3 { mask |= Self.titleMask(bytes, at: offset) }
            offset += length
        }
        if keepsText, run < end { compact.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
        // Only a text holding all three title characters can read as a title.
        let isTitle = mask == PageText.fullTitleMask && PageText.isTitle(PageText.collapse(tree.bytes(of: index)))
        return TextFacts(raw: Int32(raw), visible: Int32(visible), titleMask: mask, isTitle: isTitle)
    }

    /// The title bit (`PageText.fullTitleMask`) of the three-byte scalar at `offset`: 政 E6 94 BF
    /// is 1, 告 E5 91 8A is 2, 年 E5 B9 B4 is 4.
    @inline(__always)
    private static func titleMask(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt8 {
        switch (bytes[offset], bytes[offset + 1], bytes[offset + 2]) {
        case (0xE6, 0x94, 0xBF): 1
        case (0xE5, 0x91, 0x8A): 2
        case (0xE5, 0xB9, 0xB4): 4
        default: 0
        }
    }

    private mutating func measure(_ tree: PageTree, _ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) {
        var node = Node()
        node.lo = position
        node.bytesLo = compact.count
        var childTitle = false
        var textTitle = false
        for child in tree.children(of: index) {
            let childNode = tree.nodes[child]
            if childNode.isText {
                var facts = child < known.count ? known[child] : TextFacts()
                if facts.raw < 0 { facts = measureText(tree, child, bytes) }
                position += Int(facts.visible)
                texts[child] = facts
                node.raw += Int(facts.raw)
                node.titleMask |= facts.titleMask
                textTitle = textTitle || facts.isTitle
            } else {
                measure(tree, child, bytes)
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
        node.bytesHi = compact.count
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
