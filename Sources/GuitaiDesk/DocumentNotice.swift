import GuitaiCore

/// A procedure's one-time list of documents (一次性告知单) as 80-column text, laid out like every other slip: the hall,
/// the title, the documents numbered, then where to ask. The words come from the caller, in the screen's language.
public enum DocumentNotice {
    public static func render(hallName: String, title: String, documents: [String], footer: String) -> String {
        var notice = SlipWriter(language: .zh)
        notice.rule("=")
        notice.centered(hallName)
        notice.centered(title)
        notice.rule("=")
        for (index, document) in documents.enumerated() { notice.text("\(index + 1). " + document) }
        notice.rule("-")
        notice.text(footer)
        return notice.lines.joined(separator: "\n") + "\n"
    }
}
