/// Excel's `_xHHHH_` escapes: characters XML cannot carry (`_x000D_` is a carriage return,
/// `_x0009_` a tab) are written as their UTF-16 code unit in hex; `_x005F_` escapes the
/// underscore of a literal `_xHHHH_`. Applies to shared strings, inline strings and t="str".
enum ExcelEscapes {
    /// `text` with every `_xHHHH_` decoded; the text itself when it has none (the common case).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard containsEscape(bytes) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var units: [UInt16] = []
        let source = Array(text.utf16)
        units.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if index + 6 < source.count, source[index] == 0x5F, source[index + 1] == 0x78, source[index + 6] == 0x5F,
               let value = hexValue(source[(index + 2)..<(index + 6)]) {
                units.append(value)
                index += 7
            } else {
                units.append(source[index])
                index += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Whether `_x` occurs at all (a fast scan over bytes).
    private static func containsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 7 else { return false }
        for index in 0..<(bytes.count - 6) where bytes[index] == 0x5F && bytes[index + 1] == 0x78 {
            return true
        }
        return false
    }

    /// Four hex digits as a code unit.
    private static func hexValue(_ digits: ArraySlice<UInt16>) -> UInt16? {
        var value: UInt16 = 0
        for digit in digits {
            let nibble: UInt16
            switch digit {
            case 0x30...0x39: nibble = digit - 0x30
            case 0x41...0x46: nibble = digit - 0x41 + 10
            case 0x61...0x66: nibble = digit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | nibble
        }
        return value
    }
}
