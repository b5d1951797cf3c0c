/// OOXML's `_xHHHH_` escapes: characters XML cannot carry (`_x000D_` for a carriage return,
/// `_x005F_` for a literal underscore before `x`) written as their UTF-16 code unit.
enum XMLEscapes {
    /// The text with every `_xHHHH_` decoded; surrogate pairs written as two escapes combine.
    static func decode(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 7, containsEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var units: [UInt16] = []
        var output: [UInt8] = []
        var index = 0
        func flushUnits() {
            guard !units.isEmpty else { return }
            output.append(contentsOf: Array(String(decoding: units, as: UTF16.self).utf8))
            units.removeAll()
        }
        while index < bytes.count {
            if let unit = escape(at: index, in: bytes) {
                units.append(unit)
                index += 7
                continue
            }
            flushUnits()
            output.append(bytes[index])
            index += 1
        }
        flushUnits()
        return String(decoding: output, as: UTF8.self)
    }

    private static func containsEscape(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x") { return true }
            index += 1
        }
        return false
    }

    private static func escape(at index: Int, in bytes: [UInt8]) -> UInt16? {
        guard index + 6 < bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
            bytes[index + 6] == UInt8(ascii: "_")
        else { return nil }
        var value: UInt16 = 0
        for offset in 2..<6 {
            guard let digit = hexValue(bytes[index + offset]) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
