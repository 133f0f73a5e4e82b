/// What the terminal reports to the application loop.
public enum Event: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Nothing happened for a while: idle timers (the screen lock) advance.
    case tick
    /// The terminal is gone (SIGHUP, a dropped SSH session) or asked to stop (SIGTERM): leave cleanly.
    case hangup
}
