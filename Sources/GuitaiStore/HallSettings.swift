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

    public init(code: String, name: String, regionCode: String, isTraining: Bool, deviceID: String, defaultPolicyID: String) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
        self.isTraining = isTraining
        self.deviceID = deviceID
        self.defaultPolicyID = defaultPolicyID
    }

    /// Hall codes go into serial numbers: 2 to 12 letters or digits.
    public static func validateCode(_ code: String) -> DomainError? {
        guard (2...12).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            return .refused("bad-hall-code", zh: "大厅编码应为2到12位数字或大写字母", en: "A hall code has 2 to 12 digits or capital letters")
        }
        return nil
    }
}
