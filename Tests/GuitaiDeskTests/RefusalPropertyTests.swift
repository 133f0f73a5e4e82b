import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import PropertyBased
import Testing

/// Random input through the use cases: accepted, or refused with a DomainError, never a trap; and a refused
/// command leaves the store exactly as it was (the journal's length, and `verify` at the end).
@Suite struct RefusalPropertyTests {
    static let hostile: [Character] = ["中", "\u{0}", "\u{7}", "\r\n", "\n", "\t", "\u{202E}", "\u{2066}", "💥", "\u{85}", "\"", "\\", "·", "."]
    static let word = Gen<Character?>.element(of: Array("药费ABCabc0123456789-., ") + hostile).map { $0 ?? " " }.string(of: 0...12)
    static let amount = Gen<Character?>.element(of: Array("0123456789.,-e ") + hostile).map { $0 ?? "1" }.string(of: 0...16)
    static let category = Gen<String?>.element(of: ["A", "B", "C", "a", "D", "", "甲"]).map { $0 ?? "A" }

    let tashi = DeskFixture.id(born: "1955-03-10", sequence: 123)

    func journalLength(_ desk: Desk) throws -> Int { try desk.store.read { try $0.count("journal") } }

    /// Runs one command; a refusal must be a DomainError and must leave the journal as it was.
    func attempt(_ desk: Desk, _ body: () throws -> Void) throws -> Bool {
        let before = try journalLength(desk)
        do {
            try body()
            return true
        } catch let error as DomainError {
            #expect(try journalLength(desk) == before, "refused \(error.code) yet the journal grew")
            #expect(!error.message.zh.isEmpty && !error.message.en.isEmpty)
            return false
        }
    }

    @Test func anyBillIsSettledOrRefusedAndARefusalRecordsNothing() async throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", groups: ["dibao:2020-01-01"]))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        let item = zip(Self.word, Self.category, Self.amount)
        var settled = 0
        await propertyCheck(count: 300, input: item.array(of: 0...4), Gen.int(in: 0...3)) { items, shape in
            // Sometimes a well-formed amount, so that some bills pass and the accumulators grow.
            var objects: [JSONValue] = []
            for (index, part) in items.enumerated() {
                let amount = index == 0 && shape > 0 ? String(shape * 1234) + ".5" : part.2
                objects.append(.object([("name", .string(part.0)), ("category", .string(part.1)), ("amount", .string(amount))]))
            }
            let json = JSONValue.array(objects).rendered()
            let accepted = try attempt(clerk) {
                _ = try clerk.settle(SettleForm(idNumber: tashi, visit: shape & 1 == 0 ? "outpatient" : "inpatient",
                                                level: String(1 + shape % 3), itemsJSON: json))
            }
            if accepted { settled += 1 }
        }
        #expect(try f.desk("ciren").verify().ok)
        #expect(try clerk.store.read { try $0.count("settlements") } == settled)
        #expect(settled > 0, "no random bill was well formed: the accepted path went untested")
    }

    @Test func anyPersonFormIsRegisteredOrRefused() async throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        let id = Gen<Character?>.element(of: Array("0123456789X") + Self.hostile).map { $0 ?? "0" }.string(of: 0...19)
        let group = Gen<String?>.element(of: ["dibao", "tekun:2020-01-01", "border:2030-01-01:2020-01-01", "nobody", "dibao:1800-01-01", ""])
            .map { $0 ?? "" }
        var registered = 0
        await propertyCheck(count: 300, input: id, Self.word, Self.word, group) { idText, name, phone, groupText in
            // Half the time a valid number, a plain name and a real phone, so every field gets judged on its own too.
            let plain = idText.count % 2 == 0
            let number = plain ? DeskFixture.id(born: "1980-01-01", sequence: (name.count * 31 + phone.count * 7 + idText.count) % 999) : idText
            let accepted = try attempt(clerk) {
                _ = try clerk.addPerson(PersonForm(idNumber: number, name: plain && name.count % 3 == 0 ? "次仁" : name,
                                                   phone: plain ? (phone.count % 2 == 0 ? "13812345678" : phone) : (phone.isEmpty ? nil : phone),
                                                   groups: groupText.isEmpty ? [] : [groupText]))
            }
            if accepted { registered += 1 }
        }
        #expect(try f.desk("ciren").verify().ok)
        let persons = try clerk.store.read { try $0.count("persons") }
        #expect(registered > 0 && registered == persons)
    }

    @Test func anySelfServiceFileIsImportedWholeOrRefusedWhole() async throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-01")
        let field = Gen<String?>.element(of: [tashi, "2023-05-30", "pass", "fail", "R1", "", "2023-02-30", "2030-01-01", "1800-01-01",
                                              "id", "date", "\u{202E}x", "中文"]).map { $0 ?? "" }
        let line = field.array(of: 0...5).map { $0.joined(separator: ",") }
        await propertyCheck(count: 300, input: line.array(of: 0...4), Gen.bool, Gen.bool) { rows, header, crlf in
            let text = ((header ? ["id,date,result,reference"] : []) + rows).joined(separator: crlf ? "\r\n" : "\n")
            _ = try attempt(clerk) { _ = try clerk.importSelfService(text, file: "random.csv") }
        }
        #expect(try f.desk("ciren").verify().ok)
    }
}
