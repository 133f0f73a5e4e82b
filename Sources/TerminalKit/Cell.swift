/// One terminal cell. A wide character occupies its cell and the next, which is marked as a continuation.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var role: CellRole
    public var isContinuation: Bool

    public init(_ text: String = " ", role: CellRole = .normal, isContinuation: Bool = false) {
        self.text = text
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
