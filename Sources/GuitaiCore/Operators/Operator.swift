/// A person who works the desk, as the rest of the system sees them once logged in.
public struct Operator: Hashable, Sendable {
    public var id: String
    public var name: String
    public var role: Role

    public init(id: String, name: String, role: Role) {
        self.id = id
        self.name = name
        self.role = role
    }

    /// Operator ids: 1 to 32 letters, digits, `-`, `_` or `.`, so they are safe in logs and file names.
    public static func validateID(_ id: String) -> DomainError? {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard (1...32).contains(id.count), allowed else {
            return .refused("bad-operator-id", zh: "操作员编号应为1到32个字母、数字或 - _ .",
                            en: "An operator id has 1 to 32 letters, digits, -, _ or .")
        }
        return nil
    }

    /// Passwords: at least 8 characters, not all the same character.
    public static func validatePassword(_ password: String) -> DomainError? {
        if password.count < 8 || Set(password).count < 2 {
            return .refused("weak-password", zh: "密码至少8位，且不能全是同一字符",
                            en: "A password has at least 8 characters, not all the same")
        }
        return nil
    }
}
