/// The forms a settlements export takes: `csv` with headers in the interface language for people opening it in Excel
/// or WPS, `nhsa` with the national medical insurance platform's field names for systems (`cli.md`).
public enum ExportFormat: String, Sendable {
    case csv
    case nhsa
}
