import Foundation
import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// F1 on every screen, the login and the first run included: what the screen's fields take, with an example.
@Suite struct HelpTests {
    /// The first words of each screen's help, written out here rather than read from the catalogue under test.
    private static let firstWords: [String: (zh: String, en: String)] = [
        "firstrun": ("大厅编码：本大厅的编号", "Hall code: this hall's code"),
        "login": ("操作员编号：管理员为你开的账号", "Operator id: the account"),
        "home": ("查询：完整身份证号", "Find by full ID number"),
        "register": ("身份证号：18 位", "ID number: 18 characters"),
        "enrol": ("上下键选择险种", "Up/Down choose a scheme"),
        "settle": ("明细：名称 类别 金额", "An item: name category amount"),
        "ecard": ("按数字选办理事项", "A digit chooses the step"),
        "certify": ("1 窗口认证", "1 at the counter"),
        "due": ("地区：行政区划代码前缀", "Region: a division code prefix"),
        "receipts": ("上下键选择今日业务", "Up/Down choose today's business"),
        "locked": ("输入本人密码解锁", "Type your password to unlock"),
    ]

    private func expectHelp(_ desk: DeskHarness, _ topic: String, _ language: Language) {
        let screen = desk.keys(.function(1))
        let words = Self.firstWords[topic].map { language == .zh ? $0.zh : $0.en } ?? "?"
        #expect(screen.contains(words), "F1 on \(topic):\n\(screen)")
        desk.keys(.escape)
    }

    @Test(arguments: [Language.zh, .en])
    func everyScreenHasItsOwnHelp(language: Language) throws {
        let first = try DeskHarness(language: language, createStore: false)
        expectHelp(first, "firstrun", language)

        let desk = try DeskHarness(language: language)
        expectHelp(desk, "login", language)
        desk.login()
        expectHelp(desk, "home", language)
        desk.type("zxpc"); desk.keys(.enter)
        for (key, topic) in [(Key.function(2), "enrol"), (.function(5), "settle"), (.function(3), "ecard"), (.function(4), "certify"),
                             (.function(8), "receipts")] {
            desk.keys(key)
            expectHelp(desk, topic, language)
        }
        desk.keys(.function(4), .character("d"))
        expectHelp(desk, "due", language)
        desk.keys(.function(6))
        desk.type(GB11643.number(region: "540102", birth: "19800101", sequence: 555)); desk.keys(.enter, .enter)
        expectHelp(desk, "register", language)
        desk.keys(.function(12))
        expectHelp(desk, "locked", language)
    }

    @Test func helpOverTheLoginScreenOpensNothingElseAndEscKeepsWhatWasTyped() throws {
        let desk = try DeskHarness()
        desk.type("zhuoma")
        desk.keys(.function(1))
        // F2 and F5 would open procedures without a session.
        let still = desk.keys(.function(2), .function(5))
        #expect(still.contains("操作员编号：管理员为你开的账号"), "\(still)")
        let back = desk.keys(.escape)
        #expect(back.contains("操作员登录") && back.contains("zhuoma"), "\(back)")
    }
}

extension HelpTests {
    /// Every procedure prints its one-time list of documents (一次性告知单) from its help: F1, then L, then P.
    @Test(arguments: [Language.zh, .en])
    func everyProcedurePrintsItsOneTimeListOfDocuments(language: Language) throws {
        let desk = try DeskHarness.withTashi(language: language)
        let zh = language == .zh
        for (key, title, document) in [(Key.function(2), zh ? "参保登记" : "Enrolment", zh ? "居民身份证" : "resident ID card"),
                                       (.function(3), zh ? "社保卡与电子社保卡" : "Card and e-card", zh ? "手机" : "mobile phone"),
                                       (.function(4), zh ? "待遇资格认证" : "Qualification certification", zh ? "火化证明" : "cremation"),
                                       (.function(5), zh ? "一站式结算" : "One-stop settlement", zh ? "费用明细清单" : "itemised list")] {
            desk.keys(key, .function(1))
            let notice = desk.keys(.character("L"))
            #expect(notice.contains((zh ? "一次性告知单：" : "One-time list of documents: ") + title), "\(notice)")
            #expect(notice.contains(document), "\(notice)")
            desk.keys(.character("P"), .escape, .escape)
        }
        let folder = ReceiptArchive.directory(besideStore: desk.storePath)
        let enrol = try String(contentsOfFile: folder + "/notice-enrol.txt", encoding: .utf8)
        #expect(enrol.contains("拉萨市城关区社保经办大厅") && enrol.contains(zh ? "居民身份证" : "resident ID card"))
    }
}
