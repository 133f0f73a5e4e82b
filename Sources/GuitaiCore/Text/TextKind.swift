/// The kinds of free text Guitai stores, each with its length limit in characters (`docs/DECISIONS.md`, "Text").
public enum TextKind: Sendable, CaseIterable {
    /// A person's or an operator's name: 1 to 40 characters; `.`, `•`, `・`, `‧` typed for the name dot become `·`.
    case name
    /// The hall's name: 1 to 40 characters.
    case hallName
    case ethnicity
    case address
    /// A certification's reference (a video call's number, a self-service result's id): up to 64 characters.
    case reference
    /// Why a card, e-card or settlement changed: up to 100 characters.
    case reason
    /// The counter (window) a clerk works at: 1 to 16 characters.
    case counter
    /// A bill item's name: 1 to 100 characters.
    case itemName
    /// A policy's id: 1 to 40 letters, digits, `-`, `_` or `.`.
    case policyID
    case policyTitle
    /// The name of a file a command read (kept in the journal): up to 255 characters.
    case fileName

    /// The most characters the text may have.
    public var limit: Int {
        switch self {
        case .name, .hallName, .policyID: 40
        case .ethnicity, .counter: 16
        case .address, .reason, .itemName, .policyTitle: 100
        case .reference: 64
        case .fileName: 255
        }
    }

    /// Whether the text may be empty.
    public var mayBeEmpty: Bool {
        switch self {
        case .reference, .reason, .ethnicity, .address: true
        default: false
        }
    }

    public var label: Bilingual {
        switch self {
        case .name: Bilingual(zh: "姓名", en: "The name")
        case .hallName: Bilingual(zh: "大厅名称", en: "The hall name")
        case .ethnicity: Bilingual(zh: "民族", en: "The ethnicity")
        case .address: Bilingual(zh: "地址", en: "The address")
        case .reference: Bilingual(zh: "编号", en: "The reference")
        case .reason: Bilingual(zh: "原因", en: "The reason")
        case .counter: Bilingual(zh: "窗口号", en: "The counter")
        case .itemName: Bilingual(zh: "项目名称", en: "The item name")
        case .policyID: Bilingual(zh: "政策编号", en: "The policy id")
        case .policyTitle: Bilingual(zh: "政策标题", en: "The policy title")
        case .fileName: Bilingual(zh: "文件名", en: "The file name")
        }
    }

    /// The refusal's code: `bad-name` for names, `bad-text` for the rest.
    public var code: String { self == .name ? "bad-name" : "bad-text" }
}
