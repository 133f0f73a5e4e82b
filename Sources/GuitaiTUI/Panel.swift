import TerminalKit

/// One screen of the desk: state, what keys do to it, and how it draws.
protocol Panel {
    /// The catalogue key of its title.
    var titleKey: String { get }
    /// Handles a key the desk did not take for itself (function keys are global).
    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome
    /// Draws into the content area; returns where the cursor should blink, if anywhere.
    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)?
    /// Whether typed text belongs to this panel (a form) rather than to the global single-letter keys.
    var takesText: Bool { get }
    /// Whether the panel draws across the full 80 columns (slips are exactly 80 wide) instead of inside the margins.
    var usesFullWidth: Bool { get }
    /// What the message line says when nothing else was said: the chosen item's reason or quote, in full.
    func status(app: DeskApp) -> (text: String, isError: Bool)?
    /// A screen before or outside a session (first run, login, the lock): only quitting is global there.
    var isGate: Bool { get }
    /// Esc inside the panel (closing an inner form); false when Esc should go back a level instead.
    mutating func cancel() -> Bool
    /// Called when the panel is set aside to come back later: forget anything secret typed into it.
    mutating func willPark()
    /// Called when the confirmation opened from this panel wrote: the form starts clean for the next one.
    mutating func didCommit()
    /// Whether the panel has done its work once its confirmation wrote (a registration: the person is pinned now), so
    /// leaving the receipt goes back past it rather than to an empty form.
    var closesAfterCommit: Bool { get }
    /// Whether the panel is kept to come back to when the clerk leaves it (a form); false for passing screens (a
    /// confirmation, help, a receipt), which are simply closed.
    var parksWhenLeft: Bool { get }
    /// Whether the panel holds typed work that is not yet written (a bill, a half-filled form): quitting asks first.
    var hasUnsavedWork: Bool { get }
}

extension Panel {
    var usesFullWidth: Bool { false }
    func status(app: DeskApp) -> (text: String, isError: Bool)? { nil }
    var isGate: Bool { false }
    mutating func cancel() -> Bool { false }
    mutating func willPark() {}
    mutating func didCommit() {}
    var closesAfterCommit: Bool { false }
    var parksWhenLeft: Bool { true }
    var hasUnsavedWork: Bool { false }
}

/// What a key did to the panel.
enum PanelOutcome {
    case stay
    case back
    case open(any Panel)
    case replace(any Panel)
    /// A confirmation wrote: it gives way to the receipt, and the panel beneath starts clean.
    case committed(receipt: any Panel)
    case quit
}
