import Foundation
import GuitaiCore

/// Reads a file a clerk or a script names (`-` for standard input), for both front ends: a missing file is "not
/// found", and the bytes become text by `InputText` (a BOM and CRLF accepted, GBK and UTF-16 refused with how to
/// save the file again).
public enum InputFile {
    /// - Throws: `no-file` (66), `not-utf8` (65).
    public static func text(_ path: String) throws -> String {
        let data: Data?
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else { data = FileManager.default.contents(atPath: path) }
        guard let data else {
            throw DomainError.notFound("no-file", zh: "找不到文件 \(path)（或无法读取）", en: "No readable file at \(path)")
        }
        return try InputText.decode([UInt8](data), file: name(of: path))
    }

    /// The file's own name, as journals and messages keep it.
    public static func name(of path: String) -> String {
        path == "-" ? "stdin" : StoredText.sanitised((path as NSString).lastPathComponent, as: .fileName)
    }
}
