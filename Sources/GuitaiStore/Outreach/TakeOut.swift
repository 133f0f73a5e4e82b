/// What a take-out bundle carries from the hall to a laptop (inside the seal).
public struct TakeOut: Codable, Sendable {
    public var hallCode: String
    public var hallName: String
    public var hallRegion: String
    public var training: Bool
    public var defaultPolicy: String
    /// The code the hall gave the laptop (`D1`), its name, and the UUID its records carry as their device.
    public var deviceCode: String
    public var deviceName: String
    public var deviceID: String
    /// The laptop's Ed25519 private key (base64 raw): it signs the returns. The hall keeps only the public half.
    public var devicePrivateKey: String
    /// The hall's public key, which signed this bundle.
    public var hallPublicKey: String
    /// The hash of the hall's last journal entry when the checkout began: the laptop's journal follows it.
    public var anchor: String
    public var checkoutSerial: String
    /// The business date of the checkout, `YYYY-MM-DD`.
    public var checkedOutOn: String
    /// The operator who goes, as the hall keeps the account (password hash included): the same password on the laptop.
    public var operatorRow: [String: RowValue]
    /// The hall's own policy files and the rows of the people taken out, in `Outreach.travellingTables` order.
    public var policies: [RowImage]
    public var rows: [RowImage]

    public init(hallCode: String, hallName: String, hallRegion: String, training: Bool, defaultPolicy: String, deviceCode: String, deviceName: String, deviceID: String, devicePrivateKey: String, hallPublicKey: String, anchor: String, checkoutSerial: String, checkedOutOn: String, operatorRow: [String: RowValue], policies: [RowImage], rows: [RowImage]) {
        self.hallCode = hallCode
        self.hallName = hallName
        self.hallRegion = hallRegion
        self.training = training
        self.defaultPolicy = defaultPolicy
        self.deviceCode = deviceCode
        self.deviceName = deviceName
        self.deviceID = deviceID
        self.devicePrivateKey = devicePrivateKey
        self.hallPublicKey = hallPublicKey
        self.anchor = anchor
        self.checkoutSerial = checkoutSerial
        self.checkedOutOn = checkedOutOn
        self.operatorRow = operatorRow
        self.policies = policies
        self.rows = rows
    }
}

extension TakeOut {
    /// Whether the operator who went is this one, with this password (the hall's password hash, checked here because a
    /// laptop's store does not exist yet to log in to).
    public func admits(operatorID: String, password: String) -> Bool {
        guard operatorRow["id"]?.string == operatorID, let hash = operatorRow["password_hash"]?.string else { return false }
        return PasswordHasher.verify(password, against: hash)
    }
}
