import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
