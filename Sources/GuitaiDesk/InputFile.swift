import Foundation
import GuitaiCore

/// Reads a file a clerk or a script names (`-` for standard input), for both front ends: a missing file is "not
/// found", and the bytes become text by `InputText` (a BOM and CRLF accepted, GBK and UTF-16 refused with how to
/// save the file again).
public enum InputFile {
    /// The largest input file read: 16 MiB, far above any bill, policy or day's results, and small enough that a
    /// wrong file is refused at once instead of read for a minute.
    public static let maximumBytes = 16 * 1024 * 1024

    /// - Throws: `no-file` (66), `file-too-large` and `not-utf8` (65).
    public static func text(_ path: String) throws -> String {
        try InputText.decode([UInt8](try bytes(path, limit: maximumBytes)), file: name(of: path))
    }

    /// The largest bundle read: 1 GiB, far above a county's take-out.
    public static let maximumBundleBytes = 1 << 30

    /// A file's bytes, refused when larger than `limit`.
    /// - Throws: `no-file` (66), `file-too-large` (65).
    public static func bytes(_ path: String, limit: Int) throws -> Data {
        let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
        guard let handle else {
            throw DomainError.notFound("no-file", zh: "找不到文件 \(path)（或无法读取）", en: "No readable file at \(path)")
        }
        defer { if path != "-" { try? handle.close() } }
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
            throw DomainError.notFound("no-file", zh: "无法读取文件 \(path)", en: "Cannot read the file \(path)")
        }
        if data.count > limit {
            throw DomainError.refused("file-too-large", zh: "文件 \(name(of: path)) 超过 \(limit >> 20) MiB，不是应读入的文件",
                                      en: "The file \(name(of: path)) is larger than \(limit >> 20) MiB: not a file to read in")
        }
        return data
    }

    /// The file's own name, as journals and messages keep it.
    public static func name(of path: String) -> String {
        path == "-" ? "stdin" : StoredText.sanitised((path as NSString).lastPathComponent, as: .fileName)
    }
}
