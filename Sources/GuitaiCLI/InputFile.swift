import Foundation
import GuitaiCore

/// Reads a file a command was given (`-` for standard input), refusing a missing or non-UTF-8 one in plain words.
enum InputFile {
    static func text(_ path: String) throws -> String {
        let data: Data?
        if path == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else { data = FileManager.default.contents(atPath: path) }
        guard let data else {
            throw DomainError.notFound("no-file", zh: "找不到文件 \(path)", en: "No file at \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DomainError.refused("not-utf8", zh: "文件 \(path) 不是 UTF-8 文本", en: "The file \(path) is not UTF-8 text")
        }
        return text
    }
}
