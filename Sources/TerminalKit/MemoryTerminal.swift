/// A terminal in memory: scripted events in, frames out. Tests drive the desk with it, as tig and ratatui test.
public final class MemoryTerminal: Terminal {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var frames: [Screen] = []
    private var events: [Event]

    public init(width: Int = 80, height: Int = 24, events: [Event] = []) {
        self.width = width
        self.height = height
        self.events = events
    }

    public func feed(_ more: [Event]) { events += more }

    /// Drops the events not yet read; returns how many there were (a loop that quit early leaves some).
    public func drain() -> Int {
        defer { events = [] }
        return events.count
    }

    public func nextEvent(milliseconds: Int) -> Event {
        guard !events.isEmpty else { return .hangup }
        let event = events.removeFirst()
        if case .resize(let w, let h) = event { width = w; height = h }
        return event
    }

    public func show(_ screen: Screen, cursor: (x: Int, y: Int)?) { frames.append(screen) }

    /// The last frame as text.
    public var lastText: String { frames.last?.text ?? "" }
}
