import Foundation
import GuitaiCore
import GuitaiStore

/// The training store: a hall of synthetic people whose ID numbers start with 99 (no such province), kept in its own
/// file beside the real store so the two never mix, and made the same every time (`reset`), so a lesson's steps always
/// find the same people in the same states.
public enum TrainingStore {
    /// The trainer's account on every training store; its password is the trainer's own, set when the store is made.
    public static let trainerID = "trainer"
    /// The training hall's code and the region of its synthetic people.
    public static let hallCode = "990101"
    /// The classroom's business date: the store's year of history ends the day before, and a training desk works on it
    /// (unless `--today` says otherwise), so every class sees the same due dates, arrears and ages.
    public static let classroomDate = LocalDate(dayNumber: 20_619)
    /// How many synthetic people a training store holds besides the scenarios' own.
    public static let population = 3_000

    /// `guitai-training.sqlite` in the folder of the given store.
    public static func path(besides storePath: String) -> String {
        URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("guitai-training.sqlite").path
    }

    /// What a reset made.
    public struct Summary: Sendable {
        public var people: Int
        public var scenarios: Int
    }

    /// Makes the training store at `path`, or rebuilds it to its first state: the synthetic people and their year of
    /// history, the trainer's account and nothing else (trainee accounts and the class's work are gone). It is built
    /// whole under a temporary name and then put in place (`Store.placeBuilt`), so a failure leaves the old one.
    /// - Parameters:
    ///   - password: the trainer's password; nil keeps the one of the store being rebuilt.
    ///   - population: synthetic people besides the scenarios' cast (tests make smaller stores).
    /// - Throws: `not-a-training-store` (65) for a real store at `path`; `password-required` (usage) when a new store
    ///   is made without a password; `weak-password`; the store's failures.
    public static func reset(at path: String, password: String?, resources: DeskResources,
                             population: Int = TrainingStore.population) throws -> Summary {
        var keptHash: String?
        if FileManager.default.fileExists(atPath: path) {
            guard try Store.inspect(at: path).isTraining else {
                throw DomainError.refused("not-a-training-store", zh: "\(path) 是正式业务库，培训重置不会改动它",
                                          en: "\(path) is a real store: a training reset never touches it")
            }
            if password == nil {
                keptHash = try Store.open(at: path).read { try $0.passwordHash(operatorID: trainerID) }
            }
        }
        if password == nil && keptHash == nil {
            throw DomainError(.usage, code: "password-required", zh: "新建培训库需要设定培训员密码（--password-stdin）",
                              en: "A new training store needs the trainer's password (--password-stdin)")
        }
        if let password, let problem = Operator.validatePassword(password) { throw problem }
        // A broken lesson file is said before anything is built.
        let scenarios = try resources.scenarios().count
        let building = path + ".building-\(getpid())"
        // The build's files: the store, its WAL and shared memory, and the payment runs' job lock.
        func removeBuilding() {
            for suffix in ["", "-wal", "-shm", "-payments.lock"] { try? FileManager.default.removeItem(atPath: building + suffix) }
        }
        removeBuilding()
        defer { removeBuilding() }
        let people = try build(at: building, password: password ?? "", passwordHash: keptHash, resources: resources,
                               population: population)
        try Store.placeBuilt(building, at: path)
        // The last class's receipts go with its work: serials start again from 1 and would overwrite them.
        try? FileManager.default.removeItem(atPath: ReceiptArchive.directory(besideStore: path, training: true))
        return Summary(people: people, scenarios: scenarios)
    }

    /// Builds the store at a new path: the hall, the trainer, then the history day by day (`TrainingHistory`).
    private static func build(at path: String, password: String, passwordHash: String?, resources: DeskResources,
                              population: Int) throws -> Int {
        let clock = TrainingClock(classroomDate.adding(days: -366))
        let ids = CountedIDs()
        let desk = try Desk.makeStore(
            HallSetup(storePath: path, hallCode: hallCode, hallName: "培训大厅（虚拟数据）", regionCode: hallCode,
                      adminID: trainerID, adminName: "培训员", password: password, isTraining: true, firstRole: .trainer),
            clock: clock, resources: resources, makeID: { ids.next() }, passwordHash: passwordHash, syncEachCommit: false)
        var history = TrainingHistory(desk: desk, clock: clock)
        try history.write(population: population)
        return try desk.store.read { try $0.count("persons") }
    }
}

/// Row identifiers counted from 1 in the form of a UUID, so two builds of the training store write the same ones.
private final class CountedIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var count: UInt64 = 0

    func next() -> String {
        lock.withLock {
            count += 1
            let hex = String(count, radix: 16)
            return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
        }
    }
}
