import Foundation
import GuitaiCore
import GuitaiStore

/// A logged-in operator at a counter, on one store: every front end does its work through this.
public final class Desk {
    public let store: Store
    public let resources: DeskResources
    public let clock: any BusinessClock
    public let account: Operator
    public let counter: String
    private var cachedLibrary: (key: String, library: PolicyLibrary)?

    init(store: Store, resources: DeskResources, clock: any BusinessClock, account: Operator, counter: String) {
        self.store = store
        self.resources = resources
        self.clock = clock
        self.account = account
        self.counter = counter
    }

    /// Opens a store and logs an operator in.
    /// - Parameter interactive: a login at the desk, recorded in the security log (a command's per-run login is not,
    ///   so a command that only reads writes nothing).
    /// - Throws: `bad-business-date` (usage) for a business date outside 1990–2099, `bad-text` for a counter name that
    ///   is not printable text of 1 to 16 characters, and the store's and the login's refusals.
    public static func open(storePath: String, operatorID: String, password: String, clock: any BusinessClock,
                            counter: String = "1", resources: DeskResources, interactive: Bool = false,
                            makeID: @escaping @Sendable () -> String = Store.randomIDs) throws -> Desk {
        try BusinessDateRange.check(clock.today())
        let counter = try StoredText.check(counter, as: .counter)
        let store = try Store.open(at: storePath, makeID: makeID)
        let account = try store.authenticate(operatorID: operatorID, password: password, now: clock.secondsSince1970(),
                                             recordSuccess: interactive)
        return Desk(store: store, resources: resources, clock: clock, account: account, counter: counter)
    }

    public var today: LocalDate { clock.today() }

    var context: WriteContext {
        WriteContext(operatorID: account.id, counter: counter, businessDate: today, at: clock.secondsSince1970())
    }

    /// Refuses work the operator's role does not allow.
    func require(_ work: Role.Work) throws {
        guard account.role.may(work, onTrainingStore: store.hall.isTraining) else {
            let what: Bilingual = switch work {
            case .counter: Bilingual(zh: "柜台业务", en: "counter work")
            case .supervision: Bilingual(zh: "复核业务", en: "supervisor work")
            case .administration: Bilingual(zh: "系统管理", en: "administration")
            }
            let trainerNote = account.role == .trainer && !store.hall.isTraining
            throw DomainError(.permission, code: "permission-denied",
                              zh: trainerNote ? "培训员只能在培训库上操作" : "\(account.role.label.zh)无权进行\(what.zh)",
                              en: trainerNote ? "Trainers work on training stores only" : "A \(account.role.label.en) may not do \(what.en)")
        }
    }

    /// The policies in force for this store: presets plus the hall's own files. Parsed once, and again
    /// only when the hall's files change (another counter may load one while this desk is open).
    public func policyLibrary() throws -> PolicyLibrary {
        let hall = try store.read { try $0.storedPolicies() }
        let key = hall.map { $0.id + "\u{1}" + $0.text }.joined(separator: "\u{2}")
        if let cached = cachedLibrary, cached.key == key { return cached.library }
        let library = try resources.policyLibrary(hallPolicies: hall, defaultID: store.hall.defaultPolicyID)
        cachedLibrary = (key, library)
        return library
    }

    /// Parses an ID number as this store accepts them (training numbers only on a training store).
    public func parseID(_ text: String) throws -> ResidentID {
        switch ResidentID.parse(text, today: today, divisions: resources.divisions, allowTraining: store.hall.isTraining) {
        case .success(let id): return id
        case .failure(let rejection): throw DomainError.refused(rejection.code, zh: rejection.message.zh, en: rejection.message.en)
        }
    }

    /// Checks a region prefix typed to narrow a list: up to six digits (a province `54`, a county `540121`), or empty
    /// for the whole hall.
    /// - Throws: `bad-region` (usage).
    func checkRegionPrefix(_ prefix: String) throws {
        guard prefix.count <= 6, prefix.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw DomainError(.usage, code: "bad-region", zh: "地区前缀应为1到6位数字，如 5401，现为「\(StoredText.sanitised(prefix, as: .reference))」",
                              en: "A region prefix has 1 to 6 digits, such as 5401; \"\(StoredText.sanitised(prefix, as: .reference))\" is not one")
        }
    }

    /// Refuses a step that would start something for a person whose death is registered.
    func requireLiving(_ record: PersonRecord, _ tx: StoreTransaction, step: Bilingual) throws {
        try LifeRules.refuseAfterDeath(try tx.deathDate(personUUID: record.uuid), name: record.person.name, step: step)
    }

    /// Finds a registered person by ID number or says plainly that there is none.
    public func requirePerson(_ idText: String, in tx: StoreTransaction) throws -> PersonRecord {
        let id = try parseID(idText)
        guard let record = try tx.person(idNumber: id.value) else {
            throw DomainError.notFound("person-not-found", zh: "没有登记身份证号为 \(id.masked) 的人员，请先登记",
                                       en: "No person with ID number \(id.masked) is registered; register them first")
        }
        return record
    }
}
