import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether `needle` occurs in `haystack`, byte for byte (the filter's own test).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    haystack.withUnsafeBufferPointer { buffer in
        guard let start = buffer.baseAddress else { return needle.isEmpty }
        return SearchTexts.holds(start, buffer.count, needle)
    }
}

/// Byte order, as `memcmp`: the list's sort.
func precedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
    left.withUnsafeBytes { a in
        right.withUnsafeBytes { b in
            let common = min(a.count, b.count)
            if common > 0, let x = a.baseAddress, let y = b.baseAddress {
                let order = memcmp(x, y, common)
                if order != 0 { return order < 0 }
            }
            return a.count < b.count
        }
    }
}
