import Foundation
import Testing

@testable import CareDomain

/// Reads open a file in one `openat2` that refuses links; a link anywhere
/// on the way (a bucket folder, the file itself) is still refused with
/// the sentence that names it, and a file outside the store is never read.
@Suite struct DurableReadTests {
    private func withFiles(_ body: (DurableFile, String, String) throws -> Void) throws {
        try withTemporaryDirectory { directory in
            let root = directory + "/store"
            let outside = directory + "/outside"
            for folder in [root + "/moments/ab", outside] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            try Data("inside\n".utf8).write(to: URL(fileURLWithPath: root + "/moments/ab/C1.jsonl"))
            try Data("outside\n".utf8).write(to: URL(fileURLWithPath: outside + "/C1.jsonl"))
            try body(DurableFile(root: root), root, outside)
        }
    }

    @Test func aPlainFileIsReadAndAMissingOneIsAbsent() throws {
        try withFiles { (files: DurableFile, root: String, _: String) throws in
            #expect(try files.read(root + "/moments/ab/C1.jsonl") == Data("inside\n".utf8))
            #expect(try files.size(root + "/moments/ab/C1.jsonl") == 7)
            #expect(try files.read(root + "/moments/ab/C2.jsonl") == nil)
            #expect(try files.read(root + "/moments/cd/C2.jsonl") == nil)
            #expect(try files.status(root + "/moments/cd/C2.jsonl") == nil)
        }
    }

    @Test func aLinkedBucketIsRefusedByName() throws {
        try withFiles { (files: DurableFile, root: String, outside: String) throws in
            try FileManager.default.removeItem(atPath: root + "/moments/ab")
            #expect(symlink(outside, root + "/moments/ab") == 0)
            #expect {
                _ = try files.read(root + "/moments/ab/C1.jsonl")
            } throws: { error in
                "\(error)".contains("moments/ab in the data directory is a symbolic link")
            }
            #expect(throws: StoreError.self) { _ = try files.status(root + "/moments/ab/C1.jsonl") }
        }
    }

    @Test func aLinkedFileIsRefusedAndItsStatusIsTheLinks() throws {
        try withFiles { (files: DurableFile, root: String, outside: String) throws in
            let path = root + "/moments/ab/C1.jsonl"
            try FileManager.default.removeItem(atPath: path)
            #expect(symlink(outside + "/C1.jsonl", path) == 0)
            #expect {
                _ = try files.read(path)
            } throws: { error in
                "\(error)".contains("moments/ab/C1.jsonl in the data directory is a symbolic link")
            }
            let info = try #require(try files.status(path))
            #expect(info.st_mode & S_IFMT == S_IFLNK)
        }
    }

    /// A mapped file is summed a stretch at a time, each let go of once
    /// read: the sum is the whole file's, and its bytes read the same after.
    @Test func aMappedFileSummedAndLetGoOfReadsTheSameAfter() throws {
        try withFiles { (files: DurableFile, root: String, _: String) throws in
            // Two whole stretches and a tail that is not a multiple of 8.
            let bytes = (0..<(2 * MappedPages.stride + 12_345)).map {
                UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 11)
            }
            let path = root + "/big.bin"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let mapped = try #require(try files.mapped(path, eager: true))
            let pages = try #require(mapped.pages)
            let whole = bytes.withUnsafeBytes { BinaryChecksum.of($0) }
            #expect(pages.checksum(of: mapped.data) == whole)
            #expect(mapped.data.elementsEqual(bytes))
            pages.release(0..<mapped.data.count)
            #expect(mapped.data.withUnsafeBytes { BinaryChecksum.of($0) } == whole)
            // A small file is read, not mapped: nothing to let go of.
            #expect(try files.mapped(root + "/moments/ab/C1.jsonl", eager: true)?.pages == nil)
        }
    }
}
