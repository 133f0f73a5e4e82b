import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// A hall that has checked a laptop out, and what travelled: the take-out's payload, a return's payload and the return
/// bundle itself, made by the desk's own use cases. The return harness receives into copies of this hall's store, so a
/// fuzzed return meets a hall that knows its device and anchor.
struct OutreachRoundTrip {
    static let passphrase = "fuzz 外出 passphrase"
    /// The hall's store file after the checkout, closed (no WAL beside it).
    let hallStore: String
    let device: OutreachDevice
    let takeOutPayload: Data
    let returnPayload: Data
    let returnBundle: Data
    let takeOutBundle: Data

    /// Makes the hall, the laptop and one return in `directory` (created if missing).
    /// - Throws: whatever the desk refuses; the harness stops then, since it has nothing to fuzz against.
    static func make(in directory: String, resources: DeskResources) throws -> OutreachRoundTrip {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = FixedClock(date: LocalDate(year: 2023, month: 6, day: 1) ?? .earliest)
        let hallPath = directory + "/hall.sqlite"
        let checkout: Desk.Checkout
        do {
            let admin = try Desk.initialize(
                HallSetup(storePath: hallPath, hallCode: "540102", hallName: "城关区社保经办大厅", regionCode: "540102", adminID: "admin",
                          adminName: "管理员", password: "admin-password", isTraining: false),
                clock: clock, resources: resources)
            _ = try admin.addOperator(id: "zhuoma", name: "卓玛", role: .clerk, password: "clerk-password")
            _ = try admin.addOperator(id: "ciren", name: "次仁", role: .supervisor, password: "super-password")
            let clerk = try Desk.open(storePath: hallPath, operatorID: "zhuoma", password: "clerk-password", clock: clock, resources: resources)
            let pensioner = idNumber("54010219500310123")
            _ = try clerk.addPerson(PersonForm(idNumber: pensioner, name: "扎西·平措"))
            _ = try clerk.enrol(EnrolmentForm(idNumber: pensioner, scheme: "resident-pension", from: "2010-01-01"))
            _ = try clerk.addBenefit(idNumber: pensioner, monthly: "1500.00", from: "2020-01")
            checkout = try clerk.checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: passphrase,
                                                to: directory + "/takeout.bundle")
        }
        let laptopPath = directory + "/laptop.sqlite"
        let returned: Data
        do {
            let laptop = try Desk.openLaptop(bundle: checkout.bundle, passphrase: passphrase, storePath: laptopPath, operatorID: "zhuoma",
                                             password: "clerk-password", clock: clock, resources: resources)
            let newcomer = idNumber("54010219900101045")
            _ = try laptop.addPerson(PersonForm(idNumber: newcomer, name: "次仁·多吉"))
            _ = try laptop.enrol(EnrolmentForm(idNumber: newcomer, scheme: "resident-medical", from: "2023-01-01"))
            returned = try laptop.returnBundle(passphrase: passphrase, to: directory + "/return.bundle").bundle
        }
        let takeOut = try BundleFile.open(checkout.bundle, passphrase: passphrase, trusted: nil)
        let back = try BundleFile.open(returned, passphrase: passphrase, trusted: nil)
        return OutreachRoundTrip(hallStore: hallPath, device: checkout.device, takeOutPayload: takeOut.payload,
                                 returnPayload: back.payload, returnBundle: returned, takeOutBundle: checkout.bundle)
    }

    /// The round trip made in a scratch directory, with the repository's Resources; the program stops (70) when the
    /// desk refuses it, since there is nothing to fuzz against then.
    static func makeOrExit(in directory: String) -> OutreachRoundTrip {
        do {
            return try make(in: directory + "/trip", resources: try DeskResources(directory: "Resources"))
        } catch {
            fail("the outreach round trip the harness fuzzes against failed: \(error)")
        }
    }

    /// Says why on standard error and stops with 70.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("guitai-fuzz: \(message)\n".utf8))
        exit(70)
    }

    /// Seventeen digits and their check character.
    private static func idNumber(_ seventeen: String) -> String {
        seventeen + String(ResidentID.checkCharacter(for: seventeen))
    }
}
