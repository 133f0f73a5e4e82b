#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore
import GuitaiStore

/// Where printed receipts are kept: `receipts/` beside the store. They hold names, masked ID numbers, special groups
/// and amounts, so the folder is the operator's alone (0700) and so is every file (0600), whatever the umask; a file
/// is written whole under a temporary name, synced, then renamed, so a crash never leaves half a receipt.
public enum ReceiptArchive {
    /// The folder for a store's receipts (`Store.localFolder`: beside a file, on the hall server for the city's
    /// database); a training store's go to `receipts-training/`, never among the hall's.
    public static func directory(besideStore storePath: String, training: Bool = false) -> String {
        Store.localFolder(of: storePath) + "/" + (training ? "receipts-training" : "receipts")
    }

    /// The first line of every receipt file a training store writes, whatever the receipt says below it.
    public static let trainingMark = "[培训模式 TRAINING] 培训练习，非正式凭证 / a training exercise, not a receipt"

    /// The kept copy of a receipt, if there is one (a reprint shows it as it was first printed).
    public static func read(name: String, besideStore storePath: String, training: Bool = false) -> String? {
        let path = directory(besideStore: storePath, training: training) + "/" + safeName(name) + ".txt"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    private static func safeName(_ name: String) -> String {
        let safe = String(name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }.prefix(64))
        return safe.isEmpty ? "receipt" : safe
    }

    /// Writes one receipt and returns its path; a training store's starts with `trainingMark`.
    /// - Parameter name: the transaction's serial (letters and digits).
    /// - Throws: `receipt-unwritable` (1) naming the folder and the reason.
    public static func write(_ text: String, name: String, besideStore storePath: String, training: Bool = false) throws -> String {
        let folder = directory(besideStore: storePath, training: training)
        let text = training && !text.contains(trainingMark) ? trainingMark + "\n" + text : text
        let path = folder + "/" + safeName(name) + ".txt"
        func failed(_ what: String) -> DomainError {
            let reason = String(cString: strerror(errno))
            return DomainError(.failure, code: "receipt-unwritable", zh: "回执无法保存到 \(folder)（\(what)：\(reason)）",
                               en: "The receipt could not be saved in \(folder) (\(what): \(reason))")
        }
        if mkdir(folder, 0o700) != 0 && errno != EEXIST { throw failed("mkdir") }
        // A folder made by an older version, or under a loose umask, is closed now.
        guard chmod(folder, 0o700) == 0 else { throw failed("chmod") }
        try DurableFile.write(Data(text.utf8), to: path, code: "receipt-unwritable")
        return path
    }
}
