import TerminalKit

/// The desk-wide keys. Every function key has a second binding, because terminal emulators swallow F1, F10 and F11.
/// F11 (Ctrl-B) is the training scenarios, on a training store only.
enum GlobalKey: Equatable {
    case help, enrol, card, certify, settle, find, operators, receipts, scenarios, lock, quit

    init?(_ key: Key, takesText: Bool) {
        switch key {
        case .function(1), .control("g"): self = .help
        case .function(2), .control("n"): self = .enrol
        case .function(3), .control("d"): self = .card
        case .function(4), .control("t"): self = .certify
        case .function(5), .control("p"): self = .settle
        case .function(6), .control("f"): self = .find
        case .function(7), .control("y"): self = .operators
        case .function(8), .control("r"): self = .receipts
        case .function(10), .control("q"): self = .quit
        case .function(11), .control("b"): self = .scenarios
        case .function(12), .control("x"): self = .lock
        default: return nil
        }
    }
}
