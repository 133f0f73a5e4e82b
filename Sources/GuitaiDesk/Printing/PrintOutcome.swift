import GuitaiCore

/// Where a printout went. The copy in the receipts folder is written first, always, so a printer that fails loses
/// nothing: the receipt is reprinted from the day's list.
public enum PrintOutcome: Sendable, Equatable {
    /// Sent to the printer's queue through `lp`; the copy is kept at `file`.
    case printed(queue: String, file: String)
    /// No printer is configured: saved to `file`.
    case saved(file: String)
    /// The printer refused or `lp` failed; the copy is kept at `file`.
    case printerFailed(queue: String, reason: Bilingual, file: String)

    /// The kept copy.
    public var file: String {
        switch self {
        case .printed(_, let file), .saved(let file), .printerFailed(_, _, let file): file
        }
    }

    /// What the clerk is told.
    public var message: Bilingual {
        switch self {
        case .printed(let queue, let file):
            Bilingual(zh: "已送打印机 \(queue)，副本保存在 \(file)", en: "Sent to printer \(queue); a copy is kept at \(file)")
        case .saved(let file):
            Bilingual(zh: "未配置打印机，已保存到 \(file)", en: "No printer is set up: saved to \(file)")
        case .printerFailed(let queue, let reason, let file):
            Bilingual(zh: "打印机 \(queue) 打印失败（\(reason.zh)）；副本已保存在 \(file)，打印机恢复后重新打印（柜台上可在 F8 当天业务中重打）",
                      en: "Printer \(queue) failed (\(reason.en)); the copy is kept at \(file): print it again once the printer is back (at the desk, from the day's list, F8)")
        }
    }
}
