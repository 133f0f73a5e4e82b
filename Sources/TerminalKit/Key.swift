/// A key the clerk pressed, decoded from the terminal.
public enum Key: Equatable, Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case insert
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    case function(Int)
    /// Control plus a letter (`control("p")` is Ctrl-P).
    case control(Character)
}
