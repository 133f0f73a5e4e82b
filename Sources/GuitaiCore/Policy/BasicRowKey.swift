/// Which basic-fund row applies: scheme, visit type and, for employees, in-service or retired.
public struct BasicRowKey: Hashable, Sendable, CustomStringConvertible {
    public var scheme: Scheme
    public var visit: VisitType
    public var status: EmploymentStatus?

    public init(scheme: Scheme, visit: VisitType, status: EmploymentStatus? = nil) {
        self.scheme = scheme
        self.visit = visit
        self.status = status
    }

    public var description: String {
        [scheme.rawValue, visit.rawValue, status?.rawValue].compactMap { $0 }.joined(separator: " ")
    }
}
