import Foundation
import GuitaiCore
import GuitaiStore

/// What `init` needs to create a hall's store.
public struct HallSetup: Sendable {
    public var storePath: String
    public var hallCode: String
    public var hallName: String
    public var regionCode: String
    public var adminID: String
    public var adminName: String
    public var password: String
    public var isTraining: Bool
    /// The first account's role: an administrator for a hall, the trainer for a training store.
    public var firstRole: Role

    public init(storePath: String, hallCode: String, hallName: String, regionCode: String, adminID: String,
                adminName: String, password: String, isTraining: Bool = false, firstRole: Role = .admin) {
        self.storePath = storePath
        self.hallCode = hallCode
        self.hallName = hallName
        self.regionCode = regionCode
        self.adminID = adminID
        self.adminName = adminName
        self.password = password
        self.isTraining = isTraining
        self.firstRole = firstRole
    }
}

extension Desk {
    /// Creates a hall's store with its first administrator, and logs that administrator in.
    public static func initialize(_ setup: HallSetup, clock: any BusinessClock, resources: DeskResources) throws -> Desk {
        try makeStore(setup, clock: clock, resources: resources)
    }

    /// Creates a store as `initialize` does, but without a sync per commit: for a store built whole under a temporary
    /// name that `Store.placeBuilt` then syncs and puts in place (the benchmark's district store).
    public static func initializeForBuilding(_ setup: HallSetup, clock: any BusinessClock, resources: DeskResources) throws -> Desk {
        try makeStore(setup, clock: clock, resources: resources, syncEachCommit: false)
    }

    /// Creates a store with its first account, as `initialize` does, with what a built store needs.
    /// - Parameters:
    ///   - makeID: the store's row and device identifiers (random; counted for a training store, which is the same
    ///     every time it is made).
    ///   - passwordHash: the first account's stored hash, carried from the store this one replaces (`setup.password`
    ///     is then not used).
    ///   - syncEachCommit: false only for a store built under a temporary name (`Store.placeBuilt`).
    static func makeStore(_ setup: HallSetup, clock: any BusinessClock, resources: DeskResources,
                          makeID: @escaping @Sendable () -> String = Store.randomIDs, passwordHash: String? = nil,
                          syncEachCommit: Bool = true) throws -> Desk {
        if let problem = HallSettings.validateCode(setup.hallCode) ?? Operator.validateID(setup.adminID)
            ?? (passwordHash == nil ? Operator.validatePassword(setup.password) : nil) { throw problem }
        try BusinessDateRange.check(clock.today())
        let name = try StoredText.check(setup.hallName, as: .hallName)
        let adminName = try StoredText.check(setup.adminName, as: .name)
        let region = setup.regionCode
        guard resources.divisions.contains(region) || (setup.isTraining && region.hasPrefix(ResidentID.trainingPrefix)) else {
            throw DomainError.refused("unknown-region", zh: "行政区划代码 \(region) 不在代码表中",
                                      en: "The division code \(region) is not in the division table")
        }
        let library = try resources.policyLibrary(hallPolicies: [], defaultID: "xizang-2023")
        let defaultPolicy = library.select(regionCode: region, year: clock.today().year)?.policy.id ?? "xizang-2023"
        let hall = HallSettings(code: setup.hallCode, name: name, regionCode: region, isTraining: setup.isTraining,
                                deviceID: makeID(), defaultPolicyID: defaultPolicy)
        let admin = Operator(id: setup.adminID, name: adminName, role: setup.firstRole)
        let context = WriteContext(operatorID: admin.id, counter: "init", businessDate: clock.today(), at: clock.secondsSince1970())
        let hash = try passwordHash ?? Store.hashSecret(setup.password)
        let store = try Store.create(at: setup.storePath, hall: hall, context: context, makeID: makeID,
                                     syncEachCommit: syncEachCommit) { tx in
            try tx.insertOperator(admin, passwordHash: hash)
            return ["hall": .string(hall.code), "name": .string(hall.name), "region": .string(region),
                    "mode": .string(hall.isTraining ? "training" : "real"), "admin": .string(admin.id),
                    "defaultPolicy": .string(defaultPolicy)]
        }
        return Desk(store: store, resources: resources, clock: clock, account: admin, counter: "init")
    }

