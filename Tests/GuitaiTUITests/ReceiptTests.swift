import Foundation
import CellText
import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// Receipts that stand on their own: hall, window, serial, date and time, operator, the citizen, what was done with
/// labelled values and what comes next; the training mark on every receipt of a training store; reprinted as printed.
@Suite struct ReceiptTests {
    private func registerCard(_ desk: DeskHarness) -> String {
        desk.keys(.function(3), .character("1")); desk.type("A12345678")
        return desk.keys(.enter, .enter)
    }

    @Test(arguments: [Language.zh, .en])
    func aCardReceiptSaysWhereWhenWhoForWhomWhatAndWhatNext(language: Language) throws {
        let desk = try DeskHarness(language: language)
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        let receipt = registerCard(desk)
        let serial = try #require(try desk.lastTransaction()?.serial)
        let zh = language == .zh
        // The harness's hall, window 3, business date 2023-06-01 at 09:00 UTC, which is 17:00 in Beijing.
        for expected in ["拉萨市城关区社保经办大厅", serial, "2023-06-01 17:00", zh ? "窗口 3" : "Window 3", "卓玛 (zhuoma)",
                         "扎西·平措", "540102********1230", "A12345678", zh ? "社保卡卡号" : "Card number",
                         zh ? "有效期至" : "Valid until", zh ? "下一步：" : "Next: "] {
            #expect(receipt.contains(expected), "\(expected) missing:\n\(receipt)")
        }
        #expect(!receipt.contains("[培训模式]") && !receipt.contains("[TRAINING]"))
    }

    @Test func theDaysListReprintsAReceiptAsItWasPrintedAndKeepsNoOneTimeCode() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        let printed = registerCard(desk)
        desk.keys(.escape, .function(8))
        desk.keys(.enter)
        let reprint = desk.screen
        // The same receipt body: every line of the original's first screen shows again.
        let body = printed.split(separator: "\n").dropFirst(5).prefix(12).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        for line in body { #expect(reprint.contains(line), "reprint lacks: \(line)\n\(reprint)") }
        // The e-card's one-time code is printed for the citizen, never kept.
        desk.keys(.escape, .function(3), .character("2")); desk.type("802514")
        let issued = desk.keys(.enter, .enter, .enter)
        let code = try #require(issued.split(separator: "\n").first { $0.contains("激活码") }.flatMap { $0.split(separator: " ").last })
        #expect(code.count == 8 && code.allSatisfy(\.isNumber), "\(issued)")
        desk.keys(.escape, .function(8), .enter)
        let kept = desk.screen
        #expect(kept.contains("电子社保卡签发") || kept.contains("签发电子社保卡"))
        #expect(!kept.contains(String(code)), "the reprint shows the one-time code:\n\(kept)")
        // Nor does the file kept on disk.
        let serial = try #require(try desk.lastTransaction()?.serial)
        let file = try String(contentsOfFile: ReceiptArchive.directory(besideStore: desk.storePath) + "/\(serial).txt", encoding: .utf8)
        #expect(file.contains(serial) && !file.contains(String(code)))
    }

    @Test func everyReceiptOfATrainingStoreCarriesTheTrainingMark() throws {
        let desk = try DeskHarness(createStore: false)
        let training = TrainingStore.path(besides: desk.storePath)
        _ = try TrainingStore.reset(at: training, password: "trainer-password", resources: DeskHarness.resources, population: 5)
        desk.keys(.function(9))
        desk.type("trainer"); desk.keys(.enter); desk.type("trainer-password"); desk.keys(.enter)
        // A registration of a synthetic person (99…), then an enrolment of the scenarios' 米玛, who has no scheme yet.
        desk.type(GB11643.number(region: "990101", birth: "19900101", sequence: 11)); desk.keys(.enter, .enter)
        desk.type("测试学员"); desk.keys(.enter, .enter, .enter, .enter)
        let registered = desk.keys(.enter)
        #expect(registered.contains("回执：人员登记 [培训模式]"), "\(registered)")
        let serial = try #require(try desk.lastTransaction()?.serial)
        // Its kept copy is among the training receipts, never the hall's, and says on its first line what it is.
        let file = try String(contentsOfFile: ReceiptArchive.directory(besideStore: training, training: true) + "/\(serial).txt", encoding: .utf8)
        #expect(file.hasPrefix(ReceiptArchive.trainingMark) && file.contains("[培训模式]"))
        #expect(!FileManager.default.fileExists(atPath: ReceiptArchive.directory(besideStore: training, training: false) + "/\(serial).txt"))
        desk.keys(.escape, .escape, .function(6)); desk.type("米玛"); desk.keys(.enter)
        let mima = try #require(desk.app.citizen)
        let options = try #require(try desk.app.desk?.enrolmentOptions(idNumber: mima.person.id.value))
        let open = try #require(options.firstIndex { $0.plan != nil })
        desk.keys(.function(2))
        desk.send(Array(repeating: .key(.down), count: open))
        let enrolled = desk.keys(.enter, .enter)
        #expect(enrolled.contains("回执：参保登记 [培训模式]"), "\(enrolled)")
    }

    @Test(arguments: [Language.zh, .en])
    func aReceiptFitsEightyColumnsWithLongValuesWrappedNotCut(language: Language) {
        let receipt = CounterReceipt(procedure: "社保卡补换（新卡号）", serial: "54010220230601000123",
                                     hallName: String(repeating: "西藏自治区", count: 8), window: "12",
                                     date: LocalDate(year: 2023, month: 6, day: 1)!, secondsSince1970: 0,
                                     operatorName: "次仁多吉", operatorID: "cirenduoji", citizen: ("阿旺·次仁·多吉·罗布", "540102********1230"),
                                     fields: [.init("说明", String(repeating: "最低生活保障对象由政府代缴", count: 6))],
                                     next: ["请在手机上用一次性激活码激活电子社保卡"], isTraining: true)
        let text = receipt.render(language: language)
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
        // 1970-01-01 00:00 UTC is 08:00 in Beijing.
        #expect(text.contains("2023-06-01 08:00"))
        #expect(text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
                    .contains(String(repeating: "最低生活保障对象由政府代缴", count: 6)))
    }

    /// Every kind of transaction the product journals has a name on the day's list, in both languages: the kinds are
    /// read from the sources' writes, so a new kind without a name fails here rather than showing its catalogue key.
    @Test(arguments: [Language.zh, .en])
    func everyJournalKindHasANameOnTheDaysList(language: Language) throws {
        let sources = DeskHarness.root.appendingPathComponent("Sources")
        var kinds: Set<String> = ["ecard.activate", "ecard.step", "operator.disable", "operator.enable", "outreach.open", "store.upgrade"]
        let pattern = try NSRegularExpression(pattern: #"write\([a-zA-Z.]*, kind: "([a-z.-]+)""#)
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text) { kinds.insert(String(text[range])) }
            }
        }
        #expect(kinds.count > 30)
        let catalogue = try Catalogue(language: language, resourcesDirectory: DeskHarness.resources.directory)
        for kind in kinds.sorted() {
            #expect(catalogue.has("receipts.kind." + kind), "no name for \(kind)")
        }
    }
}
