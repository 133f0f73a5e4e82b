import Foundation
import GuitaiCore
import GuitaiStore

/// Settlements, the day report and the statistics as CSV files (`docs/exports.md` describes every column).
extension Desk {
    /// The national platform's settlement fields, in the order the `nhsa` export writes them (`cli.md`, `domain.md` §4).
    public static let nhsaFields = ["setl_id", "psn_no", "setl_time", "medfee_sumamt", "fulamt_ownpay_amt", "preselfpay_amt",
                                    "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "hifmi_pay", "maf_pay", "psn_cash_pay"]

    /// Writes the settlements recorded from `from` to `to` (business dates, inclusive) to a file, reversals as the same
    /// figures negated, in the order they were recorded; returns the rows written. The rows carry full ID numbers, so
    /// taking them is journaled like any list: the file is staged, the audit committed, then the file put in place, so
    /// no file leaves without its audit entry.
    /// - Throws: `bad-date` (usage); `bad-range` (usage) when `to` is before `from`; `export-unwritable` (1).
    public func exportSettlements(from fromText: String, to toText: String, format: ExportFormat, language: Language,
                                  toFile path: String) throws -> Int {
        try require(.counter)
        try Self.checkOutputPath(path)
        let from = try reportDate(fromText), to = try reportDate(toText)
        if to < from {
            throw DomainError(.usage, code: "bad-range", zh: "结束日期 \(to.iso) 早于开始日期 \(from.iso)",
                              en: "The end date \(to.iso) is before the start date \(from.iso)")
        }
        let rows = try store.read { try $0.settlementExport(from: from, to: to) }
        let table = Self.settlementTable(rows, format: format, language: language)
        let staged = try DurableFile.stage(try table.encoded(), for: path, code: "export-unwritable")
        do {
            try auditList("export settlements", count: Set(rows.map(\.idNumber)).count,
                          filter: [("from", from.iso), ("to", to.iso), ("format", format.rawValue)])
            try DurableFile.place(staged, at: path, code: "export-unwritable")
        } catch {
            DurableFile.discard(staged)
            throw error
        }
        return rows.count
    }

    /// The rows as a table: the platform's names and figures (`nhsa`), or headers in the interface language with the
    /// patient, the visit and the settlement a reversal undid (`csv`).
    static func settlementTable(_ rows: [SettlementExportRow], format: ExportFormat, language: Language) -> CSVTable {
        func figures(_ row: SettlementExportRow) -> [String] {
            [row.total, row.outOfScope, row.bPrepay, row.inScope, row.deductible, row.basic, row.criticalIllness,
             row.assistance, row.personal].map(\.plain)
        }
        switch format {
        case .nhsa:
            return CSVTable(header: nhsaFields, rows: rows.map { [$0.serial, $0.idNumber, ChinaTime.dateTime($0.at)] + figures($0) })
        case .csv:
            let t = { (zh: String, en: String) in language == .en ? en : zh }
            let header = [t("结算流水号", "serial"), t("冲正的结算", "reverses"), t("身份证号", "ID number"), t("姓名", "name"),
                          t("就诊日期", "visit date"), t("结算时间", "recorded at"), t("就诊类别", "visit"), t("医院等级", "hospital level"),
                          t("医疗费总额", "total"), t("全自费", "out of scope"), t("先行自付", "B pre-pay"), t("符合范围", "in scope"),
                          t("起付线", "deductible"), t("基本医保", "basic"), t("大病保险", "critical illness"),
                          t("医疗救助", "assistance"), t("个人支付", "personal")]
            return CSVTable(header: header, rows: rows.map { row in
                [row.serial, row.reverses ?? "", row.idNumber, CSVTable.text(row.name), row.visitDate.iso, ChinaTime.dateTime(row.at),
                 row.visit == "inpatient" ? t("住院", "inpatient") : t("门诊", "outpatient"), String(row.level)] + figures(row)
            })
        }
    }

    /// Writes an export whole or not at all, readable by its owner only.
    /// - Throws: `bad-path` (usage) for no name or a folder; `export-unwritable` (1) naming the file and the reason.
    public static func write(_ table: CSVTable, to path: String) throws {
        try checkOutputPath(path)
        try DurableFile.write(try table.encoded(), to: path, code: "export-unwritable")
    }

    /// Refuses, before anything is done, a file name that can never be written: none at all, a folder, or one in a
    /// folder that is missing or not writable.
    /// - Throws: `bad-path` (usage).
    public static func checkOutputPath(_ path: String) throws {
        var isFolder: ObjCBool = false
        if path.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DomainError(.usage, code: "bad-path", zh: "请给出要写入的文件名", en: "Name the file to write")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw DomainError(.usage, code: "bad-path", zh: "\(path) 是文件夹，请给出文件名，如 \(path)/export.csv",
                              en: "\(path) is a folder: name a file in it, such as \(path)/export.csv")
        }
        // The folder it goes in must be there and writable, or nothing can be written.
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var parentIsFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &parentIsFolder), parentIsFolder.boolValue,
              FileManager.default.isWritableFile(atPath: folder) else {
            throw DomainError(.usage, code: "bad-path", zh: "文件夹 \(folder) 不存在或不可写入，未写出任何内容",
                              en: "The folder \(folder) does not exist or cannot be written: nothing was written")
        }
    }
}

