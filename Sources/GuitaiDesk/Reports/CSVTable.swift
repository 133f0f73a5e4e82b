import CSV
import Foundation
import GuitaiCore

/// A table written as CSV that Excel and WPS open right: UTF-8 with a byte-order mark, CRLF line ends, fields quoted
/// where they hold a comma, a quote or a line end. The quoting is CSV.swift's.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// A text field as a spreadsheet should show it: one that starts with `=`, `+`, `-` or `@` would be read as a
    /// formula by Excel and WPS (CSV injection), so it gets a leading apostrophe, which they show as text.
    public static func text(_ field: String) -> String {
        guard let first = field.first, "=+-@".contains(first) else { return field }
        return "'" + field
    }

    /// The UTF-8 byte-order mark Excel needs to read the file as UTF-8 rather than the system's code page.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The file's bytes: the mark, the header and the rows, every record ended by CRLF.
    /// - Throws: `export-failed` (1) when the writer fails.
    public func encoded() throws -> Data {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            for record in [header] + rows {
                writer.beginNewRow()
                for field in record { try writer.write(field: field) }
            }
            writer.stream.close()
        } catch {
            throw DomainError(.failure, code: "export-failed", zh: "无法生成CSV：\(error)", en: "The CSV could not be made: \(error)")
        }
        guard let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw DomainError(.failure, code: "export-failed", zh: "无法生成CSV：写入内存失败", en: "The CSV could not be made: the memory stream kept nothing")
        }
        return Data(Self.byteOrderMark) + body + Data("\r\n".utf8)
    }
}
