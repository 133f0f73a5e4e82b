import GuitaiCore

/// Parses dates typed on forms and command lines, with a refusal that names the field.
enum DateInput {
    static func date(_ text: String, field: Bilingual) throws -> LocalDate {
        guard let date = LocalDate(iso: text.trimmingSpaces) else {
            throw DomainError(.usage, code: "bad-date", zh: "\(field.zh)「\(text)」应写作 YYYY-MM-DD，且是真实日期",
                              en: "\(field.en.prefix(1).uppercased() + field.en.dropFirst()) \"\(text)\" should be a real date written YYYY-MM-DD")
        }
        return date
    }
}