    /// Adds an operator account (administrators only).
    public func addOperator(id: String, name: String, role: Role, password: String) throws -> String {
        try require(.administration)
        try requireHall(Bilingual(zh: "操作员管理", en: "managing operators"))
        if let problem = Operator.validateID(id) ?? Operator.validatePassword(password) { throw problem }
        let name = try StoredText.check(name, as: .name)
        let hash = try Store.hashSecret(password)
        return try store.write(context, kind: "operator.add") { tx in
            if try tx.operatorAccount(id: id) != nil {
                throw DomainError.refused("operator-exists", zh: "操作员 \(id) 已存在", en: "The operator \(id) already exists")
            }
            try tx.insertOperator(Operator(id: id, name: name, role: role), passwordHash: hash)
            return ((), ["id": .string(id), "name": .string(name), "role": .string(role.rawValue)])
        }.serial
    }

    /// Validates a hall policy file and stores it (administrators only); it applies from the next settlement.
    public func loadPolicy(text: String, file: String) throws -> (id: String, serial: String) {
        try require(.administration)
        try requireHall(Bilingual(zh: "政策文件加载", en: "loading a policy"))
        let file = try StoredText.check(file, as: .fileName)
        let existing = try store.read { try $0.storedPolicies() }
        let policy: Policy
        do { policy = try resources.policyReader(hallPolicies: existing).read(text, file: file) } catch { throw error.asDomainError }
        // The whole library must still read with this file in it: a replaced base must not break what extends it.
        let withNew = existing.filter { $0.id != policy.id } + [(policy.id, text)]
        let library = try resources.policyLibrary(hallPolicies: withNew, defaultID: store.hall.defaultPolicyID)
        if let twin = library.policies.first(where: { $0.id != policy.id && $0.year == policy.year
                                                       && Set($0.regionPrefixes) == Set(policy.regionPrefixes) }) {
            throw DomainError.refused("ambiguous-policy", zh: "政策 \(twin.id) 已覆盖相同地区和年份，请改用相同编号替换它",
                                      en: "Policy \(twin.id) already serves the same regions and year: load the file under that id to replace it")
        }
        let serial = try store.write(context, kind: "policy.load") { tx in
            try tx.savePolicy(id: policy.id, text: text)
            return ((), ["id": .string(policy.id), "file": .string(file), "year": .int(Int64(policy.year))])
        }.serial
        return (policy.id, serial)
    }
}

extension Desk {
    /// What `rebuildDerivedTables` wrote.
    public struct Reindexed: Sendable {
        /// Rows of `person_search_keys` and of `certification_due` now held.
        public var searchKeys: Int
        public var dueDates: Int
        public var serial: String
    }

    /// Computes the search keys and the pensions' due dates again from the people, pensions and certifications
    /// (administrator), in one journaled transaction: what mends the derived tables `verify` names as stale, for
    /// instance after a counter still on an older version registered people without their keys. It changes no business
    /// record, so it is allowed on a closed day and safe to repeat. Takes about a minute and a half at a million
    /// people, during which counters wait: run it out of hours.
    /// - Throws: the role's refusal; the store's errors, with nothing changed.
    public func rebuildDerivedTables() throws -> Reindexed {
        try require(.administration)
        return try store.withJobMemory {
            let (counts, serial) = try store.write(context, kind: "store.reindex") { tx in
                let counts = try tx.rebuildDerivedTables()
                return (counts, .object([("searchKeys", .int(Int64(counts.searchKeys))), ("dueDates", .int(Int64(counts.dueDates)))]))
            }
            return Reindexed(searchKeys: counts.searchKeys, dueDates: counts.dueDates, serial: serial)
        }
    }
}
