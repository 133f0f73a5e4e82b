import GuitaiCore

/// Who the store belongs to: the hall, its region, whether it is a training store, and this device.
public struct HallSettings: Hashable, Sendable {
    /// The hall's code, the first part of every serial number.
    public var code: String
    public var name: String
    public var regionCode: String
    public var isTraining: Bool
    /// This device's UUID, carried by every record it makes.
    public var deviceID: String
    /// The policy used for regions no policy file serves.
    public var defaultPolicyID: String
    /// On an outreach laptop's store, the code the hall gave the laptop at checkout (`D1`); nil at a hall.
    public var outreachDevice: String?
    /// The hash the journal's first entry follows: the hall's journal head at checkout on a laptop, the genesis hash elsewhere.
    public var chainStart: String

    public init(code: String, name: String, regionCode: String, isTraining: Bool, deviceID: String, defaultPolicyID: String,
                outreachDevice: String? = nil, chainStart: String = JournalEntry.genesis) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.isTraining = isTraining
        self.deviceID = deviceID
        self.defaultPolicyID = defaultPolicyID
        self.outreachDevice = outreachDevice
        self.chainStart = chainStart
    }

    /// What every serial number of this store starts with: the hall code, and on a laptop its device code too, so a
    /// laptop's serials never collide with the hall's or another laptop's (`XZ01D1` + date + sequence).
    public var serialPrefix: String { code + (outreachDevice ?? "") }

    /// Whether this store is an outreach laptop's.
    public var isOutreach: Bool { outreachDevice != nil }

    /// Device codes the hall gives: `D` and 1 to 4 digits.
    public static func isDeviceCode(_ code: String) -> Bool {
        code.hasPrefix("D") && (2...5).contains(code.count) && code.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Hall codes go into serial numbers: 2 to 12 letters or digits.
    public static func validateCode(_ code: String) -> DomainError? {
        guard (2...12).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            return .refused("bad-hall-code", zh: "大厅编码应为2到12位数字或大写字母", en: "A hall code has 2 to 12 digits or capital letters")
        }
        return nil
    }
}
