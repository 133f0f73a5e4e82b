// What the fuzz harnesses share: the division table and a fixed business date. Compiled into each harness by
// scripts/fuzz.sh.
import Foundation

/// The division table, read once from the repository's Resources (the harness runs from the repository root).
let fuzzDivisions: DivisionTable = {
    let text = (try? String(contentsOfFile: "Resources/divisions/gb2260.tsv", encoding: .utf8)) ?? ""
    return DivisionTable(tsv: text)
}()

let fuzzToday = LocalDate(year: 2023, month: 6, day: 1) ?? .earliest
