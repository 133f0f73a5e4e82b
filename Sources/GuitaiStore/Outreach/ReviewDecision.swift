/// What a supervisor decides about a review item.
public enum ReviewDecision: String, Sendable, CaseIterable {
    /// The hall's version stands; for a person made twice, the laptop's other work is kept on the hall's person.
    case hall
    /// The laptop's version is kept; for a person made twice, on the hall's record of the person.
    case laptop
    /// Both are kept as separate records: only where they are different people.
    case both
    /// Nothing of the laptop's item is kept.
    case reject

    /// The state the item is left in.
    var state: String {
        switch self {
        case .hall: "kept-hall"
        case .laptop: "kept-laptop"
        case .both: "kept-both"
        case .reject: "rejected"
        }
    }
}
