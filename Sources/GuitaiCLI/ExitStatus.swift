import GuitaiCore

/// The contract's exit statuses.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
    static let refused: Int32 = 65
    static let notFound: Int32 = 66
    static let busy: Int32 = 75
    static let permission: Int32 = 77

    static func of(_ kind: DomainError.Kind) -> Int32 {
        switch kind {
        case .refused: refused
        case .notFound: notFound
        case .permission: permission
        case .usage: usage
        case .busy: busy
        case .failure: failure
        }
    }
}
