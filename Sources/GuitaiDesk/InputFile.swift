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
        let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
        guard let handle else {
            throw DomainError.notFound("no-file", zh: "找不到文件 \(path)（或无法读取）", en: "No readable file at \(path)")
        }
        defer { if path != "-" { try? handle.close() } }
        guard let data = try? handle.read(upToCount: maximumBytes + 1) ?? Data() else {
            throw DomainError.notFound("no-file", zh: "无法读取文件 \(path)", en: "Cannot read the file \(path)")
        }
        if data.count > maximumBytes {
            throw DomainError.refused("file-too-large", zh: "文件 \(name(of: path)) 超过 16 MiB，不是应读入的文件",
                                      en: "The file \(name(of: path)) is larger than 16 MiB: not a file to read in")
        }
        return try InputText.decode([UInt8](data), file: name(of: path))
    }

    /// The file's own name, as journals and messages keep it.
    public static func name(of path: String) -> String {
        path == "-" ? "stdin" : StoredText.sanitised((path as NSString).lastPathComponent, as: .fileName)
    }
}