extension DayReport {
    /// The report as a table: one row per procedure, then per reversal, then per operator, then the day's serials and
    /// head, each row `section, item, count, amount`.
    public func table(language: Language) -> CSVTable {
        let t = { (zh: String, en: String) in language == .en ? en : zh }
        var rows: [[String]] = procedures.map {
            [t("业务", "procedure"), $0.procedure, DayLine.label(of: $0.procedure).text(language), String($0.count), $0.amount.plain]
        }
        rows.append([t("合计", "total"), "", "", String(procedures.map(\.count).reduce(0, +)), total.plain])
        rows += reversals.map { [t("冲正", "reversal"), $0.serial, $0.reverses, "1", $0.amount.plain] }
        rows += operators.map { [t("操作员", "operator"), $0.operatorID, "", String($0.count), $0.amount.plain] }
        rows.append([t("首笔流水号", "first serial"), firstSerial ?? "", "", "", ""])
        rows.append([t("末笔流水号", "last serial"), lastSerial ?? "", "", "", ""])
        rows.append([t("日志链头", "journal head"), journalHead ?? "", "", "", ""])
        if let close {
            rows.append([t("日结", "closed"), close.serial, close.operatorID, "", ""])
        }
        return CSVTable(header: [t("项目", "section"), t("代码", "item"), t("名称", "name"), t("笔数", "count"), t("金额", "amount")],
                        rows: [[t("日期", "date"), date.iso, clerk ?? t("全厅", "hall"), String(transactions), ""]] + rows)
    }
}

extension CoverageStatistics {
    /// The statistics as a table of `measure, item, value, rate` rows.
    public func table(language: Language) -> CSVTable {
        let t = { (zh: String, en: String) in language == .en ? en : zh }
        var rows: [[String]] = [[t("日期", "date"), date.iso, regionPrefix, ""]]
        rows += insured.map { [t("参保人次", "insured"), $0.scheme.rawValue, String($0.active), ""] }
        rows.append([t("参保人数", "insured people"), "", String(counts.insuredPeople), ""])
        rows.append([t("电子社保卡", "e-card"), t("已签发", "issued"), String(counts.ecardsIssued), ""])
        rows.append([t("电子社保卡", "e-card"), t("已激活", "active"), String(counts.ecardsActive), ecardActivation.text])
        rows.append([t("医保电子凭证", "e-voucher"), t("已激活", "active"), String(counts.vouchersActive), voucherActivation.text])
        rows.append([t("资格认证", "certification"), t("领取人数", "recipients"), String(recipients), certificationCompletion.text])
        rows.append([t("资格认证", "certification"), t("即将到期", "due"), String(certificationDue), ""])
        rows.append([t("资格认证", "certification"), t("已逾期", "overdue"), String(certificationOverdue), ""])
        rows.append([t("资格认证", "certification"), t("已暂停发放", "suspended"), String(certificationSuspended), ""])
        rows.append([t("结算", "settlements"), t("笔数", "count"), String(counts.settlements), ""])
        for (item, amount) in [(t("医疗费总额", "total"), counts.settlementTotal), (t("基本医保", "basic"), counts.settlementBasic),
                               (t("大病保险", "critical illness"), counts.settlementCriticalIllness),
                               (t("医疗救助", "assistance"), counts.settlementAssistance), (t("个人支付", "personal"), counts.settlementPersonal)] {
            rows.append([t("结算", "settlements"), item, amount.plain, ""])
        }
        rows.append([t("外出服务", "outreach"), t("活动场次", "events"), String(outreachEvents), ""])
        rows.append([t("外出服务", "outreach"), t("参加人数", "participants"), String(outreachParticipants), ""])
        rows.append([t("外出服务", "outreach"), t("办理业务", "transactions"), String(outreachTransactions), ""])
        return CSVTable(header: [t("指标", "measure"), t("项目", "item"), t("数值", "value"), t("比率(%)", "rate (%)")], rows: rows)
    }
}
