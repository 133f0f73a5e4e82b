/// A terminal the desk runs on: the ncurses one, or an in-memory one in tests.
public protocol Terminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Waits up to `milliseconds` for the next event; `.tick` when none came.
    func nextEvent(milliseconds: Int) -> Event
    /// Shows a frame; a backend may redraw only what changed.
    func show(_ screen: Screen, cursor: (x: Int, y: Int)?)
}
