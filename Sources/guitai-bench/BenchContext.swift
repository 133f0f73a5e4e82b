import Foundation
import GuitaiCore
import GuitaiDesk

/// What every benchmark section shares: the shipped resources, the business date, a scratch directory.
struct BenchContext {
    let root: URL
    let resources: DeskResources
    /// 2023-06-01: the business date of the stores the sections make.
    let today = LocalDate(year: 2023, month: 6, day: 1) ?? .earliest
    /// Removed at the end of the run.
    let scratch: String
    /// Where the district store is kept between runs (`.build/bench-cache`).
    let cache: String
    /// People in the district store (default 1,000,000; `--people N`).
    let people: Int

    /// A new empty directory under the scratch directory.
    func directory(_ name: String) -> String {
        let path = scratch + "/" + name
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
