/// Where "now" comes from; injected so every test and training scenario is deterministic.
public protocol BusinessClock: Sendable {
    /// The business date: what the clerk's day is, which may be set for training or back-office runs.
    func today() -> LocalDate
    /// Wall time in whole seconds since 1970, for journal timestamps and lockouts.
    func secondsSince1970() -> Int64
}
