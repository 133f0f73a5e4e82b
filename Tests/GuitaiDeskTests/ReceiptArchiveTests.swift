#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiDesk
import Testing

/// Receipts hold names, masked ID numbers, special groups and amounts: only the operator's account may read them.
@Suite struct ReceiptArchiveTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1) & 0o777
    }

    @Test func theFolderIsTheOperatorsAloneAndSoIsEveryReceiptWhateverTheUmask() throws {
        let folder = NSTemporaryDirectory() + "guitai-receipts-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = folder + "/guitai.sqlite"
        // The loosest umask a shell can have.
        let previous = umask(0)
        defer { umask(previous) }
        let path = try ReceiptArchive.write("扎西·平措  540102********1230  低保对象\n", name: "54010220230601000007", besideStore: store)
        #expect(path == folder + "/receipts/54010220230601000007.txt")
        #expect(try mode(folder + "/receipts") == 0o700)
        #expect(try mode(path) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("扎西·平措"))
        // A folder left open by an older version is closed on the next receipt; nothing half-written stays behind.
        chmod(folder + "/receipts", 0o755)
        _ = try ReceiptArchive.write("second\n", name: "54010220230601000008", besideStore: store)
        #expect(try mode(folder + "/receipts") == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/receipts").sorted()
                == ["54010220230601000007.txt", "54010220230601000008.txt"])
    }

    @Test func aNameThatIsNoSerialCannotLeaveTheFolder() throws {
        let folder = NSTemporaryDirectory() + "guitai-receipts-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = try ReceiptArchive.write("x\n", name: "../../etc/passwd", besideStore: folder + "/guitai.sqlite")
        #expect(path.hasPrefix(folder + "/receipts/") && !path.contains(".."))
    }
}
