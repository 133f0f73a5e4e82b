/// Turns the bytes of an input file (bills, policies, self-service results) into text, whichever office saved it
/// (`domain.md`, "Files from any office").
///
/// A UTF-8 byte-order mark is dropped and CRLF or CR line ends become LF, so a file saved by Excel or Notepad on
/// Windows reads like one from Linux. UTF-16, GBK (what Excel and WPS write for Chinese when not told otherwise) and
/// binary files are refused with a message that names the encoding and says how to save the file again.
public enum InputText {
    /// - Throws: `not-utf8` (refused, exit 65) naming the file and what it seems to be.
    public static func decode(_ bytes: [UInt8], file: String) throws(DomainError) -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw refuse(file, zh: "是 UTF-16 编码", en: "is UTF-16")
        }
        if body.contains(0) { throw refuse(file, zh: "不是文本文件", en: "is not a text file") }
        let gbk = (zh: "看起来是 GBK/GB18030 编码（Excel、WPS 保存中文的默认编码）", en: "looks like GBK/GB18030 (how Excel and WPS save Chinese by default)")
        guard let text = String(validating: body, as: UTF8.self) else {
            if looksLikeGB(body) { throw refuse(file, zh: gbk.zh, en: gbk.en) }
            throw refuse(file, zh: "不是 UTF-8 编码", en: "is not UTF-8")
        }
        // A few Chinese characters in GBK can also read as valid UTF-8 (药品 is D2A9 C6B7, "ҩƷ"): such text has
        // two-byte letters (Latin, Cyrillic...) and no Chinese at all, which a hall's file never has.
        let scalars = text.unicodeScalars
        if scalars.contains(where: { (0x80..<0x800).contains($0.value) }) && !scalars.contains(where: { $0.value >= 0x800 })
            && looksLikeGB(body) {
            throw refuse(file, zh: gbk.zh, en: gbk.en)
        }
        // Not `text.contains("\r")`: a CRLF pair is one Character, which "\r" does not match.
        guard body.contains(0x0D) else { return text }
        return text.replacingCRLF()
    }

    private static func refuse(_ file: String, zh: String, en: String) -> DomainError {
        .refused("not-utf8",
                 zh: "文件 \(file) \(zh)，请另存为 UTF-8 编码后重试（Excel：另存为「CSV UTF-8」；WPS：另存时选择 UTF-8 编码）",
                 en: "The file \(file) \(en): save it again as UTF-8 and retry (Excel: Save As \"CSV UTF-8\"; WPS: choose UTF-8 when saving)")
    }

    /// Whether every byte above ASCII pairs as a GBK/GB18030 double-byte character (lead 0x81–0xFE, trail 0x40–0xFE).
    static func looksLikeGB(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        var pairs = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let next = bytes.index(after: index)
            guard (0x81...0xFE).contains(byte), next < bytes.endIndex, (0x40...0xFE).contains(bytes[next]), bytes[next] != 0x7F else {
                return false
            }
            pairs += 1
            index = bytes.index(after: next)
        }
        return pairs > 0
    }
}

extension String {
    /// The text with CRLF and lone CR line ends turned into LF.
    func replacingCRLF() -> String {
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                result.append("\n")
                previousWasCR = true
                continue
            }
            if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
            previousWasCR = false
            result.append(scalar)
        }
        return String(result)
    }
}

extension InputText {
    /// What a Chinese input method types in full width (`Ｂ　１２０．５０`, `低保：2020-01-01`) read as the ASCII it
    /// stands for: the full-width forms U+FF01–FF5E and the ideographic space U+3000.
    public static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
