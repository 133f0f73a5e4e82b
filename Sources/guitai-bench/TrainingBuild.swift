import Foundation
import GuitaiDesk
import GuitaiStore

/// The training store made from nothing, then rebuilt over itself keeping the trainer's password.
enum TrainingBuild {
    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let path = bench.directory("training") + "/guitai-training.sqlite"
        var people = 0
        let build = try Measure.time { people = try TrainingStore.reset(at: path, password: "bench-password", resources: bench.resources).people }
        let rebuild = try Measure.time { _ = try TrainingStore.reset(at: path, password: nil, resources: bench.resources) }
        let transactions = try Store.open(at: path).read { try $0.count("journal") }
        report.add("training store made from nothing (\(people) people, \(transactions) transactions) / rebuilt over itself",
                   "\(Measure.fixed(build, 2)) / \(Measure.fixed(rebuild, 2)) s", key: "training_store_build_s", value: build)
        report.figure("training_store_reset_s", rebuild)
        report.method("**Training store**: `TrainingStore.reset` from nothing, then again over the store it made (keeping the trainer's "
            + "password, copied into place with SQLite's online backup). Every transaction of the year of history goes through the "
            + "desk's own use cases, unsynced under a temporary name; about 40 e-card PINs and activation codes are hashed with scrypt.")
    }
}
