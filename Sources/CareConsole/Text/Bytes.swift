import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether `needle` occurs in `haystack`, byte for byte (memchr to the
/// candidates, memcmp to confirm).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard needle.count <= haystack.count else { return false }
    return haystack.withUnsafeBytes { hay in
        needle.withUnsafeBytes { pin in
            guard let hayStart = hay.baseAddress, let pinStart = pin.baseAddress else { return false }
            let first = Int32(pin[0])
            let lastStart = hayStart + (hay.count - pin.count)
            var cursor = hayStart
            while cursor <= lastStart {
                guard let found = memchr(cursor, first, lastStart - cursor + 1) else { return false }
                if memcmp(found, pinStart, pin.count) == 0 { return true }
                cursor = UnsafeRawPointer(found) + 1
            }
            return false
        }
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
