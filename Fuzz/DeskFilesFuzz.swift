// libFuzzer harness over the files a hall hands the desk: bytes decoded as an input file (BOM, CRLF, GBK refused),
// then read as a bill's JSON items, as a bill line typed at the settlement screen, and as a self-service results
// file. Built by scripts/fuzz.sh with the core's sources and these readers (they import only the core and
// Foundation); libFuzzer supplies `main`. Every reader must answer with a value or a refusal, whatever the bytes.
import Foundation


@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = (try? InputText.decode(bytes, file: "fuzz")) ?? String(decoding: bytes, as: UTF8.self)
    _ = try? BillItemsInput.parse(text)
    _ = BillLine.parse(text)
    _ = InputText.halfWidth(text)
    _ = try? SelfServiceFile.parse(text, file: "fuzz.csv", today: fuzzToday) { typed in
        switch ResidentID.parse(typed, today: fuzzToday, divisions: fuzzDivisions) {
        case .success(let id): return id
        case .failure(let rejection): throw DomainError.refused(rejection.code, zh: rejection.message.zh, en: rejection.message.en)
        }
    }
    return 0
}
