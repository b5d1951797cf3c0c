/// A minimal zip writer (stored entries, no compression) for the harness's second mode, in
/// which the fuzzer's bytes are a sheet's and a shared string table's XML: wrapping them in a
/// valid archive lets mutations reach the XML handlers instead of dying at the zip directory.
enum StoredZip {
    /// The archive holding `files` (name, bytes) in order.
    static func archive(_ files: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        var directory: [UInt8] = []
        for (name, data) in files {
            let offset = UInt32(output.count)
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            output += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count))
            output += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes + data
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            directory += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count))
            directory += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
            directory += nameBytes
        }
        let directoryOffset = UInt32(output.count)
        output += directory
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(files.count)) + le16(UInt16(files.count))
        output += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return output
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    /// CRC-32 (IEEE, as zip uses), bitwise: inputs are small.
    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
