import GuitaiCore

/// The self-service results file: CSV with the header `id,date,result,reference`; `#` lines are comments.
enum SelfServiceFile {
    struct Row {
        var line: Int
        var id: ResidentID
        var date: LocalDate
        var passed: Bool
        var reference: String?
    }

    static let header = "id,date,result,reference"

    static func parse(_ text: String, file: String, today: LocalDate, parseID: (String) throws -> ResidentID) throws -> [Row] {
        func refuse(_ line: Int, _ zh: String, _ en: String) -> DomainError {
            .refused("bad-import-row", zh: "\(file) 第\(line)行：\(zh)，未导入任何记录", en: "\(file), line \(line): \(en); nothing was imported")
        }
        var rows: [Row] = []
        var sawHeader = false
        var seen: Set<String> = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let content = String(raw).trimmingSpaces
            if content.isEmpty || content.hasPrefix("#") { continue }
            if !sawHeader {
                guard content.lowercased() == header else {
                    throw refuse(line, "首行应为表头 \(header)", "the first line should be the header \(header)")
                }
                sawHeader = true
                continue
            }
            let fields = content.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard fields.count == 4 || fields.count == 3 else {
                throw refuse(line, "应有3或4列（身份证号,日期,结果,编号）", "expected 3 or 4 columns (id,date,result,reference)")
            }
            let id: ResidentID
            do { id = try parseID(fields[0]) } catch let error as DomainError { throw refuse(line, error.message.zh, error.message.en) }
            guard let date = LocalDate(iso: fields[1]) else { throw refuse(line, "日期「\(fields[1])」应写作 YYYY-MM-DD", "the date \"\(fields[1])\" should be YYYY-MM-DD") }
            if date > today { throw refuse(line, "日期 \(date.iso) 晚于今天", "the date \(date.iso) is after today") }
            guard ["pass", "fail"].contains(fields[2].lowercased()) else {
                throw refuse(line, "结果应为 pass 或 fail", "the result should be pass or fail")
            }
            let key = id.value + "|" + date.iso
            guard seen.insert(key).inserted else { throw refuse(line, "与前面的行重复", "repeats an earlier row") }
            let reference: String?
            do { reference = fields.count == 4 ? try StoredText.checkOptional(fields[3], as: .reference) : nil } catch {
                throw refuse(line, error.message.zh, error.message.en)
            }
            rows.append(Row(line: line, id: id, date: date, passed: fields[2].lowercased() == "pass", reference: reference))
        }
        guard sawHeader else { throw refuse(1, "文件为空或缺少表头 \(header)", "the file is empty or lacks the header \(header)") }
        return rows
    }
}
