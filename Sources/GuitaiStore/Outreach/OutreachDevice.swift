/// A laptop the hall checked out.
public struct OutreachDevice: Sendable, Hashable {
    public var code: String
    public var name: String
    /// Base64 Ed25519 public key its returns are signed with.
    public var publicKey: String
    /// The UUID the laptop's records carry as their device.
    public var deviceID: String
    public var operatorID: String
    public var regionPrefix: String
    public var dueWithin: Int?
    public var people: Int
    public var checkoutSerial: String
    public var checkedOutOn: String
    /// Transactions its returns brought home so far, the business date of the last receive, and its items still open
    /// in the review queue.
    public var broughtHome = 0
    public var lastReceivedOn: String?
    public var openReviews = 0

    public init(code: String, name: String, publicKey: String, deviceID: String, operatorID: String, regionPrefix: String,
                dueWithin: Int?, people: Int, checkoutSerial: String, checkedOutOn: String) {
        self.code = code
        self.name = name
        self.publicKey = publicKey
        self.deviceID = deviceID
        self.operatorID = operatorID
        self.regionPrefix = regionPrefix
        self.dueWithin = dueWithin
        self.people = people
        self.checkoutSerial = checkoutSerial
        self.checkedOutOn = checkedOutOn
    }
}
