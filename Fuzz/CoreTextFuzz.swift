// libFuzzer harness over the domain core's readers of outside text: ID numbers, amounts, dates, months, group
// memberships, card numbers, employer codes and policy files. Built with the core's sources into one program by
// scripts/fuzz.sh (`swiftc -sanitize=fuzzer,address`); libFuzzer supplies `main`. A crash, a trap or a leak here is a
// bug: every reader must answer with a value or a refusal, whatever the bytes.
import Foundation


@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // Invalid UTF-8 becomes replacement characters, as text read from a file or a terminal would.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ResidentID.parse(text, today: fuzzToday, divisions: fuzzDivisions, allowTraining: size % 2 == 0)
    _ = Money(yuan: text)
    _ = Money(yuan: text, allowingSeparators: true)
    _ = LocalDate(iso: text)
    _ = LocalDate(compact: Substring(text))
    _ = YearMonth(iso: text)
    _ = GroupMembership.parse(text, defaultFrom: fuzzToday)
    _ = CardNumber.parse(text)
    _ = SocialCreditCode.parse(text)
    _ = try? PolicyReader().read(text, file: "fuzz.policy")
    return 0
}
