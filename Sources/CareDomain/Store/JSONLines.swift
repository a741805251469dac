import Foundation

/// Splitting a file into lines by byte offsets, without copying, for the
/// JSON Lines files (journal, histories) and the one-record-per-line snapshots.
struct JSONLines {
    struct Line {
        /// 1-based, counted from the start of the file.
        let number: Int
        /// Byte range within the data, without the newline.
        let range: Range<Int>
    }

    let lines: [Line]
    /// Bytes up to and including the last newline.
    let completeLength: Int

    /// `firstLineNumber` is the number the first line gets (a read that
    /// starts mid-file continues the count).
    init(_ data: Data, firstLineNumber: Int = 1) {
        var lines: [Line] = []
        var start = 0
        var number = firstLineNumber
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            // memchr finds newlines many bytes at a time: snapshots run to 200 MB.
            while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
                let index = base.distance(to: UnsafeRawPointer(found))
                lines.append(Line(number: number, range: start..<index))
                number += 1
                start = index + 1
            }
        }
        self.lines = lines
        completeLength = start
    }

    /// JSON's whitespace between values: space, tab, carriage return, newline.
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }

    static func isBlank(_ data: Data, _ range: Range<Int>) -> Bool {
        data[data.startIndex + range.lowerBound..<data.startIndex + range.upperBound].allSatisfy {
            $0 == 0x20 || $0 == 0x09 || $0 == 0x0D
        }
    }

    static func slice(_ data: Data, _ range: Range<Int>) -> Data {
        data.subdata(in: data.startIndex + range.lowerBound..<data.startIndex + range.upperBound)
    }
}
